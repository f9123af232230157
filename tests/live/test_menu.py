"""The menu: Reports only for those who may read them, without reading every user's
permissions on every page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.live.conftest import World
from werkbrug.web import context


def _menu_has_reports(world: World, role: str) -> bool:
    page = world.client(role).get(reverse("people:caseload") if role == "mediator" else "/")
    return f'href="{reverse("reports:index")}"' in page.text


def test_reports_are_in_the_menu_of_those_who_may_read_them(world: World) -> None:
    assert _menu_has_reports(world, "researcher")
    assert _menu_has_reports(world, "funder")
    assert not _menu_has_reports(world, "mediator")
    assert world.client("mediator").get(reverse("reports:index")).status_code == 403


def test_a_second_page_does_not_read_the_permissions_again(world: World) -> None:
    client = world.client("mediator")
    client.get(reverse("people:caseload"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("people:caseload")).status_code == 200
    assert not [q for q in ctx.captured_queries if "auth_permission" in q["sql"]]


def test_a_permission_granted_reaches_the_page_at_once_and_the_menu_within_a_minute(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not _menu_has_reports(world, "mediator")
    mediator = world.users["mediator"]
    mediator.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    # The page checks the permission itself on every request ...
    assert world.client("mediator").get(reverse("reports:index")).status_code == 200
    # ... the menu follows once its minute is over.
    monkeypatch.setattr(context, "MENU_PERMISSION_SECONDS", 0.0)
    assert _menu_has_reports(world, "mediator")
