"""Success-factor models, the wild cluster bootstrap and the few-projects caveat."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from tests.evaluation.conftest import synthetic_frame
from werkbrug.evaluation import few_projects_caveat, project_rates, success_factors
from werkbrug.evaluation.wildboot import rademacher_weights, wild_cluster_bootstrap

Demo = tuple[pd.DataFrame, dt.date]


def clustered_data(
    n: int = 300, clusters: int = 8, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, clusters, n).astype(np.intp)
    level = rng.integers(0, 2, clusters).astype(float)
    x = np.column_stack([np.ones(n), level[codes], rng.normal(size=n)])
    y = 0.3 * x[:, 2] + 0.5 * rng.normal(size=clusters)[codes] + rng.normal(size=n)
    return x, y, codes


def cr1_t(x: np.ndarray, y: np.ndarray, codes: np.ndarray, j: int, b0: float) -> float:
    g = int(codes.max()) + 1
    n, k = x.shape
    inv = np.linalg.inv(x.T @ x)
    coef = inv @ x.T @ y
    u = y - x @ coef
    scores = np.array([x[codes == c].T @ u[codes == c] for c in range(g)])
    variance = g / (g - 1) * (n - 1) / (n - k) * (inv @ scores.T @ scores @ inv)[j, j]
    return float(abs(coef[j] - b0) / np.sqrt(variance))


def brute_force_p(x: np.ndarray, y: np.ndarray, codes: np.ndarray, j: int, b0: float) -> float:
    """The WCR p-value the slow way: build and refit every bootstrap sample."""
    weights, _ = rademacher_weights(int(codes.max()) + 1, 10_000, 0)
    others = np.delete(x, j, axis=1)
    target = y - b0 * x[:, j]
    fitted = others @ np.linalg.lstsq(others, target, rcond=None)[0]
    residual = target - fitted
    observed = cr1_t(x, y, codes, j, b0)
    draws = [cr1_t(x, fitted + b0 * x[:, j] + w[codes] * residual, codes, j, b0) for w in weights]
    return float(np.mean(np.array(draws) >= observed - 1e-12 * max(observed, 1.0)))


def test_the_wild_bootstrap_equals_refitting_every_sample() -> None:
    x, y, codes = clustered_data()
    result = wild_cluster_bootstrap(x, y, codes, 1)
    assert result["enumerated"]
    assert result["draws"] == 2**8
    assert result["p"] == pytest.approx(brute_force_p(x, y, codes, 1, 0.0), abs=1e-12)


def test_the_wild_bootstrap_interval_is_where_the_test_stops_rejecting() -> None:
    x, y, codes = clustered_data(seed=4)
    result = wild_cluster_bootstrap(x, y, codes, 2)
    low, high = result["ci_low"], result["ci_high"]
    assert low is not None
    assert high is not None
    assert brute_force_p(x, y, codes, 2, low + 1e-6) >= 0.05
    assert brute_force_p(x, y, codes, 2, low - 1e-3) < 0.05
    assert brute_force_p(x, y, codes, 2, high - 1e-6) >= 0.05
    assert brute_force_p(x, y, codes, 2, high + 1e-3) < 0.05


def test_with_many_clusters_the_weights_are_random_and_seeded() -> None:
    first, enumerated = rademacher_weights(40, 999, seed=3)
    again, _ = rademacher_weights(40, 999, seed=3)
    assert not enumerated
    assert first.shape == (999, 40)
    np.testing.assert_array_equal(first, again)


def test_with_very_few_clusters_the_interval_can_be_unbounded() -> None:
    x, y, codes = clustered_data(clusters=4, seed=1)
    result = wild_cluster_bootstrap(x, y, codes, 1)
    # 2**4 = 16 sign patterns: no p-value can fall below 2/16, so nothing is rejected.
    assert result["p"] >= 2 / 16
    assert result["ci_low"] is None
    assert result["ci_high"] is None


def test_the_caveat_is_given_below_twenty_projects_only() -> None:
    assert few_projects_caveat(30, 3) is None
    caveat = few_projects_caveat(9, 4)
    assert caveat is not None
    assert "Only 9 projects" in caveat
    assert "nothing can be concluded" in caveat


def test_clustered_errors_equal_statsmodels() -> None:
    frame = synthetic_frame(400, projects=30, seed=8)
    result = success_factors(frame, project_factors=["network"], participant_factors=["age"])
    x = sm.add_constant(
        pd.DataFrame({"age": frame["age"], "sector": (frame["network"] == "sector") * 1.0})
    )
    groups = pd.factorize(frame["project"], sort=True)[0]
    direct = sm.OLS(frame["transition"] * 1.0, x).fit(
        cov_type="cluster", cov_kwds={"groups": groups}, use_t=True
    )
    ours = result["lpm"]["coefficients"]["network=sector"]
    assert ours["estimate"] == pytest.approx(direct.params["sector"])
    assert ours["se"] == pytest.approx(direct.bse["sector"])
    assert result["caveat"] is None  # 30 projects
    assert "wild" not in ours  # enough clusters for clustered errors


def test_a_separating_column_is_left_out_of_the_logit() -> None:
    frame = synthetic_frame(400, projects=12, seed=9)
    frame.loc[frame["union_involved"], "transition"] = True
    result = success_factors(frame, project_factors=["union_involved", "network"], n_boot=99)
    assert "union_involved" not in result["logit"]["coefficients"]
    assert any("perfect separation" in w for w in result["logit"]["warnings"])
    assert "union_involved" in result["lpm"]["coefficients"]


def test_a_constant_attribute_is_left_out_with_a_warning() -> None:
    frame = synthetic_frame(300, seed=1)
    result = success_factors(frame, project_factors=["formal_agreement_any", "network"])
    assert result["dropped"] == ["formal_agreement_any"]
    assert "network=sector" in result["lpm"]["coefficients"]


def test_project_rates_have_wilson_intervals() -> None:
    frame = pd.DataFrame({"project": ["a"] * 10, "transition": [True] * 6 + [False] * 4})
    rate = project_rates(frame)["a"]
    assert (rate["n"], rate["transitions"], rate["rate"]) == (10, 6, 0.6)
    assert rate["ci_low"] == pytest.approx(0.3127, abs=1e-4)
    assert rate["ci_high"] == pytest.approx(0.8318, abs=1e-4)


def test_the_demo_factors_are_honestly_qualified(demo: Demo) -> None:
    frame, _ = demo
    result = success_factors(frame)
    assert result["n_clusters"] == 8
    assert result["caveat"] is not None
    assert "Only 8 projects" in result["caveat"]
    assert any("voorsprongvoucher" in w for w in result["warnings"])
    assert "formal_agreement_any" in result["dropped"]  # same projects as union_involved
    lpm = result["lpm"]["coefficients"]
    project_terms = [name for name, c in lpm.items() if c["level"] == "project"]
    assert set(project_terms) == {
        "network=sector",
        "union_involved",
        "individual_contribution",
        "employer_contribution",
    }
    for name in project_terms:
        wild = lpm[name]["wild"]
        assert wild["enumerated"]
        assert wild["draws"] == 256
        assert wild["ci_low"] is not None
        assert wild["ci_high"] is not None
        assert wild["ci_low"] < lpm[name]["estimate"] < wild["ci_high"]
        assert wild["p"] >= 2 / 256  # the smallest p-value eight clusters allow
    assert any("MacKinnon and Webb" in w for w in result["lpm"]["warnings"])
    assert set(result["rates"]) == set(frame["project"])
    assert result["rates"]["schilderscool"]["transitions"] == 110


def test_finished_only_leaves_ongoing_trajectories_out(demo: Demo) -> None:
    frame, _ = demo
    everyone = success_factors(frame, n_boot=99)
    finished = success_factors(frame, finished_only=True, n_boot=99)
    ongoing = frame.dropna(subset=["age", "gender", "individual_contribution"])
    assert finished["n"] == everyone["n"] - (ongoing["event"] == "censored").sum()
    wild = finished["lpm"]["coefficients"]["union_involved"]["wild"]
    assert not wild["enumerated"]  # 99 draws asked, fewer than 2**8 patterns: random draws


def test_one_project_cannot_be_modelled_and_says_why() -> None:
    result = success_factors(synthetic_frame(100, projects=1), n_boot=99)
    assert not result["logit"]["available"]
    assert not result["lpm"]["available"]
    assert "fewer than two projects" in result["lpm"]["warnings"][0]


def test_when_everyone_found_work_there_is_nothing_to_explain() -> None:
    frame = synthetic_frame(100)
    frame["transition"] = True
    result = success_factors(frame, n_boot=99)
    assert not result["logit"]["available"]
    assert "nothing to explain" in result["logit"]["warnings"][0]
