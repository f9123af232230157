"""The facts of a stored delivery computed in the database with ``GROUP BY``.

Loading a million participants into Python to count them takes longer than the whole report
may; these queries return a few rows per project instead. They implement the same definitions
as :func:`werkbrug.indicators.facts_from_rows` — the tests hold the two to each other on both
SQLite and PostgreSQL. They read the columns the importer derives once per row (age at intake,
education level; an outcome's project and intake date), so no query needs a join or date
arithmetic per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from werkbrug.deliveries.models import (
    Delivery,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
)
from werkbrug.indicators import OUTCOME_CODES, ProjectFacts, ProjectInfo, ReportSettings
from werkbrug.taxonomy import CONTRACTS, TRANSITION_OUTCOMES


def facts_from_database(
    delivery: Delivery, projects: Iterable[ProjectInfo], settings: ReportSettings
) -> dict[str, ProjectFacts]:
    facts = {project.code: ProjectFacts() for project in projects}
    codes = dict(
        DeliveryProject.objects.filter(delivery=delivery).values_list("id", "code").order_by()
    )
    reached = _reached(delivery, settings)
    for project_id, count in _grouped(reached, "project_id"):
        facts[codes[project_id]].reached = count
    for project_id, age, count in _grouped(reached.exclude(age_at_intake=None), "age_at_intake"):
        facts[codes[project_id]].ages[int(age)] += count
    for project_id, level, count in _grouped(
        reached.exclude(education_level=""), "education_level"
    ):
        facts[codes[project_id]].education[str(level)] += count
    for project_id, outcome, contract, fulltime, count in _outcomes(delivery, settings):
        _add(facts[codes[project_id]], outcome, contract, fulltime, count)
    return facts


def _reached(delivery: Delivery, settings: ReportSettings) -> QuerySet[DeliveryParticipant]:
    reached = DeliveryParticipant.objects.filter(delivery=delivery).order_by()
    if settings.as_of is not None:
        reached = reached.filter(intake_date__lte=settings.as_of)
    return reached


def _grouped(queryset: QuerySet[DeliveryParticipant], *fields: str) -> list[tuple[Any, ...]]:
    keys = ["project_id", *[f for f in fields if f != "project_id"]]
    return list(queryset.values(*keys).annotate(n=Count("id")).values_list(*keys, "n"))


def _outcomes(
    delivery: Delivery, settings: ReportSettings
) -> list[tuple[int, str, str, int | None, int]]:
    """Counted outcomes of reached participants by project, kind, contract and full-time."""
    outcomes = DeliveryOutcome.objects.filter(delivery=delivery).order_by()
    if settings.as_of is not None:
        outcomes = outcomes.filter(intake_date__lte=settings.as_of, date__lte=settings.as_of)
    fulltime = Case(
        When(hours__isnull=True, then=None),
        When(hours__gte=settings.fulltime_hours, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    keys = ("project_id", "outcome", "contract", "fulltime")
    return list(
        outcomes.annotate(fulltime=fulltime)
        .values(*keys)
        .annotate(n=Count("id"))
        .values_list(*keys, "n")
    )


def _add(
    facts: ProjectFacts, outcome: str, contract: str, fulltime: int | None, count: int
) -> None:
    if outcome not in OUTCOME_CODES:
        return
    facts.by_outcome[outcome] += count
    if outcome not in TRANSITION_OUTCOMES:
        return
    if contract and contract in CONTRACTS:
        facts.contract[contract] += count
    if fulltime is not None:
        if int(fulltime):
            facts.fulltime += count
        else:
            facts.parttime += count
