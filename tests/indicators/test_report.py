"""The report on the small hand-computed delivery of ``small.py``: every definition."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from tests.indicators.small import OUTCOMES, PARTICIPANTS, PROJECTS
from werkbrug.indicators import (
    CHANGE_KEYS,
    DEFINITIONS_VERSION,
    ProjectFacts,
    ProjectInfo,
    Report,
    ReportSettings,
    age_band,
    build_report,
    compare,
    facts_from_rows,
    mean_age_band,
    reach_class,
)

D = dt.date


def report(settings: ReportSettings | None = None, delivery: str = "small") -> Report:
    settings = settings or ReportSettings()
    facts = facts_from_rows(PROJECTS, PARTICIPANTS, OUTCOMES, settings, delivered_on=D(2012, 1, 31))
    return build_report(
        delivery=delivery,
        delivered_on=D(2012, 1, 31),
        projects=PROJECTS,
        facts=facts,
        settings=settings,
    )


def _zero_contract() -> dict[str, int]:
    return {"fixed_term": 0, "permanent": 0, "agency": 0, "on_call": 0, "other": 0, "known": 0}


def _point(due: int = 0, in_work: int = 0, left: int = 0) -> dict[str, Any]:
    """A retention point of a delivery: no follow-ups, so every due placement is unchecked."""
    checked = in_work + left
    return {
        "due": due,
        "checked": checked,
        "in_work": in_work,
        "left": left,
        "unchecked": due - checked,
        "share": in_work / checked if checked else None,
    }


def _lasting(lasting: int = 0, not_lasting: int = 0) -> dict[str, Any]:
    known = lasting + not_lasting
    return {
        "lasting_counts": {"lasting": lasting, "not_lasting": not_lasting, "known": known},
        "lasting": {"share": lasting / known if known else None, "known": known},
    }


# p1 (permanent) and p4 (self-employed) are lasting, p2's fixed-term contract has no length:
# unknown. On the delivery date, 31 January 2012, p1 (placed 1 May) and p2 (1 July) have
# passed their 3- and 6-month points, p4 (1 December) neither; nobody has passed 12 months.
LASTING_A = {
    **_lasting(2, 0),
    "retention": {"m3": _point(2), "m6": _point(2), "m12": _point()},
}
LASTING_NONE = {**_lasting(), "retention": {"m3": _point(), "m6": _point(), "m12": _point()}}

NO_ATTRIBUTES: dict[str, Any] = {
    "network": None,
    "sector": None,
    "region": None,
    "individual_contribution": None,
    "employer_contribution": None,
    "union_involved": None,
    "formal_agreement": None,
    "continuation": None,
}

PROJECT_A = {
    "code": "a",
    "name": "Project A",
    "target_participants": 4,
    "target_transitions": 2,
    "reached": 5,
    "transitions": 3,
    "finished": 4,
    "ongoing": 1,
    "transition_rate": 0.6,
    "transition_rate_finished": 0.75,
    "by_outcome": {"work": 1, "learn_work": 1, "self_employed": 1, "no_work": 1, "dropout": 0},
    "mean_age": 35.5,
    "mean_age_band": "35–40",
    "age_bands": {"under_25": 1, "25_34": 1, "35_44": 1, "45_54": 1, "55_plus": 0, "known": 4},
    "education_counts": {"low": 1, "middle": 1, "high": 2, "known": 4},
    "education": {"low": 0.25, "middle": 0.25, "high": 0.5, "known": 4},
    "contract_counts": {**_zero_contract(), "fixed_term": 1, "permanent": 1, "known": 2},
    "contract": {
        "fixed_term": 0.5,
        "permanent": 0.5,
        "agency": 0.0,
        "on_call": 0.0,
        "other": 0.0,
        "known": 2,
    },
    "fulltime": {"share": 0.5, "known": 2, "count": 1, "threshold": 36.0},
    **LASTING_A,
    "reach_ratio": 1.25,
    "reach_class": "above",
    "transition_target_ratio": 1.5,
    **NO_ATTRIBUTES,
    "network": "sector",
    "continuation": "continued",
}

PROJECT_B = {
    "code": "b",
    "name": "Project B",
    "target_participants": 0,
    "target_transitions": 0,
    "reached": 1,
    "transitions": 0,
    "finished": 1,
    "ongoing": 0,
    "transition_rate": 0.0,
    "transition_rate_finished": 0.0,
    "by_outcome": {"work": 0, "learn_work": 0, "self_employed": 0, "no_work": 0, "dropout": 1},
    "mean_age": 56.0,
    "mean_age_band": "55–60",
    "age_bands": {"under_25": 0, "25_34": 0, "35_44": 0, "45_54": 0, "55_plus": 1, "known": 1},
    "education_counts": {"low": 0, "middle": 1, "high": 0, "known": 1},
    "education": {"low": 0.0, "middle": 1.0, "high": 0.0, "known": 1},
    "contract_counts": _zero_contract(),
    "contract": {
        **dict.fromkeys(("fixed_term", "permanent", "agency", "on_call", "other")),
        "known": 0,
    },
    "fulltime": {"share": None, "known": 0, "count": 0, "threshold": 36.0},
    **LASTING_NONE,
    "reach_ratio": None,  # target 0
    "reach_class": None,
    "transition_target_ratio": None,
    **NO_ATTRIBUTES,
}

PROJECT_C = {
    "code": "c",
    "name": "Project C without participants",
    "target_participants": 10,
    "target_transitions": 5,
    "reached": 0,
    "transitions": 0,
    "finished": 0,
    "ongoing": 0,
    "transition_rate": None,
    "transition_rate_finished": None,
    "by_outcome": {"work": 0, "learn_work": 0, "self_employed": 0, "no_work": 0, "dropout": 0},
    "mean_age": None,
    "mean_age_band": None,
    "age_bands": {"under_25": 0, "25_34": 0, "35_44": 0, "45_54": 0, "55_plus": 0, "known": 0},
    "education_counts": {"low": 0, "middle": 0, "high": 0, "known": 0},
    "education": {"low": None, "middle": None, "high": None, "known": 0},
    "contract_counts": _zero_contract(),
    "contract": {
        **dict.fromkeys(("fixed_term", "permanent", "agency", "on_call", "other")),
        "known": 0,
    },
    "fulltime": {"share": None, "known": 0, "count": 0, "threshold": 36.0},
    **LASTING_NONE,
    "reach_ratio": 0.0,
    "reach_class": "below",
    "transition_target_ratio": 0.0,
    **NO_ATTRIBUTES,
}

TOTALS = {
    "projects": 3,
    "target_participants": 14,
    "target_transitions": 7,
    "reached": 6,
    "transitions": 3,
    "finished": 5,
    "ongoing": 1,
    "transition_rate": 0.5,
    "transition_rate_finished": 0.6,
    "by_outcome": {"work": 1, "learn_work": 1, "self_employed": 1, "no_work": 1, "dropout": 1},
    "mean_age": 39.6,  # (41 + 31 + 20 + 50 + 56) / 5
    "mean_age_band": "35–40",
    "age_bands": {"under_25": 1, "25_34": 1, "35_44": 1, "45_54": 1, "55_plus": 1, "known": 5},
    "education_counts": {"low": 1, "middle": 2, "high": 2, "known": 5},
    "education": {"low": 0.2, "middle": 0.4, "high": 0.4, "known": 5},
    "contract_counts": {**_zero_contract(), "fixed_term": 1, "permanent": 1, "known": 2},
    "contract": {
        "fixed_term": 0.5,
        "permanent": 0.5,
        "agency": 0.0,
        "on_call": 0.0,
        "other": 0.0,
        "known": 2,
    },
    "fulltime": {"share": 0.5, "known": 2, "count": 1, "threshold": 36.0},
    **LASTING_A,
    "reach_ratio": 6 / 14,
    "transition_target_ratio": 3 / 7,
    "reach_classes": {"above": 1, "near": 0, "below": 1},  # b has no class
}


def test_the_whole_report_by_hand() -> None:
    assert report() == {
        "schema": "werkbrug-report/1",
        "definitions_version": "werkbrug-report/1",
        "delivery": "small",
        "delivered_on": "2012-01-31",
        "as_of": None,
        "public": False,
        "settings": {
            "fulltime_hours": 36.0,
            "near_threshold": 0.9,
            "public": False,
            "min_cell": 10,
        },
        "totals": TOTALS,
        "projects": [PROJECT_A, PROJECT_B, PROJECT_C],
        "suppressed": [],
    }
    assert DEFINITIONS_VERSION == "werkbrug-report/1"


TOTAL_KEYS = {
    "projects",
    "target_participants",
    "target_transitions",
    "reached",
    "transitions",
    "finished",
    "ongoing",
    "transition_rate",
    "transition_rate_finished",
    "by_outcome",
    "mean_age",
    "education",
    "contract",
    "fulltime",
    "reach_classes",
}
PROJECT_KEYS = {
    "code",
    "name",
    "target_participants",
    "target_transitions",
    "reached",
    "transitions",
    "finished",
    "ongoing",
    "transition_rate",
    "transition_rate_finished",
    "by_outcome",
    "mean_age",
    "education",
    "contract",
    "fulltime",
    "reach_ratio",
    "reach_class",
    "transition_target_ratio",
}


def test_the_keys_of_the_definitions() -> None:
    result = report()
    assert {"schema", "delivery", "as_of", "totals", "projects"} <= set(result)
    for row in [result["totals"], *result["projects"]]:
        assert set(row["by_outcome"]) == {
            "work",
            "learn_work",
            "self_employed",
            "no_work",
            "dropout",
        }
        # The definitions' shares and, added, the counts behind them: the same keys.
        for education in ("education", "education_counts"):
            assert set(row[education]) == {"low", "middle", "high", "known"}
        for contract in ("contract", "contract_counts"):
            assert set(row[contract]) == {
                "fixed_term",
                "permanent",
                "agency",
                "on_call",
                "other",
                "known",
            }
        assert row["education"]["known"] == row["education_counts"]["known"]
        assert row["contract"]["known"] == row["contract_counts"]["known"]
        assert {"share", "known", "threshold"} <= set(row["fulltime"])
    assert set(result["totals"]) >= TOTAL_KEYS
    assert set(result["totals"]["reach_classes"]) == {"above", "near", "below"}
    for row in result["projects"]:
        assert set(row) >= PROJECT_KEYS


def _types(value: Any) -> set[type]:
    if isinstance(value, dict):
        assert all(isinstance(k, str) for k in value)
        return set().union(*(_types(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_types(v) for v in value)) if value else set()
    return {type(value)}


def test_only_json_types() -> None:
    result = report(ReportSettings(fulltime_hours=Decimal("35.5"), near_threshold=Decimal("0.8")))
    assert _types(result) <= {str, int, float, bool, type(None)}
    assert result["settings"]["fulltime_hours"] == 35.5
    assert result["settings"]["near_threshold"] == 0.8
    assert result["totals"]["fulltime"]["threshold"] == 35.5
    assert json.loads(json.dumps(result)) == result


def test_as_of_date() -> None:
    result = report(ReportSettings(as_of=D(2011, 8, 15)))
    assert result["as_of"] == "2011-08-15"
    a = result["projects"][0]
    assert (a["reached"], a["transitions"], a["finished"], a["ongoing"]) == (4, 2, 3, 1)
    assert a["transition_rate"] == 0.5
    assert a["reach_class"] == "near"  # 4 of 4
    totals = result["totals"]
    assert (totals["reached"], totals["transitions"], totals["ongoing"]) == (5, 2, 1)


def test_as_of_before_every_intake() -> None:
    totals = report(ReportSettings(as_of=D(2010, 1, 1)))["totals"]
    assert totals["reached"] == 0
    assert totals["transition_rate"] is None
    assert totals["mean_age"] is None
    assert totals["education"] == {"low": None, "middle": None, "high": None, "known": 0}
    assert totals["education_counts"] == {"low": 0, "middle": 0, "high": 0, "known": 0}
    assert totals["fulltime"]["share"] is None
    assert totals["reach_ratio"] == 0.0
    assert totals["reach_classes"] == {"above": 0, "near": 0, "below": 2}


def test_a_project_missing_from_the_facts_has_no_participants() -> None:
    result = build_report(
        delivery="x",
        delivered_on=None,
        projects=[ProjectInfo("z", "Z", 5, 5)],
        facts={},
        settings=ReportSettings(),
    )
    assert result["projects"][0]["reached"] == 0
    assert result["delivered_on"] is None


def test_projects_are_ordered_by_code_whatever_the_input_order() -> None:
    settings = ReportSettings()
    facts = facts_from_rows(PROJECTS, PARTICIPANTS, OUTCOMES, settings, delivered_on=D(2012, 1, 31))
    shuffled = build_report(
        delivery="small",
        delivered_on=D(2012, 1, 31),
        projects=PROJECTS[::-1],
        facts=dict(reversed(facts.items())),
        settings=settings,
    )
    assert json.dumps(shuffled, sort_keys=True) == json.dumps(report(), sort_keys=True)


@pytest.mark.parametrize(
    ("reached", "target", "expected"),
    [
        (11, 10, "above"),
        (10, 10, "near"),  # a ratio of exactly 1 is near, not above
        (9, 10, "near"),  # exactly 0.9 is near (compared exactly, not in floats)
        (8, 10, "below"),
        (0, 10, "below"),
        (5, 0, None),
        (0, 0, None),
        (27, 30, "near"),
        (26, 30, "below"),
    ],
)
def test_reach_class(reached: int, target: int, expected: str | None) -> None:
    assert reach_class(reached, target, Decimal("0.9")) == expected


def test_reach_class_threshold_is_a_setting() -> None:
    assert reach_class(8, 10, Decimal("0.8")) == "near"
    assert reach_class(8, 10, 0.8) == "near"
    assert reach_class(7, 10, Decimal("0.8")) == "below"


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (-1, "under_25"),
        (24, "under_25"),
        (25, "25_34"),
        (34, "25_34"),
        (35, "35_44"),
        (44, "35_44"),
        (45, "45_54"),
        (54, "45_54"),
        (55, "55_plus"),
        (80, "55_plus"),
    ],
)
def test_age_band(age: int, band: str) -> None:
    assert age_band(age) == band


@pytest.mark.parametrize(
    ("mean", "band"),
    [
        (45, "45–50"),
        (49.99, "45–50"),
        (Fraction(249, 5), "45–50"),
        (50, "50–55"),
        (20.93, "20–25"),
        (44.999, "40–45"),
        (None, None),
    ],
)
def test_mean_age_band(mean: float | Fraction | None, band: str | None) -> None:
    assert mean_age_band(mean) == band


def test_compare() -> None:
    before = report(ReportSettings(as_of=D(2011, 6, 30)), delivery="interim")
    after = report()
    result = compare(after, before)
    assert after == report()  # the inputs are not changed
    assert {k: v for k, v in result.items() if k != "comparison"} == after
    comparison = result["comparison"]
    assert comparison["delivery"] == "interim"
    assert comparison["as_of"] == "2011-06-30"
    assert comparison["totals"] == before["totals"]
    assert set(comparison["totals"]) == set(after["totals"])
    by_key = {c["key"]: (c["before"], c["after"]) for c in comparison["changes"]}
    assert list(by_key) == list(CHANGE_KEYS)
    # On 30 June 2011: p1 work (permanent, 36 h) of reached p1, p2, p3, p4, q1.
    assert by_key["transition_rate"] == (0.2, 0.5)
    assert by_key["contract.permanent"] == (1.0, 0.5)
    assert by_key["contract.fixed_term"] == (0.0, 0.5)
    assert by_key["fulltime.share"] == (1.0, 0.5)
    assert by_key["education.low"] == (0.25, 0.2)


def test_facts_object_is_not_changed_by_the_report() -> None:
    settings = ReportSettings()
    facts = facts_from_rows(PROJECTS, PARTICIPANTS, OUTCOMES, settings, delivered_on=D(2012, 1, 31))
    snapshot = {k: ProjectFacts.total([v]) for k, v in facts.items()}
    build_report(delivery="x", delivered_on=None, projects=PROJECTS, facts=facts, settings=settings)
    assert facts == snapshot


def test_a_project_code_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="more than once: a"):
        build_report(
            delivery="x",
            delivered_on=None,
            projects=[PROJECTS[0], PROJECTS[0]],
            facts={},
            settings=ReportSettings(),
        )
