"""Human-readable renderings (HTML) of the analyses; JSON comes from :func:`analysis.to_json`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkbrug import formats
from werkbrug.reports import charts
from werkbrug.reports.labels import METHODS, group_label, note_text, notes_text, variable_label
from werkbrug.reports.styles import report_css

Names = Mapping[str, str]

UNKNOWN = "–"


def _num(value: Any, digits: int = 2) -> str:
    return formats.decimal(value, formats.lang_of(get_language()), digits)


def _ci(low: Any, high: Any, *, digits: int = 2) -> str:
    if low is None or high is None:
        return UNKNOWN
    return f"{_num(low, digits)} – {_num(high, digits)}"


def _interval(bounds: Any, *, digits: int) -> str:
    low, high = bounds if bounds else (None, None)
    return _ci(low, high, digits=digits)


def _percent_points(estimate: Mapping[str, Any]) -> str:
    """An interval of a probability difference, in percentage points."""
    low, high = estimate.get("ci_low"), estimate.get("ci_high")
    if low is None or high is None:
        return UNKNOWN
    return _ci(100 * low, 100 * high, digits=1)


def _p(value: Any) -> str:
    if value is None:
        return UNKNOWN
    return f"< {_num(0.001, 3)}" if value < 0.001 else _num(value, 3)


def _provenance(result: Mapping[str, Any]) -> list[tuple[str, str]]:
    source = result.get("source", {})
    pairs = [
        (_("Delivery"), source.get("delivery")),
        (_("Content hash (SHA-256)"), source.get("content_hash")),
        (_("Censored at"), source.get("censor_date")),
        (_("Data"), source.get("data")),
        (_("Participants"), result.get("n") or result.get("overall", {}).get("n")),
    ]
    return [(k, str(v)) for k, v in pairs if v is not None]


def _caveats(result: Mapping[str, Any]) -> list[str]:
    caveat = result.get("caveat")
    return [note_text(caveat)] if caveat else []


def _survival(result: Mapping[str, Any], names: Names) -> dict[str, Any]:
    by = result.get("by")
    groups = {_("All participants"): result["overall"]}
    groups.update({group_label(by, key, names): g for key, g in result.get("groups", {}).items()})
    rows = [
        {
            "name": name,
            "n": g["n"],
            "events": g["events"],
            "competing": g.get("competing", UNKNOWN),
            "median": _num(g.get("median_days"), 0),
            "ci": _interval(g.get("median_ci"), digits=0),
        }
        for name, g in groups.items()
    ]
    cox = result.get("cox", {}).get("transition", {})
    cox_rows = [
        {
            "name": variable_label(name),
            "hr": _num(c.get("hazard_ratio")),
            "ci": _ci(c.get("ci_low"), c.get("ci_high")),
            "p": _p(c.get("p")),
        }
        for name, c in cox.get("covariates", {}).items()
    ]
    chart = ""
    if result.get("curves"):
        label = {key: group_label(by, key, names) for key in result["curves"]}
        chart = charts.data_uri(
            charts.survival_curves(
                {label[k]: v for k, v in result["curves"].items()},
                {label.get(k, k): v for k, v in result.get("censored", {}).items()},
                xlabel=_("days since intake"),
                ylabel=_("still without a transition"),
            )
        )
    return {
        "title": _("Time to a new job"),
        "rows": rows,
        "cox": cox_rows,
        "chart": chart,
        "caveats": _caveats(cox),
        "warnings": notes_text(cox.get("warnings", []), names),
    }


def _factors(result: Mapping[str, Any], names: Names) -> dict[str, Any]:
    rows = []
    for name, c in result["lpm"].get("coefficients", {}).items():
        wild = c.get("wild") or {}
        rows.append(
            {
                "name": variable_label(name),
                "effect": _num(100 * c["estimate"], 1)
                if c.get("estimate") is not None
                else UNKNOWN,
                "ci": _ci(
                    *(
                        100 * x if x is not None else None
                        for x in (c.get("ci_low"), c.get("ci_high"))
                    ),
                    digits=1,
                ),
                "wild": _ci(
                    *(
                        100 * x if x is not None else None
                        for x in (wild.get("ci_low"), wild.get("ci_high"))
                    ),
                    digits=1,
                )
                if wild
                else "",
                "p": _p(wild.get("p", c.get("p"))),
            }
        )
    return {
        "title": _("Success factors"),
        "rows": rows,
        "caveats": _caveats(result),
        "warnings": notes_text(
            [*result.get("warnings", []), *result["lpm"].get("warnings", [])], names
        ),
    }


def _impact(result: Mapping[str, Any], names: Names) -> dict[str, Any]:
    headline = _(
        "Average effect on the treated ({method}): {att} (95% interval {ci}); "
        "{treated} treated, {control} in the comparison group."
    ).format(
        method=METHODS.get(result["method"], result["method"]),
        att=_num(result.get("att")),
        ci=_ci(result.get("ci_low"), result.get("ci_high")),
        treated=result.get("n_treated"),
        control=result.get("n_control"),
    )
    rows = [
        {"name": name, "before": _num(b.get("smd_before")), "after": _num(b.get("smd_after"))}
        for name, b in result.get("balance", {}).items()
    ]
    return {
        "title": _("Net impact"),
        "headline": headline,
        "rows": rows,
        "caveats": [],
        "warnings": notes_text(result.get("warnings", []), names),
    }


BUILDERS = {"survival": _survival, "factors": _factors, "impact": _impact}


def factors_context(result: Mapping[str, Any], project_names: Names) -> dict[str, Any]:
    """The success-factor table for the monitoring report."""
    return _factors(result, project_names)


def render_analysis_html(
    kind: str,
    result: Mapping[str, Any],
    *,
    body_only: bool = False,
    project_names: Names | None = None,
) -> str:
    """An analysis as HTML; ``project_names`` (code → name) name the projects in groups
    and notes."""
    context = BUILDERS[kind](result, project_names or {})
    context.update(
        kind=kind,
        source=result.get("source", {}),
        provenance=_provenance(result),
        css=report_css(),
        lang=(get_language() or "nl")[:2],
    )
    template = "reports/analysis_body.html" if body_only else "reports/analysis_document.html"
    return render_to_string(template, context)
