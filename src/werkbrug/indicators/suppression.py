"""Small-cell suppression for public reports: the report's counts as one linked table for
:mod:`werkbrug.indicators.sdc`, and the values computed from them.

Rules (``suppress(report, min_cell)``, default minimum cell size 10; the protection level is
the minimum cell size too):

1. **The table.** The counts of every row (the totals, then each project) are the cells of
   one table, with what a reader knows about them:

   - the partitions of a row, each written *total = parts*::

       reached         = finished + ongoing
       finished        = transitions + no_work + dropout
       transitions     = work + learn_work + self_employed
       finished        = work + learn_work + self_employed + no_work + dropout
       age_bands.known = under_25 + 25_34 + 35_44 + 45_54 + 55_plus
       education_counts.known = low + middle + high
       contract_counts.known  = fixed_term + permanent + agency + on_call + other
       lasting_counts.known   = lasting + not_lasting
       retention.m6.due       = checked + unchecked    (and so for m3 and m12)
       retention.m6.checked   = in_work + left

   - the counts of the totals are the sums of the projects' (the table's margins);
   - the bounds of a row (:data:`ROW_BOUNDS`): those with a known age or education are at most
     the participants reached, those with a known contract or known hours at most the
     transitions, the full-time at most those with known hours.

   A project's row is one row of this table however many of the document's tables show it
   (targets, ages, education, contracts), so the protection holds across them. More than
   :data:`GROUP` projects are protected in groups (:func:`protect`).
2. **Cells** are suppressed by :func:`werkbrug.indicators.sdc.protect`: every count from 1 to
   ``min_cell - 1``; zeros are published; and the fewest extra counts (a count of the totals
   weighs :data:`TOTALS_WEIGHT`; then the fewest persons) such that no suppressed count can
   be narrowed to an interval less than the protection level wide (half the minimum cell
   size, :func:`~werkbrug.indicators.sdc.protection_level`: 5 for 10) from the published
   counts, the relations above and that a suppressed count is at least 1.
3. **Derived values.** A share, rate, ratio or mean is suppressed when one of the counts it
   is computed from is suppressed: a share whose denominator is below the minimum (the rule
   of the definitions) and also a share whose numerator is suppressed, since share times
   denominator gives the numerator back: ``education.low`` follows ``education_counts.low``
   and ``education_counts.known``, and so on for each level and contract type. The shares'
   own ``known`` repeats the count, so ``education.known`` and ``contract.known`` follow
   ``education_counts.known`` and ``contract_counts.known``. ``mean_age`` and
   ``mean_age_band`` follow ``age_bands.known``; ``lasting.share`` follows
   ``lasting_counts.lasting`` and ``.known``, ``retention.m6.share`` its ``in_work`` and
   ``checked`` (and so for m3 and m12); ``reach_ratio`` and ``reach_class`` follow
   ``reached``; ``transition_target_ratio`` follows ``transitions``.
4. **Reach classes.** When a project's ``reach_class`` is suppressed, the totals'
   ``reach_classes`` counts are suppressed too, or the class could be read off by
   subtraction.
5. **Never suppressed**: targets, the number of projects, codes, names and attributes of
   projects, settings.

Every suppressed value is listed in ``suppressed`` by its JSON path (for example
``projects[3].education_counts.high`` for a count and ``projects[3].education.high`` for
its share), in the order of the document, and the report gets ``public: true``. A
comparison's totals (``comparison.totals``) are protected as a table of one row, because the
other delivery's projects are not published; its ``changes`` show ``null`` where a value
they quote is suppressed. A report that is public already is returned as it is.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from werkbrug.indicators import sdc
from werkbrug.indicators.model import AGE_BANDS, CONTRACT_CODES, EDUCATION_LEVELS, OUTCOME_CODES
from werkbrug.indicators.retention import RETENTION_MONTHS
from werkbrug.indicators.sdc import Relation, Table, TableError

__all__ = [
    "COUNT_PATHS",
    "DERIVED_PATHS",
    "ROW_BOUNDS",
    "ROW_PARTITIONS",
    "get_path",
    "protect",
    "report_table",
    "set_path",
    "suppress",
]

Report = dict[str, Any]
Cell = tuple[int, str]  # (row number: 0 the totals, then the projects; path within the row)

_BANDS = tuple(f"age_bands.{key}" for key, _, _ in AGE_BANDS)
_OUTCOMES = tuple(f"by_outcome.{code}" for code in OUTCOME_CODES)
_EDUCATION = tuple(f"education_counts.{level}" for level in EDUCATION_LEVELS)
_CONTRACTS = tuple(f"contract_counts.{code}" for code in CONTRACT_CODES)
_LASTING = ("lasting_counts.lasting", "lasting_counts.not_lasting")
_POINTS = tuple(f"retention.m{months}" for months in RETENTION_MONTHS)
_POINT_KEYS = ("due", "checked", "in_work", "left", "unchecked")

#: The counts of persons in a row (the totals or a project), in the order of the document.
COUNT_PATHS: tuple[str, ...] = (
    "reached",
    "transitions",
    "finished",
    "ongoing",
    *_OUTCOMES,
    *_BANDS,
    "age_bands.known",
    *_EDUCATION,
    "education_counts.known",
    *_CONTRACTS,
    "contract_counts.known",
    "fulltime.count",
    "fulltime.known",
    *_LASTING,
    "lasting_counts.known",
    *(f"{p}.{key}" for p in _POINTS for key in _POINT_KEYS),
)

#: The partitions of a row: (total, parts).
ROW_PARTITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reached", ("finished", "ongoing")),
    ("finished", ("transitions", "by_outcome.no_work", "by_outcome.dropout")),
    ("transitions", ("by_outcome.work", "by_outcome.learn_work", "by_outcome.self_employed")),
    ("finished", _OUTCOMES),
    ("age_bands.known", _BANDS),
    ("education_counts.known", _EDUCATION),
    ("contract_counts.known", _CONTRACTS),
    ("lasting_counts.known", _LASTING),
    *((f"{p}.due", (f"{p}.checked", f"{p}.unchecked")) for p in _POINTS),
    *((f"{p}.checked", (f"{p}.in_work", f"{p}.left")) for p in _POINTS),
)

#: The values computed from counts: (path, the counts it is computed from).
DERIVED_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("transition_rate", ("transitions", "reached")),
    ("transition_rate_finished", ("transitions", "finished")),
    ("mean_age", ("age_bands.known",)),
    ("mean_age_band", ("age_bands.known",)),
    # The shares' own ``known`` repeats the count, so it hides with it; each right after its
    # shares, as in the document.
    *(
        (f"education.{lv}", (f"education_counts.{lv}", "education_counts.known"))
        for lv in EDUCATION_LEVELS
    ),
    ("education.known", ("education_counts.known",)),
    *((f"contract.{c}", (f"contract_counts.{c}", "contract_counts.known")) for c in CONTRACT_CODES),
    ("contract.known", ("contract_counts.known",)),
    ("fulltime.share", ("fulltime.count", "fulltime.known")),
    ("lasting.share", ("lasting_counts.lasting", "lasting_counts.known")),
    ("lasting.known", ("lasting_counts.known",)),
    *((f"{p}.share", (f"{p}.in_work", f"{p}.checked")) for p in _POINTS),
    ("reach_ratio", ("reached",)),
    ("reach_class", ("reached",)),
    ("transition_target_ratio", ("transitions",)),
)


#: The inequalities of a row: (smaller, larger).
ROW_BOUNDS: tuple[tuple[str, str], ...] = (
    ("age_bands.known", "reached"),
    ("education_counts.known", "reached"),
    ("contract_counts.known", "transitions"),
    ("fulltime.known", "transitions"),
    ("fulltime.count", "fulltime.known"),
    ("lasting_counts.known", "transitions"),
    *((f"{p}.due", "transitions") for p in _POINTS),
)

#: What suppressing a count of these columns costs, against 1 for the others. The lasting and
#: follow-up counts are read together with the outcome and contract counts they are linked to,
#: so when one of either must go the search hides the newer figure (0.25); the permanent and
#: fixed-term contracts are figures the monitoring has always published (the letter's 12% and
#: 74%), so another contract count goes before them (2).
_COLUMN_WEIGHTS: dict[str, float] = {
    **{p: 0.25 for p in COUNT_PATHS if p.startswith(("lasting_counts.", "retention."))},
    "contract_counts.permanent": 2.0,
    "contract_counts.fixed_term": 2.0,
}

_NEVER_LASTING = ("contract_counts.agency", "contract_counts.on_call", "contract_counts.other")
#: Sums of a row that the linked relations compare: (the count, the counts whose sum it may
#: equal). Held as an equation in a row whose counts meet it (see the module notes).
_LINKED_SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lasting_counts.lasting", ("contract_counts.permanent", "by_outcome.self_employed")),
    ("lasting_counts.not_lasting", _NEVER_LASTING),
    *((f"{p}.due", ("transitions",)) for p in _POINTS),
)

#: What suppressing a count of the totals costs, in counts of a project: the totals carry the
#: headline figures, so the search hides a few more project counts to keep one of them.
TOTALS_WEIGHT = 3.0

_REACH_CLASSES = ("above", "near", "below")


def suppress(report: Report, min_cell: int) -> Report:
    """A copy of ``report`` fit for publication; see the module notes for the rules."""
    if min_cell < 1:
        raise ValueError(f"min_cell must be at least 1, got {min_cell}")
    out = copy.deepcopy(report)
    if out.get("public"):
        return out
    rows = [out["totals"], *out["projects"]]
    prefixes = ["totals", *(f"projects[{i}]" for i in range(len(out["projects"])))]
    hidden = _with_derived(protect(rows, min_cell, columns=True))
    if any(
        (i, "reach_class") in hidden and rows[i].get("reach_class") for i in range(1, len(rows))
    ):
        hidden |= {(0, f"reach_classes.{name}") for name in _REACH_CLASSES}
    paths = _apply(rows, prefixes, hidden)
    comparison = out.get("comparison")
    if comparison is not None:
        before = comparison["totals"]
        hidden = _with_derived(protect([before], min_cell, columns=False))
        paths += _apply([before], ["comparison.totals"], hidden)
        for change in comparison.get("changes", ()):
            change["before"] = get_path(before, change["key"])
            change["after"] = get_path(out["totals"], change["key"])
    out["public"] = True
    out["settings"] = {**out.get("settings", {}), "public": True, "min_cell": min_cell}
    out["suppressed"] = _document_order(set(paths), prefixes)
    return out


def report_table(
    rows: Sequence[Sequence[int]], *, columns: bool, keep: frozenset[int] = frozenset()
) -> Table:
    """The counts of ``rows`` (each in the order of :data:`COUNT_PATHS`, see
    :func:`row_counts`) as one table: cell ``i * len(COUNT_PATHS) + j`` is row ``i``'s count
    ``COUNT_PATHS[j]``. ``columns``: row 0 is the sum of the others, and weighs
    :data:`TOTALS_WEIGHT` unless kept; ``keep``: rows never suppressed."""
    width = len(COUNT_PATHS)
    column = {path: j for j, path in enumerate(COUNT_PATHS)}
    values = [value for row in rows for value in row]
    equations: list[Relation] = []
    inequalities: list[Relation] = []
    for i in range(len(rows)):
        base = i * width
        for total, parts in ROW_PARTITIONS:
            equations.append(((base + column[total], 1), *((base + column[p], -1) for p in parts)))
        for smaller, larger in ROW_BOUNDS:
            inequalities.append(((base + column[smaller], 1), (base + column[larger], -1)))
        linked_eq, linked_le = _linked_relations(values[base : base + width], base, column)
        equations += linked_eq
        inequalities += linked_le
    if columns and len(rows) > 1:
        for j in range(width):
            equations.append(((j, 1), *((i * width + j, -1) for i in range(1, len(rows)))))
    heavy = columns and 0 not in keep
    weights = [TOTALS_WEIGHT if heavy and i == 0 else 1.0 for i in range(len(rows))]
    return Table(
        tuple(values),
        tuple(equations),
        tuple(inequalities),
        keep=frozenset(i * width + j for i in keep for j in range(width)),
        weights=tuple(w * _COLUMN_WEIGHTS.get(path, 1.0) for w in weights for path in COUNT_PATHS),
    )


def _linked_relations(
    counts: Sequence[int], base: int, column: dict[str, int]
) -> tuple[list[Relation], list[Relation]]:
    """The relations between a row's lasting counts and its outcome and contract counts that
    hold for every delivery (as inequalities, ``≤ 0``), and the sums of :data:`_LINKED_SUMS`
    the row's counts meet, as equations (see the module notes)."""

    def cell(path: str) -> int:
        return base + column[path]

    def value(path: str) -> int:
        return counts[column[path]]

    lasting, not_lasting = cell("lasting_counts.lasting"), cell("lasting_counts.not_lasting")
    fixed = cell("contract_counts.fixed_term")
    always: list[Relation] = [
        # Every permanent contract and every self-employed person is lasting.
        ((cell("contract_counts.permanent"), 1), (lasting, -1)),
        ((cell("by_outcome.self_employed"), 1), (lasting, -1)),
        # Only those, and fixed-term contracts, can be.
        (
            (lasting, 1),
            (cell("contract_counts.permanent"), -1),
            (cell("by_outcome.self_employed"), -1),
            (fixed, -1),
        ),
        # Agency, on-call and other contracts are not lasting (unless self-employed), and
        # only those and fixed-term contracts can be not lasting.
        (
            *((cell(p), 1) for p in _NEVER_LASTING),
            (not_lasting, -1),
            (cell("by_outcome.self_employed"), -1),
        ),
        ((not_lasting, 1), *((cell(p), -1) for p in _NEVER_LASTING), (fixed, -1)),
    ]
    equal: list[Relation] = [
        ((cell(total), 1), *((cell(p), -1) for p in parts))
        for total, parts in _LINKED_SUMS
        if value(total) == sum(value(p) for p in parts)
    ]
    # The counts of a row come from one delivery or from the live data, where a contract may
    # be missing or a count may cover other outcomes: a link the row's counts do not meet is
    # not one a reader could use, and the table must hold only true relations.
    held = [r for r in always if sum(counts[c - base] * k for c, k in r) <= 0]
    return equal, held


def row_counts(row: dict[str, Any]) -> list[int]:
    """A row's counts in the order of :data:`COUNT_PATHS`."""
    values = []
    for path in COUNT_PATHS:
        value = get_path(row, path)
        if not isinstance(value, int):
            raise TableError(f"the count {path} is missing; is the report public already?")
        values.append(value)
    return values


#: The most projects protected in one table with the totals. A report with more is cut into
#: groups of this many (see :func:`protect`), so that the time grows with the number of
#: projects rather than beyond all bounds; 9 keeps the demo's report one table.
GROUP = 9


def protect(rows: Sequence[dict[str, Any]], min_cell: int, *, columns: bool) -> list[set[str]]:
    """The counts to suppress in each row (rules 1 and 2); ``columns``: row 0 (the totals) is
    the sum of the others (the projects).

    More than :data:`GROUP` projects are protected in groups, each against a reader who
    knows more than any real one: the first group with the totals and, as a published row,
    the sum of all other projects; every further group with its own sum as a published row.
    A change of a group's hidden counts that keeps what that reader knows keeps every
    published number of the whole report, so each group's protection holds in the report.
    """
    counts = [row_counts(row) for row in rows]
    patterns: list[set[str]] = [set() for _ in rows]
    if not columns or len(rows) <= GROUP + 1:
        _hide(patterns, counts, list(range(len(rows))), min_cell, columns=columns, keep=frozenset())
        return patterns
    projects = list(range(1, len(rows)))
    start = 0
    while start < len(projects):
        size = GROUP
        while True:
            try:
                _group(patterns, counts, projects[start : start + size], min_cell, start == 0)
                break
            except TableError:
                # Against the stronger reader this group cannot be protected (a column with
                # a single small count, a group of one): take the next projects in too, and
                # at the end all of them, the report's own table. Cells hidden by groups
                # done before stay hidden: hiding more never narrows an interval.
                if start + size < len(projects):
                    size += GROUP
                elif start > 0:
                    start, size = 0, len(projects)
                else:
                    raise
        start += size
    return patterns


def _group(
    patterns: list[set[str]],
    counts: Sequence[Sequence[int]],
    members: Sequence[int],
    min_cell: int,
    first: bool,
) -> None:
    """Protect the projects ``members`` as one table (see :func:`protect`); ``first``: with
    the totals."""
    part = [sum(counts[i][j] for i in members) for j in range(len(COUNT_PATHS))]
    if first:
        rest = [t - p for t, p in zip(counts[0], part, strict=True)]
        table = [counts[0], *(counts[i] for i in members), rest]
        _hide(patterns, table, [0, *members, None], min_cell, keep=frozenset({len(members) + 1}))
    else:
        table = [part, *(counts[i] for i in members)]
        _hide(patterns, table, [None, *members], min_cell, keep=frozenset({0}))


def _hide(
    patterns: list[set[str]],
    table: Sequence[Sequence[int]],
    rows: Sequence[int | None],
    min_cell: int,
    *,
    keep: frozenset[int],
    columns: bool = True,
) -> None:
    """Protect ``table`` and add its suppressed counts to ``patterns``; ``rows``: the
    report's row of each table row (``None``: a published sum of the table's own)."""
    hidden = sdc.protect(report_table(table, columns=columns, keep=keep), min_cell)
    width = len(COUNT_PATHS)
    for cell in hidden:
        row = rows[cell // width]
        if row is not None:
            patterns[row].add(COUNT_PATHS[cell % width])


def _with_derived(patterns: Sequence[set[str]]) -> set[Cell]:
    """The hidden counts of each row and the values computed from them (rule 4)."""
    hidden = {(i, path) for i, pattern in enumerate(patterns) for path in pattern}
    for i, pattern in enumerate(patterns):
        for path, inputs in DERIVED_PATHS:
            if not pattern.isdisjoint(inputs):
                hidden.add((i, path))
    return hidden


def _apply(rows: Sequence[dict[str, Any]], prefixes: Sequence[str], hidden: set[Cell]) -> list[str]:
    """Set the hidden cells that still hold a value to ``None``; return their JSON paths."""
    paths = []
    for i, path in hidden:
        if get_path(rows[i], path) is not None:
            set_path(rows[i], path, None)
            paths.append(f"{prefixes[i]}.{path}")
    return paths


_ROW_ORDER = (
    *COUNT_PATHS,
    *(path for path, _ in DERIVED_PATHS),
    *(f"reach_classes.{name}" for name in _REACH_CLASSES),
)


def _document_order(paths: set[str], prefixes: Sequence[str]) -> list[str]:
    """``paths`` ordered as in the document: totals, projects, comparison; within a row by
    the order of :data:`COUNT_PATHS` and :data:`DERIVED_PATHS`."""
    row_rank = {prefix: n for n, prefix in enumerate([*prefixes, "comparison.totals"])}
    path_rank = {path: n for n, path in enumerate(_ROW_ORDER)}

    def rank(full: str) -> tuple[int, int, str]:
        prefix, _, rest = full.partition(".")
        if prefix == "comparison":
            prefix, _, rest = full.partition(".totals.")
            prefix += ".totals"
        number = row_rank.get(prefix, len(row_rank))
        return (number, path_rank.get(rest, len(path_rank)), rest)

    return sorted(paths, key=rank)


def get_path(row: dict[str, Any], path: str) -> Any:
    """The value at a dotted path within a row, ``None`` when absent."""
    value: Any = row
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def set_path(row: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a dotted path within a row (the path must exist)."""
    *parents, last = path.split(".")
    target = row
    for key in parents:
        target = target[key]
    target[last] = value
