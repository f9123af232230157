"""Fixtures for browser tests: one headless Chromium for all of tests/browser (Debian's, never
a downloaded one), a fresh browser context and page per test, pytest-django's live server and a
test user per role.

Without the browser the tests skip with a hint how to install it; with
``WERKBRUG_BROWSER_REQUIRED=1`` (CI) they fail instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser.helpers import (
    CHROMIUM_ARGS,
    INSTALL_HINT,
    browser_required,
    chromium_path,
    user_for,
)
from tests.conftest import append_only_triggers
from werkbrug.accounts.models import Role, User

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page
    from pytest_django.live_server_helper import LiveServer


def _unavailable(reason: str) -> None:
    if browser_required():
        pytest.fail(f"browser tests: {reason} (WERKBRUG_BROWSER_REQUIRED is set)", pytrace=False)
    pytest.skip(f"browser tests: {reason}")


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Headless Chromium from ``WERKBRUG_CHROMIUM`` or /usr/bin/chromium, started once and
    stopped when the tests in tests/browser are done.

    While Playwright's sync API is running it keeps an asyncio event loop marked as running on
    the main thread. Django then takes every database call from a test for one made inside
    async code and refuses it, so DJANGO_ALLOW_ASYNC_UNSAFE is set for that time (the tests
    run nothing concurrently on that thread), and ``asyncio.run`` would fail. Package scope
    keeps both out of the tests that run after these.
    """
    executable = chromium_path()
    if not executable.is_file():
        _unavailable(f"no Chromium at {executable}; {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing; pip install -e '.[test]'")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_playwright().start()
        try:
            launched = playwright.chromium.launch(
                executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
            )
        except Exception as exc:
            playwright.stop()
            _unavailable(f"Chromium at {executable} does not start: {exc}")
            raise
        yield launched
        launched.close()
        playwright.stop()


@pytest.fixture(autouse=True)
def _committed_data(transactional_db: None) -> Iterator[None]:  # noqa: ARG001 (requested for the database)
    """The live server answers from another thread: it sees committed data only.

    Such tests end by emptying every table, which the audit log's append-only triggers
    refuse; they are lifted for that moment only, and are in place while the test runs.
    """
    append_only_triggers(install=True)
    yield
    append_only_triggers(install=False)


@pytest.fixture
def context(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:  # noqa: ARG001 (requested so that the server runs)
    """A fresh browser profile (no cookies) per test; Dutch, like a visitor from here."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def users() -> dict[Role, User]:
    """One test user per role, named after it, with the password in helpers.PASSWORD."""
    return {role: user_for(role) for role in Role}
