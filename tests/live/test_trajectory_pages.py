"""Moving a trajectory on the participant page: the transition table, the placement, the
follow-ups and the timeline."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from tests.live.conftest import World
from werkbrug.trajectories.models import Outcome, StatusChange

# What a placement in work needs on the status form (trajectories/flows.DETAILS_REQUIRED).
JOB = {
    "employer_name": "Logistiek BV",
    "contract": "permanent",
    "hours": "32",
    "occupation": "4321",
}


def _move(world: World, role: str, **data: str) -> int:
    url = reverse("trajectories:move", kwargs={"pk": world.alice.pk})
    payload = {f"move-{k}": v for k, v in data.items()}
    return world.client(role).post(url, payload).status_code


def test_a_placement_records_the_outcome_and_schedules_three_follow_ups(world: World) -> None:
    assert _move(world, "mediator", to="active", on="2026-03-05") == 302
    status = _move(
        world,
        "mediator",
        to="placed",
        on="2026-05-31",
        employer_name="Logistiek BV",
        contract="permanent",
        hours="32",
        occupation="4321",
    )
    assert status == 302
    trajectory = world.alice.trajectory
    trajectory.refresh_from_db()
    assert trajectory.status == "placed"
    outcome = Outcome.objects.get(trajectory=trajectory)
    assert (outcome.outcome, outcome.employer_name, outcome.contract) == (
        "work",
        "Logistiek BV",
        "permanent",
    )
    dues = list(trajectory.follow_ups.values_list("months", "due_on"))
    assert dues == [
        (3, dt.date(2026, 8, 31)),
        (6, dt.date(2026, 11, 30)),
        (12, dt.date(2027, 5, 31)),
    ]
    assert trajectory.next_follow_up_on == dt.date(2026, 8, 31)


def test_a_move_the_table_does_not_allow_is_refused_and_writes_nothing(world: World) -> None:
    before = StatusChange.objects.count()
    # intake -> placed skips active: not in the transition table (and not offered).
    assert _move(world, "mediator", to="placed", on="2026-05-31") == 400
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.status == "intake"
    assert StatusChange.objects.count() == before
    assert not Outcome.objects.filter(trajectory=world.alice.trajectory).exists()


def test_a_date_before_the_intake_is_refused(world: World) -> None:
    assert _move(world, "mediator", to="active", on="2026-01-01") == 400
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.status == "intake"


def test_a_placement_that_falls_through_goes_back_to_active(world: World) -> None:
    _move(world, "mediator", to="active", on="2026-03-05")
    _move(world, "mediator", to="placed", on="2026-05-31", **JOB)
    assert _move(world, "mediator", to="active", on="2026-06-10", note="trial period ended") == 302
    trajectory = world.alice.trajectory
    trajectory.refresh_from_db()
    assert trajectory.status == "active"
    assert not Outcome.objects.filter(trajectory=trajectory).exists()
    assert trajectory.follow_ups.count() == 0
    assert trajectory.next_follow_up_on is None


def test_a_follow_up_check_is_recorded_and_the_next_one_becomes_due(world: World) -> None:
    _move(world, "mediator", to="active", on="2026-03-05")
    _move(world, "mediator", to="placed", on="2026-05-31", **JOB)
    trajectory = world.alice.trajectory
    first = trajectory.follow_ups.get(months=3)
    url = reverse("trajectories:follow_up", kwargs={"pk": world.alice.pk, "follow_up_pk": first.pk})
    data = {"follow_up-checked_on": "2026-09-01", "follow_up-in_work": "yes"}
    assert world.client("mediator").post(url, data).status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.next_follow_up_on == dt.date(2026, 11, 30)
    assert trajectory.last_contact_on == dt.date(2026, 9, 1)
    first.refresh_from_db()
    assert first.in_work is True


def test_activities_appear_on_the_timeline_and_count_as_contact(world: World) -> None:
    url = reverse("trajectories:activity", kwargs={"pk": world.alice.pk})
    data = {
        "activity-kind": "training",
        "activity-start_date": "2026-03-10",
        "activity-end_date": "2026-04-10",
        "activity-provider": "ROC Midden",
        "activity-cost_eur": "1250.00",
    }
    assert world.client("mediator").post(url, data).status_code == 302
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.last_contact_on == dt.date(2026, 3, 10)
    page = world.client("mediator").get(reverse("people:detail", kwargs={"pk": world.alice.pk}))
    assert "ROC Midden" in page.text
    assert "€1,250.00" in page.text  # the one number format, in the English page


def test_an_activity_ending_before_it_starts_is_refused(world: World) -> None:
    url = reverse("trajectories:activity", kwargs={"pk": world.alice.pk})
    data = {
        "activity-kind": "coaching",
        "activity-start_date": "2026-03-10",
        "activity-end_date": "2026-03-01",
    }
    assert world.client("mediator").post(url, data).status_code == 400
    assert world.alice.trajectory.activities.count() == 0


def test_a_coordinator_moves_a_participant_to_another_caseload(world: World) -> None:
    url = reverse("trajectories:assign", kwargs={"pk": world.alice.pk})
    mediator1b = world.users["mediator1b"]
    assert world.client("coordinator").post(url, {"mediator": mediator1b.pk}).status_code == 302
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.mediator == mediator1b
    detail = reverse("people:detail", kwargs={"pk": world.alice.pk})
    assert world.client("mediator").get(detail).status_code == 404
    assert world.client("mediator1b").get(detail).status_code == 200


def test_a_mediator_from_another_project_cannot_be_assigned(world: World) -> None:
    url = reverse("trajectories:assign", kwargs={"pk": world.alice.pk})
    world.client("coordinator").post(url, {"mediator": world.users["outsider"].pk})
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.mediator == world.users["mediator"]


def test_the_forms_of_the_participant_page_open_on_demand(world: World) -> None:
    """The page itself carries no unbound forms; opening a panel fetches its form (htmx),
    and without JavaScript its link opens the form on a page of its own."""
    client = world.client("mediator")
    detail = client.get(reverse("people:detail", kwargs={"pk": world.alice.pk})).text
    move_url = reverse("trajectories:move", kwargs={"pk": world.alice.pk})
    assert f'hx-get="{move_url}"' in detail
    assert f'href="{move_url}"' in detail
    assert 'name="move-to"' not in detail

    partial = client.get(move_url, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert 'name="move-to"' in partial.text
    assert f'action="{move_url}"' in partial.text
    assert 'name="csrfmiddlewaretoken"' in partial.text

    page = client.get(move_url)
    assert page.status_code == 200
    assert "<html" in page.text
    assert 'name="move-to"' in page.text
    assert "Back to Alice" in page.text  # the mediator may see the name

    for name in ("trajectories:activity", "people:consent_add"):
        url = reverse(name, kwargs={"pk": world.alice.pk})
        assert f'hx-get="{url}"' in detail
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 200


def test_a_failed_form_comes_back_open_on_the_participant_page(world: World) -> None:
    url = reverse("trajectories:activity", kwargs={"pk": world.alice.pk})
    data = {
        "activity-kind": "coaching",
        "activity-start_date": "2026-03-10",
        "activity-end_date": "2026-03-01",
    }
    page = world.client("mediator").post(url, data)
    assert page.status_code == 400
    assert "The end date lies before the start date." in page.text
    assert 'value="2026-03-10"' in page.text  # what was typed stays
    assert f'hx-get="{url}"' not in page.text  # this panel is open with its form


def test_the_follow_up_form_names_the_check(world: World) -> None:
    assert _move(world, "mediator", to="active", on="2026-03-05") == 302
    assert _move(world, "mediator", to="placed", on="2026-05-31", **JOB) == 302
    check = world.alice.trajectory.follow_ups.get(months=3)
    url = reverse("trajectories:follow_up", kwargs={"pk": world.alice.pk, "follow_up_pk": check.pk})
    page = world.client("mediator").get(url)
    assert page.status_code == 200
    assert "Record the check after 3 months" in page.text
    assert 'name="follow_up-in_work"' in page.text
    assert world.client("employer").get(url).status_code == 403
    assert world.client("mediator1b").get(url).status_code == 404


def test_code_list_labels_follow_the_language_of_the_page(world: World) -> None:
    from django.test import Client

    from werkbrug.trajectories.services import activity_add

    activity_add(
        actor=world.users["mediator"],
        trajectory=world.alice.trajectory,
        kind="conversation",
        start_date=dt.date(2026, 3, 10),
    )
    url = reverse("people:detail", kwargs={"pk": world.alice.pk})
    english = world.client("mediator").get(url).text
    assert "<strong>conversation</strong>" in english
    assert "gesprek" not in english
    dutch = Client(headers={"Accept-Language": "nl"})
    dutch.force_login(world.users["mediator"])
    assert "<strong>gesprek</strong>" in dutch.get(url).text


def test_the_status_form_preselects_no_status(world: World) -> None:
    url = reverse("trajectories:move", kwargs={"pk": world.alice.pk})
    form = world.client("mediator").get(url, headers={"HX-Request": "true"}).text
    assert '<option value="" selected>—</option>' in form
    assert _move(world, "mediator", on="2026-03-05") == 400  # no status chosen: nothing saved
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.status == "intake"
