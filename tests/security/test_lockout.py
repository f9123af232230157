"""Lockout after repeated failed log-ins, through the log-in pages as a browser uses them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.utils import translation

from werkbrug.accounts import lockout
from werkbrug.accounts.models import LoginFailure, Role, User
from werkbrug.accounts.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "x-Secret-123"
WRONG = "not-the-password"
LOCKED = "Too many failed log-ins"
INVALID = "Please enter a correct username and password"


@pytest.fixture
def alice() -> User:
    return user_create(username="alice", password=PASSWORD, role=Role.COORDINATOR)


def browser() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def log_in(
    client: Client, username: str, password: str, *, url: str = "/login/", address: str = ""
) -> str:
    """Post the log-in form; the page's text, or "" after a successful log-in."""
    extra = {"REMOTE_ADDR": address} if address else {}
    response = client.post(url, {"username": username, "password": password}, **extra)
    if response.status_code == 302:
        return ""
    assert response.status_code == 200
    return response.content.decode()


def fail(client: Client, username: str, times: int, **kwargs: str) -> str:
    page = ""
    for _ in range(times):
        page = log_in(client, username, WRONG, **kwargs)
    return page


def time_passes(minutes: int) -> None:
    LoginFailure.objects.update(failed_at=F("failed_at") - dt.timedelta(minutes=minutes))


def test_five_wrong_passwords_lock_the_username_even_for_the_right_password(alice: User) -> None:
    client = browser()
    assert INVALID in fail(client, "alice", 4)
    assert LOCKED in fail(client, "alice", 1)
    page = log_in(client, "alice", PASSWORD)
    assert LOCKED in page
    assert "Try again in 15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_a_locked_username_is_locked_from_any_browser(alice: User) -> None:
    fail(browser(), "alice", 5)
    assert LOCKED in log_in(browser(), "alice", PASSWORD, address="198.51.100.7")


def test_an_unknown_username_is_locked_in_the_same_words(alice: User) -> None:
    known = fail(browser(), "alice", 5)
    unknown = fail(browser(), "nobody", 5)
    assert LOCKED in known
    assert LOCKED in unknown


def test_the_lock_ends_after_fifteen_minutes(alice: User) -> None:
    client = browser()
    fail(client, "alice", 5)
    time_passes(minutes=14)
    page = log_in(client, "alice", PASSWORD)
    assert LOCKED in page
    assert "Try again in 1 minute," in page
    time_passes(minutes=2)
    assert log_in(client, "alice", PASSWORD) == ""
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(alice: User) -> None:
    client = browser()
    fail(client, "alice", 4)
    time_passes(minutes=16)
    assert LOCKED not in fail(client, "alice", 4)
    assert log_in(client, "alice", PASSWORD) == ""


def test_a_successful_log_in_clears_the_failures(alice: User) -> None:
    client = browser()
    fail(client, "alice", 4)
    assert log_in(client, "alice", PASSWORD) == ""
    assert not LoginFailure.objects.exists()
    client.logout()
    assert INVALID in fail(client, "alice", 4)
    assert log_in(client, "alice", PASSWORD) == ""


def test_the_admin_log_in_is_locked_too(alice: User) -> None:
    client = browser()
    assert LOCKED in fail(client, "alice", 5, url="/admin/login/")
    assert LOCKED in log_in(client, "alice", PASSWORD, url="/admin/login/")
    assert LOCKED in log_in(client, "alice", PASSWORD)


def test_failures_on_the_site_lock_the_admin_log_in(alice: User) -> None:
    fail(browser(), "alice", 5)
    assert LOCKED in log_in(browser(), "alice", PASSWORD, url="/admin/login/")


def test_the_right_password_of_a_non_staff_user_at_the_admin_is_no_failure() -> None:
    user = User.objects.create_user(username="bob", password=PASSWORD)  # not staff
    for _ in range(6):
        page = log_in(browser(), user.username, PASSWORD, url="/admin/login/")
        assert LOCKED not in page
    assert not LoginFailure.objects.exists()


def test_twenty_failures_from_one_address_throttle_it(alice: User) -> None:
    client = browser()
    for i in range(4):
        fail(client, f"guess{i}", 5, address="203.0.113.9")
    assert LOCKED in log_in(client, "alice", PASSWORD, address="203.0.113.9")
    assert log_in(browser(), "alice", PASSWORD, address="203.0.113.10") == ""


def test_the_table_holds_no_usernames_or_addresses(alice: User) -> None:
    fail(browser(), "alice", 1, address="203.0.113.9")
    values = LoginFailure.objects.values_list("username_key", "address_key").get()
    assert all(len(value) == 64 for value in values)
    assert not any("alice" in value or "203.0.113" in value for value in values)


def test_unlock_lifts_the_lock(alice: User) -> None:
    # `werkbrug unlock alice` runs this command; run in-process through call_command, since
    # the CLI's Django route closes the database connections the test transaction holds.
    fail(browser(), "alice", 5)
    out = io.StringIO()
    with translation.override("en"):
        call_command("unlock", "alice", stdout=out)
    assert out.getvalue() == "Unlocked; 5 failed log-in(s) forgotten.\n"
    assert log_in(browser(), "alice", PASSWORD) == ""


def test_unlock_by_address_lifts_the_throttle(alice: User) -> None:
    for i in range(4):
        fail(browser(), f"guess{i}", 5, address="203.0.113.9")
    call_command("unlock", address="203.0.113.9")
    assert log_in(browser(), "alice", PASSWORD, address="203.0.113.9") == ""


def test_unlock_needs_a_username_or_a_valid_address() -> None:
    with pytest.raises(CommandError):
        call_command("unlock")
    with pytest.raises(CommandError):
        call_command("unlock", address="not-an-address")


def test_an_administrator_unlocks_users_in_the_admin(alice: User) -> None:
    fail(browser(), "alice", 5)
    admin = browser()
    admin.force_login(user_create(username="root", password=PASSWORD, role=Role.ADMIN))
    response = admin.post(
        "/admin/accounts/user/",
        {"action": "unlock", "_selected_action": [alice.pk]},
        follow=True,
    )
    assert "Log-in unlocked for 1 user." in response.content.decode()
    assert log_in(browser(), "alice", PASSWORD) == ""


def test_old_failures_are_deleted() -> None:
    fail(browser(), "alice", 1)
    time_passes(minutes=31)
    fail(browser(), "alice", 1)
    assert LoginFailure.objects.count() == 1


@override_settings(PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_client_address_counts() -> None:
    factory = RequestFactory()
    spoofed = factory.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9"
    )
    assert lockout.client_address(spoofed) == "203.0.113.9"
    direct = factory.get("/", REMOTE_ADDR="198.51.100.1")
    assert lockout.client_address(direct) == "198.51.100.1"


def test_without_a_proxy_a_forwarded_header_is_ignored() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert lockout.client_address(request) == "198.51.100.1"


def test_an_ipv6_address_counts_per_64_network() -> None:
    first = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::1")
    second = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert lockout.client_address(first) == lockout.client_address(second) == "2001:db8:1:2::/64"


def test_the_lockout_message_is_in_dutch_by_default(alice: User) -> None:
    client = Client()
    fail(client, "alice", 5)
    page = log_in(client, "alice", PASSWORD)
    assert "Te veel mislukte inlogpogingen" in page
    assert "Probeer het over 15 minuten opnieuw" in page
