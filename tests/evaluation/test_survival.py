"""Kaplan–Meier and cumulative incidence, checked against lifelines itself."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest
from lifelines import AalenJohansenFitter, KaplanMeierFitter
from lifelines.utils import median_survival_times

from tests.evaluation.conftest import synthetic_frame
from werkbrug.evaluation import cumulative_incidence, survival_analysis

Demo = tuple[pd.DataFrame, dt.date]


def lifelines_km(rows: pd.DataFrame) -> KaplanMeierFitter:
    return KaplanMeierFitter().fit(rows["duration_days"], rows["event"] == "transition")


def assert_same_as_lifelines(result: dict, name: str, rows: pd.DataFrame) -> None:
    km = lifelines_km(rows)
    curve = np.array(result["curves"][name])
    expected = km.survival_function_.iloc[:, 0]
    np.testing.assert_array_equal(curve[:, 0], expected.index.to_numpy())
    np.testing.assert_allclose(curve[:, 1], expected.to_numpy(), rtol=0, atol=1e-12)
    summary = result["overall"] if name == "overall" else result["groups"][name]
    assert summary["median_days"] == km.median_survival_time_
    ci = median_survival_times(km.confidence_interval_).iloc[0]
    expected_ci = [None if np.isinf(v) else float(v) for v in ci]
    assert summary["median_ci"] == expected_ci
    assert summary["events"] == int((rows["event"] == "transition").sum())


def test_kaplan_meier_equals_lifelines_on_synthetic_data() -> None:
    frame = synthetic_frame()
    result = survival_analysis(frame, by="network")
    assert_same_as_lifelines(result, "overall", frame)
    for network, rows in frame.groupby("network"):
        assert_same_as_lifelines(result, str(network), rows)


def test_kaplan_meier_equals_lifelines_on_the_demo(demo: Demo) -> None:
    frame, _ = demo
    result = survival_analysis(frame, by="project")
    assert_same_as_lifelines(result, "overall", frame)
    for project, rows in frame.groupby("project"):
        assert_same_as_lifelines(result, str(project), rows)
    assert result["overall"]["n"] == 680
    assert result["overall"]["events"] == 404


def test_a_median_that_is_never_reached_is_none() -> None:
    frame = pd.DataFrame(
        {
            "duration_days": [*range(5, 15), *[300] * 90],
            "event": ["transition"] * 10 + ["censored"] * 90,
        }
    )
    result = survival_analysis(frame)
    assert result["overall"]["median_days"] is None
    assert result["overall"]["median_ci"][1] is None


def test_the_median_on_a_textbook_example() -> None:
    # Six people: transitions on days 10, 20, 30; censored on 15, 25, 40.
    # S: 5/6 after day 10, 5/6*3/4 = 0.625 after day 20, 0.625*1/2 = 0.3125 after day 30.
    frame = pd.DataFrame(
        {
            "duration_days": [10, 15, 20, 25, 30, 40],
            "event": ["transition", "censored", "transition", "no_work", "transition", "censored"],
        }
    )
    result = survival_analysis(frame)
    assert result["overall"]["median_days"] == 30.0
    assert dict(map(tuple, result["curves"]["overall"]))[20.0] == pytest.approx(0.625)
    assert result["censored"]["overall"] == [15.0, 25.0, 40.0]


def test_groups_with_an_unknown_value_are_called_unknown() -> None:
    frame = synthetic_frame(100)
    frame["education"] = frame["education"].astype("string")
    frame.loc[:9, "education"] = pd.NA
    result = survival_analysis(frame, by="education")
    assert result["groups"]["unknown"]["n"] == 10


def aj_lifelines(frame: pd.DataFrame, cause: str) -> pd.Series:
    codes = frame["event"].map({"censored": 0, "transition": 1, "no_work": 2, "dropout": 3})
    number = {"transition": 1, "no_work": 2, "dropout": 3}[cause]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitter = AalenJohansenFitter(calculate_variance=False, seed=1)
        fitter.fit(frame["duration_days"], codes, event_of_interest=number)
    return fitter.cumulative_density_.iloc[:, 0]


@pytest.mark.parametrize("cause", ["transition", "no_work", "dropout"])
def test_cumulative_incidence_equals_aalen_johansen_without_ties(cause: str) -> None:
    frame = synthetic_frame(400, tied=False, seed=5)
    ours = pd.Series(
        dict(map(tuple, cumulative_incidence(frame["duration_days"], frame["event"])[cause]))
    )
    theirs = aj_lifelines(frame, cause)
    np.testing.assert_allclose(ours.reindex(theirs.index).to_numpy(), theirs.to_numpy(), atol=1e-12)


def test_cumulative_incidence_is_close_to_jittered_aalen_johansen_with_ties(demo: Demo) -> None:
    frame, _ = demo
    ours = cumulative_incidence(frame["duration_days"], frame["event"])["transition"]
    theirs = aj_lifelines(frame, "transition")
    assert ours[-1][1] == pytest.approx(theirs.iloc[-1], abs=0.005)


def test_incidences_and_survival_add_up_to_one() -> None:
    frame = synthetic_frame(500, seed=7)
    curves = cumulative_incidence(frame["duration_days"], frame["event"])
    total = sum(curve[-1][1] for curve in curves.values())
    all_cause = KaplanMeierFitter().fit(frame["duration_days"], frame["event"] != "censored")
    assert total + all_cause.survival_function_.iloc[-1, 0] == pytest.approx(1.0)


def test_cumulative_incidence_stays_below_one_minus_kaplan_meier(demo: Demo) -> None:
    frame, _ = demo
    result = survival_analysis(frame)
    incidence = result["cumulative_incidence"]["overall"]["transition"][-1][1]
    assert incidence < 1 - result["curves"]["overall"][-1][1]
    assert incidence == pytest.approx(0.595, abs=0.01)


def test_an_empty_frame_gives_zero_counts_and_no_curves() -> None:
    frame = pd.DataFrame({"duration_days": [], "event": [], "project": []})
    result = survival_analysis(frame, by="project")
    assert result["overall"]["n"] == 0
    assert result["curves"] == {}


def test_a_group_where_everyone_found_work_is_still_plain_json() -> None:
    frame = pd.DataFrame({"duration_days": [3, 5, 8], "event": ["transition"] * 3})
    result = survival_analysis(frame)
    assert result["curves"]["overall"][-1] == [8.0, 0.0]
    assert all(v is None or np.isfinite(v) for row in result["confidence"]["overall"] for v in row)


def test_the_demo_gives_sensible_times_to_a_new_job(demo: Demo) -> None:
    frame, _ = demo
    result = survival_analysis(frame, by="project")
    overall = result["overall"]
    assert 100 < overall["median_days"] < 250
    low, high = overall["median_ci"]
    assert low <= overall["median_days"] <= high
    incidence = {
        name: curves["transition"][-1][1] for name, curves in result["cumulative_incidence"].items()
    }
    # Schilder^sCOOL placed 110 of 130 (learn-work places at training companies): the highest.
    assert max(incidence, key=incidence.__getitem__) == "schilderscool"
    assert incidence["schilderscool"] == pytest.approx(110 / 130, abs=0.02)
    for name, summary in result["groups"].items():
        assert summary["n"] == (frame["project"] == name).sum()
