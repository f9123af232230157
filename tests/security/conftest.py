"""Production mode for the security tests. Settings are read from the environment once per
process, so production mode runs in a child process with its own environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

HOST = "werkbrug.example.nl"


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    """The environment of an installation in production mode with every default."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKBRUG_")}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="werkbrug.settings",
        WERKBRUG_PRODUCTION="1",
        WERKBRUG_SECRET_KEY=secrets.token_urlsafe(50),
        WERKBRUG_ALLOWED_HOSTS=HOST,
        WERKBRUG_DATA_DIR=str(tmp_path),
    )
    return env


def python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300
    )
