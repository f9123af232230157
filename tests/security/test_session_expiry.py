"""Sessions end after 30 minutes without a request and 8 hours after the log-in."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from werkbrug.accounts.session_expiry import LOGGED_IN_AT, RENEWED_AT, session_expired
from werkbrug.config import ConfigError, from_environment

PASSWORD = "x-Secret-123"


@pytest.fixture
def client_logged_in(db: None) -> Client:  # noqa: ARG001 (requested for the database)
    user_create(username="carol", password=PASSWORD, role=Role.RESEARCHER)
    client = Client()
    response = client.post("/login/", {"username": "carol", "password": PASSWORD})
    assert response.status_code == 302
    return client


def logged_in(client: Client) -> bool:
    return client.get("/").status_code == 200


def test_a_session_in_use_is_renewed(client_logged_in: Client) -> None:
    session = client_logged_in.session
    session[RENEWED_AT] = int(time.time()) - 61  # the last renewal was over a minute ago
    session.save()
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert logged_in(client_logged_in)
    expires = Session.objects.get().expire_date
    assert expires > timezone.now() + dt.timedelta(minutes=29)


def test_pages_within_a_minute_of_the_renewal_do_not_write_the_session(
    client_logged_in: Client,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=20))
    with CaptureQueriesContext(connection) as ctx:
        assert logged_in(client_logged_in)
    assert not [q for q in ctx.captured_queries if "UPDATE" in q["sql"].upper()]
    expires = Session.objects.get().expire_date
    assert expires < timezone.now() + dt.timedelta(minutes=21)


def test_a_session_ends_after_thirty_idle_minutes(client_logged_in: Client) -> None:
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client_logged_in.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_session_ends_eight_hours_after_the_log_in_however_busy(
    client_logged_in: Client,
) -> None:
    session = client_logged_in.session
    assert time.time() - session[LOGGED_IN_AT] < 60
    session[LOGGED_IN_AT] = int(time.time()) - 8 * 60 * 60 + 30
    session.save()
    assert logged_in(client_logged_in)
    session[LOGGED_IN_AT] = int(time.time()) - 8 * 60 * 60 - 1
    session.save()
    response = client_logged_in.get("/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client_logged_in.session


def test_a_session_without_a_log_in_time_has_expired() -> None:
    assert session_expired({})
    assert session_expired({LOGGED_IN_AT: "yesterday"})
    assert not session_expired({LOGGED_IN_AT: 1000}, now=1000 + 60)


def test_the_limits_come_from_the_environment(tmp_path: Path) -> None:
    default = from_environment({"WERKBRUG_DATA_DIR": str(tmp_path)})
    assert (default["session_idle_seconds"], default["session_max_seconds"]) == (1800, 28800)
    custom = from_environment(
        {
            "WERKBRUG_DATA_DIR": str(tmp_path),
            "WERKBRUG_SESSION_IDLE_MINUTES": "10",
            "WERKBRUG_SESSION_MAX_HOURS": "2",
        }
    )
    assert (custom["session_idle_seconds"], custom["session_max_seconds"]) == (600, 7200)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("WERKBRUG_SESSION_IDLE_MINUTES", "half an hour", "is not a whole number"),
        ("WERKBRUG_SESSION_IDLE_MINUTES", "0", "out of range; use 1 to 1440"),
        ("WERKBRUG_SESSION_MAX_HOURS", "-8", "out of range; use 1 to 168"),
        ("WERKBRUG_SESSION_MAX_HOURS", "8.5", "is not a whole number"),
        ("WERKBRUG_SESSION_IDLE_MINUTES", "600", "idle limit must fit within the maximum"),
    ],
)
def test_bad_limits_are_refused(tmp_path: Path, name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_environment({"WERKBRUG_DATA_DIR": str(tmp_path), name: value})


def _production(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "WERKBRUG_DATA_DIR": str(tmp_path),
        "WERKBRUG_PRODUCTION": "1",
        "WERKBRUG_SECRET_KEY": "k" * 50,
        "WERKBRUG_ALLOWED_HOSTS": "werkbrug.example.nl",
        **extra,
    }


def test_production_mode_trusts_a_proxy_on_the_same_machine_only(tmp_path: Path) -> None:
    assert from_environment(_production(tmp_path))["trusted_proxies"] == (
        "127.0.0.1/32",
        "::1/128",
    )
    assert from_environment({"WERKBRUG_DATA_DIR": str(tmp_path)})["trusted_proxies"] == ()


def test_trusted_proxies_are_addresses_or_networks(tmp_path: Path) -> None:
    env = _production(tmp_path, WERKBRUG_TRUSTED_PROXIES=" 10.0.0.0/8, 192.0.2.4 ,2001:db8::/32")
    assert from_environment(env)["trusted_proxies"] == (
        "10.0.0.0/8",
        "192.0.2.4/32",
        "2001:db8::/32",
    )
    outside = {"WERKBRUG_DATA_DIR": str(tmp_path), "WERKBRUG_TRUSTED_PROXIES": "192.0.2.4"}
    assert from_environment(outside)["trusted_proxies"] == ("192.0.2.4/32",)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("proxy.example.nl", "'proxy.example.nl' is not an IP address or network"),
        ("10.0.0.1/8", "'10.0.0.1/8' has bits set after the prefix; did you mean 10.0.0.0/8?"),
        ("10.0.0.0/33", "'10.0.0.0/33' is not an IP address or network"),
        ("127.0.0.1,,::1", "has an empty entry"),
        ("127.0.0.1;::1", "is not an IP address or network"),
    ],
)
def test_bad_trusted_proxies_are_refused(tmp_path: Path, value: str, message: str) -> None:
    env = _production(tmp_path, WERKBRUG_TRUSTED_PROXIES=value)
    with pytest.raises(ConfigError, match=re.escape(message)):
        from_environment(env)


def test_the_old_proxy_count_is_refused_with_its_replacement(tmp_path: Path) -> None:
    env = _production(tmp_path, WERKBRUG_PROXY_COUNT="1")
    with pytest.raises(
        ConfigError, match="PROXY_COUNT is no longer used; list the addresses of your reverse"
    ):
        from_environment(env)
