"""Freeze a delivery from the live data: what a project sends the funder.

The live records are written out in the exchange format and read back through the same
import as any delivery, so a frozen delivery is validated by the same rules, stored in the
same snapshot tables, and appears in the reports exactly like an imported one. Later changes
to the live data (or the erasure of a participant) never change it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.db.models import QuerySet

from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.deliveries.services import ImportResult, delivery_import
from werkbrug.exchange import TABLES, DeliveryMeta, write_csv_folder
from werkbrug.exchange.validate import Values
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.models import Outcome
from werkbrug.vacancies.models import Employer, Vacancy


def _blank(value: object) -> object:
    return None if value == "" else value


def _project_rows(projects: QuerySet[Project]) -> Iterable[Values]:
    for p in projects.order_by("code"):
        yield [
            _blank(v)
            for v in (
                p.code,
                p.name,
                p.network,
                p.sector,
                p.region,
                p.start_date,
                p.end_date,
                p.target_participants,
                p.target_transitions,
                p.budget_eur,
                p.own_funds_eur,
                p.subsidy_eur,
                p.individual_contribution,
                p.employer_contribution,
                p.union_involved,
                p.formal_agreement,
                p.continuation,
            )
        ]


def _participant_rows(participants: QuerySet[Participant]) -> Iterable[Values]:
    for p in participants.select_related("project").order_by("key").iterator(chunk_size=2000):
        yield [
            _blank(v)
            for v in (
                p.key,
                p.project.code,
                p.intake_date,
                p.birth_date,
                p.birth_year,
                p.gender,
                p.education,
                p.situation,
                p.occupation,
                p.sector,
                p.postcode,
                p.hours_before,
            )
        ]


def _outcome_rows(outcomes: QuerySet[Outcome]) -> Iterable[Values]:
    rows = outcomes.select_related("trajectory__participant", "employer")
    for o in rows.order_by("trajectory__participant__key").iterator(chunk_size=2000):
        employer = o.employer.key if o.employer else o.employer_name
        yield [
            _blank(v)
            for v in (
                o.trajectory.participant.key,
                o.outcome,
                o.date,
                o.contract,
                o.hours,
                employer,
                o.sector,
                o.occupation,
                o.benefit_days,
            )
        ]


def _employer_rows(employers: QuerySet[Employer]) -> Iterable[Values]:
    for e in employers.select_related("project").order_by("key"):
        yield [
            _blank(v)
            for v in (e.key, e.name, e.sector, e.postcode, e.project.code if e.project else None)
        ]


def _vacancy_rows(vacancies: QuerySet[Vacancy]) -> Iterable[Values]:
    for v in vacancies.select_related("employer").order_by("key"):
        yield [
            _blank(x)
            for x in (
                v.key,
                v.employer.key,
                v.title,
                v.occupation,
                v.sector,
                v.postcode,
                v.min_education,
                v.hours,
                v.contract,
                v.positions,
                v.skills,
                v.open_date,
                v.close_date,
            )
        ]


def delivery_freeze(
    *,
    actor: User,
    projects: QuerySet[Project],
    name: str,
    delivered_on: dt.date,
    description: str = "",
) -> ImportResult:
    """Freeze the live data of ``projects`` into a delivery called ``name``."""
    participants = Participant.objects.filter(project__in=projects)
    outcomes = Outcome.objects.filter(trajectory__participant__in=participants)
    employers = Employer.objects.filter(project__in=projects) | Employer.objects.filter(
        pk__in=outcomes.exclude(employer=None).values("employer")
    )
    employers = employers.distinct()
    meta = DeliveryMeta(name=name, delivered_on=delivered_on, description=description)
    with tempfile.TemporaryDirectory(prefix="werkbrug-freeze-") as tmp:
        folder = Path(tmp) / "delivery"
        write_csv_folder(
            folder,
            meta,
            [
                (TABLES["projects"], _project_rows(projects)),
                (TABLES["participants"], _participant_rows(participants)),
                (TABLES["outcomes"], _outcome_rows(outcomes)),
                (TABLES["employers"], _employer_rows(employers)),
                (
                    TABLES["vacancies"],
                    _vacancy_rows(Vacancy.objects.filter(employer__in=employers)),
                ),
            ],
        )
        result = delivery_import(path=folder, name=name, delivered_on=delivered_on, actor=actor)
    if result.ok and result.delivery is not None:
        audit_record(
            actor=actor,
            action=Action.EXPORT,
            obj=result.delivery,
            changes={"projects": sorted(projects.values_list("code", flat=True))},
        )
    return result
