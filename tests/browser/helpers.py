"""Helpers for browser tests: Debian's Chromium, a test user per role, logging in through the
real form, and an accessibility check with axe-core.

Tests of new pages import these::

    from tests.browser.helpers import assert_accessible, login

    def test_my_page(page: Page, live_server: LiveServer) -> None:
        login(page, live_server, Role.COORDINATOR)
        page.goto(live_server.url + "/my-page/")
        assert_accessible(page)
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

DEFAULT_CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = (
    "install Debian's Chromium (sudo apt-get install chromium) or point WERKBRUG_CHROMIUM at a "
    "Chromium or Chrome binary; see docs/testing.md"
)
# Chromium's own traffic (updates, sync, safe browsing) is switched off, and no host name
# resolves except the live server's: a page that reaches for the network fails the test.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

# What the pages must meet: WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

PASSWORD = "browser-Test-2024"


def chromium_path() -> Path:
    """The browser the tests drive: ``WERKBRUG_CHROMIUM``, else Debian's /usr/bin/chromium."""
    return Path(os.environ.get("WERKBRUG_CHROMIUM") or DEFAULT_CHROMIUM)


def browser_required() -> bool:
    """CI sets ``WERKBRUG_BROWSER_REQUIRED=1``: a missing browser fails instead of skipping."""
    return os.environ.get("WERKBRUG_BROWSER_REQUIRED", "").strip().lower() in {"1", "true", "yes"}


def user_for(role: Role) -> User:
    """The test user for a role, named after it (``funder``, ``admin``, ...); made on first use."""
    user = User.objects.filter(username=role.value).first()
    if user is None:
        user = user_create(username=role.value, password=PASSWORD, role=role)
    return user


def login(page: Page, live_server: LiveServer, role: Role) -> None:
    """Log in as the role's test user through the login form at /login/."""
    user = user_for(role)
    page.goto(f"{live_server.url}/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(user.username)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == f"{live_server.url}/", f"log-in as {role.value} ended at {page.url}"


@cache
def axe_source() -> str:
    """axe-core as shipped in the axe-playwright-python wheel (only its axe.min.js is used)."""
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    """The axe-core version in the bundled script's header (``/*! axe v4.x.y``)."""
    return axe_source().split("axe v", 1)[1].split()[0]


def axe_run(page: Page, tags: tuple[str, ...] = WCAG_TAGS) -> dict[str, Any]:
    """Run axe-core on the page as it is now, with only the rules for ``tags``."""
    # Evaluated through the DevTools protocol rather than added as a <script> element, so a
    # Content-Security-Policy on the page does not stop it. Loaded once per document.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(f"() => {{ {axe_source()}\n }}")
    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    result: dict[str, Any] = page.evaluate("options => window.axe.run(document, options)", options)
    return result


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']} <{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            # A target is a list of selectors, one more for each frame or shadow root crossed.
            target = " >> ".join(s if isinstance(s, str) else " > ".join(s) for s in node["target"])
            lines.append(f"    {target}")
            summary = (node.get("failureSummary") or "").strip()
            if summary:
                lines.extend(f"        {line}" for line in summary.splitlines())
    return "\n".join(lines)


def assert_accessible(page: Page, tags: tuple[str, ...] = WCAG_TAGS) -> None:
    """Fail, listing every violation, when axe-core finds WCAG 2.0/2.1 A or AA problems."""
    violations = axe_run(page, tags)["violations"]
    if violations:
        raise AssertionError(
            f"axe-core {axe_version()} finds {len(violations)} accessibility violation(s) "
            f"on {page.url}:\n{describe_violations(violations)}"
        )
