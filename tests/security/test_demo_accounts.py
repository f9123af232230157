"""The demo's accounts have public passwords (they are printed and documented): the
deployment checks name every such account, and production mode refuses to serve while one is
still active with its public password."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from werkbrug.demo.services import demo_password

HOST = "werkbrug.example.nl"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def deploy_check(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`werkbrug check --deploy` in this process: the exit status and everything printed.

    Through call_command rather than the command line: a command run from the command line
    closes the database connections when it ends, which would end the test's transaction."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=True)
        code = 0
    except SystemCheckError as failed:
        print(failed, file=sys.stderr)
        code = 1
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.django_db
def test_the_deployment_checks_name_the_demo_accounts_with_public_passwords(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for role in (Role.MEDIATOR, Role.ADMIN):
        user_create(username=role.value, password=demo_password(role), role=role)
    user_create(username="coordinator", password="a private pass phrase 42", role=Role.COORDINATOR)
    code, printed = deploy_check(capsys)
    assert code == 1
    assert "werkbrug.E001" in printed
    assert "admin, mediator" in printed
    assert "coordinator" not in printed.split("werkbrug.E001", 1)[1].split("\n\n")[0]
    assert "changepassword" in printed


@pytest.mark.django_db
def test_a_changed_password_or_a_deactivated_account_satisfies_the_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    mediator = user_create(
        username="mediator", password=demo_password(Role.MEDIATOR), role=Role.MEDIATOR
    )
    colleague = user_create(username="mediator2", password="demo-mediator", role=Role.MEDIATOR)
    code, printed = deploy_check(capsys)
    assert code == 1
    assert "mediator, mediator2" in printed

    mediator.set_password("a private pass phrase 42")
    mediator.save()
    colleague.is_active = False
    colleague.save()
    code, printed = deploy_check(capsys)
    assert code == 0
    assert "werkbrug.E001" not in printed


# Production mode reads its settings once per process: each step is a process of its own.


@pytest.fixture
def production(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("WERKBRUG_") and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="werkbrug.settings",
        WERKBRUG_PRODUCTION="1",
        WERKBRUG_SECRET_KEY=secrets.token_urlsafe(50),
        WERKBRUG_ALLOWED_HOSTS=HOST,
        WERKBRUG_DATA_DIR=str(tmp_path / "data"),
    )

    def python(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout
        )

    assert python("-m", "werkbrug", "migrate", "--verbosity=0").returncode == 0
    return python


SET_PASSWORD = """
import sys, django
django.setup()
from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
username, password = sys.argv[1:3]
user = User.objects.filter(username=username).first()
if user is None:
    user_create(username=username, password=password, role=Role(username.rstrip("2")))
else:
    user.set_password(password)
    user.save()
"""


def test_production_mode_refuses_to_serve_with_public_demo_passwords(
    production: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    for username in ("mediator", "researcher"):
        made = production("-c", SET_PASSWORD, username, f"demo-{username}")
        assert made.returncode == 0, made.stderr

    for serve in (
        ["-m", "werkbrug", "runserver", "127.0.0.1:0", "--noreload"],
        ["-m", "werkbrug", "runserver", "127.0.0.1:0"],  # with the autoreloader, the default
        ["-c", "import werkbrug.wsgi"],  # what gunicorn does first
    ):
        try:
            result = production(*serve, timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{serve} started serving")
        assert result.returncode != 0, serve
        assert "mediator, researcher" in result.stderr, (serve, result.stderr)
        assert "werkbrug changepassword mediator" in result.stderr
        if serve[1] == "werkbrug":  # werkbrug's own command: a message, no traceback
            assert result.returncode == 1
            assert "Traceback" not in result.stderr

    for username in ("mediator", "researcher"):
        production("-c", SET_PASSWORD, username, "a private pass phrase 42")
    started = production("-c", "import werkbrug.wsgi; print('ready')")
    assert started.returncode == 0, started.stderr
    assert "ready" in started.stdout


def test_production_mode_without_demo_accounts_serves(
    production: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    made = production("-c", SET_PASSWORD, "mediator", "a private pass phrase 42")
    assert made.returncode == 0, made.stderr
    started = production("-c", "import werkbrug.wsgi; print('ready')")
    assert started.returncode == 0, started.stderr
