"""Log-in through an OpenID Connect provider in a real browser, against the live server and the
test provider on 127.0.0.1: the button, the round trip, the refusal's message, all accessible."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.helpers import assert_accessible
from tests.security.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider
from werkbrug.accounts.models import Role, User
from werkbrug.accounts.oidc import _discovery
from werkbrug.config import OidcSettings


@pytest.fixture
def provider(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Provider]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    started = Provider(
        person={"sub": "s-1", "preferred_username": "anna.b", "werkbrug_role": "coordinator"}
    ).start()
    settings.WERKBRUG_OIDC = OidcSettings(
        issuer=started.url,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        label="Testprovider",
        role_claim="werkbrug_role",
        username_claim="preferred_username",
        role_map=(),
        scopes="openid email profile",
    )
    yield started
    started.stop()
    _discovery.cache_clear()


def test_a_person_logs_in_through_the_provider_and_out(
    page: Page, live_server: LiveServer, provider: Provider
) -> None:
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)
    with page.expect_navigation(url=f"{live_server.url}/"):
        page.get_by_role("link", name="Inloggen met Testprovider").click()
    assert "/authorize" in provider.paths
    expect(page.locator("header.site")).to_contain_text("anna.b")
    assert User.objects.get(username="anna.b").role == Role.COORDINATOR
    # Out of werkbrug, then through the provider's end-session address (which the page's
    # Content Security Policy must allow the log-out form to reach) back to the log-in page.
    with page.expect_navigation(url=f"{live_server.url}/login/"):
        page.locator("header.site form[action='/logout/'] button").click()
    assert provider.ended_sessions == 1
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))


def test_an_unknown_role_is_an_accessible_message(
    page: Page, live_server: LiveServer, provider: Provider
) -> None:
    provider.person["werkbrug_role"] = "tovenaar"
    page.goto(f"{live_server.url}/login/")
    with page.expect_navigation(url=f"{live_server.url}/login/"):
        page.get_by_role("link", name="Inloggen met Testprovider").click()
    expect(page.locator("main, body").first).to_contain_text("heeft geen rol in werkbrug")
    assert_accessible(page)
    assert not User.objects.filter(username="anna.b").exists()
