"""The role matrix of the pages (tests/live/test_access_matrix.py) through the API: each
role, with a token carrying every scope, against each operation on alice (own project, the
mediator's caseload, consented to her employer), bob (own project, mediator1b's caseload) and
carol (another project). Another project's record answers 404, as on the pages; a record the
role may know of but not read (the employer's view is name and status only) answers 403."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.live.conftest import JOB, World
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import trajectory_move
from werkbrug.vacancies.services import vacancy_create
from werkbrug.vacancies.values import VacancyValues

ROLES = [
    "admin",
    "coordinator",
    "mediator",
    "mediator1b",
    "employer",
    "funder",
    "researcher",
    "outsider",
]
MOVE = {"to": "active", "on": "2026-03-05"}
ACTIVITY = {"kind": "conversation", "start_date": "2026-03-05"}
CHECK = {"checked_on": "2026-07-02", "in_work": True}
WITHDRAW = {"on": "2026-04-01"}
DECIDE = {"decision": "accepted"}
ON = dt.date(2026, 4, 1)

# name: (method, path with {alice} {bob} {carol} {own}, body, statuses in ROLES order)
MATRIX: dict[str, tuple[str, str, Any, list[int]]] = {
    "list": ("GET", "/participants", None, [200, 200, 200, 200, 403, 403, 403, 200]),
    "read alice": ("GET", "/participants/{alice}", None, [200, 200, 200, 404, 403, 404, 404, 404]),
    "read bob": ("GET", "/participants/{bob}", None, [200, 200, 404, 200, 404, 404, 404, 404]),
    "read carol": ("GET", "/participants/{carol}", None, [200, 404, 404, 404, 404, 404, 404, 200]),
    "contact alice": (
        "GET",
        "/participants/{alice}/contact",
        None,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "change alice": (
        "PATCH",
        "/participants/{alice}",
        {"education": "mbo2"},
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "change contact alice": (
        "PATCH",
        "/participants/{alice}/contact",
        {"phone": "0612345678"},
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "trajectory alice": (
        "GET",
        "/participants/{alice}/trajectory",
        None,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "move alice": (
        "POST",
        "/participants/{alice}/trajectory/moves",
        MOVE,
        [201, 201, 201, 404, 403, 404, 404, 404],
    ),
    "move carol": (
        "POST",
        "/participants/{carol}/trajectory/moves",
        MOVE,
        [201, 404, 404, 404, 404, 404, 404, 201],
    ),
    "activity alice": (
        "POST",
        "/participants/{alice}/activities",
        ACTIVITY,
        [201, 201, 201, 404, 403, 404, 404, 404],
    ),
    "intake own": (
        "POST",
        "/participants",
        {"project": "{own}", "intake_date": "2026-04-01"},
        [201, 201, 201, 201, 404, 404, 404, 404],
    ),
    "project own": ("GET", "/projects/{own}", None, [200, 200, 200, 200, 404, 200, 404, 404]),
    "employer": ("GET", "/employers/{employer}", None, [200, 200, 200, 200, 200, 404, 404, 404]),
    "employers": ("GET", "/employers", None, [200, 200, 200, 200, 200, 200, 200, 200]),
    # Follow-ups, consents, suggestions and decisions (api/care.py, api/suggestions.py).
    "follow-ups alice": (
        "GET",
        "/participants/{alice}/follow-ups",
        None,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "check alice": (
        "PATCH",
        "/participants/{alice}/follow-ups/{alice_follow_up}",
        CHECK,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "check carol": (
        "PATCH",
        "/participants/{carol}/follow-ups/{carol_follow_up}",
        CHECK,
        [200, 404, 404, 404, 404, 404, 404, 200],
    ),
    "consents alice": (
        "GET",
        "/participants/{alice}/consents",
        None,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "give consent alice": (
        "POST",
        "/participants/{alice}/consents",
        {"purpose": "research", "on": "2026-03-04"},
        [201, 201, 201, 404, 403, 404, 404, 404],
    ),
    "withdraw consent alice": (
        "POST",
        "/participants/{alice}/consents/{alice_consent}/withdrawal",
        WITHDRAW,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "withdraw consent carol": (
        "POST",
        "/participants/{carol}/consents/{carol_consent}/withdrawal",
        WITHDRAW,
        [200, 404, 404, 404, 404, 404, 404, 200],
    ),
    "suggestions alice": (
        "GET",
        "/participants/{alice}/suggestions",
        None,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "decide alice": (
        "POST",
        "/participants/{alice}/suggestions/{vacancy}/decision",
        DECIDE,
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    # Carol is the outsider's, the vacancy is of an employer of the own project.
    "decide carol": (
        "POST",
        "/participants/{carol}/suggestions/{vacancy}/decision",
        DECIDE,
        [200, 404, 404, 404, 404, 404, 404, 404],
    ),
    # Employer and vacancy writes (api/vacancy_writes.py), as the vacancy pages allow.
    "add employer": (
        "POST",
        "/employers",
        {"name": "Nieuw BV"},
        [201, 201, 201, 201, 403, 403, 403, 201],
    ),
    "change employer": (
        "PATCH",
        "/employers/{employer}",
        {"postcode": "3512"},
        [200, 200, 200, 200, 200, 404, 404, 404],
    ),
    # The outsider may add vacancies, but not to this employer (the field is refused).
    "add vacancy": (
        "POST",
        "/vacancies",
        {"employer": "{employer}", "title": "Kok"},
        [201, 201, 201, 201, 201, 403, 403, 422],
    ),
    "change vacancy": (
        "PATCH",
        "/vacancies/{vacancy}",
        {"positions": 2},
        [200, 200, 200, 200, 200, 404, 404, 404],
    ),
    "close vacancy": (
        "POST",
        "/vacancies/{vacancy}/closing",
        {"on": "2026-04-01"},
        [200, 200, 200, 200, 200, 404, 404, 404],
    ),
}

CASES = [
    pytest.param(name, role, status, id=f"{name}-{role}")
    for name, (_method, _path, _body, statuses) in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def _records(world: World, path: str) -> dict[str, int]:
    """The follow-ups, consents and vacancy a case's path names, made as the pages would."""
    ids: dict[str, int] = {}
    for name, person in (("alice", world.alice), ("carol", world.carol)):
        if f"{{{name}_follow_up}}" in path:
            actor = world.users["admin"]
            trajectory_move(actor=actor, trajectory=person.trajectory, to=Status.ACTIVE, on=ON)
            trajectory_move(
                actor=actor, trajectory=person.trajectory, to=Status.PLACED, on=ON, placement=JOB
            )
            ids[f"{name}_follow_up"] = person.trajectory.follow_ups.get(months=3).pk
        if f"{{{name}_consent}}" in path:
            ids[f"{name}_consent"] = person.consents.get(purpose="programme").pk
    if "{vacancy}" in path:
        ids["vacancy"] = vacancy_create(
            actor=world.users["coordinator"],
            employer=world.employer,
            values=VacancyValues(title="Orderpicker", open_date=dt.date(2026, 1, 1)),
        ).pk
    return ids


@pytest.mark.parametrize(("name", "role", "status"), CASES)
def test_api_access(
    world: World, api_as: Callable[..., Api], name: str, role: str, status: int
) -> None:
    method, path, body, _statuses = MATRIX[name]
    ids = {
        "alice": world.alice.pk,
        "bob": world.bob.pk,
        "carol": world.carol.pk,
        "own": world.own.pk,
        "employer": world.employer.pk,
        **_records(world, path),
    }
    answer = api_as(role).call(method, path.format(**ids), _fill(body, ids), If_Match="*")
    assert answer.status == status, answer.body


def test_a_mediator_lists_only_their_caseload(world: World, api_as: Callable[..., Api]) -> None:
    keys = [p["key"] for p in api_as("mediator").get("/participants").body["results"]]
    assert keys == [world.alice.key]
    keys = [p["key"] for p in api_as("coordinator").get("/participants").body["results"]]
    assert sorted(keys) == sorted([world.alice.key, world.bob.key])


def test_lists_hold_only_what_the_role_may_see(world: World, api_as: Callable[..., Api]) -> None:
    assert api_as("employer").get("/employers").body["total"] == 1
    assert api_as("funder").get("/employers").body["total"] == 0
    assert api_as("outsider").get("/employers").body["total"] == 0
    assert api_as("coordinator").get(f"/vacancies?employer={world.employer.pk}").status == 200
