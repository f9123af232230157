"""A NUL character in a page's query string is a bad filter, never a server error (PostgreSQL
refuses NUL in a query)."""

from __future__ import annotations

import pytest

from tests.live.conftest import World

PAGES = [
    ("funder", "/reports/?delivery=a%00b"),
    ("funder", "/reports/what-worked/?delivery=a%00b&by=project"),
    ("funder", "/reports/download/?delivery=a%00b&format=json"),
    ("coordinator", "/projects/{own}/freeze/?frozen=a%00b"),
    ("coordinator", "/vacancies/?q=a%00b"),
    ("coordinator", "/vacancies/employers/?q=a%00b"),
    ("admin", "/audit/?q=a%00b"),
    ("coordinator", "/caseload/?status=a%00b"),
]


@pytest.mark.parametrize(("role", "page"), PAGES)
def test_a_nul_in_the_query_string_is_not_a_server_error(
    world: World, role: str, page: str
) -> None:
    response = world.client(role).get(page.format(own=world.own.pk))
    assert response.status_code < 500
