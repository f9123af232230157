"""What the analyses' names and notes say to a reader: a model's column (``union_involved``,
``education=high``) as a label (``Vakbond actief betrokken``, ``Opleiding: hoog``), a group
(``fnv-bouw``, ``overall``) by its name (``FNV Bouw``, ``Totaal``), and every note of
:mod:`werkbrug.evaluation` (a code with parameters, :class:`~werkbrug.evaluation.notes.Note`)
as a sentence in the reader's language. The pure package names things as the code does; the
translation lives here, once, for the report, the what-worked page and the net-impact page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from werkbrug import formats
from werkbrug.taxonomy import FORMAL_AGREEMENTS, GENDERS, NETWORKS, SITUATIONS
from werkbrug.taxonomy.codes import CodeList

# The columns of the evaluation frame (werkbrug.evaluation.data.FRAME_COLUMNS) that a model
# can show, with the code list that names their values.
_VARIABLES: Mapping[str, Any] = {
    "age": gettext_lazy("Age"),
    "education": gettext_lazy("Education"),
    "situation": gettext_lazy("Situation before intake"),
    "gender": gettext_lazy("Gender"),
    "network": gettext_lazy("Network"),
    "union_involved": gettext_lazy("Union actively involved"),
    "formal_agreement": gettext_lazy("Formal agreements"),
    "formal_agreement_any": gettext_lazy("Formal agreements made"),
    "individual_contribution": gettext_lazy("Own contribution of participants"),
    "employer_contribution": gettext_lazy("Employer contribution"),
    "project": gettext_lazy("Project"),
    "transition": gettext_lazy("Transition"),
    "duration_days": gettext_lazy("Days to the outcome"),
}
_LEVELS: Mapping[str, Any] = {
    "low": gettext_lazy("low"),
    "middle": gettext_lazy("middle"),
    "high": gettext_lazy("high"),
}
_VALUES: Mapping[str, CodeList | Mapping[str, Any]] = {
    "education": _LEVELS,
    "situation": SITUATIONS,
    "gender": GENDERS,
    "network": NETWORKS,
    "formal_agreement": FORMAL_AGREEMENTS,
}
_MODELS: Mapping[str, Any] = {
    "logit": gettext_lazy("the logit model"),
    "lpm": gettext_lazy("the linear probability model"),
    "cox": gettext_lazy("the Cox model"),
    "cox:transition": gettext_lazy("the Cox model of a transition"),
    "cox:no_work": gettext_lazy("the Cox model of ending without work"),
    "cox:dropout": gettext_lazy("the Cox model of dropping out"),
}
METHODS: Mapping[str, Any] = {
    "psm": gettext_lazy("propensity score matching"),
    "ipw": gettext_lazy("inverse probability weighting"),
    "dr": gettext_lazy("doubly robust weighting"),
}
GROUPINGS: Mapping[str, Any] = {
    "project": gettext_lazy("project"),
    "network": gettext_lazy("network"),
    "education": gettext_lazy("education level"),
}


def _lang() -> formats.Lang:
    return formats.lang_of(get_language())


def value_label(column: str, value: str) -> str:
    """A value of a frame column in words (``gender``, ``f`` → ``vrouw``); itself if unknown."""
    values = _VALUES.get(column)
    if isinstance(values, CodeList):
        found = values.get(value)
        return str(found.label(_lang())) if found else value
    if values is not None and value in values:
        return str(values[value])
    return value


def variable_label(name: str) -> str:
    """A model's column as a label: ``age`` → ``Leeftijd``, ``education=high`` →
    ``Opleiding: hoog``. A column the frame does not have (a user's own data set on the
    net-impact page) keeps the name its file gave it."""
    column, is_level, value = name.partition("=")
    label = _VARIABLES.get(column)
    if label is None:
        return name
    if not is_level:
        return str(label)
    return _("{variable}: {value}").format(variable=label, value=value_label(column, value))


def group_label(by: str | None, key: str, project_names: Mapping[str, str]) -> str:
    """A survival group by its name: a project's code by the project's name, a network or an
    education level in words, the whole by "Totaal"."""
    if key == "overall":
        return _("Total")
    if key == "unknown":
        return _("unknown")
    if by == "project":
        return project_names.get(key, key)
    return value_label(by or "", key)


def _names(values: Iterable[str]) -> str:
    return ", ".join(variable_label(v) for v in values)


def _model(code: str) -> str:
    return str(_MODELS.get(code, code))


def _rows_unknown(p: Mapping[str, Any]) -> str:
    text = ngettext(
        "{count} of {total} participants left out because their {column} is unknown",
        "{count} of {total} participants left out because their {column} is unknown",
        p["count"],
    ).format(
        count=formats.count(p["count"], _lang()),
        total=formats.count(p["total"], _lang()),
        column=variable_label(p["column"]).lower(),
    )
    groups = p.get("groups") or ()
    if groups:
        names = p.get("project_names") or {}
        text += " (" + ", ".join(names.get(g, g) for g in groups) + ")"
    return text


def _few_projects(p: Mapping[str, Any]) -> str:
    return _(
        "Only {n} projects. With this few projects nothing can be concluded about "
        "project-level factors: the {k} project attributes are compared across {n} "
        "projects, not across participants, so they cannot be told apart from everything "
        "else that differs between these projects. The intervals are wide for that reason "
        "and are shown so that the uncertainty is visible; read them as descriptions of "
        "these projects, not as evidence of what works."
    ).format(n=p["n"], k=p["k"])


def _number(value: Any, digits: int = 0) -> str:
    return formats.decimal(value, _lang(), digits)


# Notes without parameters: one sentence each.
_PLAIN: Mapping[str, Any] = {
    "fewer_than_two_projects": gettext_lazy(
        "There is only one project: characteristics of projects cannot be compared, and "
        "intervals clustered by project cannot be computed."
    ),
    "same_outcome": gettext_lazy(
        "Every participant has the same outcome: there is nothing to explain."
    ),
    "logit_failed": gettext_lazy("The logit model could not be fitted."),
    "logit_not_converged": gettext_lazy(
        "The logit model did not converge; its coefficients are not reliable."
    ),
    "logit_clustered": gettext_lazy(
        "The logit model's intervals for project characteristics are clustered intervals, "
        "which are too narrow with few projects; see the wild bootstrap intervals of the "
        "linear model."
    ),
    "cox_empty": gettext_lazy("No events or no usable characteristics: no Cox model."),
    "cox_one_project": gettext_lazy(
        "One project only: model-based standard errors, not clustered by project."
    ),
    "psm_bootstrap": gettext_lazy(
        "The bootstrap is not exactly valid for nearest-neighbour matching (Abadie and Imbens "
        "2008); read the interval of the matching estimate as indicative."
    ),
    "too_few_rows": gettext_lazy(
        "at least two participants and two people in the comparison group are needed"
    ),
    "propensity_not_converged": gettext_lazy(
        "The propensity model did not converge (a characteristic separates the groups almost "
        "perfectly); propensities near 0 or 1 make every estimate fragile."
    ),
}


# One function per note code with parameters: its parameters in, the reader's sentence out.
_SAY: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    "rows_unknown": _rows_unknown,
    "reference_absent": lambda p: _(
        "{column}: the reference group “{reference}” does not occur; compared with “{base}”"
    ).format(
        column=variable_label(p["column"]),
        reference=value_label(p["column"], str(p["reference"])),
        base=value_label(p["column"], str(p["base"])),
    ),
    "constant": lambda p: _("{column} left out: it is the same for everyone").format(
        column=variable_label(p["column"])
    ),
    "collinear": lambda p: (
        _(
            "{column} left out: in these data it follows entirely from {partners}, so their "
            "effects cannot be told apart"
        ).format(column=variable_label(p["column"]), partners=_names(p["partners"]))
        if p.get("partners")
        else _("{column} left out: it is the same for everyone").format(
            column=variable_label(p["column"])
        )
    ),
    "separation": lambda p: _(
        "{column} left out of {model}: {share} of the participants with “{level}” had the "
        "outcome (perfect separation)"
    ).format(
        column=variable_label(p["column"]),
        model=_model(p["model"]),
        share=_("none") if p["state"] == "none" else _("all"),
        level=pgettext_yes_no(p["level"]),
    ),
    "few_projects": _few_projects,
    "few_differ": lambda p: ngettext(
        "{column}: only {fewest} project differs from the rest; with so few, even the wild "
        "bootstrap interval is unreliable (MacKinnon and Webb 2017)",
        "{column}: only {fewest} projects differ from the rest; with so few, even the wild "
        "bootstrap interval is unreliable (MacKinnon and Webb 2017)",
        p["fewest"],
    ).format(column=variable_label(p["column"]), fewest=p["fewest"]),
    "between_projects": lambda p: _(
        "{k} project characteristics and an intercept for {n} projects leave {left} degrees "
        "of freedom between projects: almost any pattern of differences between the projects "
        "would fit these characteristics"
    ).format(k=p["k"], n=p["n"], left=p["left"]),
    "wild_bootstrap": lambda p: _(
        "{n} projects: the project characteristics also have p-values and intervals from a "
        "wild cluster bootstrap (WCR, Rademacher); go by those"
    ).format(n=p["n"]),
    "library": lambda p: _(
        "A numerical warning from {model}: its results are less certain."
    ).format(model=_model(p["model"])),
    "logit_separation": lambda p: _(
        "{column}: the logit coefficient of {estimate} signals separation"
    ).format(column=variable_label(p["column"]), estimate=_number(p["estimate"], 1)),
    "cox_penalised": lambda p: _(
        "The Cox model without a penalty could not be fitted; it was refitted with an L2 "
        "penalty of {penalty}, which pulls the hazard ratios towards 1."
    ).format(penalty=_number(p["penalty"], 1)),
    "imbalanced": lambda p: _(
        "Still imbalanced after {method} (standardised difference above {threshold}): {columns}"
    ).format(
        method=METHODS.get(p["method"], p["method"]),
        threshold=_number(p["threshold"], 1),
        columns=_names(p["columns"]),
    ),
    "few_controls": lambda p: _(
        "The weighted comparison group amounts to about {effective} people (effective sample "
        "size) for {treated} participants: the estimate leans on a few people; check the "
        "overlap."
    ).format(effective=_number(p["effective"]), treated=p["treated"]),
    "bootstrap_failed": lambda p: _(
        "{failed} of {draws} bootstrap samples gave no estimate."
    ).format(failed=p["failed"], draws=p["draws"]),
    "unmatched": lambda p: ngettext(
        "{n} participant had no comparison within the caliper or the common support.",
        "{n} participants had no comparison within the caliper or the common support.",
        p["n"],
    ).format(n=p["n"]),
    "not_numeric": lambda p: _("the column “{column}” must hold numbers").format(
        column=p["column"]
    ),
    "treatment_not_binary": lambda p: _(
        "the treatment column “{column}” must hold 0 or 1 (or true or false)"
    ).format(column=p["column"]),
    "propensity_resamples": lambda p: _(
        "The propensity model did not converge in {n} bootstrap samples."
    ).format(n=p["n"]),
}


def pgettext_yes_no(level: Any) -> str:
    # A 0/1 column's level: 1 is "yes" (has the characteristic), 0 is "no".
    return pgettext("answer", "yes") if int(level) else pgettext("answer", "no")


def note_text(note: str, project_names: Mapping[str, str] | None = None) -> str:
    """A note of the evaluation package in the reader's language. A plain string (not a
    :class:`Note`) is shown as it is: it came from elsewhere, already in words."""
    code = getattr(note, "code", None) or ""
    if code in _PLAIN:
        return str(_PLAIN[code])
    say = _SAY.get(code)
    if say is None:
        return str(note)
    params = dict(getattr(note, "params", {}))
    params.setdefault("project_names", project_names or {})
    return say(params)


def notes_text(notes: Sequence[str], project_names: Mapping[str, str] | None = None) -> list[str]:
    """Each note once, in the reader's language."""
    said = [note_text(n, project_names) for n in notes]
    return list(dict.fromkeys(said))
