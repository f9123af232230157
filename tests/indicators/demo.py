"""Read a shipped demo delivery with the exchange package into the indicators' row types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from werkbrug.exchange import TABLES, DeliveryValidator, open_source
from werkbrug.indicators import OutcomeRow, ParticipantRow, ProjectInfo

DEMO = Path(__file__).resolve().parents[2] / "src" / "werkbrug" / "demo" / "data"


@dataclass(frozen=True)
class Delivery:
    name: str
    delivered_on: dt.date | None
    projects: tuple[ProjectInfo, ...]
    participants: tuple[ParticipantRow, ...]
    outcomes: tuple[OutcomeRow, ...]


def _named(table: str, values: list[Any]) -> dict[str, Any]:
    return dict(zip(TABLES[table].column_names, values, strict=True))


def _project(v: dict[str, Any]) -> ProjectInfo:
    return ProjectInfo(
        code=v["code"],
        name=v["name"],
        target_participants=v["target_participants"],
        target_transitions=v["target_transitions"],
        network=v["network"],
        sector=v["sector"],
        region=v["region"],
        start_date=v["start_date"],
        end_date=v["end_date"],
        individual_contribution=v["individual_contribution"],
        employer_contribution=v["employer_contribution"],
        union_involved=v["union_involved"],
        formal_agreement=v["formal_agreement"],
        continuation=v["continuation"],
        budget_eur=v["budget_eur"],
        own_funds_eur=v["own_funds_eur"],
        subsidy_eur=v["subsidy_eur"],
    )


def _participant(v: dict[str, Any]) -> ParticipantRow:
    return ParticipantRow(
        key=v["id"],
        project=v["project"],
        intake_date=v["intake_date"],
        birth_date=v["birth_date"],
        birth_year=v["birth_year"],
        education=v["education"],
        gender=v["gender"],
    )


def _outcome(v: dict[str, Any]) -> OutcomeRow:
    return OutcomeRow(
        participant=v["participant"],
        outcome=v["outcome"],
        date=v["date"],
        contract=v["contract"],
        hours=v["hours"],
    )


@cache
def load(name: str) -> Delivery:
    """The demo delivery ``name`` (``eindrapportage`` or ``tussenrapportage``)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with open_source(DEMO / name) as source:
        validator = DeliveryValidator(source)
        for table, values in validator.tables():
            rows[table.name] = [_named(table.name, v) for v in values]
        meta = validator.meta
    assert not validator.problems.error_count, "the demo delivery must be valid"
    return Delivery(
        name=meta.name or name,
        delivered_on=meta.delivered_on,
        projects=tuple(_project(v) for v in rows["projects"]),
        participants=tuple(_participant(v) for v in rows["participants"]),
        outcomes=tuple(_outcome(v) for v in rows.get("outcomes", [])),
    )
