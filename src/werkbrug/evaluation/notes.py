"""The warnings and caveats of the models, as codes with parameters.

A :class:`Note` is a ``str`` (its English sentence, which the JSON and the commands show as
before) that also carries a ``code`` and its ``params``: the raw values, such as a column
name (``union_involved``) or a list of project codes. This package has no Django, so it does
not translate; the reports (``werkbrug.reports.notes``) say each code in the reader's language
and turn the column names into labels (``Vakbond actief betrokken``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = ["ENGLISH", "MODELS", "Note"]

#: The models a note can name, in English.
MODELS: Final[Mapping[str, str]] = {
    "logit": "the logit",
    "lpm": "the linear model",
    "cox:transition": "the transition model",
    "cox:no_work": "the no-work model",
    "cox:dropout": "the drop-out model",
}

#: Every code with its English sentence; ``{name}`` is a parameter, lists are joined by ", ".
ENGLISH: Final[Mapping[str, str]] = {
    "rows_unknown": "{count} of {total} rows left out because {column} is unknown{where}",
    "reference_absent": "{column}: reference level {reference!r} absent; using {base!r}",
    "constant": "{column} left out: it has the same value in every row",
    "collinear": (
        "{column} left out: in these data it is fully determined by {partners}, "
        "so their effects cannot be told apart"
    ),
    "separation": (
        "{column} left out of {model}: {state} of the rows with {column} = {level} "
        "have the outcome (perfect separation)"
    ),
    "few_projects": (
        "Only {n} projects. With this few projects nothing can be concluded about "
        "project-level factors: the {k} project attributes are compared across {n} projects, "
        "not across participants, so they cannot be told apart from everything else that "
        "differs between these projects. The intervals below are wide for that reason and "
        "are shown so that the uncertainty is visible; read them as descriptions of these "
        "projects, not as evidence of what works."
    ),
    "few_differ": (
        "{column}: only {fewest} project(s) differ from the rest; with so few, even the wild "
        "bootstrap interval is unreliable (MacKinnon and Webb 2017)"
    ),
    "between_projects": (
        "{k} project attributes and an intercept for {n} projects leave {left} degrees of "
        "freedom between projects: almost any pattern of project differences would fit "
        "these attributes"
    ),
    "fewer_than_two_projects": (
        "fewer than two projects: errors clustered by project cannot be computed"
    ),
    "same_outcome": "every participant has the same outcome: there is nothing to explain",
    "wild_bootstrap": (
        "{n} clusters: project-level coefficients also have wild cluster bootstrap "
        "(WCR, Rademacher) p-values and intervals; prefer those"
    ),
    "logit_failed": "the logit could not be fitted: {reason}",
    "library": "{model}: {message}",
    "logit_not_converged": "the logit did not converge; its coefficients are not reliable",
    "logit_separation": "{column}: logit coefficient {estimate:.1f} signals separation",
    "logit_clustered": (
        "the logit's project-level intervals are clustered intervals, which are too narrow "
        "with few projects; see the linear model's wild bootstrap intervals"
    ),
    "cox_penalised": (
        "the unpenalised Cox model failed ({reason}); refitted with an L2 penalty of "
        "{penalty}, which shrinks hazard ratios towards 1"
    ),
    "cox_empty": "no events or no usable covariates: no Cox model",
    "cox_one_project": "one project only: model-based standard errors, not clustered",
    "imbalanced": (
        "still imbalanced after {method} (|standardised difference| > {threshold}): {columns}"
    ),
    "few_controls": (
        "the weighted comparison group amounts to about {effective:.0f} controls (effective "
        "sample size) for {treated} treated: the estimate leans on a few people; check the "
        "overlap"
    ),
    "bootstrap_failed": "{failed} of {draws} bootstrap samples gave no estimate",
    "psm_bootstrap": (
        "the bootstrap is not exactly valid for nearest-neighbour matching (Abadie and "
        "Imbens 2008); read the matching interval as indicative"
    ),
    "unmatched": "{n} treated rows had no control within the caliper or support",
    "propensity_not_converged": (
        "the propensity model did not converge (some covariate separates the groups almost "
        "perfectly); propensities near 0 or 1 make every estimate fragile"
    ),
    "propensity_resamples": "the propensity model did not converge in {n} resamples",
    # Input errors of the net-impact estimate (raised as ValueError(Note(...))).
    "not_numeric": "the {role} column {column!r} must be numeric: {reason}",
    "treatment_not_binary": "the treatment column {column!r} must be 0/1 (or true/false)",
    "too_few_rows": "need at least two treated and two control rows",
}


def _english(code: str, params: Mapping[str, Any]) -> str:
    shown: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, Sequence) and not isinstance(value, str):
            value = ", ".join(map(str, value))
        shown[key] = value
    if code == "rows_unknown":
        names = params.get("groups") or ()
        shown["where"] = f" ({params['group']}: {', '.join(names)})" if names else ""
    if code == "collinear" and not params.get("partners"):
        shown["partners"] = "the intercept"
    if "model" in params:
        shown["model"] = MODELS.get(str(params["model"]), str(params["model"]))
    return ENGLISH[code].format(**shown)


class Note(str):
    """A model's warning: its English sentence, with the ``code`` and ``params`` that a
    translation needs."""

    code: str
    params: Mapping[str, Any]

    def __new__(cls, code: str, **params: Any) -> Note:
        note = super().__new__(cls, _english(code, params))
        note.code = code
        note.params = dict(params)
        return note

    def __reduce__(self) -> tuple[Any, ...]:
        # Copies (copy.deepcopy, pickling) keep the code: the keyword arguments are replayed.
        return (_rebuild, (self.code, dict(self.params)))


def _rebuild(code: str, params: dict[str, Any]) -> Note:
    return Note(code, **params)
