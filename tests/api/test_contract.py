"""schemathesis against the live schema, in-process (WSGI, no network), on every operation
with tokens of several roles: no 5xx, every answer as the schema says (status, content type,
body), no accepted request that the schema forbids (negative data answered 4xx).

Refusals the schema cannot express are expected answers to valid data: 404 for a record out
of reach, 412/428 for a stale or missing If-Match, 422 for a rule of the services (an
occupation code that does not exist, an activity before the intake)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.live.conftest import JOB, World
from werkbrug.people.models import Consent
from werkbrug.trajectories.flows import can_move
from werkbrug.trajectories.models import FollowUp, Status, Trajectory
from werkbrug.trajectories.services import trajectory_move
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.services import vacancy_create
from werkbrug.vacancies.values import VacancyValues

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schema.config.generation.update(max_examples=6, deterministic=True)
schema.config.checks.positive_data_acceptance.expected_statuses = [
    "2xx",
    "401",
    "403",
    "404",
    "412",
    "422",
    "428",
    "429",
]
schema.config.checks.negative_data_rejection.expected_statuses = [
    *schema.config.checks.negative_data_rejection.expected_statuses,
    "412",
]
schema.config.checks.missing_required_header.expected_statuses = ["400", "401", "403", "428"]

ROLES = ["admin", "coordinator", "mediator", "employer", "funder"]


@pytest.fixture(autouse=True)
def _connection_kept() -> Iterator[None]:
    """The WSGI application closes the database connection after each request; inside a
    test that would end the test's transaction (PostgreSQL). Django's test client keeps it
    open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _place(world: World) -> None:
    """Alice placed in work (her follow-ups planned), from whatever status the cases left."""
    trajectory = Trajectory.objects.get(participant=world.alice)
    admin, on = world.users["admin"], dt.date(2026, 4, 1)
    if not can_move(Status(trajectory.status), Status.PLACED):
        trajectory = trajectory_move(actor=admin, trajectory=trajectory, to=Status.ACTIVE, on=on)
    trajectory_move(actor=admin, trajectory=trajectory, to=Status.PLACED, on=on, placement=JOB)


def _records(world: World) -> dict[str, list[int]]:
    """The records the other path parameters name: Alice's follow-ups, the consents, and a
    vacancy of the own project's employer (made once per world)."""
    if not Vacancy.objects.exists():
        _place(world)
        vacancy_create(
            actor=world.users["coordinator"],
            employer=world.employer,
            values=VacancyValues(title="Orderpicker", occupation="4321"),
        )
    return {
        "follow_up_pk": list(FollowUp.objects.values_list("pk", flat=True)),
        "consent_pk": list(Consent.objects.values_list("pk", flat=True)),
        "vacancy_pk": list(Vacancy.objects.values_list("pk", flat=True)),
    }


def _aim(case: Any, world: World) -> None:
    """Most generated record numbers exist nowhere; aim three in four at the world's people
    (one out of the role's reach), and as many of the other record numbers at real
    follow-ups, consents and vacancies, so the operations also run on real records."""
    if case.meta is not None and not case.meta.generation.mode.is_positive:
        return  # a record number the schema forbids must stay as generated
    params = case.path_parameters or {}
    pk = params.get("pk")
    if isinstance(pk, int):
        choice = [world.alice.pk, world.bob.pk, world.carol.pk, pk][pk % 4]
        params["pk"] = choice
    if any(
        isinstance(params.get(name), int) for name in ("follow_up_pk", "consent_pk", "vacancy_pk")
    ):
        for name, real in _records(world).items():
            value = params.get(name)
            if isinstance(value, int) and real and value % 4:
                params[name] = real[value % len(real)]


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@hypothesis_settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_the_api_keeps_its_contract(
    case: Any, role: str, world: World, token_for: Callable[..., str], settings: Any
) -> None:
    settings.API_RATE_PER_MINUTE = 10**6  # the rate limit has its own test
    _aim(case, world)
    token = _tokens.setdefault((id(world), role), token_for(role))
    case.call_and_validate(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})


_tokens: dict[tuple[int, str], str] = {}
