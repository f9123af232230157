"""Cause-specific Cox models; the vectorised diagnostics checked against lifelines."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from lifelines import CoxPHFitter
from lifelines.statistics import proportional_hazard_test

from tests.evaluation.conftest import synthetic_frame
from werkbrug.evaluation import cox_model, cox_models
from werkbrug.evaluation.cox import (
    RiskSets,
    clustered_variance,
    ph_test,
    risk_sets,
    schoenfeld_residuals,
)

Demo = tuple[pd.DataFrame, dt.date]
NAMES = ["age", "sector"]


def lifelines_data(tied: bool) -> pd.DataFrame:
    frame = synthetic_frame(400, projects=15, seed=3, tied=tied)
    return pd.DataFrame(
        {
            "age": frame["age"],
            "sector": (frame["network"] == "sector") * 1.0,
            "T": frame["duration_days"],
            "E": frame["transition"].astype(int),
            "project": frame["project"],
        }
    )


def our_sets(data: pd.DataFrame, fitted: CoxPHFitter) -> RiskSets:
    return risk_sets(
        data[NAMES].to_numpy(float),
        data["T"].to_numpy(float),
        data["E"].to_numpy(float),
        fitted.params_[NAMES].to_numpy(),
    )


def test_clustered_errors_equal_lifelines_without_ties() -> None:
    data = lifelines_data(tied=False)
    plain = CoxPHFitter().fit(data.drop(columns="project"), "T", "E")
    clustered = CoxPHFitter().fit(data, "T", "E", cluster_col="project")
    variance = plain.variance_matrix_.loc[NAMES, NAMES].to_numpy()
    clusters = pd.factorize(data["project"], sort=True)[0]
    ours = np.sqrt(np.diag(clustered_variance(our_sets(data, plain), variance, clusters)))
    np.testing.assert_allclose(ours, clustered.standard_errors_[NAMES].to_numpy(), rtol=1e-8)


@pytest.mark.parametrize("tied", [False, True])
def test_the_ph_test_agrees_with_lifelines(tied: bool) -> None:
    data = lifelines_data(tied=tied).drop(columns="project")
    fitted = CoxPHFitter().fit(data, "T", "E")
    variance = fitted.variance_matrix_.loc[NAMES, NAMES].to_numpy()
    ours = ph_test(our_sets(data, fitted), variance, NAMES)
    theirs = proportional_hazard_test(fitted, data, time_transform="rank").summary
    for name in NAMES:
        # Identical without ties; with tied days we give tied events their average rank
        # where lifelines orders them arbitrarily, so the statistics differ a little.
        expected = theirs.loc[name, "test_statistic"]
        assert ours[name]["statistic"] == pytest.approx(expected, rel=1e-9 if not tied else 0.3)


def test_schoenfeld_residuals_equal_lifelines_with_ties() -> None:
    data = lifelines_data(tied=True).drop(columns="project")
    fitted = CoxPHFitter().fit(data, "T", "E")
    ours, _ = schoenfeld_residuals(our_sets(data, fitted))
    theirs = fitted.compute_residuals(data, kind="schoenfeld").to_numpy()
    np.testing.assert_allclose(np.sort(ours, axis=0), np.sort(theirs, axis=0), atol=1e-10)


def test_cox_recovers_a_known_hazard_ratio() -> None:
    frame = synthetic_frame(3000, projects=40, seed=11)
    result = cox_model(frame, covariates=["age", "network"], cluster="project")
    sector = result["covariates"]["network=sector"]
    assert sector["ci_low"] < 2.0 < sector["ci_high"]
    assert result["covariates"]["age"]["hazard_ratio"] == pytest.approx(np.exp(0.02), abs=0.01)
    assert result["caveat"] is None  # 40 projects
    assert set(result["ph_test"]) == {"age", "network=sector"}


def test_cox_equals_lifelines_directly() -> None:
    frame = synthetic_frame(800, seed=2)
    result = cox_model(frame, covariates=["age"], cluster=None)
    data = pd.DataFrame(
        {"age": frame["age"], "T": frame["duration_days"], "E": frame["transition"].astype(int)}
    )
    direct = CoxPHFitter().fit(data, "T", "E")
    assert result["covariates"]["age"]["coef"] == pytest.approx(direct.params_["age"], rel=1e-9)


def test_constant_and_collinear_covariates_are_left_out_with_a_warning() -> None:
    frame = synthetic_frame(500)
    frame["copy_of_age"] = frame["age"] * 2 + 1
    result = cox_model(frame, covariates=["age", "formal_agreement_any", "copy_of_age"])
    assert set(result["dropped"]) == {"formal_agreement_any", "copy_of_age"}
    assert any("same value in every row" in w for w in result["warnings"])
    assert any("copy_of_age" in w and "determined by age" in w for w in result["warnings"])


def test_a_covariate_level_without_events_is_left_out_not_shown_as_zero() -> None:
    frame = synthetic_frame(300, seed=4)
    frame.loc[frame["network"] == "sector", "event"] = "censored"
    result = cox_model(frame, covariates=["age", "network"], cluster=None)
    assert list(result["covariates"]) == ["age"]
    assert result["dropped"] == ["network=sector"]
    assert any("perfect separation" in w for w in result["warnings"])


def test_the_demo_cox_models_carry_the_few_projects_caveat(demo: Demo) -> None:
    frame, _ = demo
    result = cox_model(frame)
    assert result["caveat"] is not None
    assert "nothing can be concluded" in result["caveat"]
    assert result["n_clusters"] == 8  # Voorsprongvoucher's individual contribution is unknown
    assert any("voorsprongvoucher" in w for w in result["warnings"])
    for ratio in result["covariates"].values():
        assert 0 < ratio["ci_low"] <= ratio["hazard_ratio"] <= ratio["ci_high"]


def test_every_ending_gets_its_own_model(demo: Demo) -> None:
    frame, _ = demo
    results = cox_models(frame)
    assert set(results) == {"transition", "no_work", "dropout"}
    first = results["transition"]
    censored = first["n"] - sum(r["events"] for r in results.values())
    known = frame.dropna(subset=["age", "gender", "individual_contribution"])
    assert first["n"] == len(known) == 630
    assert censored == (known["event"] == "censored").sum()
    assert all(r["se"] == "clustered by project" for r in results.values())


def test_one_project_falls_back_to_model_based_errors() -> None:
    result = cox_model(synthetic_frame(100, projects=1))
    assert result["se"] == "model-based"
    assert result["covariates"]["age"]["se"] > 0.001
