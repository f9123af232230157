"""A small, fast logistic regression (Newton–Raphson / IRLS) in numpy.

Why not statsmodels here: the impact estimators refit the propensity score hundreds of times
inside the bootstrap, on up to hundreds of thousands of rows. statsmodels' ``Logit`` spends
most of that time building result objects; this function does only the arithmetic and can
start from the previous solution (a warm start), so a refit takes a few Newton steps. The
tests check it against statsmodels.

Why ``einsum`` instead of ``@``: the products here are tall and thin (many rows, a dozen
columns), where OpenBLAS's threads gain little on a quiet machine but, on a machine whose
cores are busy with other work, spin and wait for each other — measured at five to twenty
times slower. ``np.einsum`` (without ``optimize``) runs its own single-threaded loops and is
as fast as single-threaded BLAS for these shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit

__all__ = ["LogitFit", "fit_logit", "gram", "matvec"]

Array = NDArray[np.float64]

_MAX_STEP_HALVINGS: Final = 30


@dataclass(frozen=True)
class LogitFit:
    coef: Array
    converged: bool
    iterations: int


def matvec(x: Array, v: Array) -> Array:
    """``x @ v`` without BLAS threads (see the module notes)."""
    out: Array = np.einsum("ij,j->i", x, v)
    return out


def gram(x: Array, weights: Array) -> Array:
    """``x.T @ diag(weights) @ x`` without BLAS threads."""
    out: Array = np.einsum("ij,ik->jk", x * weights[:, None], x)
    return out


def _log_likelihood(eta: Array, y: Array, weights: Array, ridge: float, coef: Array) -> float:
    # y log p + (1 - y) log(1 - p) = y eta - log(1 + e^eta); logaddexp is stable for any eta.
    ll = np.einsum("i,i->", weights, y * eta - np.logaddexp(0.0, eta))
    return float(ll - 0.5 * ridge * (coef[1:] @ coef[1:]))


def _newton_step(
    x: Array, y: Array, weights: Array, eta: Array, coef: Array, ridge: float
) -> Array:
    p = expit(eta)
    gradient = np.einsum("ij,i->j", x, weights * (y - p))
    hessian = gram(x, weights * p * (1.0 - p))
    if ridge:
        penalty = np.full(len(coef), ridge)
        penalty[0] = 0.0  # never shrink the intercept
        gradient -= penalty * coef
        hessian += np.diag(penalty)
    step = np.linalg.lstsq(hessian, gradient, rcond=None)[0]
    return np.asarray(step, dtype=np.float64)


def fit_logit(
    x: Array,
    y: Array,
    *,
    weights: Array | None = None,
    start: Array | None = None,
    ridge: float = 0.0,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> LogitFit:
    """Maximum-likelihood logistic regression of 0/1 ``y`` on ``x`` (first column: intercept).

    ``weights`` are frequency weights (a bootstrap can pass resampling counts instead of
    copying rows). ``ridge`` adds an L2 penalty on the slopes, only to keep estimates finite
    under (quasi-)separation. Step halving keeps every step an improvement, so the fit cannot
    oscillate. ``converged`` is false when the largest step is still above ``tol`` after
    ``max_iter`` steps, which in practice means separation: callers must report it.
    """
    w = np.ones(len(y)) if weights is None else weights
    coef = np.zeros(x.shape[1]) if start is None else start.astype("float64").copy()
    eta = matvec(x, coef)
    current = _log_likelihood(eta, y, w, ridge, coef)
    for iteration in range(1, max_iter + 1):
        step = _newton_step(x, y, w, eta, coef, ridge)
        for _ in range(_MAX_STEP_HALVINGS):
            candidate = coef + step
            candidate_eta = matvec(x, candidate)
            value = _log_likelihood(candidate_eta, y, w, ridge, candidate)
            if value >= current - 1e-12 * abs(current):
                break
            step = step / 2.0
        coef, eta, current = candidate, candidate_eta, value
        if float(np.max(np.abs(step))) < tol:
            return LogitFit(coef, True, iteration)
    return LogitFit(coef, False, max_iter)
