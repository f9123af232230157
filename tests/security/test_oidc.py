"""Log-in through an OpenID Connect provider, against a provider the test starts on 127.0.0.1
(tests/security/oidc_provider.py): the whole flow through the pages, the account rule, the
refusals (nonce, state, signature, audience, issuer, expiry, an unknown role), the lockout, the
session expiry and the log-out; and nothing of it while it is not configured."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.security.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider
from werkbrug.accounts import lockout
from werkbrug.accounts.models import OidcIdentity, Role, User
from werkbrug.accounts.oidc import _discovery
from werkbrug.accounts.services import user_create
from werkbrug.accounts.session_expiry import LOGGED_IN_AT
from werkbrug.audit.models import AuditEvent
from werkbrug.config import OidcSettings

pytestmark = pytest.mark.django_db
PERSON = {
    "sub": "4c1f-subject",
    "preferred_username": "j.devries",
    "email": "j.devries@example.org",
    "email_verified": True,
    "werkbrug_role": "mediator",
}


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    # The backend's requests go to 127.0.0.1 directly, whatever proxy the machine has.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    started = Provider(person=dict(PERSON)).start()
    yield started
    started.stop()
    _discovery.cache_clear()


def configured(provider: Provider, **changes: Any) -> OidcSettings:
    values: dict[str, Any] = {
        "issuer": provider.url,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "label": "Testprovider",
        "role_claim": "werkbrug_role",
        "username_claim": "preferred_username",
        "role_map": (),
        "scopes": "openid email profile",
    }
    return OidcSettings(**{**values, **changes})


@pytest.fixture
def oidc(settings: Any, provider: Provider) -> Provider:
    settings.WERKBRUG_OIDC = configured(provider)
    return provider


def english() -> Client:
    return Client(headers={"Accept-Language": "en"})


def through_provider(client: Client, provider: Provider, start: str = "/oidc/login/") -> Any:
    """Click "Log in with …", let the provider log the person in, and follow it back to
    werkbrug's callback; the callback's response."""
    off = client.get(start)
    assert off.status_code == 302
    assert off["Location"].startswith(f"{provider.url}/authorize?")
    back = requests.get(off["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert callback.path == "/oidc/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def logged_in(client: Client) -> User | None:
    key = client.session.get(SESSION_KEY)
    return User.objects.get(pk=key) if key else None


def refused(response: Any, client: Client, text: str) -> None:
    """Back on the log-in page with the message, and not logged in."""
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    page = client.get("/login/")
    assert text in page.text, page.text
    assert logged_in(client) is None


# --- off by default -----------------------------------------------------------------------


def test_without_a_provider_nothing_changes(settings: Any) -> None:
    assert settings.WERKBRUG_OIDC is None
    page = english().get("/login/")
    assert page.status_code == 200
    assert "Log in with" not in page.text
    assert english().get("/oidc/login/").status_code == 404
    assert english().get("/oidc/callback/?code=x&state=y").status_code == 404
    user_create(username="pw", password="a long test password 42", role=Role.MEDIATOR)
    client = english()
    assert (
        client.post("/login/", {"username": "pw", "password": "a long test password 42"})[
            "Location"
        ]
        == "/"
    )
    assert logged_in(client) is not None


def test_a_password_log_in_never_reaches_the_provider(oidc: Provider) -> None:
    user_create(username="pw", password="a long test password 42", role=Role.MEDIATOR)
    client = english()
    # Even with a code and a state in the address, a password log-in is a password log-in.
    client.post("/login/?code=x&state=y", {"username": "pw", "password": "wrong password 42"})
    assert logged_in(client) is None
    assert oidc.paths == []


# --- the flow -------------------------------------------------------------------------------


def test_the_log_in_page_offers_the_provider_in_both_languages(oidc: Provider) -> None:
    assert "Log in with Testprovider" in english().get("/login/").text
    dutch = Client(headers={"Accept-Language": "nl"}).get("/login/").text
    assert "Inloggen met Testprovider" in dutch
    assert oidc.paths == []  # showing the button asks the provider nothing


def test_a_new_person_logs_in_with_the_role_the_provider_gives(oidc: Provider) -> None:
    client = english()
    response = through_provider(client, oidc, start="/oidc/login/?next=/caseload/")
    assert response.status_code == 302
    assert response["Location"] == "/caseload/"
    user = logged_in(client)
    assert user is not None
    assert (user.username, user.role, user.email) == ("j.devries", Role.MEDIATOR, PERSON["email"])
    assert not user.has_usable_password()  # no password logs in to this account
    assert not user.is_staff
    assert OidcIdentity.objects.get(user=user).subject == PERSON["sub"]
    caseload = client.get("/caseload/")
    assert caseload.status_code == 200
    assert "/account/password/" not in caseload.text  # there is no password to change
    # The session-expiry rules hold: the log-in time is stamped like a password log-in's.
    assert isinstance(client.session[LOGGED_IN_AT], int)
    assert oidc.paths[:4] == [
        "/.well-known/openid-configuration",
        "/authorize",
        "/token",
        "/jwks",
    ]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_a_next_address_elsewhere_is_not_followed(oidc: Provider, target: str) -> None:
    client = english()
    response = through_provider(client, oidc, start=f"/oidc/login/?next={target}")
    assert response["Location"] == "/"
    assert logged_in(client) is not None


def test_the_same_person_comes_back_to_the_same_account(oidc: Provider) -> None:
    through_provider(english(), oidc)
    first = User.objects.get(username="j.devries")
    oidc.person["preferred_username"] = "jan.devries"  # renamed at the provider
    oidc.person["werkbrug_role"] = "coordinator"  # and given another role there
    client = english()
    through_provider(client, oidc)
    user = logged_in(client)
    assert user is not None
    assert user.pk == first.pk
    assert user.role == Role.COORDINATOR
    assert user.is_staff  # coordinators use the admin for deliveries
    assert user.groups.filter(name="werkbrug: coordinator").exists()
    assert not user.groups.filter(name="werkbrug: mediator").exists()
    change = AuditEvent.objects.filter(object_id=str(user.pk), action="change").last()
    assert change is not None
    assert User.objects.count() == 1


def test_an_account_made_beforehand_is_linked_by_username(oidc: Provider) -> None:
    made = user_create(username="j.devries", password="a long test password 42", role=Role.MEDIATOR)
    client = english()
    through_provider(client, oidc)
    assert logged_in(client) == made
    assert OidcIdentity.objects.get(user=made).subject == PERSON["sub"]


def test_an_account_of_another_person_of_the_provider_is_refused(oidc: Provider) -> None:
    through_provider(english(), oidc)
    oidc.person["sub"] = "somebody-else"  # same username, another person
    client = english()
    response = through_provider(client, oidc)
    refused(response, client, "belongs to another person at the log-in service")


def test_a_deactivated_account_is_refused(oidc: Provider) -> None:
    through_provider(english(), oidc)
    User.objects.filter(username="j.devries").update(is_active=False)
    client = english()
    refused(through_provider(client, oidc), client, "Your werkbrug account is deactivated")


def test_a_role_map_translates_the_providers_values(settings: Any, oidc: Provider) -> None:
    settings.WERKBRUG_OIDC = configured(
        oidc, role_claim="realm_access.roles", role_map=(("wb-coordinator", "coordinator"),)
    )
    oidc.person["realm_access"] = {"roles": ["offline_access", "wb-coordinator"]}
    client = english()
    through_provider(client, oidc)
    user = logged_in(client)
    assert user is not None
    assert user.role == Role.COORDINATOR


@pytest.mark.parametrize(
    ("value", "language", "text"),
    [
        ("wizard", "en", "has no role in werkbrug"),
        ("wizard", "nl", "heeft geen rol in werkbrug"),
        (None, "en", "has no role in werkbrug"),
        (["mediator", "funder"], "en", "more than one role"),
    ],
)
def test_an_unknown_or_missing_role_is_refused(
    oidc: Provider, value: Any, language: str, text: str
) -> None:
    if value is None:
        del oidc.person["werkbrug_role"]
    else:
        oidc.person["werkbrug_role"] = value
    client = Client(headers={"Accept-Language": language})
    refused(through_provider(client, oidc), client, text)
    assert not User.objects.exists()  # nothing written


def test_a_refusal_is_logged_without_personal_data(
    oidc: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    oidc.person["werkbrug_role"] = "wizard"
    with caplog.at_level("WARNING", logger="werkbrug.accounts.oidc"):
        through_provider(english(), oidc)
    assert "OpenID Connect log-in refused: no-role" in caplog.text
    for value in ("j.devries", PERSON["email"], PERSON["sub"], "wizard"):
        assert value not in caplog.text


# --- what must be refused -------------------------------------------------------------------

REFUSED = "could not be completed safely"


@pytest.mark.parametrize(
    "changes",
    [
        {"nonce": "a nonce of another log-in"},
        {"aud": "another-client"},
        {"aud": [CLIENT_ID, "another-client"]},  # several audiences, not issued to us (azp)
        {"iss": "http://127.0.0.1:1"},
        {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
        {"sub": None},
    ],
    ids=["nonce", "audience", "audiences", "issuer", "expired", "no-subject"],
)
def test_an_id_token_that_is_not_right_is_refused(oidc: Provider, changes: dict[str, Any]) -> None:
    oidc.id_token_changes = changes
    client = english()
    refused(through_provider(client, oidc), client, REFUSED)
    assert not User.objects.exists()


def test_an_id_token_signed_by_another_key_is_refused(oidc: Provider) -> None:
    oidc.sign_with_other_key = True
    client = english()
    refused(through_provider(client, oidc), client, REFUSED)


def test_userinfo_about_somebody_else_is_refused(oidc: Provider) -> None:
    oidc.userinfo_changes = {"sub": "somebody-else", "werkbrug_role": "admin"}
    client = english()
    refused(through_provider(client, oidc), client, REFUSED)
    assert not User.objects.exists()


@pytest.mark.usefixtures("oidc")
def test_a_callback_with_a_state_this_browser_did_not_start_is_refused() -> None:
    victim, attacker = english(), english()
    off = attacker.get("/oidc/login/")
    back = requests.get(off["Location"], allow_redirects=False, timeout=10)
    callback = urlsplit(back.headers["Location"])
    # The attacker's code and state, in a browser that started no log-in (login CSRF) ...
    refused(victim.get(f"{callback.path}?{callback.query}"), victim, REFUSED)
    # ... or that started one of its own.
    victim.get("/oidc/login/")
    refused(victim.get(f"{callback.path}?{callback.query}"), victim, REFUSED)


def test_a_cancelled_log_in_says_so(oidc: Provider) -> None:
    client = english()
    client.get("/oidc/login/")
    response = client.get("/oidc/callback/?error=access_denied&state=whatever")
    refused(response, client, "was cancelled or refused there")
    assert "/token" not in oidc.paths


def test_a_provider_that_is_down_gives_a_message(settings: Any, provider: Provider) -> None:
    settings.WERKBRUG_OIDC = configured(provider)
    provider.stop()
    client = english()
    refused(client.get("/oidc/login/"), client, "Testprovider cannot be reached")


# --- lockout, expiry, log-out ---------------------------------------------------------------


def test_a_locked_username_cannot_log_in_through_the_provider_either(
    settings: Any, oidc: Provider
) -> None:
    for _attempt in range(settings.LOCKOUT_USERNAME_FAILURES):
        lockout.login_failure_record(username="j.devries", address="10.0.0.1")
    client = english()
    refused(through_provider(client, oidc), client, "Too many failed log-ins")
    assert not User.objects.exists()


def test_the_lock_of_the_account_holds_after_a_rename_at_the_provider(
    settings: Any, oidc: Provider
) -> None:
    through_provider(english(), oidc)
    for _attempt in range(settings.LOCKOUT_USERNAME_FAILURES):
        lockout.login_failure_record(username="j.devries", address="10.0.0.1")
    oidc.person["preferred_username"] = "jan.devries"
    oidc.person["werkbrug_role"] = "funder"
    client = english()
    refused(through_provider(client, oidc), client, "Too many failed log-ins")
    assert User.objects.get(username="j.devries").role == Role.MEDIATOR  # nothing written


def test_refused_callbacks_count_towards_the_address_throttle(
    settings: Any, oidc: Provider
) -> None:
    settings.LOCKOUT_ADDRESS_FAILURES = 3
    oidc.id_token_changes = {"aud": "another-client"}
    for _attempt in range(3):
        through_provider(english(), oidc)
    oidc.id_token_changes = {}
    client = english()
    refused(through_provider(client, oidc), client, "Too many failed log-ins")


def test_the_session_maximum_holds(settings: Any, oidc: Provider) -> None:
    client = english()
    through_provider(client, oidc)
    session = client.session
    session[LOGGED_IN_AT] = int(time.time()) - settings.SESSION_MAX_AGE - 1
    session.save()
    assert client.get("/caseload/").status_code == 302
    assert logged_in(client) is None


def test_log_out_ends_the_session_here_and_at_the_provider(oidc: Provider) -> None:
    client = english()
    through_provider(client, oidc)
    assert client.get("/caseload/").status_code == 200
    out = client.post("/logout/")
    assert out.status_code == 302
    assert logged_in(client) is None
    assert client.get("/caseload/")["Location"].startswith("/login/")
    # On to the provider's end-session address, with nothing about the person in it ...
    address = out["Location"]
    assert address.startswith(f"{oidc.url}/logout?")
    assert "client_id=werkbrug-test" in address
    for value in ("j.devries", PERSON["sub"], PERSON["email"], "id_token_hint"):
        assert value not in address
    # ... which ends the session there and sends the browser back to the log-in page.
    back = requests.get(address, allow_redirects=False, timeout=10)
    assert back.headers["Location"] == "http://testserver/login/"
    assert oidc.ended_sessions == 1


def test_the_log_out_form_may_reach_the_provider(settings: Any, oidc: Provider) -> None:
    policy = english().get("/login/")["Content-Security-Policy"]
    assert f"form-action 'self' {oidc.url};" in policy
    settings.WERKBRUG_OIDC = None
    assert "form-action 'self';" in english().get("/login/")["Content-Security-Policy"]


def test_a_password_session_logs_out_as_before(oidc: Provider) -> None:
    user = user_create(username="pw", password="a long test password 42", role=Role.MEDIATOR)
    client = english()
    client.force_login(user)
    assert "/account/password/" in client.get("/caseload/").text
    assert client.post("/logout/")["Location"] == "/login/"
    assert oidc.ended_sessions == 0


def test_switching_the_provider_off_ends_its_sessions(settings: Any, oidc: Provider) -> None:
    client = english()
    through_provider(client, oidc)
    settings.WERKBRUG_OIDC = None
    assert client.get("/caseload/").status_code == 302
