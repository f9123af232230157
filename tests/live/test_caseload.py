"""The mediator's caseload: filters, search kept out of the URL, pagination, htmx, and a
constant number of queries whatever the page size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.live.conftest import JOB, World
from werkbrug import clock
from werkbrug.people.services import participant_intake
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import trajectory_move


def _add(world: World, n: int) -> None:
    for i in range(n):
        participant_intake(
            actor=world.users["mediator"],
            project=world.own,
            profile=ParticipantProfile(intake_date=dt.date(2026, 1, 1) + dt.timedelta(days=i)),
            contact=ContactValues(given_name=f"Extra{i}", family_name=f"Person{i}"),
            consents=["programme"],
        )


def test_the_caseload_lists_only_the_mediators_own_participants(world: World) -> None:
    page = world.client("mediator").get(reverse("people:caseload"))
    assert "Alice Aalders" in page.text
    assert "Bob Bakker" not in page.text
    assert "Carol" not in page.text


def test_a_coordinator_sees_the_whole_project_and_can_filter_by_mediator(world: World) -> None:
    client = world.client("coordinator")
    page = client.get(reverse("people:caseload"))
    assert "Alice Aalders" in page.text
    assert "Bob Bakker" in page.text
    assert "Carol" not in page.text
    one = client.get(reverse("people:caseload"), {"mediator": world.users["mediator1b"].pk})
    assert "Bob Bakker" in one.text
    assert "Alice Aalders" not in one.text


def test_the_status_filter(world: World) -> None:
    trajectory_move(
        actor=world.users["coordinator"],
        trajectory=world.alice.trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 3, 5),
    )
    client = world.client("coordinator")
    active = client.get(reverse("people:caseload"), {"status": "active"})
    assert "Alice Aalders" in active.text
    assert "Bob Bakker" not in active.text
    ongoing = client.get(reverse("people:caseload"), {"status": "ongoing"})
    assert "Alice Aalders" in ongoing.text
    assert "Bob Bakker" in ongoing.text


def test_the_days_since_last_contact_filter(world: World) -> None:
    client = world.client("coordinator")
    # Both were last seen at intake in March 2026; set Bob's last contact to today.
    trajectory = world.bob.trajectory
    trajectory.last_contact_on = clock.today()
    trajectory.save()
    stale = client.get(reverse("people:caseload"), {"contact": "30"})
    assert "Alice Aalders" in stale.text
    assert "Bob Bakker" not in stale.text


def test_follow_ups_due_are_flagged_and_filterable(world: World) -> None:
    mediator = world.users["mediator"]
    trajectory_move(
        actor=mediator, trajectory=world.alice.trajectory, to=Status.ACTIVE, on=dt.date(2026, 3, 5)
    )
    trajectory_move(
        actor=mediator,
        trajectory=world.alice.trajectory,
        to=Status.PLACED,
        on=clock.today() - dt.timedelta(days=120),
        placement=JOB,
    )
    page = world.client("coordinator").get(reverse("people:caseload"))
    assert "1 follow-up check is due" in page.text
    due = world.client("coordinator").get(reverse("people:caseload"), {"due": "1"})
    assert "Alice Aalders" in due.text
    assert "Bob Bakker" not in due.text


def test_search_goes_in_the_session_never_in_the_url(world: World) -> None:
    client = world.client("coordinator")
    response = client.post(reverse("people:caseload_search"), {"q": "bakker"})
    assert response.status_code == 302
    assert "bakker" not in response["Location"].lower()
    page = client.get(response["Location"])
    assert "Bob Bakker" in page.text
    assert "Alice Aalders" not in page.text
    client.post(reverse("people:caseload_search"), {"q": "", "clear": "1"})
    page = client.get(reverse("people:caseload"))
    assert "Alice Aalders" in page.text


def test_search_cannot_reach_another_projects_people(world: World) -> None:
    client = world.client("coordinator")
    client.post(reverse("people:caseload_search"), {"q": "Claassen"})
    page = client.get(reverse("people:caseload"))
    assert "Carol" not in page.text
    assert "0 participants" in page.text


def test_pagination_splits_a_long_caseload(world: World) -> None:
    _add(world, 30)
    client = world.client("mediator")
    first = client.get(reverse("people:caseload"))
    assert "31 participants" in first.text
    assert "Page 1 of 2" in first.text
    second = client.get(reverse("people:caseload"), {"page": "2"})
    assert second.status_code == 200
    assert "Page 2 of 2" in second.text


def test_htmx_filter_requests_get_only_the_table(world: World) -> None:
    page = world.client("mediator").get(
        reverse("people:caseload"),
        {"status": "intake"},
        headers={"HX-Request": "true", "HX-Target": "caseload-results"},
    )
    assert "<table" in page.text
    assert "<html" not in page.text


@pytest.mark.parametrize("role", ["mediator", "coordinator"])
def test_the_caseload_does_not_add_queries_per_row(world: World, role: str) -> None:
    client = world.client(role)
    client.get(reverse("people:caseload"))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:caseload"))
    _add(world, 20)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("people:caseload"))
    assert "Person19" in page.text
    assert len(many) == len(few)


def test_the_participant_page_does_not_add_queries_per_timeline_entry(world: World) -> None:
    from werkbrug.trajectories.services import activity_add

    client = world.client("mediator")
    url = reverse("people:detail", kwargs={"pk": world.alice.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in range(1, 16):
        activity_add(
            actor=world.users["mediator"],
            trajectory=world.alice.trajectory,
            kind="conversation",
            start_date=dt.date(2026, 3, day),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_row_shows_status_dates_and_the_due_check(world: World) -> None:
    from django.utils import translation
    from django.utils.formats import date_format
    from django.utils.timesince import timesince

    mediator = world.users["mediator"]
    placed_on = clock.today() - dt.timedelta(days=120)
    trajectory_move(
        actor=mediator, trajectory=world.alice.trajectory, to=Status.ACTIVE, on=dt.date(2026, 3, 5)
    )
    trajectory_move(
        actor=mediator,
        trajectory=world.alice.trajectory,
        to=Status.PLACED,
        on=placed_on,
        placement=JOB,
    )
    trajectory = world.alice.trajectory
    trajectory.refresh_from_db()
    page = world.client("coordinator").get(reverse("people:caseload")).text
    row = next(r for r in page.split("<tr>") if "Alice Aalders" in r)
    detail = reverse("people:detail", kwargs={"pk": world.alice.pk})
    with translation.override("en"):
        due_on = date_format(trajectory.next_follow_up_on, "SHORT_DATE_FORMAT")
        expected = [
            f'<a href="{detail}">Alice Aalders</a>',
            world.alice.key,
            str(Status.PLACED.label),
            date_format(dt.date(2026, 3, 1), "SHORT_DATE_FORMAT"),
            f"{date_format(placed_on, 'SHORT_DATE_FORMAT')} "
            f'<span class="muted">({timesince(placed_on, clock.today())})</span>',
            # Placed 120 days ago: the check after 3 months is a month overdue.
            '<span class="badge overdue">overdue by '
            f"{timesince(trajectory.next_follow_up_on, clock.today(), depth=1)}</span>",
            f'<span class="muted">due {due_on}</span>',
            f"<td>{mediator.username}</td>",  # coordinators see the mediator column
        ]
    for part in expected:
        assert part in row, part
    bob_row = next(r for r in page.split("<tr>") if "Bob Bakker" in r)
    assert "badge due" not in bob_row
    assert "overdue" not in bob_row
