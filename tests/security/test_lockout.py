"""Lockout after repeated failed log-ins, through the log-in pages as a browser uses them."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.utils import translation

from tests.security.conftest import HOST, python
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


@pytest.mark.usefixtures("alice")
def test_five_wrong_passwords_lock_the_username_even_for_the_right_password() -> None:
    client = browser()
    assert INVALID in fail(client, "alice", 4)
    assert LOCKED in fail(client, "alice", 1)
    page = log_in(client, "alice", PASSWORD)
    assert LOCKED in page
    assert "Try again in 15 minutes" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("alice")
def test_a_locked_username_is_locked_from_any_browser() -> None:
    fail(browser(), "alice", 5)
    assert LOCKED in log_in(browser(), "alice", PASSWORD, address="198.51.100.7")


@pytest.mark.usefixtures("alice")
def test_an_unknown_username_is_locked_in_the_same_words() -> None:
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


@pytest.mark.usefixtures("alice")
def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock() -> None:
    client = browser()
    fail(client, "alice", 4)
    time_passes(minutes=16)
    assert LOCKED not in fail(client, "alice", 4)
    assert log_in(client, "alice", PASSWORD) == ""


@pytest.mark.usefixtures("alice")
def test_a_successful_log_in_clears_the_failures() -> None:
    client = browser()
    fail(client, "alice", 4)
    assert log_in(client, "alice", PASSWORD) == ""
    assert not LoginFailure.objects.exists()
    client.logout()
    assert INVALID in fail(client, "alice", 4)
    assert log_in(client, "alice", PASSWORD) == ""


@pytest.mark.usefixtures("alice")
def test_the_admin_log_in_is_locked_too() -> None:
    client = browser()
    assert LOCKED in fail(client, "alice", 5, url="/admin/login/")
    assert LOCKED in log_in(client, "alice", PASSWORD, url="/admin/login/")
    assert LOCKED in log_in(client, "alice", PASSWORD)


@pytest.mark.usefixtures("alice")
def test_failures_on_the_site_lock_the_admin_log_in() -> None:
    fail(browser(), "alice", 5)
    assert LOCKED in log_in(browser(), "alice", PASSWORD, url="/admin/login/")


def test_the_right_password_of_a_non_staff_user_at_the_admin_is_no_failure() -> None:
    user = User.objects.create_user(username="bob", password=PASSWORD)  # not staff
    for _ in range(6):
        page = log_in(browser(), user.username, PASSWORD, url="/admin/login/")
        assert LOCKED not in page
    assert not LoginFailure.objects.exists()


@pytest.mark.usefixtures("alice")
def test_twenty_failures_from_one_address_throttle_it() -> None:
    client = browser()
    for i in range(4):
        fail(client, f"guess{i}", 5, address="203.0.113.9")
    assert LOCKED in log_in(client, "alice", PASSWORD, address="203.0.113.9")
    assert log_in(browser(), "alice", PASSWORD, address="203.0.113.10") == ""


@pytest.mark.usefixtures("alice")
def test_the_table_holds_no_usernames_or_addresses() -> None:
    fail(browser(), "alice", 1, address="203.0.113.9")
    values = LoginFailure.objects.values_list("username_key", "address_key").get()
    assert all(len(value) == 64 for value in values)
    assert not any("alice" in value or "203.0.113" in value for value in values)


@pytest.mark.usefixtures("alice")
def test_unlock_lifts_the_lock() -> None:
    # `werkbrug unlock alice` runs this command; run in-process through call_command, since
    # the CLI's Django route closes the database connections the test transaction holds.
    fail(browser(), "alice", 5)
    out = io.StringIO()
    with translation.override("en"):
        call_command("unlock", "alice", stdout=out)
    assert out.getvalue() == "Unlocked; 5 failed log-in(s) forgotten.\n"
    assert log_in(browser(), "alice", PASSWORD) == ""


@pytest.mark.usefixtures("alice")
def test_unlock_by_address_lifts_the_throttle() -> None:
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


PRODUCTION_LOG_INS = f"""
import json
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
# The pages in production mode read the collected static files; the plain storage spares this
# test a collectstatic.
plain = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
override_settings(STORAGES={{**settings.STORAGES, "staticfiles": plain}}).enable()
call_command("migrate", verbosity=0)
from django.test import Client
from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from tests.security.conftest import HOST, python
user_create(username="alice", password={PASSWORD!r}, role=Role.COORDINATOR)

def log_in(username, password, remote, forwarded=None):
    meta = {{"REMOTE_ADDR": remote, "HTTP_ACCEPT_LANGUAGE": "en"}}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    response = Client().post(
        "/login/", {{"username": username, "password": password}},
        HTTP_HOST="{HOST}", secure=True, **meta,
    )
    return "in" if response.status_code == 302 else (
        "locked" if {LOCKED!r} in response.content.decode() else "refused"
    )

answers = {{}}
# No proxy: a client on the internet writes a new X-Forwarded-For for every guess.
for i in range(20):
    log_in(f"guess{{i}}", {WRONG!r}, "203.0.113.50", f"198.18.0.{{i}}")
answers["direct, spoofing"] = log_in("alice", {PASSWORD!r}, "203.0.113.50", "198.18.0.99")
answers["direct, another client"] = log_in("alice", {PASSWORD!r}, "203.0.113.51")
# A proxy on the same machine (the default trusted one) appends the client's address; the
# client's own X-Forwarded-For is to its left and keeps changing.
for i in range(20):
    log_in(f"other{{i}}", {WRONG!r}, "127.0.0.1", f"198.18.1.{{i}}, 192.0.2.7")
answers["proxied, the guessing client"] = log_in("alice", {PASSWORD!r}, "127.0.0.1", "192.0.2.7")
answers["proxied, another client"] = log_in("alice", {PASSWORD!r}, "127.0.0.1", "192.0.2.8")
print(json.dumps(answers))
"""


def test_in_production_mode_a_new_forwarded_header_per_guess_is_still_throttled(
    production_env: dict[str, str],
) -> None:
    """The probe's finding: with production defaults and no proxy, a client that sent a new
    X-Forwarded-For with each failed log-in was never throttled by address."""
    result = python(production_env, "-c", PRODUCTION_LOG_INS)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers == {
        "direct, spoofing": "locked",
        "direct, another client": "in",
        "proxied, the guessing client": "locked",
        "proxied, another client": "in",
    }


PROXIES = ("127.0.0.1/32", "::1/128", "10.0.0.0/8")


def client_of(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return lockout.client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@override_settings(TRUSTED_PROXIES=PROXIES)
@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        # The connection is not from a trusted proxy: its address, whatever the header says.
        ("198.51.100.1", "1.2.3.4", "198.51.100.1"),
        ("198.51.100.1", None, "198.51.100.1"),
        # One trusted proxy: the address it appended, not what the client wrote before it.
        ("127.0.0.1", "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        # Two trusted proxies (a load balancer in 10/8, then the local one): skip both.
        ("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3", "203.0.113.9"),
        ("::1", "203.0.113.9", "203.0.113.9"),
        # A request from the proxy itself, without a header, or with trusted hops only.
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "10.0.0.5, 10.0.0.6", "10.0.0.5"),
        # Spaces, empty entries and a port are what proxies write; they are read.
        ("127.0.0.1", " 203.0.113.9 ,, ", "203.0.113.9"),
        ("127.0.0.1", "203.0.113.9:51234", "203.0.113.9"),
        ("127.0.0.1", "[2001:db8:1:2::1]:443", "2001:db8:1:2::/64"),
        # An entry that is no address where the client should be: the hop that wrote it is
        # throttled, so a made-up entry is no way around the throttle.
        ("127.0.0.1", "203.0.113.9, unknown", "127.0.0.1"),
        ("127.0.0.1", "unknown, 10.0.0.5", "10.0.0.5"),
    ],
)
def test_the_client_is_found_from_the_right_skipping_trusted_proxies(
    remote: str, forwarded: str | None, client: str
) -> None:
    assert client_of(remote, forwarded) == client


def test_without_trusted_proxies_a_forwarded_header_is_ignored() -> None:
    assert client_of("198.51.100.1", "1.2.3.4") == "198.51.100.1"
    assert client_of("127.0.0.1", "1.2.3.4") == "127.0.0.1"


def test_an_ipv6_address_counts_per_64_network() -> None:
    first = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::1")
    second = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert lockout.client_address(first) == lockout.client_address(second) == "2001:db8:1:2::/64"


@pytest.mark.usefixtures("alice")
def test_the_lockout_message_is_in_dutch_by_default() -> None:
    client = Client()
    fail(client, "alice", 5)
    page = log_in(client, "alice", PASSWORD)
    assert "Te veel mislukte inlogpogingen" in page
    assert "Probeer het over 15 minuten opnieuw" in page
