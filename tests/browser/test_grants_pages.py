"""The grant pages in a real browser: axe-core's WCAG 2.0/2.1 A and AA rules on every page of
the funder's and the applicant's side, with the demo's two calls."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.browser.helpers import assert_accessible, login
from werkbrug.accounts.models import Role, User
from werkbrug.deliveries.services import delivery_import
from werkbrug.demo.grants import demo_grants_prepare
from werkbrug.demo.services import demo_data_dir
from werkbrug.schemes.models import Application, Call, Decision


@pytest.fixture
def calls(users: dict[Role, User]) -> dict[str, int]:
    assert delivery_import(path=demo_data_dir() / "eindrapportage").ok
    assert demo_grants_prepare(users=users, today=timezone.localdate())
    return {
        "call": Call.objects.get(code="sp-demo").pk,
        "ready": Application.objects.get(title="Metaal werkt").pk,
        "draft": Application.objects.get(title="Techniek in beweging").pk,
        "award": Decision.objects.get(application__title="Grafimediabranche").pk,
        "determined": Decision.objects.get(application__title="MKB Eindhoven").pk,
    }


def visit(page: Page, live_server: LiveServer, path: str) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None
    assert response.status == 200, path
    assert_accessible(page)


def test_the_funders_pages_are_accessible(
    page: Page, live_server: LiveServer, calls: dict[str, int]
) -> None:
    login(page, live_server, Role.FUNDER)
    for path in (
        "/grants/",
        f"/grants/calls/{calls['call']}/",
        f"/grants/applications/{calls['ready']}/",
        f"/grants/applications/{calls['ready']}/decide/",
        f"/grants/decisions/{calls['award']}/",
        f"/grants/decisions/{calls['determined']}/",
        f"/grants/declarations/{Decision.objects.get(pk=calls['determined']).declarations.get().pk}/",
    ):
        visit(page, live_server, path)


def test_the_applicants_pages_are_accessible(
    page: Page, live_server: LiveServer, calls: dict[str, int]
) -> None:
    login(page, live_server, Role.COORDINATOR)
    for path in (
        "/grants/",
        f"/grants/calls/{calls['call']}/",
        f"/grants/calls/{calls['call']}/apply/",
        f"/grants/calls/{calls['call']}/upload/",
        f"/grants/applications/{calls['draft']}/",
        f"/grants/decisions/{calls['award']}/",
        f"/grants/decisions/{calls['award']}/declare/?kind=final&as_of=2012-03-01&own_funds_eur=270000",
    ):
        visit(page, live_server, path)
