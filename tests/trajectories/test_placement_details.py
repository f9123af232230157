"""A move to *placed in work* needs the employer, contract, hours and occupation (issue 15):
the status form says what is missing and writes nothing; the form shows only the details
that apply to the chosen move."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.live.conftest import World
from werkbrug.trajectories.flows import DETAILS_APPLY, FINAL, details_missing
from werkbrug.trajectories.models import Outcome, Status, StatusChange
from werkbrug.trajectories.services import Placement, trajectory_move

MISSING = {
    "employer_name": "needs the employer: choose",
    "contract": "needs the kind of contract.",
    "hours": "needs the weekly hours.",
    "occupation": "needs the occupation: choose",
}
FULL = {
    "employer_name": "Logistiek BV",
    "contract": "permanent",
    "hours": "32",
    "occupation": "4321",
}


def _post(world: World, **data: str) -> tuple[int, str]:
    url = reverse("trajectories:move", kwargs={"pk": world.alice.pk})
    response = world.client("mediator").post(url, {f"move-{k}": v for k, v in data.items()})
    return response.status_code, response.content.decode()


def _active(world: World) -> None:
    trajectory_move(
        actor=world.users["mediator"],
        trajectory=world.alice.trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 3, 5),
    )


def test_a_placement_without_its_details_names_each_missing_one_and_writes_nothing(
    world: World,
) -> None:
    _active(world)
    before = StatusChange.objects.count()
    status, page = _post(world, to="placed", on="2026-05-31")
    assert status == 400
    for message in (
        "A placement in work needs the employer: choose one from the list or type its name.",
        "A placement in work needs the kind of contract.",
        "A placement in work needs the weekly hours.",
        "A placement in work needs the occupation: choose it from the ISCO-08 list.",
    ):
        assert message in page
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.status == "active"
    assert StatusChange.objects.count() == before
    assert not Outcome.objects.filter(trajectory=world.alice.trajectory).exists()


@pytest.mark.parametrize("left_out", sorted(FULL))
def test_each_detail_on_its_own_is_required(world: World, left_out: str) -> None:
    _active(world)
    data = {k: v for k, v in FULL.items() if k != left_out}
    status, page = _post(world, to="placed", on="2026-05-31", **data)
    assert status == 400
    assert [d for d, message in MISSING.items() if message in page] == [left_out]


def test_an_occupation_outside_the_isco_list_is_refused_for_a_placement(world: World) -> None:
    _active(world)
    occupation = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
    status, page = _post(world, to="placed", on="2026-05-31", **{**FULL, "occupation": occupation})
    assert status == 400
    assert "choose it from the ISCO-08 list" in page


def test_a_complete_placement_is_recorded(world: World) -> None:
    _active(world)
    status, _page = _post(world, to="placed", on="2026-05-31", **FULL)
    assert status == 302
    outcome = Outcome.objects.get(trajectory=world.alice.trajectory)
    assert (outcome.employer_name, outcome.contract, outcome.hours, outcome.occupation) == (
        "Logistiek BV",
        "permanent",
        32,
        "4321",
    )


def test_details_that_do_not_apply_to_the_move_are_not_recorded(world: World) -> None:
    """Without JavaScript all details are on the form; typed in and then "ended without
    work" chosen, they must not end up in the outcome."""
    _active(world)
    status, _page = _post(world, to="no_work", on="2026-05-31", **FULL)
    assert status == 302
    outcome = Outcome.objects.get(trajectory=world.alice.trajectory)
    assert (outcome.outcome, outcome.employer_name, outcome.contract, outcome.hours) == (
        "no_work",
        "",
        "",
        None,
    )
    assert outcome.occupation == ""


def test_the_service_holds_the_rule_for_every_caller(world: World) -> None:
    _active(world)
    with pytest.raises(ValidationError) as refused:
        trajectory_move(
            actor=world.users["mediator"],
            trajectory=world.alice.trajectory,
            to=Status.PLACED,
            on=dt.date(2026, 5, 31),
            placement=Placement(employer=world.employer, contract="permanent"),
        )
    assert sorted(refused.value.message_dict) == ["hours", "occupation"]
    # Learn-work and self-employment may be recorded without the details.
    trajectory_move(
        actor=world.users["mediator"],
        trajectory=world.alice.trajectory,
        to=Status.SELF_EMPLOYED,
        on=dt.date(2026, 5, 31),
        placement=Placement(employer=world.employer, contract="permanent", occupation="7322"),
    )
    outcome = Outcome.objects.get(trajectory=world.alice.trajectory)
    # The self-employed have no employment contract: that detail does not apply (their
    # "employer" is their own business).
    assert (outcome.employer, outcome.contract, outcome.occupation) == (
        world.employer,
        "",
        "7322",
    )


def test_the_form_marks_each_detail_with_the_moves_it_applies_to(world: World) -> None:
    _active(world)
    url = reverse("trajectories:move", kwargs={"pk": world.alice.pk})
    page = world.client("mediator").get(url).content.decode()
    assert "data-details-control" in page
    applies = dict(re.findall(r'name="move-(\w+)"[^>]*data-applies="([^"]*)"', page))
    applies |= dict(re.findall(r'data-applies="([^"]*)"[^>]*name="move-(\w+)"', page)[::-1])
    assert set(applies["employer"].split()) == {"placed", "learn_work", "self_employed"}
    assert set(applies["contract"].split()) == {"placed", "learn_work"}
    assert set(applies["occupation"].split()) == {"placed", "learn_work", "self_employed"}
    assert "Required for: placed in work." in page


def test_only_placed_requires_details_and_every_required_detail_applies() -> None:
    everything = dict.fromkeys(("employer", "contract", "hours", "occupation"), True)
    for target in FINAL:
        assert details_missing(target, everything) == []
        missing = details_missing(target, {})
        assert set(missing) <= set(DETAILS_APPLY.get(target, ()))
        assert bool(missing) == (target is Status.PLACED)
