"""The participant frame: durations, events, censoring and characteristics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

from tests.evaluation.conftest import DEMO
from werkbrug.evaluation import FRAME_COLUMNS, delivery_frame, participant_frame
from werkbrug.indicators import age_at

D = dt.date
CENSOR = D(2012, 3, 1)


def project(code: str = "a", **overrides: Any) -> list[Any]:
    row: dict[str, Any] = {
        "code": code,
        "name": code.upper(),
        "network": "sector",
        "sector": "C",
        "region": None,
        "start_date": D(2010, 12, 1),
        "end_date": None,
        "target_participants": 10,
        "target_transitions": 8,
        "budget_eur": None,
        "own_funds_eur": None,
        "subsidy_eur": None,
        "individual_contribution": False,
        "employer_contribution": True,
        "union_involved": True,
        "formal_agreement": "covenant",
        "continuation": "continued",
    }
    row.update(overrides)
    return list(row.values())


def person(pid: str, intake: dt.date, **overrides: Any) -> list[Any]:
    row: dict[str, Any] = {
        "id": pid,
        "project": "a",
        "intake_date": intake,
        "birth_date": D(1965, 6, 15),
        "birth_year": None,
        "gender": "f",
        "education": "mbo2",
        "situation": "threatened",
        "occupation": None,
        "sector": None,
        "postcode": None,
        "hours_before": None,
    }
    row.update(overrides)
    return list(row.values())


def outcome(pid: str, kind: str, day: dt.date) -> list[Any]:
    return [pid, kind, day, None, None, None, None, None, None]


def frame(people: list[list[Any]], outcomes: list[list[Any]], **kw: Any) -> pd.DataFrame:
    return participant_frame([project(**kw)], people, outcomes, censor_date=CENSOR)


def test_age_is_completed_years_at_intake() -> None:
    assert age_at(D(2011, 6, 14), D(1965, 6, 15), None) == 45
    assert age_at(D(2011, 6, 15), D(1965, 6, 15), None) == 46


def test_the_birth_year_is_used_when_the_date_is_unknown() -> None:
    assert age_at(D(2011, 3, 1), None, 1970) == 41
    assert age_at(D(2011, 3, 1), None, None) is None


def test_a_transition_runs_from_intake_to_the_outcome_date() -> None:
    f = frame([person("p1", D(2011, 1, 1))], [outcome("p1", "work", D(2011, 3, 2))])
    row = f.iloc[0]
    assert (row["duration_days"], row["event"], row["transition"]) == (60, "transition", True)


@pytest.mark.parametrize("kind", ["work", "learn_work", "self_employed"])
def test_every_kind_of_new_work_is_a_transition(kind: str) -> None:
    f = frame([person("p1", D(2011, 1, 1))], [outcome("p1", kind, D(2011, 2, 1))])
    assert f.loc[0, "event"] == "transition"


@pytest.mark.parametrize("kind", ["no_work", "dropout"])
def test_ending_without_work_is_a_competing_event(kind: str) -> None:
    f = frame([person("p1", D(2011, 1, 1))], [outcome("p1", kind, D(2011, 2, 1))])
    assert (f.loc[0, "event"], bool(f.loc[0, "transition"])) == (kind, False)


def test_ongoing_participants_are_censored_at_the_censor_date() -> None:
    f = frame([person("p1", D(2012, 2, 1))], [])
    assert (f.loc[0, "event"], f.loc[0, "duration_days"]) == ("censored", 29)
    assert pd.isna(f.loc[0, "outcome"])


def test_an_outcome_after_the_censor_date_was_not_known_yet() -> None:
    f = frame([person("p1", D(2012, 2, 1))], [outcome("p1", "work", D(2012, 4, 1))])
    assert (f.loc[0, "event"], f.loc[0, "duration_days"]) == ("censored", 29)


def test_participants_who_start_after_the_censor_date_are_left_out() -> None:
    f = frame([person("p1", D(2012, 2, 1)), person("p2", D(2012, 3, 2))], [])
    assert f["participant"].tolist() == ["p1"]


def test_an_outcome_before_intake_is_refused() -> None:
    with pytest.raises(ValueError, match="before intake"):
        frame([person("p1", D(2011, 5, 1))], [outcome("p1", "work", D(2011, 4, 1))])


def test_characteristics_and_project_attributes_are_carried_over() -> None:
    f = frame(
        [person("p1", D(2011, 6, 15), birth_date=None, birth_year=1970, education="lbo")],
        [],
        formal_agreement="none",
        individual_contribution=None,
    )
    row = f.iloc[0]
    assert list(f.columns) == list(FRAME_COLUMNS)
    assert (row["age"], row["education"], row["network"]) == (41.0, "low", "sector")
    assert bool(row["union_involved"])
    assert not bool(row["formal_agreement_any"])
    assert pd.isna(row["individual_contribution"])


def test_the_demo_holds_the_letters_totals(demo: tuple[pd.DataFrame, dt.date]) -> None:
    f, censor = demo
    assert censor == D(2012, 11, 1)
    assert len(f) == 680
    assert f["event"].value_counts().to_dict() == {
        "transition": 404,
        "no_work": 154,
        "dropout": 64,
        "censored": 58,
    }
    assert f["project"].nunique() == 9
    assert (f["duration_days"] >= 0).all()


def test_an_explicit_censor_date_overrides_the_delivery_date() -> None:
    f, censor = delivery_frame(DEMO, censor_date=D(2011, 6, 1))
    assert censor == D(2011, 6, 1)
    assert len(f) < 680
    assert (f["duration_days"] <= (D(2011, 6, 1) - D(2010, 12, 1)).days).all()
