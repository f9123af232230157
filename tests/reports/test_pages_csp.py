"""The pages as served keep to the Content Security Policy; the charts are images."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.scan import inline_code
from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create

pytestmark = pytest.mark.usefixtures("demo_deliveries")

DATA_SVG = '<img src="data:image/svg+xml;base64,'


@pytest.fixture
def researcher() -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user_create(username="r", password="x-Secret-123", role=Role.ADMIN))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/reports/?delivery=eindrapportage&compare=tussenrapportage",
        "/reports/what-worked/?delivery=eindrapportage&by=project",
        "/reports/impact/",
    ],
)
def test_pages_have_no_inline_script_or_style(researcher: Client, path: str) -> None:
    response = researcher.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert inline_code(page) == []
    assert "<svg" not in page


def test_the_login_page_has_no_inline_script_or_style() -> None:
    assert inline_code(Client().get("/login/").content.decode()) == []


def test_report_charts_are_images_with_a_text_alternative(researcher: Client) -> None:
    page = researcher.get("/reports/", {"delivery": "eindrapportage"}).content.decode()
    assert page.count(DATA_SVG) == 3
    assert 'alt="Bar chart per project of the participant target' in page
    analysis = researcher.get(
        "/reports/what-worked/", {"delivery": "eindrapportage", "by": "project"}
    ).content.decode()
    assert analysis.count(DATA_SVG) == 1
    assert 'alt="Line chart per group' in analysis
