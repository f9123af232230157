"""Fairness monitor: suggestion, acceptance and placement rates by gender and age band.

Matching is advice; this monitor lets a coordinator see whether the advice, the mediators'
decisions or the outcomes differ between groups. Input is plain data:

``participants``
    one record per participant in the pool: ``key`` (or ``participant``), ``gender`` and
    ``age_band`` (None or empty counts as ``"unknown"``); mappings or objects (a
    :class:`~werkbrug.matching.model.Candidate` will do).
``decisions``
    one record per suggestion: ``participant``, ``vacancy``, ``decision`` (``"accepted"``,
    ``"rejected"`` or None while undecided) and ``requested``: whether a mediator asked for
    it for that participant (absent counts as true). A pair that was only shown — to a
    coordinator browsing, on a vacancy's list of candidates — has ``requested`` false: it
    is not a suggestion to that participant, but its decision, if any, still counts.
``placed``
    the keys of the participants who were placed (started on a vacancy).

Rates per group:

* **suggestion rate** — share of the group's participants with at least one suggestion a
  mediator asked for for them;
* **acceptance rate** — share of the group's *decided* suggestions that were accepted;
* **placement rate** — share of the group's participants who were placed.

Flags, per attribute and rate, against the group with the highest rate (the reference):
``"four_fifths"`` when a group's rate is below ``ratio_threshold`` (0.8) times the
reference's — the four-fifths rule of thumb for adverse impact — and ``"gap"`` when it is
more than ``gap_threshold`` (0.10, i.e. 10 percentage points) below it. Groups whose
denominator is under ``min_group`` (10, the project's small-cell limit) show their counts
but no rate, and are neither flagged nor used as reference: a rate of 1 in 3 says nothing.
A flag is a prompt to look, not proof of unfair treatment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["ATTRIBUTES", "RATES", "fairness_report"]

#: The attributes the monitor breaks down by.
ATTRIBUTES: Final = ("gender", "age_band")
#: The rates, each with its numerator and denominator count names.
RATES: Final = {
    "suggestion_rate": ("suggested", "participants"),
    "acceptance_rate": ("accepted", "decided"),
    "placement_rate": ("placed", "participants"),
}
UNKNOWN: Final = "unknown"


def _get(record: Any, *names: str) -> Any:
    for name in names:
        if isinstance(record, Mapping):
            if name in record:
                return record[name]
        elif hasattr(record, name):
            return getattr(record, name)
    return None


@dataclass
class _Group:
    participants: int = 0
    suggested: int = 0
    decided: int = 0
    accepted: int = 0
    placed: int = 0
    members: set[str] = field(default_factory=set)


def fairness_report(
    participants: Iterable[Any],
    decisions: Iterable[Any] = (),
    placed: Iterable[str] = (),
    *,
    min_group: int = 10,
    ratio_threshold: float = 0.8,
    gap_threshold: float = 0.10,
) -> dict[str, Any]:
    """Rates by gender and by age band with flagged gaps, as a JSON-ready dictionary.

    ``{"settings": {...}, "by": {"gender": {"groups": {...}, "flags": [...]}, "age_band":
    {...}}, "flagged": bool}``; each group has its counts and rates (None when small), each
    flag ``{metric, group, rate, reference_group, reference_rate, ratio, difference,
    reasons}``.
    """
    groups_of: dict[str, dict[str, str]] = {}
    for record in participants:
        key = _get(record, "key", "participant")
        if key is None:
            raise ValueError("a participant record needs a key")
        groups_of[str(key)] = {
            attribute: str(_get(record, attribute) or UNKNOWN) for attribute in ATTRIBUTES
        }
    suggested: set[str] = set()
    decided: dict[str, int] = {}
    accepted: dict[str, int] = {}
    for record in decisions:
        who = str(_get(record, "participant"))
        if who not in groups_of:
            continue
        requested = _get(record, "requested")
        if requested is None or requested:
            suggested.add(who)
        decision = _get(record, "decision")
        if decision is None or decision == "":
            continue
        if decision not in ("accepted", "rejected"):
            raise ValueError(f"unknown decision {decision!r}; use accepted, rejected or None")
        decided[who] = decided.get(who, 0) + 1
        if decision == "accepted":
            accepted[who] = accepted.get(who, 0) + 1
    placed_set = {str(p) for p in placed} & groups_of.keys()

    report: dict[str, Any] = {
        "settings": {
            "min_group": min_group,
            "ratio_threshold": ratio_threshold,
            "gap_threshold": gap_threshold,
        },
        "by": {},
    }
    flagged = False
    for attribute in ATTRIBUTES:
        groups: dict[str, _Group] = {}
        for key, values in groups_of.items():
            group = groups.setdefault(values[attribute], _Group())
            group.participants += 1
            group.suggested += key in suggested
            group.decided += decided.get(key, 0)
            group.accepted += accepted.get(key, 0)
            group.placed += key in placed_set
        table = {name: _row(group, min_group) for name, group in sorted(groups.items())}
        flags = _flags(table, ratio_threshold, gap_threshold)
        flagged = flagged or bool(flags)
        report["by"][attribute] = {"groups": table, "flags": flags}
    report["flagged"] = flagged
    return report


def _row(group: _Group, min_group: int) -> dict[str, Any]:
    counts = {
        "participants": group.participants,
        "suggested": group.suggested,
        "decided": group.decided,
        "accepted": group.accepted,
        "placed": group.placed,
    }
    row: dict[str, Any] = dict(counts)
    for rate, (numerator, denominator) in RATES.items():
        below = counts[denominator] < min_group or counts[denominator] == 0
        row[rate] = None if below else counts[numerator] / counts[denominator]
    row["small"] = group.participants < min_group
    return row


def _flags(
    table: Mapping[str, Mapping[str, Any]], ratio_threshold: float, gap_threshold: float
) -> list[dict[str, Any]]:
    flags: list[dict[str, Any]] = []
    for rate in RATES:
        rated = {name: row[rate] for name, row in table.items() if row[rate] is not None}
        if len(rated) < 2:
            continue
        reference = max(sorted(rated), key=lambda name: rated[name])
        best = rated[reference]
        for name, value in rated.items():
            if name == reference:
                continue
            ratio = value / best if best > 0 else 1.0
            difference = best - value
            reasons = []
            if ratio < ratio_threshold:
                reasons.append("four_fifths")
            if difference > gap_threshold:
                reasons.append("gap")
            if reasons:
                flags.append(
                    {
                        "metric": rate,
                        "group": name,
                        "rate": value,
                        "reference_group": reference,
                        "reference_rate": best,
                        "ratio": ratio,
                        "difference": difference,
                        "reasons": reasons,
                    }
                )
    return flags
