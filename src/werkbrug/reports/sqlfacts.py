"""The facts of a stored delivery computed in the database with ``GROUP BY``.

Loading a million participants into Python to count them takes longer than the whole report
may; these queries return a few rows per project instead. They implement the same definitions
as :func:`werkbrug.indicators.facts_from_rows` — the tests hold the two to each other on both
SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

from werkbrug.deliveries.models import (
    Delivery,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
)
from werkbrug.indicators import OUTCOME_CODES, ProjectFacts, ProjectInfo, ReportSettings
from werkbrug.taxonomy import CONTRACTS, TRANSITION_OUTCOMES, education_level


def facts_from_database(
    delivery: Delivery, projects: Iterable[ProjectInfo], settings: ReportSettings
) -> dict[str, ProjectFacts]:
    facts = {project.code: ProjectFacts() for project in projects}
    reached = _reached(delivery, settings)
    for code, count in (
        reached.values("project__code").annotate(n=Count("id")).values_list("project__code", "n")
    ):
        facts[code].reached = count
    for code, age, count in _ages(reached):
        facts[code].ages[age] += count
    for code, education, count in (
        reached.exclude(education="")
        .values("project__code", "education")
        .annotate(n=Count("id"))
        .values_list("project__code", "education", "n")
    ):
        level = education_level(education)
        if level is not None:
            facts[code].education[level] += count
    for code, outcome, contract, fulltime, count in _outcomes(delivery, settings):
        _add(facts[code], outcome, contract, fulltime, count)
    return facts


def _reached(delivery: Delivery, settings: ReportSettings) -> QuerySet[DeliveryParticipant]:
    reached = DeliveryParticipant.objects.filter(delivery=delivery).order_by()
    if settings.as_of is not None:
        reached = reached.filter(intake_date__lte=settings.as_of)
    return reached


def _ages(reached: QuerySet[DeliveryParticipant]) -> Iterable[tuple[str, int, int]]:
    """Completed years at intake, grouped: the birthday comparison on month and day."""
    month_day = ExtractMonth("intake_date") * 100 + ExtractDay("intake_date")
    birthday = ExtractMonth("birth_date") * 100 + ExtractDay("birth_date")
    before_birthday = Case(
        When(Q(intake_md__lt=F("birth_md")), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    age = Case(
        When(
            birth_date__isnull=False,
            then=ExtractYear("intake_date") - ExtractYear("birth_date") - before_birthday,
        ),
        When(birth_year__isnull=False, then=ExtractYear("intake_date") - F("birth_year")),
        default=None,
        output_field=IntegerField(),
    )
    rows = (
        reached.annotate(intake_md=month_day, birth_md=birthday)
        .annotate(age=age)
        .exclude(age=None)
        .values("project__code", "age")
        .annotate(n=Count("id"))
        .values_list("project__code", "age", "n")
    )
    return ((code, int(age_value), n) for code, age_value, n in rows)


def _outcomes(delivery: Delivery, settings: ReportSettings) -> list[tuple[Any, ...]]:
    """Counted outcomes of reached participants by project, kind, contract and full-time."""
    o = DeliveryOutcome._meta.db_table
    p = DeliveryParticipant._meta.db_table
    project = DeliveryProject._meta.db_table
    threshold: Any = settings.fulltime_hours
    if connection.vendor == "sqlite":
        threshold = float(threshold)  # SQLite keeps the decimals as REAL
    sql = f"""
        SELECT pr.code, o.outcome, o.contract,
               CASE WHEN o.hours IS NULL THEN NULL WHEN o.hours >= %s THEN 1 ELSE 0 END,
               COUNT(*)
        FROM {o} o
        JOIN {p} p ON p.delivery_id = o.delivery_id AND p.{_q("key")} = o.participant_key
        JOIN {project} pr ON pr.id = p.project_id
        WHERE o.delivery_id = %s {{as_of}}
        GROUP BY 1, 2, 3, 4
    """
    params: list[Any] = [threshold, delivery.pk]
    as_of = ""
    if settings.as_of is not None:
        as_of = "AND p.intake_date <= %s AND o.date <= %s"
        day: Any = settings.as_of
        if connection.vendor == "sqlite":
            day = day.isoformat()
        params += [day, day]
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{as_of}", as_of), params)
        return list(cursor.fetchall())


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


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
