"""Success factors: which project and participant characteristics go with a transition.

Two participant-level models of ``transition`` (by the censoring date) on project attributes
and participant characteristics:

* a **logistic** regression (statsmodels ``Logit``), coefficients also as odds ratios;
* a **linear probability model** (OLS), coefficients in percentage points.

Both have standard errors clustered by project, with t-based intervals on G - 1 degrees of
freedom. Clustered standard errors need many clusters; with fewer than 30 projects every
project-level coefficient of the linear model also gets a **wild cluster bootstrap**
(restricted, Rademacher weights; :mod:`werkbrug.evaluation.wildboot`) p-value and interval,
which keep their stated size with few clusters. The bootstrap is done on the linear model,
where it is exact algebra; the logit's project-level intervals are the (too narrow)
clustered ones, which the result says.

With fewer than 20 projects the result carries a plain ``caveat``: with so few projects
nothing can be concluded about project-level factors. The intervals are always shown.

Ongoing participants count as "no transition yet" here; the Cox models in
:mod:`werkbrug.evaluation.survival` treat them as censored instead, which is the better
answer to "how fast"; ``finished_only=True`` restricts these models to ended trajectories.
"""

from __future__ import annotations

import warnings as py_warnings
from collections.abc import Sequence
from typing import Any, Final, TypedDict

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint

from werkbrug.evaluation.design import Design, design_matrix, drop_separating
from werkbrug.evaluation.notes import Note
from werkbrug.evaluation.numbers import finite_or_none
from werkbrug.evaluation.wildboot import WildResult, wild_cluster_bootstrap

__all__ = [
    "FEW_CLUSTERS",
    "PARTICIPANT_FACTORS",
    "PROJECT_FACTORS",
    "WILD_BELOW",
    "Coefficient",
    "FactorsResult",
    "ModelResult",
    "few_projects_caveat",
    "project_rates",
    "success_factors",
]

#: The project attributes the letter names as success factors.
PROJECT_FACTORS: Final = (
    "network",
    "union_involved",
    "formal_agreement_any",
    "individual_contribution",
    "employer_contribution",
)
#: Participant characteristics at intake.
PARTICIPANT_FACTORS: Final = ("age", "education", "situation", "gender")

#: Below this many clusters the wild cluster bootstrap is added.
WILD_BELOW: Final = 30
#: Below this many projects the caveat is given.
FEW_CLUSTERS: Final = 20
# MacKinnon and Webb (2017): cluster inference, the wild bootstrap included, misbehaves when
# only a few clusters have (or lack) a 0/1 regressor.
_FEW_TREATED: Final = 5
# |logit coefficient| above this on a 0/1 column means (quasi-)separation in practice:
# an odds ratio beyond e^15 is not an estimate.
_SEPARATION_COEF: Final = 15.0


class Coefficient(TypedDict, total=False):
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    p: float
    level: str  # "project" or "participant"
    odds_ratio: float | None
    or_ci_low: float | None
    or_ci_high: float | None
    wild: WildResult
    projects_with: int  # project-level 0/1 terms: projects with the attribute
    projects_without: int


class ModelResult(TypedDict):
    model: str
    available: bool
    coefficients: dict[str, Coefficient]
    warnings: list[str]


class Rate(TypedDict):
    n: int
    transitions: int
    rate: float
    ci_low: float
    ci_high: float


class FactorsResult(TypedDict):
    outcome: str
    n: int
    n_clusters: int
    clusters: list[str]
    alpha: float
    caveat: str | None
    logit: ModelResult
    lpm: ModelResult
    rates: dict[str, Rate]
    warnings: list[str]
    dropped: list[str]


def few_projects_caveat(n_clusters: int, n_project_terms: int) -> str | None:
    """The plain-language warning for few projects, or ``None`` when there are enough."""
    if n_clusters >= FEW_CLUSTERS:
        return None
    return Note("few_projects", n=n_clusters, k=n_project_terms)


def project_rates(frame: pd.DataFrame, *, alpha: float = 0.05) -> dict[str, Rate]:
    """Transition rate per project with a Wilson interval (the gross rate, not an effect)."""
    rates: dict[str, Rate] = {}
    for project, rows in frame.groupby("project", sort=True):
        n, k = len(rows), int(rows["transition"].sum())
        low, high = proportion_confint(k, n, alpha=alpha, method="wilson")
        rates[str(project)] = Rate(
            n=n, transitions=k, rate=k / n, ci_low=float(low), ci_high=float(high)
        )
    return rates


def _coefficients(
    fitted: Any, levels: dict[str, str], alpha: float, odds: bool
) -> dict[str, Coefficient]:
    table: dict[str, Coefficient] = {}
    intervals = fitted.conf_int(alpha=alpha)
    for name in fitted.params.index:
        if name == "const":
            continue
        coefficient = Coefficient(
            estimate=float(fitted.params[name]),
            se=float(fitted.bse[name]),
            ci_low=float(intervals.loc[name, 0]),
            ci_high=float(intervals.loc[name, 1]),
            p=float(fitted.pvalues[name]),
            level=levels.get(str(name), "participant"),
        )
        if odds:
            with np.errstate(over="ignore"):
                coefficient["odds_ratio"] = finite_or_none(np.exp(coefficient["estimate"]))
                coefficient["or_ci_low"] = finite_or_none(np.exp(coefficient["ci_low"]))
                coefficient["or_ci_high"] = finite_or_none(np.exp(coefficient["ci_high"]))
        table[str(name)] = coefficient
    return table


def _cluster_fit(model: Any, codes: np.ndarray[Any, Any], **kwargs: Any) -> Any:
    return model.fit(cov_type="cluster", cov_kwds={"groups": codes}, use_t=True, **kwargs)


def _fit_logit(
    x: pd.DataFrame,
    y: pd.Series[float],
    codes: np.ndarray[Any, Any],
    levels: dict[str, str],
    alpha: float,
) -> ModelResult:
    notes: list[str] = []
    kept = drop_separating(x, y, notes, "logit")
    with py_warnings.catch_warnings(record=True) as caught:
        py_warnings.simplefilter("always")
        try:
            fitted = _cluster_fit(sm.Logit(y, sm.add_constant(kept)), codes, disp=0, maxiter=200)
        except Exception as exc:  # statsmodels raises several kinds on degenerate data
            notes.append(Note("logit_failed", reason=str(exc)))
            return ModelResult(model="logit", available=False, coefficients={}, warnings=notes)
    notes.extend(
        Note("library", model="logit", message=str(w.message).strip().splitlines()[0])
        for w in caught
    )
    if not fitted.mle_retvals.get("converged", True):
        notes.append(Note("logit_not_converged"))
    coefficients = _coefficients(fitted, levels, alpha, odds=True)
    for name, c in coefficients.items():
        if abs(c["estimate"]) > _SEPARATION_COEF:
            notes.append(Note("logit_separation", column=name, estimate=c["estimate"]))
    if any(c["level"] == "project" for c in coefficients.values()):
        notes.append(Note("logit_clustered"))
    return ModelResult(model="logit", available=True, coefficients=coefficients, warnings=notes)


def _fit_lpm(
    x: pd.DataFrame,
    y: pd.Series[float],
    codes: np.ndarray[Any, Any],
    levels: dict[str, str],
    options: dict[str, Any],
) -> ModelResult:
    exog = sm.add_constant(x, has_constant="add")
    fitted = _cluster_fit(sm.OLS(y, exog), codes)
    coefficients = _coefficients(fitted, levels, options["alpha"], odds=False)
    n_clusters = int(codes.max()) + 1
    notes: list[str] = []
    if n_clusters < WILD_BELOW and any(c["level"] == "project" for c in coefficients.values()):
        matrix = exog.to_numpy(dtype="float64")
        for position, name in enumerate(exog.columns):
            if name in coefficients and coefficients[name]["level"] == "project":
                coefficients[name]["wild"] = wild_cluster_bootstrap(
                    matrix,
                    np.asarray(y, dtype=np.float64),
                    codes,
                    position,
                    draws=options["n_boot"],
                    seed=options["seed"],
                    alpha=options["alpha"],
                )
        notes.append(Note("wild_bootstrap", n=n_clusters))
    return ModelResult(model="lpm", available=True, coefficients=coefficients, warnings=notes)


def _attribute_counts(x: pd.DataFrame, codes: np.ndarray[Any, Any], result: ModelResult) -> None:
    """How many projects have and lack each 0/1 project attribute, with a warning if few."""
    for name, coefficient in result["coefficients"].items():
        values = x[name]
        if coefficient["level"] != "project" or not values.isin((0.0, 1.0)).all():
            continue
        per_project = values.groupby(codes).first()
        coefficient["projects_with"] = int(per_project.sum())
        coefficient["projects_without"] = int(len(per_project) - per_project.sum())
        fewest = min(coefficient["projects_with"], coefficient["projects_without"])
        if fewest < _FEW_TREATED:
            result["warnings"].append(Note("few_differ", column=name, fewest=fewest))


def _between_project_df(n_clusters: int, project_terms: int) -> str | None:
    left = n_clusters - project_terms - 1
    if left > 3:
        return None
    return Note("between_projects", k=project_terms, n=n_clusters, left=max(left, 0))


def _unmodellable(y: pd.Series[float], n_clusters: int) -> str | None:
    """Why no model can be fitted at all, or ``None``."""
    if n_clusters < 2:
        return Note("fewer_than_two_projects")
    if y.nunique() < 2:
        return Note("same_outcome")
    return None


def _unavailable(model: str, reason: str) -> ModelResult:
    return ModelResult(model=model, available=False, coefficients={}, warnings=[reason])


def _levels(design: Design, project_factors: Sequence[str]) -> dict[str, str]:
    return {
        name: "project" if source in project_factors else "participant"
        for name, source in design.sources.items()
    }


def success_factors(
    frame: pd.DataFrame,
    *,
    project_factors: Sequence[str] = PROJECT_FACTORS,
    participant_factors: Sequence[str] = PARTICIPANT_FACTORS,
    cluster: str = "project",
    finished_only: bool = False,
    n_boot: int = 9999,
    seed: int = 0,
    alpha: float = 0.05,
) -> FactorsResult:
    """Logit and linear probability models of ``transition`` with clustered inference.

    ``frame`` is a :func:`~werkbrug.evaluation.data.participant_frame`. Unknown values,
    constant and collinear columns and separating columns are left out with a warning in
    ``warnings`` (or the model's own ``warnings``); ``dropped`` lists the left-out columns.
    ``n_boot`` is the number of wild bootstrap draws (all sign patterns are used instead
    when there are fewer; 2^9 = 512 for nine projects).
    """
    rows = frame[frame["event"] != "censored"] if finished_only else frame
    covariates = [*participant_factors, *project_factors]
    design, kept = design_matrix(rows, covariates, extra=["transition", cluster], group=cluster)
    y = kept["transition"].astype("float64")
    codes, names = pd.factorize(kept[cluster], sort=True)
    codes = codes.astype(np.intp)
    levels = _levels(design, project_factors)
    x = design.matrix
    options = {"alpha": alpha, "n_boot": n_boot, "seed": seed}
    project_terms = sum(1 for name in x.columns if levels.get(str(name)) == "project")
    reason = _unmodellable(y, len(names))
    if reason:
        logit, lpm = _unavailable("logit", reason), _unavailable("lpm", reason)
    else:
        logit = _fit_logit(x, y, codes, levels, alpha)
        lpm = _fit_lpm(x, y, codes, levels, options)
        _attribute_counts(x, codes, lpm)
    notes = list(design.warnings)
    between = _between_project_df(len(names), project_terms)
    if between:
        notes.append(between)
    return FactorsResult(
        outcome="transition",
        n=len(kept),
        n_clusters=len(names),
        clusters=[str(n) for n in names],
        alpha=alpha,
        caveat=few_projects_caveat(len(names), project_terms) if project_terms else None,
        logit=logit,
        lpm=lpm,
        rates=project_rates(rows, alpha=alpha),
        warnings=notes,
        dropped=design.dropped,
    )
