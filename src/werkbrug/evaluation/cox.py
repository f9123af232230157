"""Cause-specific Cox models: hazard ratios, clustered errors and the proportional-hazards test.

The fit itself is lifelines' ``CoxPHFitter`` (Newton–Raphson, Efron ties). Two diagnostics are
computed here instead of by lifelines, because lifelines computes them with a Python loop over
rows — its clustered (sandwich) variance is quadratic in the number of rows (40 s for 100,000
participants) and its Schoenfeld residuals build an array row by row — while the same
quantities follow from a few cumulative sums over the risk sets:

* **Clustered standard errors** (Lin and Wei 1989): score residuals
  ``L_i = d_i (x_i - xbar(t_i)) - r_i (x_i H0(t_i) - H1(t_i))`` with ``r_i = exp(x_i b)``,
  ``xbar = S1/S0`` and the cumulative sums ``H0 = sum d/S0``, ``H1 = sum d S1/S0^2`` over
  event days up to ``t_i``; summed per project and sandwiched between the model variance.
  Ties are handled the Breslow way in the residuals (lifelines' own residuals ignore ties);
  the tests check equality with lifelines on untied data.
* **Proportional-hazards test** (Grambsch and Therneau 1994, the form lifelines'
  ``proportional_hazard_test`` uses with ``time_transform="rank"``): scaled Schoenfeld
  residuals (Efron-weighted means, as lifelines) correlated with the rank of the event time,
  one chi-squared statistic with 1 degree of freedom per covariate. Tied event days get their
  average rank.

Row-sized products use ``einsum`` rather than BLAS for the reason given in
:mod:`werkbrug.evaluation.logit`.

With few projects, clustered errors for project attributes are too small — the result then
carries the same caveat as the success-factor models.
"""

from __future__ import annotations

import warnings as py_warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, TypedDict

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter
from numpy.typing import NDArray
from scipy.stats import chi2, norm, rankdata

from werkbrug.evaluation.design import design_matrix, drop_separating
from werkbrug.evaluation.factors import (
    PARTICIPANT_FACTORS,
    PROJECT_FACTORS,
    few_projects_caveat,
)
from werkbrug.evaluation.logit import matvec
from werkbrug.evaluation.notes import Note
from werkbrug.evaluation.numbers import finite_or_none

__all__ = [
    "CAUSES",
    "CoxResult",
    "HazardRatio",
    "PhTest",
    "RiskSets",
    "clustered_variance",
    "cox_model",
    "cox_models",
    "ph_test",
    "risk_sets",
]

Array = NDArray[np.float64]

#: The events a trajectory can end in; each is a competing risk for the others.
CAUSES: Final = ("transition", "no_work", "dropout")
DEFAULT_COVARIATES: Final = (*PARTICIPANT_FACTORS, *PROJECT_FACTORS)
_FALLBACK_PENALIZER: Final = 0.1


class HazardRatio(TypedDict):
    hazard_ratio: float | None
    ci_low: float | None
    ci_high: float | None
    coef: float
    se: float
    p: float
    level: str


class PhTest(TypedDict):
    statistic: float
    p: float


class CoxResult(TypedDict):
    cause: str
    n: int
    events: int
    n_clusters: int
    penalizer: float
    se: str  # "clustered by project" or "model-based"
    covariates: dict[str, HazardRatio]
    ph_test: dict[str, PhTest]
    ph_violations: list[str]
    concordance: float | None
    caveat: str | None
    warnings: list[str]
    dropped: list[str]


# --- risk-set algebra --------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskSets:
    """Rows sorted by time and the risk-set sums at each distinct time."""

    order: NDArray[np.intp]  # row numbers sorted by duration
    group: NDArray[np.intp]  # for every sorted row, the number of its distinct time
    x: Array  # sorted covariates
    events: Array  # sorted 0/1
    risk: Array  # sorted exp(x b)
    s0: Array  # per distinct time: sum of risk over rows still at risk
    s1: Array  # per distinct time: sum of risk * x (times, k)
    deaths: Array  # events per distinct time
    tie_s0: Array  # per distinct time: sum of risk over the events at that time
    tie_s1: Array


def _reverse_cumsum(values: Array) -> Array:
    out: Array = np.cumsum(values[::-1], axis=0)[::-1]
    return out


def risk_sets(x: Array, durations: Array, events: Array, coef: Array) -> RiskSets:
    """Sort once and compute every risk-set sum the diagnostics need (O(n k))."""
    order = np.argsort(durations, kind="stable")
    times = durations[order]
    starts = np.flatnonzero(np.r_[True, times[1:] != times[:-1]])
    group = np.cumsum(np.r_[True, times[1:] != times[:-1]]) - 1
    xs, es = x[order], events[order]
    risk = np.exp(matvec(xs, coef))
    weighted = xs * risk[:, None]
    return RiskSets(
        order=order,
        group=group.astype(np.intp),
        x=xs,
        events=es,
        risk=risk,
        s0=_reverse_cumsum(risk)[starts],
        s1=_reverse_cumsum(weighted)[starts],
        deaths=np.add.reduceat(es, starts),
        tie_s0=np.add.reduceat(risk * es, starts),
        tie_s1=np.add.reduceat(weighted * es[:, None], starts),
    )


def score_residuals(sets: RiskSets) -> Array:
    """Breslow score residuals per sorted row (n, k)."""
    mean = sets.s1 / sets.s0[:, None]
    h0 = np.cumsum(sets.deaths / sets.s0)
    h1 = np.cumsum(sets.deaths[:, None] * sets.s1 / (sets.s0**2)[:, None], axis=0)
    g = sets.group
    own = sets.events[:, None] * (sets.x - mean[g])
    residual: Array = own - sets.risk[:, None] * (sets.x * h0[g][:, None] - h1[g])
    return residual


def clustered_variance(sets: RiskSets, variance: Array, clusters: NDArray[np.intp]) -> Array:
    """Sandwich variance with score residuals summed per cluster (``clusters`` per row)."""
    delta = np.einsum("ij,jk->ik", score_residuals(sets), variance)
    per_cluster = np.zeros((int(clusters.max()) + 1, delta.shape[1]))
    np.add.at(per_cluster, clusters[sets.order], delta)
    sandwich: Array = per_cluster.T @ per_cluster
    return sandwich


def schoenfeld_residuals(sets: RiskSets) -> tuple[Array, Array]:
    """Schoenfeld residuals of the events (Efron-weighted means) and their sorted times' groups."""
    is_event = sets.events > 0
    g = sets.group[is_event]
    deaths = sets.deaths[g]
    # Position of every event among the events tied with it: 0, 1, …, d-1.
    first = np.r_[0, np.flatnonzero(g[1:] != g[:-1]) + 1]
    position = np.arange(len(g)) - np.repeat(first, np.diff(np.r_[first, len(g)]))
    fraction = position / deaths
    numerator = sets.s1[g] - fraction[:, None] * sets.tie_s1[g]
    denominator = sets.s0[g] - fraction * sets.tie_s0[g]
    terms = numerator / (denominator * deaths)[:, None]
    mean = np.zeros_like(sets.s1)
    np.add.at(mean, g, terms)
    residual: Array = sets.x[is_event] - mean[g]
    return residual, g.astype("float64")


def ph_test(sets: RiskSets, variance: Array, names: Sequence[str]) -> dict[str, PhTest]:
    """Grambsch–Therneau test per covariate against the rank of the event time."""
    residual, event_groups = schoenfeld_residuals(sets)
    deaths = len(residual)
    scaled = deaths * np.einsum("ij,jk->ik", residual, variance)
    ranks = rankdata(event_groups)  # tied days share their average rank
    centred = ranks - ranks.mean()
    statistic = (centred @ scaled) ** 2 / (deaths * np.diag(variance) * (centred @ centred))
    return {
        name: PhTest(statistic=float(s), p=float(chi2.sf(s, 1)))
        for name, s in zip(names, statistic, strict=True)
    }


# --- fitting -----------------------------------------------------------------------------------


def _fit(data: pd.DataFrame, penalizer: float, notes: list[str]) -> tuple[Any, float]:
    """Fit; when the unpenalised fit fails, retry once with a small penalty and say so."""
    try:
        with py_warnings.catch_warnings(record=True) as caught:
            py_warnings.simplefilter("always")
            fitter = CoxPHFitter(penalizer=penalizer).fit(data, "duration_days", "event_observed")
    except Exception as exc:  # lifelines raises ConvergenceError and linear-algebra errors
        if penalizer > 0:
            raise
        notes.append(
            Note("cox_penalised", reason=str(exc).splitlines()[0], penalty=_FALLBACK_PENALIZER)
        )
        return _fit(data, _FALLBACK_PENALIZER, notes)
    notes.extend(
        Note("library", model="cox", message=str(w.message).strip().splitlines()[0]) for w in caught
    )
    return fitter, penalizer


def _hazard_ratios(
    coef: Array, se: Array, names: Sequence[str], levels: dict[str, str], alpha: float
) -> dict[str, HazardRatio]:
    z = norm.ppf(1 - alpha / 2)
    table: dict[str, HazardRatio] = {}
    for name, b, s in zip(names, coef, se, strict=True):
        with np.errstate(over="ignore"):
            table[name] = HazardRatio(
                hazard_ratio=finite_or_none(np.exp(b)),
                ci_low=finite_or_none(np.exp(b - z * s)),
                ci_high=finite_or_none(np.exp(b + z * s)),
                coef=float(b),
                se=float(s),
                p=float(chi2.sf((b / s) ** 2, 1)) if s > 0 else float("nan"),
                level=levels.get(name, "participant"),
            )
    return table


@dataclass
class _Prepared:
    data: pd.DataFrame
    clusters: NDArray[np.intp] | None
    levels: dict[str, str]
    notes: list[str]
    dropped: list[str]


def _prepare(
    frame: pd.DataFrame, cause: str, covariates: Sequence[str], cluster: str | None
) -> _Prepared:
    extra = ["duration_days", *([cluster] if cluster else [])]
    design, rows = design_matrix(frame, covariates, extra=extra, group=cluster)
    observed = (rows["event"] == cause).astype("int64")
    data = drop_separating(
        design.matrix, observed, design.warnings, f"cox:{cause}", always_too=False
    ).copy()
    design.dropped.extend(c for c in design.matrix.columns if c not in data.columns)
    data["duration_days"] = rows["duration_days"].astype("float64")
    data["event_observed"] = observed
    clusters = None
    if cluster:
        clusters = pd.factorize(rows[cluster], sort=True)[0].astype(np.intp)
    levels = {
        name: "project" if source in PROJECT_FACTORS else "participant"
        for name, source in design.sources.items()
    }
    return _Prepared(data.reset_index(drop=True), clusters, levels, design.warnings, design.dropped)


def _empty(cause: str, prepared: _Prepared, n_clusters: int) -> CoxResult:
    prepared.notes.append(Note("cox_empty"))
    return CoxResult(
        cause=cause,
        n=len(prepared.data),
        events=int(prepared.data["event_observed"].sum()),
        n_clusters=n_clusters,
        penalizer=0.0,
        se="none",
        covariates={},
        ph_test={},
        ph_violations=[],
        concordance=None,
        caveat=None,
        warnings=prepared.notes,
        dropped=prepared.dropped,
    )


def _variance(sets: RiskSets, variance: Array, prepared: _Prepared) -> tuple[Array, str]:
    """The variance to report: clustered by project when there are at least two."""
    clusters = prepared.clusters
    if clusters is None:
        return variance, "model-based"
    if len(np.unique(clusters)) < 2:
        prepared.notes.append(Note("cox_one_project"))
        return variance, "model-based"
    return clustered_variance(sets, variance, clusters), "clustered by project"


def cox_model(
    frame: pd.DataFrame,
    *,
    cause: str = "transition",
    covariates: Sequence[str] = DEFAULT_COVARIATES,
    cluster: str | None = "project",
    penalizer: float = 0.0,
    alpha: float = 0.05,
    concordance: bool = True,
) -> CoxResult:
    """Cause-specific Cox model: the hazard of ``cause``, all other endings censored.

    ``frame`` is a :func:`~werkbrug.evaluation.data.participant_frame`. Unknown values,
    constant, collinear and separating columns (a level without any event) are left out
    with a warning; if the unpenalised fit fails it is refitted with a small L2 penalty and
    the result says so. ``cluster`` gives standard errors clustered by project (``None``:
    model-based). ``ph_violations`` lists covariates whose proportional-hazards test has
    p < ``alpha``: their hazard ratio is an average over time. ``concordance=False`` skips
    the c-index (costly on millions of rows).
    """
    prepared = _prepare(frame, cause, covariates, cluster)
    data = prepared.data
    names = [str(c) for c in data.columns if c not in ("duration_days", "event_observed")]
    n_clusters = 0 if prepared.clusters is None else len(np.unique(prepared.clusters))
    if not names or data["event_observed"].sum() == 0:
        return _empty(cause, prepared, n_clusters)
    fitter, used = _fit(data, penalizer, prepared.notes)
    coef = fitter.params_[names].to_numpy(dtype="float64")
    variance = fitter.variance_matrix_.loc[names, names].to_numpy(dtype="float64")
    x = data[names].to_numpy(dtype="float64")
    sets = risk_sets(
        x,
        data["duration_days"].to_numpy("float64"),
        data["event_observed"].to_numpy("float64"),
        coef,
    )
    variance_used, se_kind = _variance(sets, variance, prepared)
    tests = ph_test(sets, variance, names)
    project_terms = sum(1 for name in names if prepared.levels.get(name) == "project")
    return CoxResult(
        cause=cause,
        n=len(data),
        events=int(data["event_observed"].sum()),
        n_clusters=n_clusters,
        penalizer=used,
        se=se_kind,
        covariates=_hazard_ratios(
            coef, np.sqrt(np.diag(variance_used)), names, prepared.levels, alpha
        ),
        ph_test=tests,
        ph_violations=[name for name, t in tests.items() if t["p"] < alpha],
        concordance=finite_or_none(fitter.concordance_index_) if concordance else None,
        caveat=few_projects_caveat(n_clusters, project_terms) if project_terms else None,
        warnings=prepared.notes,
        dropped=prepared.dropped,
    )


def cox_models(
    frame: pd.DataFrame,
    *,
    causes: Sequence[str] = CAUSES,
    covariates: Sequence[str] = DEFAULT_COVARIATES,
    cluster: str | None = "project",
    penalizer: float = 0.0,
    alpha: float = 0.05,
) -> dict[str, CoxResult]:
    """One cause-specific Cox model per cause (see :func:`cox_model`)."""
    return {
        cause: cox_model(
            frame,
            cause=cause,
            covariates=covariates,
            cluster=cluster,
            penalizer=penalizer,
            alpha=alpha,
        )
        for cause in causes
    }
