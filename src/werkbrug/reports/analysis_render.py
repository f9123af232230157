"""Human-readable renderings (HTML) of the analyses; JSON comes from :func:`analysis.to_json`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkbrug.reports import charts
from werkbrug.reports.styles import report_css

UNKNOWN = "–"


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return UNKNOWN
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if (get_language() or "nl").startswith("nl") else text


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
    return "< 0,001" if value < 0.001 else _num(value, 3)


def _few_projects(result: Mapping[str, Any], coefficients: Mapping[str, Any]) -> list[str]:
    """The evaluation's caveat about few projects, in the reader's language."""
    if not result.get("caveat"):
        return []
    terms = sum(1 for c in coefficients.values() if c.get("level") == "project")
    return [
        _(
            "Only {n} projects. With this few projects nothing can be concluded about "
            "project-level factors: the {k} project attributes are compared across {n} "
            "projects, not across participants, so they cannot be told apart from everything "
            "else that differs between these projects. The intervals are wide for that reason "
            "and are shown so that the uncertainty is visible; read them as descriptions of "
            "these projects, not as evidence of what works."
        ).format(n=result.get("n_clusters"), k=terms)
    ]


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


def _survival(result: Mapping[str, Any]) -> dict[str, Any]:
    groups = {_("All participants"): result["overall"], **result.get("groups", {})}
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
            "name": name,
            "hr": _num(c.get("hazard_ratio")),
            "ci": _ci(c.get("ci_low"), c.get("ci_high")),
            "p": _p(c.get("p")),
        }
        for name, c in cox.get("covariates", {}).items()
    ]
    chart = ""
    if result.get("curves"):
        chart = charts.data_uri(
            charts.survival_curves(
                result["curves"],
                result.get("censored", {}),
                xlabel=_("days since intake"),
                ylabel=_("still without a transition"),
            )
        )
    return {
        "title": _("Time to a new job"),
        "rows": rows,
        "cox": cox_rows,
        "chart": chart,
        "caveats": _few_projects(cox, cox.get("covariates", {})),
        "warnings": list(cox.get("warnings", [])),
    }


def _factors(result: Mapping[str, Any]) -> dict[str, Any]:
    rows = []
    for name, c in result["lpm"].get("coefficients", {}).items():
        wild = c.get("wild") or {}
        rows.append(
            {
                "name": name,
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
        "caveats": _few_projects(result, result["lpm"].get("coefficients", {})),
        "warnings": list(result.get("warnings", [])) + list(result["lpm"].get("warnings", [])),
    }


def _impact(result: Mapping[str, Any]) -> dict[str, Any]:
    headline = _(
        "Average effect on the treated ({method}): {att} (95% interval {ci}); "
        "{treated} treated, {control} in the comparison group."
    ).format(
        method=result["method"],
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
        "warnings": list(result.get("warnings", [])),
    }


BUILDERS = {"survival": _survival, "factors": _factors, "impact": _impact}


def factors_context(result: Mapping[str, Any]) -> dict[str, Any]:
    """The success-factor table for the monitoring report."""
    return _factors(result)


def render_analysis_html(kind: str, result: Mapping[str, Any], *, body_only: bool = False) -> str:
    context = BUILDERS[kind](result)
    context.update(
        kind=kind,
        source=result.get("source", {}),
        provenance=_provenance(result),
        css=report_css(),
        lang=(get_language() or "nl")[:2],
    )
    template = "reports/analysis_body.html" if body_only else "reports/analysis_document.html"
    return render_to_string(template, context)
