"""What worked: time to a new job, success factors and net impact.

Pure Python (pandas, numpy, scipy, statsmodels, lifelines; no Django, no database): data
goes in as typed rows or DataFrames, JSON-ready dicts come out (``TypedDict`` results; no
NaN or infinity where a value can be missing: those are ``None``). Validation against
published data and the choices behind every estimate are in ``docs/evaluation.md``.

The functions, as the CLI and the web pages call them::

    from werkbrug.evaluation import (
        participant_frame, delivery_frame, survival_analysis, cox_models,
        success_factors, estimate_impact, estimate_impacts,
    )

    # 1. One row per participant (duration, event, characteristics, project attributes).
    frame = participant_frame(projects_rows, participant_rows, outcome_rows,
                              censor_date=as_of or delivery.delivered_on)
    frame, used_date = delivery_frame("path/to/delivery", censor_date=None)  # from disk

    # 2. werkbrug survival [--by project|network|education]
    survival_analysis(frame, by="project", alpha=0.05)
    #   -> {by, alpha, overall: {n, events, competing, censored, median_days, median_ci},
    #       groups: {NAME: {...}}, curves: {NAME: [[day, survival], ...]},
    #       confidence: {NAME: [[day, low, high], ...]},
    #       cumulative_incidence: {NAME: {transition|no_work|dropout: [[day, F], ...]}},
    #       censored: {NAME: [day, ...]}}
    cox_models(frame)  # {cause: {covariates: {NAME: {hazard_ratio, ci_low, ci_high, p, ...}},
    #                              ph_test, ph_violations, caveat, warnings, ...}}

    # 3. werkbrug factors
    success_factors(frame, n_boot=9999, seed=0)
    #   -> {n, n_clusters, caveat, logit: {coefficients, warnings}, lpm: {coefficients
    #       (project-level ones with "wild": {p, ci_low, ci_high, draws, enumerated})},
    #       rates: {project: {n, transitions, rate, ci_low, ci_high}}, warnings, dropped}

    # 4. werkbrug impact --data FILE --treatment COL --outcome COL --covariates A,B
    estimate_impact(df, treatment="train", outcome="re78", covariates=[...],
                    method="dr", n_boot=500, seed=0, caliper=None, trim=None,
                    common_support=False)
    #   -> {method, att, ci_low, ci_high, se, n_treated, n_control, naive, trimmed,
    #       unmatched, balance: {COV: {smd_before, smd_after, ...}}, overlap: {...},
    #       warnings, ...}
    estimate_impacts(df, ..., methods=("psm", "ipw", "dr"))  # all three, one bootstrap

Every model result carries ``warnings`` (plain sentences: rows left out for unknown values,
columns left out as constant or collinear, separation, non-convergence, penalised refits)
and, where project attributes are modelled with fewer than 20 projects, a ``caveat`` that
says nothing can be concluded about them. Show both next to the figures.
"""

from werkbrug.evaluation.cox import CAUSES, CoxResult, cox_model, cox_models
from werkbrug.evaluation.data import (
    EVENTS,
    FRAME_COLUMNS,
    PROJECT_ATTRIBUTES,
    delivery_frame,
    participant_frame,
)
from werkbrug.evaluation.factors import (
    PARTICIPANT_FACTORS,
    PROJECT_FACTORS,
    FactorsResult,
    few_projects_caveat,
    project_rates,
    success_factors,
)
from werkbrug.evaluation.impact import METHODS, ImpactResult, estimate_impact, estimate_impacts
from werkbrug.evaluation.survival import SurvivalResult, cumulative_incidence, survival_analysis

__all__ = [
    "CAUSES",
    "EVENTS",
    "FRAME_COLUMNS",
    "METHODS",
    "PARTICIPANT_FACTORS",
    "PROJECT_ATTRIBUTES",
    "PROJECT_FACTORS",
    "CoxResult",
    "FactorsResult",
    "ImpactResult",
    "SurvivalResult",
    "cox_model",
    "cox_models",
    "cumulative_incidence",
    "delivery_frame",
    "estimate_impact",
    "estimate_impacts",
    "few_projects_caveat",
    "participant_frame",
    "project_rates",
    "success_factors",
    "survival_analysis",
]
