"""The facts on plain rows: age at intake, reached, counted outcomes, transitions' quality."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from tests.indicators.small import OUTCOMES, PARTICIPANTS, PROJECTS
from werkbrug.indicators import (
    OutcomeRow,
    ParticipantRow,
    ProjectFacts,
    ReportSettings,
    age_at,
    facts_from_rows,
)

D = dt.date


@pytest.mark.parametrize(
    ("birth_date", "birth_year", "intake", "age"),
    [
        (D(1970, 1, 10), None, D(2011, 1, 10), 41),  # birthday on the intake day
        (D(1970, 1, 11), None, D(2011, 1, 10), 40),  # birthday the day after
        (D(1970, 1, 9), None, D(2011, 1, 10), 41),
        (D(1970, 12, 31), None, D(2011, 1, 1), 40),
        (D(1972, 2, 29), None, D(2011, 2, 28), 38),  # leap-day birthday, not a leap year
        (D(1972, 2, 29), None, D(2011, 3, 1), 39),
        (D(1972, 2, 29), None, D(2012, 2, 29), 40),
        (None, 1970, D(2011, 1, 1), 41),  # birth_year only: difference of the years
        (None, 1970, D(2011, 12, 31), 41),
        (D(1970, 6, 1), 1960, D(2011, 1, 1), 40),  # birth_date wins over birth_year
        (None, None, D(2011, 1, 1), None),
    ],
)
def test_age_at_intake(
    birth_date: dt.date | None, birth_year: int | None, intake: dt.date, age: int | None
) -> None:
    assert age_at(intake, birth_date, birth_year) == age


def facts(as_of: dt.date | None = None, **settings: object) -> dict[str, ProjectFacts]:
    return facts_from_rows(
        PROJECTS,
        PARTICIPANTS,
        OUTCOMES,
        ReportSettings(as_of=as_of, **settings),  # type: ignore[arg-type]
    )


def test_every_row_counts_without_an_as_of_date() -> None:
    a = facts()["a"]
    assert a.reached == 5
    assert a.by_outcome == Counter(work=1, learn_work=1, no_work=1, self_employed=1)
    assert (a.transitions, a.finished, a.ongoing) == (3, 4, 1)
    assert a.ages == Counter({41: 1, 31: 1, 20: 1, 50: 1})  # p3's age is unknown
    assert a.education == Counter(low=1, middle=1, high=2)  # p3's education is unknown
    # Quality over transitions: p4 (self-employed) has no contract and no hours.
    assert a.contract == Counter(permanent=1, fixed_term=1)
    assert (a.fulltime, a.parttime, a.hours_known) == (1, 1, 2)  # 36 is full-time


def test_a_project_without_participants_is_present_and_empty() -> None:
    c = facts()["c"]
    assert c == ProjectFacts()
    assert (c.reached, c.transitions, c.finished, c.ongoing) == (0, 0, 0, 0)


def test_contract_and_hours_count_for_transitions_only() -> None:
    b = facts()["b"]
    assert b.by_outcome == Counter(dropout=1)
    assert b.transitions == 0
    assert not b.contract
    assert b.hours_known == 0


def test_outcomes_after_the_as_of_date_do_not_count() -> None:
    a = facts(D(2011, 8, 15))["a"]
    assert a.reached == 4  # p5 joins on 1 September
    assert a.by_outcome == Counter(work=1, learn_work=1, no_work=1)  # p4's is in December
    assert (a.transitions, a.finished, a.ongoing) == (2, 3, 1)
    assert 50 not in a.ages


def test_the_as_of_day_itself_counts() -> None:
    a = facts(D(2011, 5, 1))["a"]
    assert a.reached == 3
    assert a.by_outcome == Counter(work=1)
    assert facts(D(2011, 4, 30))["a"].by_outcome == Counter()


def test_as_of_before_every_intake() -> None:
    result = facts(D(2010, 12, 31))
    assert set(result) == {"a", "b", "c"}
    assert all(f == ProjectFacts() for f in result.values())


def test_the_fulltime_threshold_is_a_setting() -> None:
    a = facts(fulltime_hours=Decimal(35))["a"]
    assert (a.fulltime, a.parttime) == (2, 0)
    a = facts(fulltime_hours=Decimal("36.01"))["a"]
    assert (a.fulltime, a.parttime) == (0, 2)


def test_no_known_education_and_unknown_codes() -> None:
    rows = [ParticipantRow("x", "c", D(2011, 1, 1), education=None)]
    rows.append(ParticipantRow("y", "c", D(2011, 1, 1), education="not-a-code"))
    c = facts_from_rows(PROJECTS, rows, [], ReportSettings())["c"]
    assert c.reached == 2
    assert not c.education


def test_aliases_of_education_codes_have_their_level() -> None:
    rows = [ParticipantRow("x", "c", D(2011, 1, 1), education="LBO")]
    assert facts_from_rows(PROJECTS, rows, [], ReportSettings())["c"].education == Counter(low=1)


def test_rows_of_unlisted_projects_and_participants_are_left_out() -> None:
    rows = [ParticipantRow("x", "zz", D(2011, 1, 1))]
    outcomes = [OutcomeRow("nobody", "work", D(2011, 2, 1))]
    result = facts_from_rows(PROJECTS, rows, outcomes, ReportSettings())
    assert all(f == ProjectFacts() for f in result.values())


def test_unknown_contract_codes_count_as_unknown() -> None:
    rows = [ParticipantRow("x", "c", D(2011, 1, 1))]
    outcomes = [OutcomeRow("x", "work", D(2011, 2, 1), "zero_hours", None)]
    c = facts_from_rows(PROJECTS, rows, outcomes, ReportSettings())["c"]
    assert c.transitions == 1
    assert not c.contract


def test_of_several_outcomes_the_latest_counted_one_counts() -> None:
    rows = [ParticipantRow("x", "c", D(2011, 1, 1))]
    outcomes = [
        OutcomeRow("x", "no_work", D(2011, 6, 1)),
        OutcomeRow("x", "work", D(2011, 3, 1), "permanent"),
    ]
    for order in (outcomes, outcomes[::-1]):
        settings = ReportSettings()
        assert facts_from_rows(PROJECTS, rows, order, settings)["c"].by_outcome == Counter(
            no_work=1
        )
        settings = ReportSettings(as_of=D(2011, 4, 1))
        assert facts_from_rows(PROJECTS, rows, order, settings)["c"].by_outcome == Counter(work=1)


def test_facts_add_up() -> None:
    result = facts()
    total = ProjectFacts.total(result.values())
    assert total.reached == 6
    assert (total.transitions, total.finished, total.ongoing) == (3, 5, 1)
    assert total.contract == Counter(permanent=1, fixed_term=1)
