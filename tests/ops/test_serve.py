"""``werkbrug serve``: gunicorn on 127.0.0.1, health, readiness, metrics and JSON logs, as an
operator and their monitoring see them."""

from __future__ import annotations

import json
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ops.conftest import Server, clean_env, werkbrug

Start = Callable[..., Server]


def _requests_counted(metrics: str, route: str) -> float:
    """The sum over methods and statuses of werkbrug_http_requests_total for ``route``."""
    pattern = re.compile(
        rf'^werkbrug_http_requests_total\{{[^}}]*route="{re.escape(route)}"[^}}]*\}} (\S+)$', re.M
    )
    return sum(float(value) for value in pattern.findall(metrics))


def test_serve_answers_health_a_page_and_metrics_then_stops_on_sigterm(
    tmp_path: Path, serve: Start
) -> None:
    env = clean_env(tmp_path / "data", WERKBRUG_TRUSTED_PROXIES="127.0.0.1")
    assert werkbrug(env, "migrate", "-v0").returncode == 0
    server = serve(env, "--workers", "2")

    health = server.get("/healthz")
    assert (health.status, health.body) == (200, "ok\n")
    ready = server.get("/readyz")
    assert ready.status == 200
    assert json.loads(ready.body) == {
        "ready": True,
        "checks": {"database": "ok", "migrations": "ok"},
    }

    page = server.get("/login/", headers={"X-Request-ID": "proxy-id-42"})
    assert page.status == 200
    assert "<form" in page.body
    assert page.headers["x-request-id"] == "proxy-id-42"
    # A request id that could write into the log is replaced by one of werkbrug's own.
    hostile = server.get("/login/?q=Jansen", headers={"X-Request-ID": 'Jansen {"x": 1}'})
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["x-request-id"])
    # Personal data a client may send: a name in an address that matches no route, and a
    # username in a form (refused without the CSRF cookie).
    assert server.get("/participants/Pietersen/").status == 404
    posted = server.get(
        "/login/",
        method="POST",
        body="username=klaasvaak&password=geheim",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert posted.status == 403

    # Metrics are the sum over both workers, whichever answers; asked for twice to be sure
    # to be answered by each at least once in all likelihood, and they must agree.
    metrics = server.get("/metrics")
    assert metrics.status == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    assert _requests_counted(metrics.body, "login") == 3
    assert _requests_counted(metrics.body, "healthz") >= 2  # the start-up poll and ours
    assert 'werkbrug_http_request_duration_seconds_count{route="login"} 3.0' in metrics.body
    assert _requests_counted(server.get("/metrics").body, "login") == 3
    # Through the reverse proxy (a trusted proxy that names the client), not from here.
    refused = server.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert refused.status == 403
    assert "WERKBRUG_METRICS_ADDRESSES" in refused.body

    # A graceful restart: new workers, the old ones' counts kept.
    booted = server.log().count("Booting worker")
    server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 60
    while server.log().count("Booting worker") < booted + 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "Hang up: Master" in server.log()
    assert server.log().count("Booting worker") == booted + 2
    assert server.get("/login/").status == 200
    assert _requests_counted(server.get("/metrics").body, "login") == 4

    assert server.stop() == 0
    lines = [line for line in server.log().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    requests = [r for r in records if r["logger"] == "werkbrug.request"]
    by_id = {r["request_id"]: r for r in requests}
    assert by_id["proxy-id-42"] | {"duration_ms": 0} == {
        "time": by_id["proxy-id-42"]["time"],
        "level": "INFO",
        "logger": "werkbrug.request",
        "message": "GET /login/ 200",
        "request_id": "proxy-id-42",
        "method": "GET",
        "route": "login",
        "path": "/login/",
        "status": 200,
        "duration_ms": 0,
    }
    assert by_id[hostile.headers["x-request-id"]]["path"] == "/login/"
    unmatched = [r for r in requests if r["route"] == "unmatched"]
    assert [(r["status"], r["path"]) for r in unmatched] == [(404, None)]
    assert any(
        r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records
    )
    log = server.log()
    for personal in ("Jansen", "Pietersen", "klaasvaak", "geheim", "?q=", "203.0.113.9"):
        assert personal not in log


@pytest.mark.parametrize(
    ("database_url", "failing", "problem"),
    [
        (None, "migrations", "not applied; run werkbrug migrate"),
        (
            "postgres://postgres@127.0.0.1:9/werkbrug_nowhere",
            "database",
            "the database cannot be reached",
        ),
    ],
    ids=["not-migrated", "unreachable"],
)
def test_readyz_is_503_when_the_database_cannot_serve(
    tmp_path: Path, serve: Start, database_url: str | None, failing: str, problem: str
) -> None:
    extra = {"DATABASE_URL": database_url} if database_url else {}
    server = serve(clean_env(tmp_path / "data", **extra), "--workers", "1")
    assert server.get("/healthz").status == 200  # the process is alive all the same
    ready = server.get("/readyz")
    assert ready.status == 503
    answer = json.loads(ready.body)
    assert answer["ready"] is False
    assert problem in answer["checks"][failing]
    assert server.stop() == 0


def test_serve_refuses_a_bad_worker_count(tmp_path: Path) -> None:
    result = werkbrug(clean_env(tmp_path / "data"), "serve", "--workers", "0")
    assert result.returncode == 2
    assert "out of range; use 1 to 64" in result.stderr
    assert "Traceback" not in result.stderr


def _production(tmp_path: Path) -> dict[str, str]:
    return clean_env(
        tmp_path / "data",
        WERKBRUG_PRODUCTION="1",
        WERKBRUG_SECRET_KEY="k" * 60,
        WERKBRUG_ALLOWED_HOSTS="werkbrug.example.nl",
        WERKBRUG_LANG="en",
    )


def test_production_serve_refuses_what_it_cannot_check_then_asks_for_static_files(
    tmp_path: Path,
) -> None:
    env = _production(tmp_path)
    # Not migrated: the demo accounts cannot be checked, so it does not serve (fail closed).
    unchecked = werkbrug(env, "serve")
    assert unchecked.returncode == 1
    assert "Production mode cannot check for demo accounts with public passwords" in (
        unchecked.stderr
    )
    assert "Traceback" not in unchecked.stderr
    assert werkbrug(env, "migrate", "-v0").returncode == 0
    result = werkbrug(env, "serve")
    assert result.returncode == 1
    assert "Run werkbrug collectstatic --noinput" in result.stderr
    assert "Traceback" not in result.stderr
