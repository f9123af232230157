"""What an employer sees of an employee who consented to share progress: the name and the
trajectory status, nothing else (docs/roles.md). The same page shows the mediator the rest,
so each field is checked both ways: absent for the employer, present for the mediator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from tests.live.conftest import World
from werkbrug.people.models import Participant
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import Placement, activity_add, trajectory_move

NOTICE = dt.date(2026, 2, 10)
CONTRACT_END = dt.date(2026, 9, 30)
BENEFIT_START = dt.date(2026, 10, 1)
PLACED_ON = dt.date(2026, 5, 31)


def _long(day: dt.date) -> str:
    with translation.override("en"):
        return date_format(day)


def _short(day: dt.date) -> str:
    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")


@pytest.fixture
def placed(world: World) -> World:
    """Alice with a full profile, the dates of her move, an activity and a placement."""
    Participant.objects.filter(pk=world.alice.pk).update(
        birth_year=1968,
        education="mbo1",
        situation="dismissed",
        occupation="7322",
        sector="C",
        hours_before=Decimal("36.5"),
        notice_date=NOTICE,
        contract_end_date=CONTRACT_END,
        benefit_start_date=BENEFIT_START,
    )
    mediator = world.users["mediator"]
    trajectory = world.alice.trajectory
    activity_add(
        actor=mediator,
        trajectory=trajectory,
        kind="training",
        start_date=dt.date(2026, 3, 10),
        provider="Grafisch Lyceum",
    )
    trajectory_move(actor=mediator, trajectory=trajectory, to=Status.ACTIVE, on=dt.date(2026, 3, 5))
    trajectory_move(
        actor=mediator,
        trajectory=trajectory,
        to=Status.PLACED,
        on=PLACED_ON,
        placement=Placement(
            employer_name="Logistiek Oost BV",
            contract="permanent",
            hours=Decimal(32),
            occupation="4321",
        ),
    )
    return world


# What the participant page must keep from the employer: a label (as the mediator sees it)
# for each field and the value that would betray it.
HIDDEN_ON_THE_PAGE = {
    "birth year": "1968",
    "gender": "female",
    "education": "secondary vocational education, level 1",
    "situation": "dismissed",
    "occupation": "7322",
    "sector": "Manufacturing",
    "hours before": "36.5",
    "intake date": _long(dt.date(2026, 3, 1)),
    "notice date": _long(NOTICE),
    "contract end": _long(CONTRACT_END),
    "benefit start": _long(BENEFIT_START),
    "outcome employer": "Logistiek Oost BV",
    "outcome contract": "permanent",
    "follow-up checks": "Follow-up checks",
    "consents": "Sharing progress with the current employer",
    "activity in the timeline": "Grafisch Lyceum",
    "timeline": "Timeline",
    "pseudonymous key": "{key}",
    "project": "Project own",
    "mediator": "mediator:",
}


def _page(client: Client, world: World) -> str:
    response = client.get(reverse("people:detail", kwargs={"pk": world.alice.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("field", list(HIDDEN_ON_THE_PAGE))
def test_the_employer_sees_no_field_but_name_and_status(placed: World, field: str) -> None:
    marker = HIDDEN_ON_THE_PAGE[field].format(key=placed.alice.key)
    assert marker in _page(placed.client("mediator"), placed)
    assert marker not in _page(placed.client("employer"), placed)


def test_the_employer_sees_the_name_and_the_status(placed: World) -> None:
    page = _page(placed.client("employer"), placed)
    assert "Alice Aalders" in page
    assert "Placed in work" in page


# The list of employees: name and status only, too.
HIDDEN_IN_THE_LIST = {
    "intake date": _short(dt.date(2026, 3, 1)),
    "last contact": _short(PLACED_ON),
    "follow-up due date": _short(dt.date(2026, 8, 31)),
    "pseudonymous key": "{key}",
    "last contact column": "Last contact",
    "follow-up column": "Follow-up",
}


@pytest.mark.parametrize("field", list(HIDDEN_IN_THE_LIST))
def test_the_employee_list_shows_no_field_but_name_and_status(placed: World, field: str) -> None:
    marker = HIDDEN_IN_THE_LIST[field].format(key=placed.alice.key)
    url = reverse("people:caseload")
    assert marker in placed.client("mediator").get(url).content.decode()
    page = placed.client("employer").get(url).content.decode()
    assert "Alice Aalders" in page
    assert "Placed in work" in page
    assert marker not in page


def test_the_employer_cannot_filter_on_contact_or_follow_ups(placed: World) -> None:
    """The filters would tell the employer what the columns no longer show."""
    client = placed.client("employer")
    url = reverse("people:caseload")
    page = client.get(url).content.decode()
    assert 'name="contact"' not in page
    assert 'name="due"' not in page
    # A hand-made address gets the whole list, as if there were no such filter.
    for query in ("?contact=14", "?due=1"):
        assert "Alice Aalders" in client.get(url + query).content.decode()
    assert "follow-up check" not in page


def test_the_employer_cannot_search_by_e_mail_or_key(placed: World) -> None:
    client = placed.client("employer")
    url = reverse("people:caseload")
    for term in ("alice@example.org", placed.alice.key):
        client.post(reverse("people:caseload_search"), {"q": term})
        assert "Alice Aalders" not in client.get(url).content.decode()
    client.post(reverse("people:caseload_search"), {"q": "Aalders"})
    assert "Alice Aalders" in client.get(url).content.decode()


def test_after_withdrawal_the_employee_leaves_the_employer_list(placed: World) -> None:
    consent = placed.alice.consents.get(purpose="employer")
    url = reverse(
        "people:consent_withdraw", kwargs={"pk": placed.alice.pk, "consent_pk": consent.pk}
    )
    placed.client("mediator").post(url, {f"withdraw-{consent.pk}-on": "2026-06-01"})
    client = placed.client("employer")
    assert "Alice Aalders" not in client.get(reverse("people:caseload")).content.decode()
    url = reverse("people:detail", kwargs={"pk": placed.alice.pk})
    assert client.get(url).status_code == 404
