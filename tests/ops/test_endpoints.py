"""The operational endpoints and their parts, in this process: who may read the metrics,
what they count, readiness checks others plug in, request ids, the JSON records."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from hypothesis import given
from hypothesis import strategies as st
from prometheus_client import REGISTRY

from tests.conftest import CliResult
from werkbrug import config
from werkbrug.ops import health, logs, metrics

TOKEN = "t" * 40


def _count(body: str, route: str, status: str) -> float:
    pattern = (
        rf'^werkbrug_http_requests_total\{{method="GET",route="{route}",status="{status}"\}} (\S+)$'
    )
    found = re.search(pattern, body, re.M)
    return float(found.group(1)) if found else 0.0


@pytest.mark.django_db
def test_metrics_are_refused_from_an_address_that_is_not_allowed(client: Client) -> None:
    refused = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 403
    assert b"werkbrug_http_requests_total" not in refused.content
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200


@pytest.mark.django_db
@override_settings(METRICS_TOKEN=TOKEN, METRICS_NETWORKS=())
def test_a_bearer_token_opens_metrics_from_anywhere(client: Client) -> None:
    remote = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", **remote).status_code == 403
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + "x" * 40, **remote)
    assert wrong.status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + TOKEN, **remote).status_code == 200
    # No address at all is allowed with METRICS_NETWORKS empty, this machine included.
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


@pytest.mark.django_db
def test_metrics_count_requests_by_route_and_status(client: Client) -> None:
    before = client.get("/metrics").content.decode()
    client.get("/login/")
    client.get("/login/")
    client.get("/no-such-page/")
    after = client.get("/metrics").content.decode()
    assert _count(after, "login", "200") - _count(before, "login", "200") == 2
    assert _count(after, "unmatched", "404") - _count(before, "unmatched", "404") == 1
    assert 'werkbrug_http_request_duration_seconds_bucket{le="0.005",route="login"}' in after


@pytest.mark.django_db
def test_import_rows_are_counted(
    run: Callable[..., CliResult], delivery_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    def rows(table: str) -> float:
        value = REGISTRY.get_sample_value("werkbrug_import_rows_total", {"table": table})
        return value or 0.0

    before = rows("participants")
    with django_capture_on_commit_callbacks(execute=True):
        assert run("import", delivery_dir, "--dry-run").code == 0  # writes nothing
    assert rows("participants") == before
    with django_capture_on_commit_callbacks(execute=True):
        assert run("import", delivery_dir).code == 0
    assert rows("participants") - before == 6
    assert rows("outcomes") >= 2


@pytest.mark.django_db
def test_a_readiness_check_can_be_plugged_in(client: Client) -> None:
    health.register("worker", lambda: "no job worker seen in the last 60 seconds")
    health.register("broken", lambda: 1 / 0)  # type: ignore[func-returns-value]
    try:
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert json.loads(answer.content) == {
            "ready": False,
            "checks": {
                "database": "ok",
                "migrations": "ok",
                "worker": "no job worker seen in the last 60 seconds",
                "broken": "the check failed: ZeroDivisionError",
            },
        }
    finally:
        health.unregister("worker")
        health.unregister("broken")
    assert client.get("/readyz").status_code == 200


def test_health_needs_no_database(client: Client) -> None:
    # No django_db mark: any query would fail the test.
    answer = client.get("/healthz", HTTP_HOST="10.0.0.5")  # not in ALLOWED_HOSTS either
    assert (answer.status_code, answer.content) == (200, b"ok\n")
    assert answer["Cache-Control"] == "no-store"


@given(st.text(max_size=100))
def test_a_request_id_is_always_safe_to_log(header: str) -> None:
    request_id = logs.request_id_from(header)
    assert re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", request_id)
    assert request_id == header or re.fullmatch(r"[0-9a-f]{32}", request_id)


def test_json_records_carry_the_request_id_and_no_request_object() -> None:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Oops", (), None)
    record.request = object()  # Django passes the request; its text holds the query string
    record.status_code = 500
    token = logs.bind_request_id("abc")
    try:
        entry = json.loads(logs.JsonFormatter().format(record))
    finally:
        logs.unbind_request_id(token)
    assert entry["request_id"] == "abc"
    assert entry["status_code"] == 500
    assert "request" not in entry
    assert logs.current_request_id() is None


def test_the_metrics_registry_gives_one_metric_per_name() -> None:
    first = metrics.counter("werkbrug_test_calls_total", "Calls.", ("endpoint",))
    assert metrics.counter("werkbrug_test_calls_total", "Calls.", ("endpoint",)) is first
    with pytest.raises(ValueError, match="exists as a Counter"):
        metrics.gauge("werkbrug_test_calls_total", "Calls.")


@pytest.mark.parametrize(
    ("read", "env", "message"),
    [
        (config.metrics_token, {"WERKBRUG_METRICS_TOKEN": "short"}, "is too short"),
        (config.metrics_networks, {"WERKBRUG_METRICS_ADDRESSES": "10.0.0.1/8"}, "10.0.0.0/8?"),
        (config.metrics_networks, {"WERKBRUG_METRICS_ADDRESSES": "x"}, "not an IP address"),
        (config.log_format, {"WERKBRUG_LOG_FORMAT": "xml"}, "use text or json"),
    ],
)
def test_bad_settings_are_refused(
    read: Callable[[dict[str, str]], object], env: dict[str, str], message: str
) -> None:
    with pytest.raises(config.ConfigError, match=re.escape(message)):
        read(env)


def test_metrics_addresses_default_to_this_machine() -> None:
    assert config.metrics_networks({}) == ("127.0.0.1/32", "::1/128")
    assert config.metrics_networks({"WERKBRUG_METRICS_ADDRESSES": "none"}) == ()
