"""Filters in a page's address that are out of range or malformed: the filter is reset (or
the form says what is wrong, 400), never a server error. The probe found 500s for a 23-digit
number in ``?contact=``, ``?mediator=`` and ``?project=`` on the caseload."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.live.conftest import World
from werkbrug.vacancies.services import employer_create
from werkbrug.vacancies.values import EmployerValues

BAD = [
    pytest.param("12345678901234567890123", id="23 digits"),
    pytest.param("9223372036854775808", id="one past the largest id"),
    pytest.param("-5", id="negative"),
    pytest.param("0", id="zero"),
    pytest.param("abc", id="text"),
    pytest.param("²", id="a superscript digit"),
    pytest.param("٣", id="an Arabic-Indic digit"),
    pytest.param("1\x00", id="a NUL character"),
]

# What Django's forms say about a value that is no choice (a NUL gets its own message).
INVALID_CHOICE = ("Select a valid choice", "Null characters are not allowed")


@pytest.mark.parametrize("name", ["contact", "mediator", "project"])
@pytest.mark.parametrize("value", BAD)
def test_a_bad_caseload_filter_is_reset(world: World, name: str, value: str) -> None:
    page = world.client("coordinator").get(reverse("people:caseload"), {name: value})
    assert page.status_code == 200
    # Reset: the whole list, as without the filter.
    assert "Alice Aalders" in page.text
    assert "Bob Bakker" in page.text
    assert " selected>" not in page.text.split('name="status"')[1].split("</form>")[0]


def test_a_project_or_mediator_the_caseload_does_not_offer_resets_the_filter(
    world: World,
) -> None:
    client = world.client("coordinator")
    outsider = world.users["outsider"]  # a coordinator of the other project, no mediator
    for name, value in (("project", world.other.pk), ("mediator", outsider.pk)):
        page = client.get(reverse("people:caseload"), {name: value})
        assert page.status_code == 200
        assert "Alice Aalders" in page.text
        assert "Bob Bakker" in page.text


def test_a_days_filter_the_caseload_does_not_offer_is_reset(world: World) -> None:
    page = world.client("coordinator").get(reverse("people:caseload"), {"contact": "100000000"})
    assert page.status_code == 200
    assert "Alice Aalders" in page.text


def test_the_offered_filters_still_work(world: World) -> None:
    client = world.client("coordinator")
    mediator1b = world.users["mediator1b"]
    page = client.get(reverse("people:caseload"), {"mediator": mediator1b.pk})
    assert "Bob Bakker" in page.text
    assert "Alice Aalders" not in page.text
    assert f'<option value="{mediator1b.pk}" selected>' in page.text


@pytest.mark.parametrize("value", BAD)
def test_a_bad_project_on_the_fairness_page_shows_all_projects(world: World, value: str) -> None:
    page = world.client("coordinator").get(reverse("matches:fairness"), {"project": value})
    assert page.status_code == 200
    assert "By gender" in page.text


def test_another_projects_id_on_the_fairness_page_is_still_refused(world: World) -> None:
    page = world.client("coordinator").get(reverse("matches:fairness"), {"project": world.other.pk})
    assert page.status_code == 403


@pytest.fixture
def two_employers(world: World) -> World:
    """A second employer in the coordinator's project: with one, the form picks it anyway."""
    employer_create(
        actor=world.users["coordinator"],
        values=EmployerValues(
            name="Bakkerij Brood", sector="C", postcode="3512", project=world.own
        ),
    )
    return world


@pytest.mark.parametrize("value", BAD)
def test_a_bad_employer_for_a_new_vacancy_preselects_nothing(
    two_employers: World, value: str
) -> None:
    client = two_employers.client("coordinator")
    page = client.get(reverse("vacancies:create"), {"employer": value})
    assert page.status_code == 200
    employer_select = page.text.split('name="employer"')[1].split("</select>")[0]
    assert not re.search(r'<option value="\d+" selected>', employer_select)


def test_the_employer_of_a_new_vacancy_is_preselected(two_employers: World) -> None:
    employer = two_employers.employer
    client = two_employers.client("coordinator")
    page = client.get(reverse("vacancies:create"), {"employer": employer.pk})
    assert f'<option value="{employer.pk}" selected>' in page.text


@pytest.mark.parametrize("value", BAD)
def test_a_bad_employer_on_the_vacancy_list_is_a_form_error(world: World, value: str) -> None:
    page = world.client("coordinator").get(reverse("vacancies:list"), {"employer": value})
    assert page.status_code == 200
    assert any(message in page.text for message in INVALID_CHOICE)


@pytest.mark.parametrize("value", BAD)
def test_a_bad_project_for_the_allocation_is_a_form_error(world: World, value: str) -> None:
    page = world.client("coordinator").get(reverse("matches:allocation"), {"project": value})
    assert page.status_code == 400
    assert any(message in page.text for message in INVALID_CHOICE)


def test_a_nul_character_in_the_employer_search_resets_it(world: World) -> None:
    """PostgreSQL refuses a NUL in a query (Django raises); SQLite simply finds nothing."""
    page = world.client("coordinator").get(reverse("vacancies:employers"), {"q": "Druk\x00"})
    assert page.status_code == 200
    assert "Drukkerij De Pers" in page.text


def test_a_nul_character_after_a_freeze_is_ignored(world: World) -> None:
    url = reverse("projects:freeze", kwargs={"pk": world.own.pk})
    assert world.client("coordinator").get(url, {"frozen": "x\x00"}).status_code == 200
