"""Production mode: Django's deployment checks pass, and HTTPS is enforced with HSTS.

Settings are read from the environment once per process, so production mode runs in a child
process with its own environment.
"""

from __future__ import annotations

import json

from django.test import Client

from tests.security.conftest import HOST, python

REQUESTS = f"""
import json
import django
django.setup()
from django.test import Client
client = Client()
answers = {{
    "http": client.get("/", HTTP_HOST="{HOST}"),
    "https": client.get("/", HTTP_HOST="{HOST}", secure=True),
    "proxied": client.get("/", HTTP_HOST="{HOST}", HTTP_X_FORWARDED_PROTO="https"),
}}
print(json.dumps({{name: {{"status": r.status_code, "headers": dict(r.headers)}}
                  for name, r in answers.items()}}))
"""


def test_the_deployment_checks_report_nothing(production_env: dict[str, str]) -> None:
    result = python(
        production_env, "-m", "werkbrug", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_https_is_enforced_with_hsts(production_env: dict[str, str]) -> None:
    result = python(production_env, "-c", REQUESTS)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["http"]["status"] == 301
    assert answers["http"]["headers"]["Location"] == f"https://{HOST}/"
    for name in ("https", "proxied"):
        headers = answers[name]["headers"]
        assert answers[name]["status"] == 302, name  # to the log-in page
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_outside_production_mode_there_is_no_hsts() -> None:
    assert "Strict-Transport-Security" not in Client().get("/", secure=True)
