"""Hypothesis strategies: small random deliveries (rows) and small random facts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import strategies as st

from werkbrug.indicators import (
    CONTRACT_CODES,
    EDUCATION_LEVELS,
    OUTCOME_CODES,
    OutcomeRow,
    ParticipantRow,
    ProjectFacts,
    ProjectInfo,
)
from werkbrug.indicators.retention import RETENTION_MONTHS, lasting
from werkbrug.taxonomy import TRANSITION_OUTCOMES

START = dt.date(2010, 12, 1)
EDUCATION_CODES = [None, "basis", "vmbo", "LBO", "mbo", "mbo4", "havo", "hbo", "wo", "nonsense"]
HOURS = [None, Decimal(16), Decimal("35.99"), Decimal(36), Decimal(40)]


def day(low: int = 0, high: int = 500) -> st.SearchStrategy[dt.date]:
    return st.integers(low, high).map(lambda n: START + dt.timedelta(days=n))


@dataclass(frozen=True)
class Rows:
    projects: list[ProjectInfo]
    participants: list[ParticipantRow]
    outcomes: list[OutcomeRow]


@st.composite
def projects(draw: st.DrawFn) -> list[ProjectInfo]:
    count = draw(st.integers(1, 4))
    return [
        ProjectInfo(
            code=f"p{i}",
            name=f"Project {i}",
            target_participants=draw(st.integers(0, 25)),
            target_transitions=draw(st.integers(0, 15)),
        )
        for i in range(count)
    ]


@st.composite
def participant(draw: st.DrawFn, key: str, codes: list[str]) -> ParticipantRow:
    intake = draw(day())
    birth_date = birth_year = None
    choice = draw(st.sampled_from(["date", "year", "none"]))
    if choice == "date":
        birth_date = intake - dt.timedelta(days=draw(st.integers(5000, 25000)))
    elif choice == "year":
        birth_year = intake.year - draw(st.integers(15, 70))
    return ParticipantRow(
        key=key,
        project=draw(st.sampled_from(codes)),
        intake_date=intake,
        birth_date=birth_date,
        birth_year=birth_year,
        education=draw(st.sampled_from(EDUCATION_CODES)),
    )


@st.composite
def outcome(draw: st.DrawFn, row: ParticipantRow) -> OutcomeRow | None:
    if not draw(st.booleans()):
        return None
    return OutcomeRow(
        participant=row.key,
        outcome=draw(st.sampled_from(OUTCOME_CODES)),
        date=row.intake_date + dt.timedelta(days=draw(st.integers(0, 300))),
        contract=draw(st.sampled_from([None, *CONTRACT_CODES])),
        hours=draw(st.sampled_from(HOURS)),
    )


@st.composite
def deliveries(draw: st.DrawFn, max_participants: int = 40) -> Rows:
    """Valid deliveries as the exchange format allows them: at most one outcome each."""
    listed = draw(projects())
    codes = [p.code for p in listed]
    count = draw(st.integers(0, max_participants))
    people = [draw(participant(f"x{k:03d}", codes)) for k in range(count)]
    drawn = [draw(outcome(row)) for row in people]
    return Rows(listed, people, [o for o in drawn if o is not None])


@st.composite
def project_facts(draw: st.DrawFn, max_people: int = 30) -> ProjectFacts:
    """Consistent facts of one project, built person by person, with many small counts."""
    facts = ProjectFacts()
    for _ in range(draw(st.integers(0, max_people))):
        facts.reached += 1
        age = draw(st.sampled_from([None, 20, 30, 40, 50, 60]))
        if age is not None:
            facts.ages[age] += 1
        level = draw(st.sampled_from([None, *EDUCATION_LEVELS]))
        if level is not None:
            facts.education[level] += 1
        kind = draw(st.sampled_from([None, *OUTCOME_CODES]))
        if kind is None:
            continue
        facts.by_outcome[kind] += 1
        if kind in TRANSITION_OUTCOMES:
            contract = draw(st.sampled_from([None, *CONTRACT_CODES]))
            if contract is not None:
                facts.contract[contract] += 1
            hours = draw(st.sampled_from([None, True, False]))
            if hours is not None:
                facts.fulltime += int(hours)
                facts.parttime += int(not hours)
            facts.lasting[lasting(kind, contract)] += 1
            for months in RETENTION_MONTHS:
                state = draw(st.sampled_from([None, "in_work", "left", "unchecked"]))
                if state is not None:
                    facts.retention_at(months)[state] += 1
    facts.ages = Counter({k: v for k, v in facts.ages.items() if v})
    return facts
