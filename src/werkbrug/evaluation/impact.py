"""Net impact: the average effect of the programme on the treated (ATT).

The gross placement rate is not the effect: many participants would have found work anyway.
Given participants (``treatment == 1``) and a comparison group of non-participants with the
same covariates, three estimators of the ATT are offered, all built on one propensity score
(the probability of taking part given the covariates, a logistic regression):

``psm``
    nearest-neighbour matching on the logit of the propensity score, one control per treated
    person, with replacement; an optional caliper (in standard deviations of that logit)
    leaves treated people without a close control unmatched (reported, and the estimate is
    then about the matched treated only).
``ipw``
    inverse-probability weighting for the ATT: controls get weight ``e / (1 - e)``, normalised
    to sum to one (the Hájek form, which is more stable than the unnormalised one).
``dr``
    doubly robust (augmented IPW for the ATT): a linear outcome model fitted on the controls,
    ``m0(x)``, plus the IPW-weighted control residuals. Consistent when either the propensity
    model or the outcome model is right.

Confidence intervals are percentile bootstrap intervals: the whole procedure (propensity
fit, trimming, matching or weighting, outcome model) is repeated on ``n_boot`` resamples
drawn within the treated and within the controls (so both groups keep their size), with a
fixed ``seed``. For matching, the bootstrap is known not to be exactly valid (Abadie and
Imbens 2008); its interval is indicative, which the result says in ``warnings``.

Diagnostics: a balance table (standardised mean differences before and after, both with the
pooled standard deviation of the unweighted sample as denominator, so that "after" shows only
how the means moved), the propensity ranges of both groups, how many fall outside the common
support, the effective number of controls under the weights, and optional trimming.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TypedDict

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.special import expit

from werkbrug.evaluation.design import design_matrix
from werkbrug.evaluation.logit import fit_logit, gram, matvec
from werkbrug.evaluation.notes import Note
from werkbrug.evaluation.numbers import finite_or_none

__all__ = [
    "METHODS",
    "BalanceRow",
    "ImpactResult",
    "Method",
    "Overlap",
    "estimate_impact",
    "estimate_impacts",
]

Array = NDArray[np.float64]
Mask = NDArray[np.bool_]
Index = NDArray[np.intp]
Method = Literal["psm", "ipw", "dr"]
METHODS: Final[tuple[Method, ...]] = ("psm", "ipw", "dr")

_HISTOGRAM_BINS: Final = 20
# |SMD| above 0.1 is the usual sign of remaining imbalance (Austin 2009).
_IMBALANCED: Final = 0.1


class BalanceRow(TypedDict):
    mean_treated: float
    mean_control: float
    mean_control_after: float | None
    smd_before: float | None
    smd_after: float | None


class Overlap(TypedDict):
    treated: dict[str, float]
    control: dict[str, float]
    common_support: list[float]
    treated_outside: int
    control_outside: int
    share_outside: float
    effective_controls: float
    histogram: dict[str, list[float]]


class ImpactResult(TypedDict):
    method: str
    att: float | None
    ci_low: float | None
    ci_high: float | None
    se: float | None
    alpha: float
    ci_method: str
    n_boot: int
    n_boot_failed: int
    seed: int
    n_treated: int
    n_control: int
    naive: float
    unmatched: int
    trimmed: int
    balance: dict[str, BalanceRow]
    overlap: Overlap
    covariates: list[str]
    warnings: list[str]


@dataclass(frozen=True)
class _Data:
    x: Array  # intercept first, other columns standardised
    t: Mask
    y: Array


@dataclass(frozen=True)
class _Settings:
    caliper: float | None
    trim: float | None
    common_support: bool


@dataclass(frozen=True)
class _Fit:
    """One run of the estimators on one sample: the point estimates and what they used."""

    att: dict[Method, float]
    ps: Array
    keep: Mask
    coef: Array
    converged: bool
    matches: Index  # for every kept treated person the matched control's row (or -1)
    weights: Array  # IPW weights of the kept controls (0 elsewhere)


# --- the estimators on arrays ------------------------------------------------------------------


def _support_mask(ps: Array, t: Mask, settings: _Settings) -> Mask:
    keep = np.ones(len(ps), dtype=bool)
    if settings.trim is not None:
        keep &= (ps >= settings.trim) & (ps <= 1.0 - settings.trim)
    if settings.common_support:
        low = max(ps[t].min(), ps[~t].min())
        high = min(ps[t].max(), ps[~t].max())
        keep &= (ps >= low) & (ps <= high)
    return keep


def _nearest(controls: Array, targets: Array) -> Index:
    """For every target the position (in ``controls``) of the nearest control value."""
    order = np.argsort(controls, kind="stable")
    ranked = controls[order]
    right = np.clip(np.searchsorted(ranked, targets), 1, len(ranked) - 1)
    left = right - 1
    use_left = np.abs(targets - ranked[left]) <= np.abs(ranked[right] - targets)
    if len(ranked) == 1:
        return np.zeros(len(targets), dtype=np.intp)
    chosen: Index = order[np.where(use_left, left, right)]
    return chosen


def _match(logit: Array, t: Mask, keep: Mask, caliper: float | None) -> Index:
    """Row of the nearest control for every row (−1 for controls and unmatched treated)."""
    controls = np.flatnonzero(~t & keep)
    treated = np.flatnonzero(t & keep)
    matches = np.full(len(t), -1, dtype=np.intp)
    if len(controls) == 0 or len(treated) == 0:
        return matches
    found = controls[_nearest(logit[controls], logit[treated])]
    if caliper is not None:
        width = caliper * float(np.std(logit[keep]))
        found = np.where(np.abs(logit[found] - logit[treated]) <= width, found, -1)
    matches[treated] = found
    return matches


def _att_psm(y: Array, matches: Index) -> float:
    matched = np.flatnonzero(matches >= 0)
    if len(matched) == 0:
        return float("nan")
    return float(np.mean(y[matched] - y[matches[matched]]))


def _dot(a: Array, b: Array) -> float:
    return float(np.einsum("i,i->", a, b))


def _control_weights(ps: Array, t: Mask, keep: Mask) -> Array:
    odds = ps / np.clip(1.0 - ps, 1e-300, None)
    return np.where(~t & keep, odds, 0.0)


def _att_ipw(y: Array, t: Mask, keep: Mask, weights: Array) -> float:
    treated = t & keep
    total = weights.sum()
    if not treated.any() or total <= 0:
        return float("nan")
    return float(y[treated].mean() - _dot(weights, y) / total)


def _outcome_model(x: Array, y: Array, controls: Mask) -> Array:
    """Fitted values of an OLS regression of ``y`` on ``x`` among ``controls``, for all rows.

    Normal equations (the columns are standardised, so they are well conditioned), with a
    least-squares fallback when a resample makes them singular.
    """
    xc, yc = x[controls], y[controls]
    xtx = gram(xc, np.ones(len(yc)))
    xty = np.einsum("ij,i->j", xc, yc)
    try:
        coef = np.linalg.solve(xtx, xty)
    except np.linalg.LinAlgError:
        coef = np.linalg.lstsq(xc, yc, rcond=None)[0]
    return matvec(x, coef)


def _att_dr(data: _Data, keep: Mask, weights: Array) -> float:
    controls = ~data.t & keep
    treated = data.t & keep
    total = weights.sum()
    if not treated.any() or controls.sum() < data.x.shape[1] or total <= 0:
        return float("nan")
    residual = data.y - _outcome_model(data.x, data.y, controls)
    return float(residual[treated].mean() - _dot(weights, residual) / total)


def _run(data: _Data, methods: Sequence[Method], settings: _Settings, start: Array | None) -> _Fit:
    logit = fit_logit(data.x, data.t.astype("float64"), start=start)
    index = matvec(data.x, logit.coef)
    ps = expit(index)
    keep = _support_mask(ps, data.t, settings)
    weights = _control_weights(ps, data.t, keep)
    matches = (
        _match(index, data.t, keep, settings.caliper)
        if "psm" in methods
        else np.full(len(ps), -1, dtype=np.intp)
    )
    estimators: dict[Method, Callable[[], float]] = {
        "psm": lambda: _att_psm(data.y, matches),
        "ipw": lambda: _att_ipw(data.y, data.t, keep, weights),
        "dr": lambda: _att_dr(data, keep, weights),
    }
    att = {method: estimators[method]() for method in methods}
    return _Fit(att, ps, keep, logit.coef, logit.converged, matches, weights)


# --- the bootstrap -----------------------------------------------------------------------------


def _resample(rng: np.random.Generator, treated: Index, controls: Index) -> Index:
    """Row numbers of one bootstrap sample, drawn within each group (sizes stay fixed)."""
    return np.concatenate(
        [rng.choice(treated, size=len(treated)), rng.choice(controls, size=len(controls))]
    )


def _bootstrap(
    data: _Data,
    methods: Sequence[Method],
    settings: _Settings,
    start: Array,
    n_boot: int,
    seed: int,
) -> tuple[dict[Method, Array], int]:
    rng = np.random.default_rng(seed)
    treated, controls = np.flatnonzero(data.t), np.flatnonzero(~data.t)
    draws = {method: np.full(n_boot, np.nan) for method in methods}
    not_converged = 0
    for b in range(n_boot):
        rows = _resample(rng, treated, controls)
        sample = _Data(data.x[rows], data.t[rows], data.y[rows])
        fit = _run(sample, methods, settings, start)
        not_converged += int(not fit.converged)
        for method in methods:
            draws[method][b] = fit.att[method]
    return draws, not_converged


def _interval(draws: Array, alpha: float) -> tuple[float | None, float | None, float | None, int]:
    finite = draws[np.isfinite(draws)]
    failed = len(draws) - len(finite)
    if len(finite) < 2:
        return None, None, None, failed
    low, high = np.quantile(finite, [alpha / 2.0, 1.0 - alpha / 2.0])
    return float(low), float(high), float(np.std(finite, ddof=1)), failed


# --- diagnostics -------------------------------------------------------------------------------


def _smd(treated_mean: float, control_mean: float, sd: float) -> float | None:
    return None if sd <= 0 else finite_or_none((treated_mean - control_mean) / sd)


def _after_weights(method: Method, fit: _Fit, t: Mask) -> tuple[Mask, Array]:
    """Which treated rows and which control weights describe the sample "after"."""
    if method == "psm":
        matched = fit.matches >= 0
        counts = np.bincount(fit.matches[matched], minlength=len(t)).astype("float64")
        return matched, counts
    return t & fit.keep, fit.weights


def _balance(
    raw: pd.DataFrame, t: Mask, treated_after: Mask, control_weights: Array
) -> dict[str, BalanceRow]:
    table: dict[str, BalanceRow] = {}
    total = control_weights.sum()
    for column in raw.columns:
        values = raw[column].to_numpy(dtype="float64")
        mean_t, mean_c = float(values[t].mean()), float(values[~t].mean())
        sd = float(np.sqrt((values[t].var(ddof=1) + values[~t].var(ddof=1)) / 2.0))
        after_t = float(values[treated_after].mean()) if treated_after.any() else float("nan")
        after_c = float(control_weights @ values / total) if total > 0 else float("nan")
        table[str(column)] = BalanceRow(
            mean_treated=mean_t,
            mean_control=mean_c,
            mean_control_after=finite_or_none(after_c),
            smd_before=_smd(mean_t, mean_c, sd),
            smd_after=_smd(after_t, after_c, sd),
        )
    return table


def _describe(values: Array) -> dict[str, float]:
    return {
        "min": float(values.min()),
        "max": float(values.max()),
        "mean": float(values.mean()),
        "median": float(np.median(values)),
    }


def _overlap(ps: Array, t: Mask, weights: Array) -> Overlap:
    low = max(float(ps[t].min()), float(ps[~t].min()))
    high = min(float(ps[t].max()), float(ps[~t].max()))
    outside = (ps < low) | (ps > high)
    edges = np.linspace(0.0, 1.0, _HISTOGRAM_BINS + 1)
    ess = float(weights.sum() ** 2 / (weights @ weights)) if weights.any() else 0.0
    return Overlap(
        treated=_describe(ps[t]),
        control=_describe(ps[~t]),
        common_support=[low, high],
        treated_outside=int((outside & t).sum()),
        control_outside=int((outside & ~t).sum()),
        share_outside=float(outside.mean()),
        effective_controls=ess,
        histogram={
            "edges": edges.tolist(),
            "treated": np.histogram(ps[t], edges)[0].astype(float).tolist(),
            "control": np.histogram(ps[~t], edges)[0].astype(float).tolist(),
        },
    )


# --- input -------------------------------------------------------------------------------------


def _numbers(values: pd.Series[Any], role: str, name: str) -> Array:
    try:
        return np.asarray(values.to_numpy(dtype="float64"), dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(Note("not_numeric", role=role, column=name, reason=str(exc))) from exc


def _prepare(
    frame: pd.DataFrame, treatment: str, outcome: str, covariates: Sequence[str]
) -> tuple[_Data, pd.DataFrame, list[str]]:
    design, rows = design_matrix(frame, covariates, extra=[treatment, outcome])
    t = _numbers(rows[treatment], "treatment", treatment)
    if not np.isin(t, (0.0, 1.0)).all():
        raise ValueError(Note("treatment_not_binary", column=treatment))
    treated = t == 1.0
    if treated.sum() < 2 or (~treated).sum() < 2:
        raise ValueError(Note("too_few_rows"))
    raw = design.matrix
    values = raw.to_numpy(dtype="float64")
    scaled = (values - values.mean(axis=0)) / values.std(axis=0)
    x = np.column_stack([np.ones(len(values)), scaled])
    y = _numbers(rows[outcome], "outcome", outcome)
    return _Data(x, treated, y), raw, design.warnings


def _diagnostic_notes(
    method: Method, balance: Mapping[str, BalanceRow], overlap: Overlap, n_treated: int
) -> list[str]:
    """Plain warnings for remaining imbalance and for weights that rest on few controls."""
    notes: list[str] = []
    off = [
        name
        for name, row in balance.items()
        if row["smd_after"] is not None and abs(row["smd_after"]) > _IMBALANCED
    ]
    if off:
        notes.append(Note("imbalanced", method=method, threshold=_IMBALANCED, columns=off))
    if method != "psm" and overlap["effective_controls"] < n_treated / 2:
        notes.append(
            Note("few_controls", effective=overlap["effective_controls"], treated=n_treated)
        )
    return notes


def _result(
    method: Method,
    data: _Data,
    raw: pd.DataFrame,
    fit: _Fit,
    draws: Array,
    options: Mapping[str, Any],
    warnings: list[str],
) -> ImpactResult:
    low, high, se, failed = _interval(draws, options["alpha"])
    treated_after, control_weights = _after_weights(method, fit, data.t)
    notes = list(warnings)
    if failed:
        notes.append(Note("bootstrap_failed", failed=failed, draws=len(draws)))
    if method == "psm":
        notes.append(Note("psm_bootstrap"))
    unmatched = int((data.t & (fit.matches < 0)).sum()) if method == "psm" else 0
    if unmatched:
        notes.append(Note("unmatched", n=unmatched))
    balance = _balance(raw, data.t, treated_after, control_weights)
    overlap = _overlap(fit.ps, data.t, fit.weights)
    notes.extend(_diagnostic_notes(method, balance, overlap, int(data.t.sum())))
    att = fit.att[method]
    return ImpactResult(
        method=method,
        att=finite_or_none(att),
        ci_low=low,
        ci_high=high,
        se=se,
        alpha=options["alpha"],
        ci_method="percentile bootstrap, resampling within treated and controls",
        n_boot=len(draws),
        n_boot_failed=failed,
        seed=options["seed"],
        n_treated=int(data.t.sum()),
        n_control=int((~data.t).sum()),
        naive=float(data.y[data.t].mean() - data.y[~data.t].mean()),
        unmatched=unmatched,
        trimmed=int((~fit.keep).sum()),
        balance=balance,
        overlap=overlap,
        covariates=[str(c) for c in raw.columns],
        warnings=notes,
    )


def estimate_impacts(
    frame: pd.DataFrame,
    *,
    treatment: str,
    outcome: str,
    covariates: Sequence[str],
    methods: Sequence[Method] = METHODS,
    n_boot: int = 500,
    seed: int = 0,
    alpha: float = 0.05,
    caliper: float | None = None,
    trim: float | None = None,
    common_support: bool = False,
) -> dict[str, ImpactResult]:
    """The ATT by each of ``methods``, sharing one propensity fit and one bootstrap.

    ``frame`` has one row per person; ``treatment`` is 0/1 (or boolean), ``outcome`` numeric,
    ``covariates`` numeric, boolean or text (text becomes indicators). Rows with a missing
    value are left out with a warning. ``trim`` drops rows whose propensity lies outside
    ``[trim, 1 - trim]``; ``common_support`` drops rows outside the range where both groups
    have propensities; both are redone in every bootstrap sample. ``caliper`` (matching
    only) is in standard deviations of the logit of the propensity (0.2 is customary).
    """
    if n_boot < 0:
        raise ValueError("n_boot must be zero or more")
    data, raw, warnings = _prepare(frame, treatment, outcome, covariates)
    settings = _Settings(caliper, trim, common_support)
    fit = _run(data, methods, settings, None)
    if not fit.converged:
        warnings.append(Note("propensity_not_converged"))
    draws, not_converged = _bootstrap(data, methods, settings, fit.coef, n_boot, seed)
    if not_converged:
        warnings.append(Note("propensity_resamples", n=not_converged))
    options = {"alpha": alpha, "seed": seed}
    return {m: _result(m, data, raw, fit, draws[m], options, warnings) for m in methods}


def estimate_impact(
    frame: pd.DataFrame,
    *,
    treatment: str,
    outcome: str,
    covariates: Sequence[str],
    method: Method = "dr",
    n_boot: int = 500,
    seed: int = 0,
    alpha: float = 0.05,
    caliper: float | None = None,
    trim: float | None = None,
    common_support: bool = False,
) -> ImpactResult:
    """The ATT by one ``method``; see :func:`estimate_impacts` for the arguments."""
    results = estimate_impacts(
        frame,
        treatment=treatment,
        outcome=outcome,
        covariates=covariates,
        methods=(method,),
        n_boot=n_boot,
        seed=seed,
        alpha=alpha,
        caliper=caliper,
        trim=trim,
        common_support=common_support,
    )
    return results[method]
