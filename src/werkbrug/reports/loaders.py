"""Read a stored delivery into the plain rows of the pure indicators package."""

from __future__ import annotations

from werkbrug.deliveries.models import (
    Delivery,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
)
from werkbrug.indicators import OutcomeRow, ParticipantRow, ProjectInfo

_CHUNK = 10_000


def _blank(value: str) -> str | None:
    return value or None


def project_infos(delivery: Delivery) -> list[ProjectInfo]:
    projects = DeliveryProject.objects.filter(delivery=delivery).order_by("code")
    return [
        ProjectInfo(
            code=p.code,
            name=p.name,
            target_participants=p.target_participants,
            target_transitions=p.target_transitions,
            network=_blank(p.network),
            sector=_blank(p.sector),
            region=_blank(p.region),
            start_date=p.start_date,
            end_date=p.end_date,
            individual_contribution=p.individual_contribution,
            employer_contribution=p.employer_contribution,
            union_involved=p.union_involved,
            formal_agreement=_blank(p.formal_agreement),
            continuation=_blank(p.continuation),
            budget_eur=p.budget_eur,
            own_funds_eur=p.own_funds_eur,
            subsidy_eur=p.subsidy_eur,
        )
        for p in projects
    ]


def project_names(delivery: Delivery) -> dict[str, str]:
    """Each project's name by its code: what a reader sees instead of the code."""
    return dict(
        DeliveryProject.objects.filter(delivery=delivery).values_list("code", "name").order_by()
    )


def participant_rows(delivery: Delivery) -> list[ParticipantRow]:
    rows = (
        DeliveryParticipant.objects.filter(delivery=delivery)
        .order_by()
        .values_list(
            "key", "project__code", "intake_date", "birth_date", "birth_year", "education", "gender"
        )
    )
    return [
        ParticipantRow(
            key=key,
            project=project,
            intake_date=intake,
            birth_date=birth_date,
            birth_year=birth_year,
            education=education or None,
            gender=gender or None,
        )
        for key, project, intake, birth_date, birth_year, education, gender in rows.iterator(
            chunk_size=_CHUNK
        )
    ]


def outcome_rows(delivery: Delivery) -> list[OutcomeRow]:
    rows = (
        DeliveryOutcome.objects.filter(delivery=delivery)
        .order_by()
        .values_list("participant_key", "outcome", "date", "contract", "hours")
    )
    return [
        OutcomeRow(
            participant=key, outcome=outcome, date=date, contract=contract or None, hours=hours
        )
        for key, outcome, date, contract, hours in rows.iterator(chunk_size=_CHUNK)
    ]
