"""Turn a machine-readable report (``werkbrug-report/1``) into what a reader sees: rounded
percentages, labels in the reader's language, the projects grouped as the letter groups them,
charts, and a definition under every table. The HTML, PDF, Markdown and Excel renderings all
start from :func:`build_context`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import get_language, gettext_noop, ngettext, pgettext
from django.utils.translation import gettext as _

from werkbrug import formats
from werkbrug.indicators import AGE_BANDS, EDUCATION_LEVELS, percent, wilson_interval
from werkbrug.reports import charts
from werkbrug.reports.analysis_render import factors_context
from werkbrug.reports.labels import note_text
from werkbrug.taxonomy import CONTINUATIONS, CONTRACTS, FORMAL_AGREEMENTS, NETWORKS, OUTCOMES

Report = Mapping[str, Any]
SUPPRESSED = "*"
UNKNOWN = "–"


class Figures:
    """Formats the figures of one report (``werkbrug.formats``), marking values hidden by
    small-cell suppression."""

    def __init__(self, report: Report) -> None:
        self.suppressed = frozenset(report.get("suppressed") or ())
        self.lang = formats.lang_of(get_language())

    def _missing(self, path: str) -> str:
        return SUPPRESSED if path in self.suppressed else UNKNOWN

    def count(self, value: Any, path: str) -> str:
        if value is None:
            return self._missing(path)
        return formats.count(int(value), self.lang)

    def share(self, value: Any, path: str) -> str:
        if value is None:
            return self._missing(path)
        return formats.share(value, self.lang)

    def number(self, value: Any, path: str, digits: int = 1) -> str:
        if value is None:
            return self._missing(path)
        return formats.decimal(value, self.lang, digits)


def code_label(codes: Any, code: str | None) -> str:
    if code is None:
        return UNKNOWN
    found = codes.get(code)
    lang = (get_language() or "nl")[:2]
    return str(found.label(lang)) if found else code


def yes_no(value: bool | None) -> str:
    if value is None:
        return UNKNOWN
    return pgettext("answer", "yes") if value else pgettext("answer", "no")


def interval(successes: int | None, n: int | None) -> str:
    """The 95% Wilson interval of a rate, as printed next to it."""
    if successes is None or not n:
        return ""
    bounds = wilson_interval(successes, n)
    if bounds is None:
        return ""
    return f"{percent(bounds[0])}–{percent(bounds[1])}%"


def build_context(
    report: Report, meta: Mapping[str, Any], generated_at: dt.datetime
) -> dict[str, Any]:
    f = Figures(report)
    totals = report["totals"]
    projects: Sequence[Mapping[str, Any]] = report["projects"]
    return {
        "report": report,
        "title": _("Monitoring report van-werk-naar-werk"),
        "delivery": report["delivery"],
        "description": meta.get("description") or "",
        "provenance": _provenance(report, meta, generated_at),
        "public": bool(report.get("public")),
        "min_cell": report["settings"]["min_cell"],
        "headline": _headline(f, totals),
        "targets": [_target_row(f, i, p) for i, p in enumerate(projects)],
        "targets_total": _target_row(f, None, totals),
        "groups": _reach_groups(projects),
        "near_threshold": percent(report["settings"]["near_threshold"]),
        "ages": [_age_row(f, i, p) for i, p in enumerate(projects)],
        "ages_total": _age_row(f, None, totals),
        "age_bands": [_band_label(key) for key, _low, _high in AGE_BANDS],
        "levels": [_(LEVEL_LABELS[level]) for level in EDUCATION_LEVELS],
        "education": [_education_row(f, i, p) for i, p in enumerate(projects)],
        "education_total": _education_row(f, None, totals),
        "contracts": _contract_rows(f, totals),
        "fulltime": _fulltime(f, totals, report["settings"]["fulltime_hours"]),
        "lasting": [_lasting_row(f, i, p) for i, p in enumerate(projects)],
        "lasting_total": _lasting_row(f, None, totals),
        "retention": _retention_rows(f, totals),
        "retention_checked": any(
            (point.get("checked") or 0) > 0 for point in (totals.get("retention") or {}).values()
        ),
        "change": _change(f, report),
        "factors": [_factor_row(f, i, p) for i, p in enumerate(projects)],
        "continuation": [
            {"name": p["name"], "continuation": code_label(CONTINUATIONS, p.get("continuation"))}
            for p in projects
        ],
        "charts": _charts(projects),
        "success_factors": _success_factors(report),
        "charts_limited": len(projects) > CHART_PROJECTS,
        "chart_projects": CHART_PROJECTS,
    }


def _success_factors(report: Report) -> dict[str, Any] | None:
    """The success-factor section; when no model could be fitted (one project, everyone the
    same outcome), a sentence saying why instead of an empty table."""
    result = report.get("success_factors")
    if not result:
        return None
    names = {p["code"]: p["name"] for p in report["projects"]}
    if "lpm" not in result:
        return {"omitted": [_("No success-factor model could be fitted."), str(result["error"])]}
    context = factors_context(result, names)
    if not result["lpm"].get("available") or not context["rows"]:
        reasons = [note_text(w, names) for w in result["lpm"].get("warnings", [])]
        context["omitted"] = [_("No success-factor model could be fitted."), *reasons[:1]]
    return context


def _path(index: int | None, key: str) -> str:
    return f"totals.{key}" if index is None else f"projects[{index}].{key}"


def _provenance(
    report: Report, meta: Mapping[str, Any], generated_at: dt.datetime
) -> list[tuple[str, str]]:
    publication = (
        _("public: counts below {n} suppressed").format(n=report["settings"]["min_cell"])
        if report.get("public")
        else _("full: not for publication")
    )
    return [
        (_("Delivery"), str(report["delivery"])),
        (_("Delivered on"), str(report.get("delivered_on") or UNKNOWN)),
        (_("Content hash (SHA-256)"), str(meta.get("content_hash") or UNKNOWN)),
        (_("Definitions"), str(report.get("definitions_version") or report["schema"])),
        (_("As of"), str(report.get("as_of") or _("all data in the delivery"))),
        (_("Generated at"), formats.moment(generated_at, formats.lang_of(get_language()))),
        (_("Publication"), publication),
    ]


def _headline(f: Figures, t: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "target_participants": f.count(t["target_participants"], "totals.target_participants"),
        "target_transitions": f.count(t["target_transitions"], "totals.target_transitions"),
        "reached": f.count(t["reached"], "totals.reached"),
        "transitions": f.count(t["transitions"], "totals.transitions"),
        "transition_rate": f.share(t["transition_rate"], "totals.transition_rate"),
        "transition_rate_ci": interval(t["transitions"], t["reached"]),
        "transition_target_ratio": f.share(
            t.get("transition_target_ratio"), "totals.transition_target_ratio"
        ),
        "learn_work": f.count(t["by_outcome"]["learn_work"], "totals.by_outcome.learn_work"),
        "ongoing": f.count(t["ongoing"], "totals.ongoing"),
        "finished": f.count(t["finished"], "totals.finished"),
        "transition_rate_finished": f.share(
            t["transition_rate_finished"], "totals.transition_rate_finished"
        ),
        "projects": f.count(t["projects"], "totals.projects"),
        # The plural of a sentence follows the raw count, never the formatted or hidden one.
        "project_count": int(t["projects"] or 0),
    }


def _target_row(f: Figures, i: int | None, p: Mapping[str, Any]) -> dict[str, str]:
    return {
        "name": p.get("name") or _("Total"),
        "target_participants": f.count(p["target_participants"], _path(i, "target_participants")),
        "reached": f.count(p["reached"], _path(i, "reached")),
        "reach_ratio": f.share(p.get("reach_ratio"), _path(i, "reach_ratio")),
        "target_transitions": f.count(p["target_transitions"], _path(i, "target_transitions")),
        "transitions": f.count(p["transitions"], _path(i, "transitions")),
        "learn_work": f.count(p["by_outcome"]["learn_work"], _path(i, "by_outcome.learn_work")),
        "ongoing": f.count(p["ongoing"], _path(i, "ongoing")),
        "transition_rate": f.share(p["transition_rate"], _path(i, "transition_rate")),
        "reach_class": _class_label(p.get("reach_class")),
    }


def _class_label(value: str | None) -> str:
    return {
        "above": _("above target"),
        "near": _("near target"),
        "below": _("far below target"),
    }.get(value or "", UNKNOWN)


def _reach_groups(projects: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[str]] = {"above": [], "near": [], "below": []}
    for p in projects:
        if p.get("reach_class") in groups:
            groups[p["reach_class"]].append(p["name"])
    return [
        {"label": _class_label(key), "count": len(names), "names": names}
        for key, names in groups.items()
    ]


def _band_label(key: str) -> str:
    return {
        "under_25": _("under 25"),
        "25_34": "25–34",
        "35_44": "35–44",
        "45_54": "45–54",
        "55_plus": _("55 and over"),
    }.get(key, key)


def _age_row(f: Figures, i: int | None, p: Mapping[str, Any]) -> dict[str, Any]:
    bands = p.get("age_bands") or {}
    return {
        "name": p.get("name") or _("Total"),
        "mean_age": f.number(p.get("mean_age"), _path(i, "mean_age")),
        "mean_age_band": p.get("mean_age_band") or UNKNOWN,
        "bands": [
            f.count(bands.get(key), _path(i, f"age_bands.{key}")) for key, _lo, _hi in AGE_BANDS
        ],
        "known": f.count(bands.get("known"), _path(i, "age_bands.known")),
    }


def _education_row(f: Figures, i: int | None, p: Mapping[str, Any]) -> dict[str, Any]:
    shares, counts = p["education"], p.get("education_counts") or {}
    return {
        "name": p.get("name") or _("Total"),
        "levels": [
            {
                "count": f.count(counts.get(level), _path(i, f"education_counts.{level}")),
                "share": f.share(shares.get(level), _path(i, f"education.{level}")),
            }
            for level in EDUCATION_LEVELS
        ],
        "known": f.count(counts.get("known"), _path(i, "education_counts.known")),
    }


def _contract_rows(f: Figures, t: Mapping[str, Any]) -> list[dict[str, str]]:
    shares, counts = t["contract"], t.get("contract_counts") or {}
    return [
        {
            "label": code_label(CONTRACTS, code),
            "count": f.count(counts.get(code), f"totals.contract_counts.{code}"),
            "share": f.share(shares.get(code), f"totals.contract.{code}"),
            "ci": interval(counts.get(code), counts.get("known")),
        }
        for code in CONTRACTS.codes
    ] + [
        {
            "label": _("known"),
            "count": f.count(counts.get("known"), "totals.contract_counts.known"),
            "share": "100%" if counts.get("known") else UNKNOWN,
            "ci": "",
        }
    ]


def _fulltime(f: Figures, t: Mapping[str, Any], threshold: float) -> dict[str, str]:
    full = t["fulltime"]
    return {
        "share": f.share(full.get("share"), "totals.fulltime.share"),
        "known": f.count(full.get("known"), "totals.fulltime.known"),
        "count": f.count(full.get("count"), "totals.fulltime.count"),
        "ci": interval(full.get("count"), full.get("known")),
        "threshold": f.number(threshold, "settings.fulltime_hours", 0),
    }


def _lasting_row(f: Figures, i: int | None, p: Mapping[str, Any]) -> dict[str, str]:
    counts = p.get("lasting_counts") or {}
    return {
        "name": p.get("name") or _("Total"),
        "transitions": f.count(p["transitions"], _path(i, "transitions")),
        "lasting": f.count(counts.get("lasting"), _path(i, "lasting_counts.lasting")),
        "not_lasting": f.count(counts.get("not_lasting"), _path(i, "lasting_counts.not_lasting")),
        "known": f.count(counts.get("known"), _path(i, "lasting_counts.known")),
        "share": f.share((p.get("lasting") or {}).get("share"), _path(i, "lasting.share")),
        "ci": interval(counts.get("lasting"), counts.get("known")),
    }


def _months(months: int) -> str:
    return ngettext("%(months)s month", "%(months)s months", months) % {"months": months}


def _retention_rows(f: Figures, t: Mapping[str, Any]) -> list[dict[str, str]]:
    rows = []
    for key, point in (t.get("retention") or {}).items():
        months = int(key.removeprefix("m"))
        path = f"totals.retention.{key}"
        rows.append(
            {
                "label": _months(months),
                "due": f.count(point.get("due"), f"{path}.due"),
                "checked": f.count(point.get("checked"), f"{path}.checked"),
                "in_work": f.count(point.get("in_work"), f"{path}.in_work"),
                "left": f.count(point.get("left"), f"{path}.left"),
                "unchecked": f.count(point.get("unchecked"), f"{path}.unchecked"),
                "share": f.share(point.get("share"), f"{path}.share"),
                "ci": interval(point.get("in_work"), point.get("checked")),
            }
        )
    return rows


_CHANGE_LABELS = {
    "transition_rate": gettext_noop("transition rate"),
    "transition_rate_finished": gettext_noop("transition rate of finished trajectories"),
    "contract.fixed_term": gettext_noop("fixed-term contracts"),
    "contract.permanent": gettext_noop("permanent contracts"),
    "fulltime.share": gettext_noop("full-time jobs"),
    "lasting.share": gettext_noop("lasting placements"),
    "education.low": gettext_noop("low education"),
    "education.middle": gettext_noop("middle education"),
    "education.high": gettext_noop("high education"),
}
LEVEL_LABELS = {
    "low": gettext_noop("low"),
    "middle": gettext_noop("middle"),
    "high": gettext_noop("high"),
}


def _change(f: Figures, report: Report) -> dict[str, Any] | None:
    comparison = report.get("comparison")
    if not comparison:
        return None
    rows = []
    for change in comparison.get("changes", []):
        key = change["key"]
        label = _(_CHANGE_LABELS.get(key, key))
        before = f.share(change["before"], f"comparison.totals.{key}")
        after = f.share(change["after"], f"totals.{key}")
        rows.append(
            {
                "label": label,
                "before": before,
                "after": after,
                "sentence": _direction(label, change["before"], change["after"]),
            }
        )
    return {
        "delivery": comparison["delivery"],
        "reached_before": f.count(comparison["totals"]["reached"], "comparison.totals.reached"),
        "transitions_before": f.count(
            comparison["totals"]["transitions"], "comparison.totals.transitions"
        ),
        "rows": rows,
    }


def _direction(label: str, before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return ""
    old, new = percent(before), percent(after)
    if old is None or new is None:
        return ""
    if new > old:
        return _("{label} up from {before}% to {after}%").format(label=label, before=old, after=new)
    if new < old:
        return _("{label} down from {before}% to {after}%").format(
            label=label, before=old, after=new
        )
    return _("{label} unchanged at {after}%").format(label=label, after=new)


def _factor_row(f: Figures, i: int, p: Mapping[str, Any]) -> dict[str, str]:
    return {
        "name": p["name"],
        "network": code_label(NETWORKS, p.get("network")),
        "union_involved": yes_no(p.get("union_involved")),
        "formal_agreement": code_label(FORMAL_AGREEMENTS, p.get("formal_agreement")),
        "individual_contribution": yes_no(p.get("individual_contribution")),
        "employer_contribution": yes_no(p.get("employer_contribution")),
        "reach_ratio": f.share(p.get("reach_ratio"), _path(i, "reach_ratio")),
        "transition_rate": f.share(p["transition_rate"], _path(i, "transition_rate")),
        "continuation": code_label(CONTINUATIONS, p.get("continuation")),
    }


CHART_PROJECTS = 30  # more bars than this cannot be read; the tables hold every project


def chart_projects(projects: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The projects the charts show: all, or the largest by participant target."""
    if len(projects) <= CHART_PROJECTS:
        return list(projects)
    largest = sorted(projects, key=lambda p: (-(p["target_participants"] or 0), p["code"]))
    chosen = {p["code"] for p in largest[:CHART_PROJECTS]}
    return [p for p in projects if p["code"] in chosen]


def _charts(all_projects: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    if not all_projects:
        return {}
    projects = chart_projects(all_projects)
    names = [p["name"] for p in projects]
    targets = [
        (_("target participants"), [p["target_participants"] or 0 for p in projects]),
        (_("reached"), [p["reached"] or 0 for p in projects]),
        (_("transitions"), [p["transitions"] or 0 for p in projects]),
    ]
    mix = [
        (
            code_label(OUTCOMES, kind),
            [_ratio(p["by_outcome"].get(kind), p["reached"]) for p in projects],
        )
        for kind in OUTCOMES.codes
    ]
    mix.append((_("ongoing"), [_ratio(p["ongoing"], p["reached"]) for p in projects]))
    education = [
        (_(LEVEL_LABELS[level]), [p["education"].get(level) or 0.0 for p in projects])
        for level in EDUCATION_LEVELS
    ]
    # Image addresses (data: URIs): the templates show each chart as an <img> with alt text.
    return {
        "targets": charts.data_uri(charts.grouped_bars(names, targets, xlabel=_("participants"))),
        "outcomes": charts.data_uri(
            charts.stacked_shares(names, mix, xlabel=_("share of the participants reached"))
        ),
        "education": charts.data_uri(
            charts.stacked_shares(
                names, education, xlabel=_("share of the participants with known education")
            )
        ),
    }


def _ratio(part: int | None, whole: int | None) -> float:
    return part / whole if part and whole else 0.0
