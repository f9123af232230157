"""Every role against every page that is not a participant action (those are in
test_access_matrix.py): allowed (200, or 302/400 for a form), refused (403) or not known to
exist (404). The table is the specification; werkbrug.access implements it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.live.conftest import World
from tests.live.test_access_matrix import ROLES
from werkbrug.jobs.models import Job
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import Placement, trajectory_move
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.services import vacancy_create
from werkbrug.vacancies.values import VacancyValues

ALL = [200] * len(ROLES)

# name: (method, url spec, statuses in ROLES order: admin, coordinator, mediator, mediator1b,
# employer, funder, researcher, outsider). "alice", "own", "vacancy", "employer", "check" and
# "consent" in a spec are the World's objects (the check is alice's first follow-up).
MATRIX: dict[str, tuple[str, str, list[int]]] = {
    "home": ("get", "web:home", ALL),
    "password change": ("get", "password_change", ALL),
    "caseload search": ("post", "people:caseload_search", [302, 302, 302, 302, 302, 403, 403, 302]),
    "withdraw consent": (
        "post",
        "people:consent_withdraw alice consent",
        [302, 302, 302, 404, 403, 404, 404, 404],
    ),
    "follow-up form": (
        "get",
        "trajectories:follow_up alice check",
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "follow-up": (
        "post",
        "trajectories:follow_up alice check",
        [400, 400, 400, 404, 403, 404, 404, 404],
    ),
    "suggestions": ("get", "matches:participant alice", [200, 200, 200, 404, 403, 404, 404, 404]),
    "decide": ("post", "matches:decide alice vacancy", [302, 302, 302, 404, 403, 404, 404, 404]),
    "matching profile": ("get", "matches:profile alice", [200, 200, 200, 404, 403, 404, 404, 404]),
    "candidates": ("get", "matches:vacancy vacancy", [200, 200, 200, 200, 403, 403, 403, 404]),
    "allocation": ("get", "matches:allocation", [200, 200, 403, 403, 403, 403, 403, 200]),
    "fairness": ("get", "matches:fairness", [200, 200, 403, 403, 403, 403, 403, 200]),
    "projects": ("get", "projects:list", [200, 200, 200, 200, 403, 200, 403, 200]),
    "project": ("get", "projects:detail own", [200, 200, 200, 200, 403, 200, 403, 404]),
    "project edit": ("get", "projects:edit own", [200, 200, 403, 403, 403, 403, 403, 404]),
    "partners": ("get", "projects:partners own", [200, 200, 403, 403, 403, 403, 403, 404]),
    "staff": ("get", "projects:staff own", [200, 200, 403, 403, 403, 403, 403, 404]),
    "freeze": ("get", "projects:freeze own", [200, 200, 403, 403, 403, 403, 403, 404]),
    "vacancies": ("get", "vacancies:list", [200, 200, 200, 200, 200, 403, 403, 200]),
    "new vacancy": ("get", "vacancies:create", [200, 200, 200, 200, 200, 403, 403, 200]),
    "vacancy": ("get", "vacancies:detail vacancy", [200, 200, 200, 200, 200, 404, 404, 404]),
    "vacancy edit": ("get", "vacancies:edit vacancy", [200, 200, 200, 200, 200, 404, 404, 404]),
    "employers": ("get", "vacancies:employers", [200, 200, 200, 200, 200, 403, 403, 200]),
    "new employer": ("get", "vacancies:employer_create", [200, 200, 200, 200, 403, 403, 403, 200]),
    "employer": ("get", "vacancies:employer employer", [200, 200, 200, 200, 200, 404, 404, 404]),
    "employer edit": (
        "get",
        "vacancies:employer_edit employer",
        [200, 200, 200, 200, 200, 404, 404, 404],
    ),
    "audit log": ("get", "audit:list", [200, 403, 403, 403, 403, 403, 403, 403]),
    "reports": ("get", "reports:index", [200, 200, 403, 403, 403, 200, 200, 200]),
    "what worked": ("get", "reports:what_worked", [200, 200, 403, 403, 403, 200, 200, 200]),
    "net impact": ("get", "reports:impact", [200, 200, 403, 403, 403, 200, 200, 200]),
    "deliveries": ("get", "deliveries:list", [200, 200, 403, 403, 403, 200, 200, 200]),
    "delivery import": ("get", "deliveries:import", [200, 200, 403, 403, 403, 403, 403, 200]),
    "extract": ("get", "reports:extract", [200, 403, 403, 403, 403, 403, 200, 403]),
    "report in the background": (
        "post",
        "reports:background",
        [400, 400, 403, 403, 403, 400, 400, 400],
    ),
    # The coordinator's job: theirs and the administrators', unknown to everyone else.
    "job": ("get", "jobs:detail job", [200, 200, 404, 404, 404, 404, 404, 404]),
}

CASES = [
    pytest.param(page, role, status, id=f"{page}-{role}")
    for page, (_method, _url, statuses) in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.fixture
def places(world: World) -> dict[str, int]:
    """The objects the table's addresses name, with alice placed (so she has follow-ups)."""
    coordinator = world.users["coordinator"]
    vacancy = vacancy_create(
        actor=coordinator,
        employer=world.employer,
        values=VacancyValues(title="Drukker", occupation="7322", positions=1),
    )
    trajectory_move(
        actor=coordinator,
        trajectory=world.alice.trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 3, 2),
    )
    trajectory_move(
        actor=coordinator,
        trajectory=world.alice.trajectory,
        to=Status.PLACED,
        on=dt.date(2026, 4, 1),
        placement=Placement(
            employer_name="Drukkerij Elders",
            contract="permanent",
            hours=Decimal(36),
            occupation="7322",
        ),
    )
    check = world.alice.trajectory.follow_ups.order_by("due_on").first()
    assert check is not None
    assert isinstance(vacancy, Vacancy)
    return {
        "alice": world.alice.pk,
        "own": world.own.pk,
        "vacancy": vacancy.pk,
        "employer": world.employer.pk,
        "check": check.pk,
        "consent": world.alice.consents.get(purpose="employer").pk,
        "job": Job.objects.create(owner=coordinator, kind="report").pk,
    }


def _url(spec: str, places: dict[str, int]) -> str:
    name, *objects = spec.split(" ")
    if not objects:
        return reverse(name)
    return reverse(name, args=[places[o] for o in objects])


@pytest.mark.parametrize(("page", "role", "status"), CASES)
def test_role_page_matrix(
    world: World, places: dict[str, int], page: str, role: str, status: int
) -> None:
    method, spec, _statuses = MATRIX[page]
    response = getattr(world.client(role), method)(_url(spec, places))
    assert response.status_code == status


@pytest.mark.parametrize("page", [p for p in MATRIX if p != "home"])
def test_anonymous_visitors_are_sent_to_the_login_page(places: dict[str, int], page: str) -> None:
    method, spec, _statuses = MATRIX[page]
    response = getattr(Client(), method)(_url(spec, places))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
