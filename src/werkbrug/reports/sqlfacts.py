"""The facts of a stored delivery computed in the database with ``GROUP BY``.

Loading a million participants into Python to count them takes longer than the whole report
may; these queries return a few rows per project instead. They implement the same definitions
as :func:`werkbrug.indicators.facts_from_rows` — the tests hold the two to each other on both
SQLite and PostgreSQL. They read the columns the importer derives once per row (age at intake,
education level; an outcome's project and intake date), so no query needs a join or date
arithmetic per row. A placement's 6- and 12-month points are compared as a date bound
(:func:`~werkbrug.indicators.retention.latest_due_placement`), not per row; a delivery
carries no follow-up checks, so every due placement is unchecked.
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
from werkbrug.indicators.retention import (
    RETENTION_MONTHS,
    count_lasting,
    latest_due_placement,
    retention_day,
)
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
    for project_id, outcome, contract, fulltime, *due, count in _outcomes(delivery, settings):
        project = facts[codes[project_id]]
        _add(project, outcome, contract, fulltime, count)
        if outcome in TRANSITION_OUTCOMES:
            for months, is_due in zip(RETENTION_MONTHS, due, strict=True):
                project.retention_at(months)["unchecked"] += count * int(is_due)
    return facts


def _reached(delivery: Delivery, settings: ReportSettings) -> QuerySet[DeliveryParticipant]:
    reached = DeliveryParticipant.objects.filter(delivery=delivery).order_by()
    if settings.as_of is not None:
        reached = reached.filter(intake_date__lte=settings.as_of)
    return reached


def _grouped(queryset: QuerySet[DeliveryParticipant], *fields: str) -> list[tuple[Any, ...]]:
    keys = ["project_id", *[f for f in fields if f != "project_id"]]
    return list(queryset.values(*keys).annotate(n=Count("id")).values_list(*keys, "n"))


def _outcomes(delivery: Delivery, settings: ReportSettings) -> list[tuple[Any, ...]]:
    """Counted outcomes of reached participants by project, kind, contract, full-time and
    whether each retention point has passed (1 or 0, in the order of RETENTION_MONTHS)."""
    outcomes = DeliveryOutcome.objects.filter(delivery=delivery).order_by()
    if settings.as_of is not None:
        outcomes = outcomes.filter(intake_date__lte=settings.as_of, date__lte=settings.as_of)
    fulltime = Case(
        When(hours__isnull=True, then=None),
        When(hours__gte=settings.fulltime_hours, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    day = retention_day(settings.as_of, delivery.delivered_on)
    due = {
        f"due_{months}": Value(0)
        if day is None
        else Case(
            When(date__lte=latest_due_placement(day, months), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for months in RETENTION_MONTHS
    }
    keys = ("project_id", "outcome", "contract", "fulltime", *due)
    return list(
        outcomes.annotate(fulltime=fulltime, **due)
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
    count_lasting(facts.lasting, outcome, contract or None, count)
    if contract and contract in CONTRACTS:
        facts.contract[contract] += count
    if fulltime is not None:
        if int(fulltime):
            facts.fulltime += count
        else:
            facts.parttime += count
