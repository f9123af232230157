"""The machine-readable monitoring report ``werkbrug-report/1``, built from facts alone.

:func:`build_report` turns the per-project facts (see :mod:`~werkbrug.indicators.model`) into
one JSON-ready dict with the keys of the definitions, plus these additions (allowed by the
schema): ``definitions_version``, ``delivered_on``, ``public``, ``settings``, ``suppressed``;
per row (totals and projects) ``mean_age_band``, ``age_bands``, ``education_counts``,
``contract_counts`` and ``fulltime.count``; ``lasting_counts`` (``lasting``,
``not_lasting``, ``known``), ``lasting`` (``share`` of lasting placements among the known,
``known``) and ``retention`` (``m6`` and ``m12``: ``due``, ``checked``, ``in_work``,
``left``, ``unchecked`` and ``share`` = in_work / checked), see
:mod:`~werkbrug.indicators.retention`; per project its attributes for the
success-factor table; in the totals ``reach_ratio`` and ``transition_target_ratio``.
:func:`compare` adds ``comparison`` with the other delivery's ``delivery`` and ``totals``
(the keys of the definitions) and ``changes``: ``{key, before, after}`` for each headline
share of :data:`CHANGE_KEYS`, ``before`` from the other delivery, so that a text can say
"permanent contracts up from 8% to 12%".

``education`` (``low``, ``middle``, ``high``) and ``contract`` (``fixed_term``, ``permanent``,
``agency``, ``on_call``, ``other``) are the shares of the definitions: floats at full
precision, ``null`` when the denominator is 0, each with ``known``, that denominator as a
count (participants with a known education level; transitions with a known contract).
``education_counts`` and ``contract_counts`` hold the counts under the same keys, their
``known`` the same number; ``by_outcome`` and ``age_bands`` (with its ``known``) are counts
too. Rates and ratios are floats like the shares. ``reach_class`` compares exactly (no float
rounding): ``above`` when reached > target, ``near`` when near_threshold × target ≤ reached
≤ target, ``below`` otherwise, ``null`` when the target is 0. ``mean_age_band`` is the
five-year band [20, 25), [25, 30), … the mean age falls in, written "45–50" as the letter
says "between 45 and 50". Age bands for the table are under 25, 25–34, 35–44, 45–54 and 55
or older.

Nothing here depends on the order of the rows or projects given: the projects are sorted by
code, and every number is a Python int or float, so ``json.dumps(report, sort_keys=True)`` is
the same for the same delivery and settings.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from werkbrug.indicators.model import (
    AGE_BANDS,
    CONTRACT_CODES,
    EDUCATION_LEVELS,
    OUTCOME_CODES,
    ProjectFacts,
    ProjectInfo,
    ReportSettings,
)
from werkbrug.indicators.numbers import Number, exact, percent, round_half_up, wilson_interval
from werkbrug.indicators.retention import RETENTION_MONTHS
from werkbrug.indicators.suppression import Report, get_path, suppress

__all__ = [
    "CHANGE_KEYS",
    "DEFINITIONS_VERSION",
    "Report",
    "age_band",
    "build_report",
    "changes",
    "compare",
    "mean_age_band",
    "percent",
    "reach_class",
    "round_half_up",
    "suppress",
    "wilson_interval",
]

DEFINITIONS_VERSION = "werkbrug-report/1"

#: The headline shares whose change :func:`compare` lists, as paths in the totals.
CHANGE_KEYS: tuple[str, ...] = (
    "transition_rate",
    "transition_rate_finished",
    "contract.fixed_term",
    "contract.permanent",
    "fulltime.share",
    "lasting.share",
    *(f"education.{level}" for level in EDUCATION_LEVELS),
)

_ATTRIBUTES = (
    "network",
    "sector",
    "region",
    "individual_contribution",
    "employer_contribution",
    "union_involved",
    "formal_agreement",
    "continuation",
)


def build_report(
    *,
    delivery: str,
    delivered_on: dt.date | None,
    projects: Sequence[ProjectInfo],
    facts: Mapping[str, ProjectFacts],
    settings: ReportSettings,
) -> Report:
    """The report on one delivery; suppressed for publication when ``settings.public``.

    A project missing from ``facts`` has no participants; facts of projects not listed are
    left out. Two projects with the same code are an error.
    """
    ordered = sorted(projects, key=lambda p: p.code)
    doubles = sorted({a.code for a, b in itertools.pairwise(ordered) if a.code == b.code})
    if doubles:
        raise ValueError(f"projects listed more than once: {', '.join(doubles)}")
    rows = [_project(p, facts.get(p.code, ProjectFacts()), settings) for p in ordered]
    total = ProjectFacts.total(facts.get(p.code, ProjectFacts()) for p in ordered)
    report: Report = {
        "schema": DEFINITIONS_VERSION,
        "definitions_version": DEFINITIONS_VERSION,
        "delivery": delivery,
        "delivered_on": _iso(delivered_on),
        "as_of": _iso(settings.as_of),
        "public": False,
        "settings": {
            "fulltime_hours": float(settings.fulltime_hours),
            "near_threshold": float(settings.near_threshold),
            "public": False,
            "min_cell": settings.min_cell,
        },
        "totals": _totals(ordered, total, rows, settings),
        "projects": rows,
        "suppressed": [],
    }
    return suppress(report, settings.min_cell) if settings.public else report


def compare(report: Report, other: Report) -> Report:
    """``report`` with ``comparison``: the totals of ``other`` and the changes of the headline
    shares from ``other`` (``before``) to ``report`` (``after``).

    A public report is compared with a public version of ``other`` only; the suppressed
    values of the other totals are listed in ``suppressed`` as ``comparison.totals.…``.
    """
    if report.get("public") and not other.get("public"):
        other = suppress(other, int(report["settings"]["min_cell"]))
    out = copy.deepcopy(report)
    before = copy.deepcopy(other["totals"])
    out["comparison"] = {
        "delivery": other["delivery"],
        "delivered_on": other.get("delivered_on"),
        "as_of": other.get("as_of"),
        "totals": before,
        "changes": changes(before, out["totals"]),
    }
    own = [p for p in out.get("suppressed", []) if not p.startswith("comparison.")]
    theirs = [f"comparison.{p}" for p in other.get("suppressed", []) if p.startswith("totals.")]
    out["suppressed"] = own + theirs
    return out


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The headline shares of two totals: ``{key, before, after}`` per :data:`CHANGE_KEYS`."""
    return [
        {"key": key, "before": get_path(dict(before), key), "after": get_path(dict(after), key)}
        for key in CHANGE_KEYS
    ]


def reach_class(reached: int, target: int, near_threshold: Number) -> str | None:
    """``above``, ``near`` or ``below`` the participant target; ``None`` when it is 0.

    Exact: with the threshold 0.9, 9 reached of a target of 10 is near.
    """
    if target <= 0:
        return None
    ratio = Fraction(reached, target)
    if ratio > 1:
        return "above"
    return "near" if ratio >= exact(near_threshold) else "below"


def age_band(age: int) -> str:
    """The report's age band (a key of ``age_bands``) of an age in completed years."""
    for key, _low, high in AGE_BANDS:
        if high is None or age < high:
            return key
    raise AssertionError("the last band is open")  # pragma: no cover


def mean_age_band(mean: Fraction | float | None) -> str | None:
    """The five-year band of a mean age, "45–50" for 45 ≤ mean < 50; ``None`` for ``None``."""
    if mean is None:
        return None
    low = math.floor(Fraction(mean) / 5) * 5
    return f"{low}–{low + 5}"


# --- rows -------------------------------------------------------------------------------------


def _project(info: ProjectInfo, facts: ProjectFacts, settings: ReportSettings) -> Report:
    row: Report = {
        "code": info.code,
        "name": info.name,
        "target_participants": info.target_participants,
        "target_transitions": info.target_transitions,
    }
    row.update(_indicators(facts))
    row["fulltime"]["threshold"] = float(settings.fulltime_hours)
    row["reach_ratio"] = _share(facts.reached, info.target_participants)
    row["reach_class"] = reach_class(
        facts.reached, info.target_participants, settings.near_threshold
    )
    row["transition_target_ratio"] = _share(facts.transitions, info.target_transitions)
    row.update({name: getattr(info, name) for name in _ATTRIBUTES})
    return row


def _totals(
    projects: Sequence[ProjectInfo],
    facts: ProjectFacts,
    rows: Sequence[Report],
    settings: ReportSettings,
) -> Report:
    target_participants = sum(p.target_participants for p in projects)
    target_transitions = sum(p.target_transitions for p in projects)
    classes = Counter(row["reach_class"] for row in rows)
    totals: Report = {
        "projects": len(projects),
        "target_participants": target_participants,
        "target_transitions": target_transitions,
    }
    totals.update(_indicators(facts))
    totals["fulltime"]["threshold"] = float(settings.fulltime_hours)
    totals["reach_ratio"] = _share(facts.reached, target_participants)
    totals["transition_target_ratio"] = _share(facts.transitions, target_transitions)
    totals["reach_classes"] = {name: classes[name] for name in ("above", "near", "below")}
    return totals


def _indicators(facts: ProjectFacts) -> Report:
    """The indicators shared by the totals and the projects."""
    mean = _mean(facts.ages)
    education_known = sum(facts.education[level] for level in EDUCATION_LEVELS)
    contract_known = sum(facts.contract[code] for code in CONTRACT_CODES)
    return {
        "reached": facts.reached,
        "transitions": facts.transitions,
        "finished": facts.finished,
        "ongoing": facts.ongoing,
        "transition_rate": _share(facts.transitions, facts.reached),
        "transition_rate_finished": _share(facts.transitions, facts.finished),
        "by_outcome": {code: facts.by_outcome[code] for code in OUTCOME_CODES},
        "mean_age": None if mean is None else float(mean),
        "mean_age_band": mean_age_band(mean),
        "age_bands": _age_bands(facts.ages),
        "education_counts": {
            **{level: facts.education[level] for level in EDUCATION_LEVELS},
            "known": education_known,
        },
        "education": {
            **{
                level: _share(facts.education[level], education_known) for level in EDUCATION_LEVELS
            },
            "known": education_known,
        },
        "contract_counts": {
            **{code: facts.contract[code] for code in CONTRACT_CODES},
            "known": contract_known,
        },
        "contract": {
            **{code: _share(facts.contract[code], contract_known) for code in CONTRACT_CODES},
            "known": contract_known,
        },
        "fulltime": {
            "share": _share(facts.fulltime, facts.hours_known),
            "known": facts.hours_known,
            "count": facts.fulltime,
        },
        **_lasting(facts),
    }


def _lasting(facts: ProjectFacts) -> Report:
    """Lasting placements and retention (:mod:`werkbrug.indicators.retention`)."""
    yes, no = facts.lasting["lasting"], facts.lasting["not_lasting"]
    retention: Report = {}
    for months in RETENTION_MONTHS:
        counts = facts.retention.get(months, Counter())
        in_work, left, unchecked = counts["in_work"], counts["left"], counts["unchecked"]
        retention[f"m{months}"] = {
            "due": in_work + left + unchecked,
            "checked": in_work + left,
            "in_work": in_work,
            "left": left,
            "unchecked": unchecked,
            "share": _share(in_work, in_work + left),
        }
    return {
        "lasting_counts": {"lasting": yes, "not_lasting": no, "known": yes + no},
        "lasting": {"share": _share(yes, yes + no), "known": yes + no},
        "retention": retention,
    }


def _age_bands(ages: Counter[int]) -> dict[str, int]:
    bands = {key: 0 for key, _, _ in AGE_BANDS}
    for age, count in ages.items():
        bands[age_band(age)] += count
    bands["known"] = sum(ages.values())
    return bands


def _mean(ages: Counter[int]) -> Fraction | None:
    known = sum(ages.values())
    if known == 0:
        return None
    return Fraction(sum(age * count for age, count in ages.items()), known)


def _share(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
