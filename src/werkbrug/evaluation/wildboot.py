"""Wild cluster bootstrap (restricted, Rademacher weights: "WCR") for OLS coefficients.

Why: with few clusters (projects) the usual cluster-robust standard errors are far too small
and their t-tests reject far too often (Cameron, Gelbach and Miller 2008). The restricted
wild cluster bootstrap keeps its size with as few as a handful of clusters, at the price of
p-values that can take only a few distinct values: with G clusters and Rademacher (±1)
weights there are only 2^G sign patterns, half of them mirror images. When 2^G is at most the
requested number of draws, every pattern is used once (the exact distribution, no random
draws); otherwise the draws are random.

How (the algebra of Roodman, MacKinnon, Nielsen and Webb 2019, "Fast and wild"): under the
null ``beta_j = b0`` the restricted residuals are ``u = M_r (y - b0 x_j)``. Every bootstrap
coefficient and its cluster-robust variance are linear and quadratic in the weight vector,
so for all draws at once they follow from per-cluster sums computed once:

* ``s_g = (X'X)^-1 X_g' u_g`` (k numbers per cluster); the bootstrap numerator is
  ``sum_g w_g s_g[j]``;
* the bootstrap cluster score of coefficient j is ``w_g s_g[j] - sum_h w_h q_g . s_h`` with
  ``q_g = X_g'X_g (X'X)^-1 e_j``.

No bootstrap sample is ever built. The confidence interval is the set of ``b0`` not rejected
at level ``alpha`` (test inversion), found by bisection; it can be unbounded on a side when
even extreme values are not rejected (then ``None``), which with very few clusters is the
honest answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypedDict

import numpy as np
from numpy.typing import NDArray

__all__ = ["WildResult", "rademacher_weights", "wild_cluster_bootstrap"]

Array = NDArray[np.float64]
Codes = NDArray[np.intp]
PValue = Callable[[float], float]

_BISECTIONS: Final = 60
_EXPANSIONS: Final = 12  # search up to 2**12 standard errors away for a rejected value


class WildResult(TypedDict):
    p: float
    ci_low: float | None
    ci_high: float | None
    draws: int
    enumerated: bool
    weights: str


@dataclass(frozen=True)
class _Problem:
    x: Array
    y: Array
    codes: Codes  # cluster number of every row, 0 .. G-1
    n_clusters: int
    xtx_inv: Array
    correction: float  # G/(G-1) * (n-1)/(n-k), the usual CR1 factor


def rademacher_weights(n_clusters: int, draws: int, seed: int) -> tuple[Array, bool]:
    """A (draws, G) matrix of ±1; every sign pattern once when 2**G <= ``draws``."""
    if n_clusters <= 20 and 2**n_clusters <= draws:
        patterns = np.array(list(itertools.product((1.0, -1.0), repeat=n_clusters)))
        return patterns, True
    rng = np.random.default_rng(seed)
    return rng.choice(np.array([-1.0, 1.0]), size=(draws, n_clusters)), False


def _cluster_sums(values: Array, codes: Codes, n_clusters: int) -> Array:
    """Sum the rows of ``values`` (n, ...) within each cluster: (G, ...)."""
    out = np.zeros((n_clusters, *values.shape[1:]))
    np.add.at(out, codes, values)
    return out


def _cluster_gram(problem: _Problem) -> Array:
    """X_g'X_g for every cluster: (G, k, k). A loop over clusters: they are few here."""
    k = problem.x.shape[1]
    out = np.zeros((problem.n_clusters, k, k))
    for g in range(problem.n_clusters):
        rows = problem.x[problem.codes == g]
        out[g] = rows.T @ rows
    return out


def _restricted_residuals(problem: _Problem, j: int) -> tuple[Array, Array]:
    """``M_r y`` and ``M_r x_j``: the restricted residuals are ``first - b0 * second``."""
    others = np.delete(problem.x, j, axis=1)
    both = np.column_stack([problem.y, problem.x[:, j]])
    coef = np.linalg.lstsq(others, both, rcond=None)[0]
    residual = both - others @ coef
    return residual[:, 0], residual[:, 1]


@dataclass(frozen=True)
class _Pieces:
    """Per-cluster sums for coefficient j, linear in the null value b0 (``a - b0 * b``)."""

    s_y: Array  # (G, k)
    s_x: Array
    q: Array  # (G, k)


def _pieces(problem: _Problem, j: int, gram: Array) -> _Pieces:
    u_y, u_x = _restricted_residuals(problem, j)
    scores_y = _cluster_sums(problem.x * u_y[:, None], problem.codes, problem.n_clusters)
    scores_x = _cluster_sums(problem.x * u_x[:, None], problem.codes, problem.n_clusters)
    q = gram @ problem.xtx_inv[:, j]
    return _Pieces(scores_y @ problem.xtx_inv, scores_x @ problem.xtx_inv, q)


def _bootstrap_t(pieces: _Pieces, j: int, b0: float, weights: Array, correction: float) -> Array:
    s = pieces.s_y - b0 * pieces.s_x  # (G, k)
    numerator = weights @ s[:, j]
    spill = pieces.q @ s.T  # (G, G): q_g . s_h
    scores = weights * s[:, j] - weights @ spill.T
    variance = correction * (scores**2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        t: Array = numerator / np.sqrt(variance)
    return t


def _estimate_and_se(problem: _Problem, j: int) -> tuple[float, float]:
    """The OLS coefficient and its CR1 cluster-robust standard error."""
    coef = problem.xtx_inv @ (problem.x.T @ problem.y)
    residual = problem.y - problem.x @ coef
    scores = _cluster_sums(problem.x * residual[:, None], problem.codes, problem.n_clusters)
    meat = scores.T @ scores
    variance = problem.correction * (problem.xtx_inv @ meat @ problem.xtx_inv)[j, j]
    return float(coef[j]), float(np.sqrt(variance))


def _p_value(
    observed: float, pieces: _Pieces, j: int, b0: float, weights: Array, correction: float
) -> float:
    """Share of bootstrap |t| at least the observed |t| (ties count as at least)."""
    draws = np.abs(_bootstrap_t(pieces, j, b0, weights, correction))
    draws = np.nan_to_num(draws, nan=0.0)
    return float(np.mean(draws >= observed - 1e-12 * max(observed, 1.0)))


def _bound(
    p_at: PValue, estimate: float, scale: float, direction: float, alpha: float
) -> float | None:
    """The b0 on one side of ``estimate`` where the p-value falls to ``alpha``."""
    inside = estimate
    outside = None
    for power in range(_EXPANSIONS + 1):
        candidate = estimate + direction * scale * 2.0**power
        if p_at(candidate) < alpha:
            outside = candidate
            break
        inside = candidate
    if outside is None:
        return None
    for _ in range(_BISECTIONS):
        middle = (inside + outside) / 2.0
        if p_at(middle) < alpha:
            outside = middle
        else:
            inside = middle
    return (inside + outside) / 2.0


def wild_cluster_bootstrap(
    x: Array,
    y: Array,
    clusters: Codes,
    j: int,
    *,
    draws: int = 9999,
    seed: int = 0,
    alpha: float = 0.05,
    null: float = 0.0,
) -> WildResult:
    """WCR p-value for ``beta_j == null`` and the WCR confidence interval for ``beta_j``.

    ``x`` includes the intercept column; ``clusters`` numbers the clusters 0..G-1. The
    statistic is the CR1 cluster-robust t-statistic, compared in absolute value (a
    two-sided, symmetric test).
    """
    n, k = x.shape
    n_clusters = int(clusters.max()) + 1
    xtx_inv = np.asarray(np.linalg.inv(x.T @ x), dtype=np.float64)
    correction = n_clusters / (n_clusters - 1) * (n - 1) / (n - k)
    problem = _Problem(x, y, clusters, n_clusters, xtx_inv, correction)
    pieces = _pieces(problem, j, _cluster_gram(problem))
    weights, enumerated = rademacher_weights(n_clusters, draws, seed)
    estimate, se = _estimate_and_se(problem, j)

    def p_at(b0: float) -> float:
        observed = abs(estimate - b0) / se if se > 0 else float("inf")
        return _p_value(observed, pieces, j, b0, weights, correction)

    scale = se if se > 0 else 1.0
    return WildResult(
        p=p_at(null),
        ci_low=_bound(p_at, estimate, scale, -1.0, alpha),
        ci_high=_bound(p_at, estimate, scale, 1.0, alpha),
        draws=len(weights),
        enumerated=enumerated,
        weights="rademacher",
    )
