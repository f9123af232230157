"""Small-cell suppression for public reports.

Rules (``suppress(report, min_cell)``, default minimum cell size 10):

1. **Primary.** Every count of persons from 1 to ``min_cell - 1`` is suppressed (``null``).
   A count of 0 is published: the usual practice of statistical offices, because "nobody"
   discloses nothing about a person, and suppressing zeros would hide most of a small table.
2. **Secondary, within a row.** The counts of a row (the totals or one project) obey these
   partitions, each written *total = parts*::

       reached         = finished + ongoing
       finished        = transitions + no_work + dropout
       transitions     = work + learn_work + self_employed
       finished        = work + learn_work + self_employed + no_work + dropout
       age_bands.known = under_25 + 25_34 + 35_44 + 45_54 + 55_plus
       education_counts.known = low + middle + high
       contract_counts.known  = fixed_term + permanent + agency + on_call + other
       lasting_counts.known   = lasting + not_lasting
       retention.m6.due       = checked + unchecked    (and so for m12)
       retention.m6.checked   = in_work + left

   A suppressed count must not follow from the published counts of its row by these
   equations: not by one subtraction (a partition with exactly one suppressed cell) and not
   by combining partitions (for example ``reached = finished`` when ``ongoing`` is 0, so
   suppressing only ``finished`` and ``transitions`` would not do). While some suppressed
   count follows, the smallest published non-zero count of a partition it is in is
   suppressed too (ties: parts before the total, in the order above). The test is exact
   (linear algebra over the fractions, :func:`determined`). ``fulltime.count`` and
   ``fulltime.known``, and the known counts against ``transitions`` and ``reached``
   (``lasting_counts.known`` too), are no partitions: the unknown remainder is not
   published. Nor is the link between lasting placements and the contract counts (a
   permanent contract is lasting): it holds as an inequality, not as an equation, so:
2b. **Linked counts.** The lasting counts go together, whenever one of the counts they
   (nearly) follow from is suppressed: ``by_outcome.self_employed`` or any contract count
   (while no fixed-term contract has a length, lasting = permanent + self-employed exactly,
   and lasting − permanent would give a hidden number of self-employed back). The counts of
   a follow-up point go together when ``transitions`` is suppressed (placements past a
   point are transitions, often all of them). Zeros stay published. Linked counts count as
   suppressed in rule 3.
3. **Secondary, across rows.** The totals are the sums of the projects, so a suppressed
   count could also be recovered from the totals and the other projects. The partitions
   split a row into blocks that share no equation (the outcome counts; the age bands;
   ``education_counts``; ``contract_counts``; ``fulltime.count``; ``fulltime.known``). Per
   block, every row with suppressed counts is put in a group of at least two rows that
   suppress exactly the same counts of that block (the union of their own): then for any
   suppressed count there is a change of the hidden values in one row, undone in another
   row of its group (or repeated in the totals, when that is the other row), that keeps
   every published number and every equation, so no suppressed count is determined. A row
   joins the group or row that needs nothing new hidden, else preferably a project rather
   than the totals, else the one that hides the fewest persons (only a report of one
   project must hide counts in its totals).
4. **Derived values.** A share, rate, ratio or mean is suppressed when one of the counts it
   is computed from is suppressed: a share whose denominator is below the minimum (the rule
   of the definitions) and also a share whose numerator is suppressed, since share times
   denominator gives the numerator back: ``education.low`` follows ``education_counts.low``
   and ``education_counts.known``, and so on for each level and contract type. The shares'
   own ``known`` repeats the count, so ``education.known`` and ``contract.known`` follow
   ``education_counts.known`` and ``contract_counts.known``. ``mean_age`` and
   ``mean_age_band`` follow ``age_bands.known``; ``lasting.share`` follows
   ``lasting_counts.lasting`` and ``.known``, ``retention.m6.share`` its ``in_work`` and
   ``checked`` (and so for m12); ``reach_ratio`` and ``reach_class`` follow
   ``reached``; ``transition_target_ratio`` follows ``transitions``.
5. **Reach classes.** When a project's ``reach_class`` is suppressed, the totals'
   ``reach_classes`` counts are suppressed too, or the class could be read off by
   subtraction.
6. **Never suppressed**: targets, the number of projects, codes, names and attributes of
   projects, settings.

Every suppressed value is listed in ``suppressed`` by its JSON path (for example
``projects[3].education_counts.high`` for a count and ``projects[3].education.high`` for
its share), in the order of the document, and the report gets ``public: true``. A
comparison's totals (``comparison.totals``) are protected as one row (rules 1, 2 and 4),
because the other delivery's projects are not published; its ``changes`` show ``null``
where a value they quote is suppressed. Suppressing a suppressed report again changes
nothing.

What this does not promise: the rules protect against *exact* recovery by the linear
relations of the report. A reader who also uses that counts are not negative and that a
primary suppressed count lies between 1 and the minimum may still narrow a suppressed value
to an interval.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

from werkbrug.indicators.model import AGE_BANDS, CONTRACT_CODES, EDUCATION_LEVELS, OUTCOME_CODES
from werkbrug.indicators.retention import RETENTION_MONTHS

__all__ = [
    "BLOCKS",
    "COUNT_PATHS",
    "DERIVED_PATHS",
    "LINKED_COUNTS",
    "ROW_PARTITIONS",
    "determined",
    "get_path",
    "protect",
    "set_path",
    "suppress",
]

Report = dict[str, Any]
Cell = tuple[int, str]  # (row number: 0 the totals, then the projects; path within the row)
Counts = dict[str, int | None]

_BANDS = tuple(f"age_bands.{key}" for key, _, _ in AGE_BANDS)
_OUTCOMES = tuple(f"by_outcome.{code}" for code in OUTCOME_CODES)
_EDUCATION = tuple(f"education_counts.{level}" for level in EDUCATION_LEVELS)
_CONTRACTS = tuple(f"contract_counts.{code}" for code in CONTRACT_CODES)
_LASTING = ("lasting_counts.lasting", "lasting_counts.not_lasting")
_POINTS = tuple(f"retention.m{months}" for months in RETENTION_MONTHS)

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
    *(f"{p}.{key}" for p in _POINTS for key in ("due", "checked", "in_work", "left", "unchecked")),
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

#: Counts that (nearly) follow from other counts by a relation that is no equation of the
#: partitions, so they go whenever one of those goes (rule 2b): (counts, the counts they
#: follow from). Lasting placements are the permanent contracts and the self-employed,
#: not lasting the agency, on-call and other contracts (while no fixed-term contract has a
#: length, lasting = permanent + self_employed exactly); every placement past a follow-up
#: point is a transition (often all are).
LINKED_COUNTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (*_LASTING, "lasting_counts.known"),
        ("by_outcome.self_employed", *_CONTRACTS, "contract_counts.known"),
    ),
    *(
        (
            tuple(f"{p}.{key}" for key in ("due", "checked", "in_work", "left", "unchecked")),
            ("transitions",),
        )
        for p in _POINTS
    ),
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


def _blocks() -> tuple[frozenset[str], ...]:
    """The counts linked by partitions: each block's equations are apart from the others'."""
    blocks: list[set[str]] = [{path} for path in COUNT_PATHS]
    for total, parts in ROW_PARTITIONS:
        linked = {total, *parts}
        joined = [b for b in blocks if not b.isdisjoint(linked)]
        blocks = [b for b in blocks if b.isdisjoint(linked)]
        blocks.append(set().union(*joined))
    return tuple(frozenset(b) for b in blocks)


#: The blocks of a row: the outcome counts, the age bands, the education counts, the contract
#: counts, the lasting counts, each retention point, and the full-time counts each on their own.
BLOCKS: tuple[frozenset[str], ...] = _blocks()

_REACH_CLASSES = ("above", "near", "below")
_ORDER = {path: n for n, path in enumerate(COUNT_PATHS)}


def suppress(report: Report, min_cell: int) -> Report:
    """A copy of ``report`` fit for publication; see the module notes for the rules."""
    if min_cell < 1:
        raise ValueError(f"min_cell must be at least 1, got {min_cell}")
    out = copy.deepcopy(report)
    already = set(out.get("suppressed", ()))
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
    out["suppressed"] = _document_order(already | set(paths), prefixes)
    return out


def protect(rows: Sequence[dict[str, Any]], min_cell: int, *, columns: bool) -> list[set[str]]:
    """The counts to suppress in each row (rules 1 to 3); ``columns``: row 0 is the sum of
    the others."""
    values = [{path: get_path(row, path) for path in COUNT_PATHS} for row in rows]
    patterns = [_row_safe(counts, _primary(counts, min_cell)) for counts in values]
    while True:
        # Linked counts can add to a block that was already grouped, and grouping can hide a
        # count others are linked to: repeat until nothing changes (patterns only grow).
        before = [set(pattern) for pattern in patterns]
        for pattern, counts in zip(patterns, values, strict=True):
            pattern |= _linked(pattern, counts)
        if columns and len(rows) > 1:
            for block in BLOCKS:
                parts = [pattern & block for pattern in patterns]
                _group(values, parts)
                for pattern, part in zip(patterns, parts, strict=True):
                    pattern |= part
        if patterns == before:
            return patterns


def _linked(hidden: set[str], counts: Counts) -> set[str]:
    """The linked counts (rule 2b) that go with ``hidden``: every non-zero count of each
    group, so the group's own partitions give nothing back (a 0 tells nothing: with the
    other counts of its partitions hidden it fixes none of them)."""
    return {
        path
        for group, sources in LINKED_COUNTS
        if not hidden.isdisjoint(sources)
        for path in group
        if counts[path] != 0
    }


def _primary(counts: Counts, min_cell: int) -> set[str]:
    """Suppressed already (``None``) or a count from 1 to ``min_cell - 1``."""
    return {path for path, value in counts.items() if value is None or 0 < value < min_cell}


# --- within a row -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def determined(pattern: frozenset[str]) -> frozenset[str]:
    """The counts of ``pattern`` that the published rest of a row gives back by the row's
    partitions (whatever the values: it depends on which counts are hidden only)."""
    variables = [path for path in COUNT_PATHS if path in pattern]
    column = {path: j for j, path in enumerate(variables)}
    matrix = []
    for total, parts in ROW_PARTITIONS:
        equation = [Fraction(0)] * len(variables)
        for path, coefficient in ((total, 1), *((part, -1) for part in parts)):
            if path in column:
                equation[column[path]] += coefficient
        if any(equation):
            matrix.append(equation)
    pivots = _reduce(matrix)
    free = [j for j in range(len(variables)) if j not in pivots]
    # A pivot variable is fixed when its reduced equation involves no free variable.
    return frozenset(
        variables[j] for i, j in enumerate(pivots) if not any(matrix[i][f] for f in free)
    )


def _reduce(matrix: list[list[Fraction]]) -> list[int]:
    """Bring ``matrix`` to reduced row echelon form in place; return each row's pivot."""
    pivots: list[int] = []
    for j in range(len(matrix[0]) if matrix else 0):
        r = len(pivots)
        found = next((i for i in range(r, len(matrix)) if matrix[i][j]), None)
        if found is None:
            continue
        matrix[r], matrix[found] = matrix[found], matrix[r]
        lead = matrix[r][j]
        matrix[r] = [x / lead for x in matrix[r]]
        for i, row in enumerate(matrix):
            if i != r and row[j]:
                factor = row[j]
                matrix[i] = [a - factor * b for a, b in zip(row, matrix[r], strict=True)]
        pivots.append(j)
        if len(pivots) == len(matrix):
            break
    return pivots


def _row_safe(counts: Counts, hidden: set[str]) -> set[str]:
    """``hidden`` and what else must be hidden so that no hidden count follows (rule 2)."""
    while found := determined(frozenset(hidden)):
        path = min(found, key=_ORDER.__getitem__)
        hidden.add(_partner(path, counts, hidden))
    return hidden


def _partner(path: str, counts: Counts, hidden: set[str]) -> str:
    """The smallest published count in a partition with ``path``; zeros only when needed."""
    related = [
        cell
        for total, parts in ROW_PARTITIONS
        if path == total or path in parts
        for cell in (*parts, total)
    ]
    candidates = [c for c in related if c not in hidden]
    if not candidates:  # pragma: no cover - with every related count hidden none follows
        candidates = [c for c in COUNT_PATHS if c not in hidden]
    return min(candidates, key=lambda c: (not counts[c], counts[c] or 0))


# --- across rows ------------------------------------------------------------------------------


def _group(values: Sequence[Counts], patterns: list[set[str]]) -> None:
    """Give every row with hidden counts a partner row hiding the same counts (rule 3)."""
    group_of: list[list[int] | None] = [None] * len(patterns)
    for r in [*range(1, len(patterns)), 0]:
        if not patterns[r] or group_of[r] is not None:
            continue
        options = _options(r, group_of)
        members = min(options, key=lambda rows: _cost(r, rows, values, patterns))
        group = [*members, r]
        union = set().union(*(patterns[m] for m in group))
        for m in group:
            patterns[m] = set(union)
            group_of[m] = group


def _options(r: int, group_of: Sequence[list[int] | None]) -> list[list[int]]:
    """The groups so far and the rows in none, other than ``r``."""
    groups: list[list[int]] = []
    singles: list[list[int]] = []
    for q, group in enumerate(group_of):
        if q == r:
            continue
        if group is None:
            singles.append([q])
        elif group[0] == q:
            groups.append(group)
    return groups + singles


def _cost(
    r: int, members: Sequence[int], values: Sequence[Counts], patterns: Sequence[set[str]]
) -> tuple[bool, bool, int, int]:
    """Nothing new to hide first; then projects before the totals; then the fewest persons
    and the fewest counts newly hidden."""
    union = patterns[r] | patterns[members[0]]
    new = [(m, path) for m in (r, *members) for path in union - patterns[m]]
    persons = sum(values[m][path] or 0 for m, path in new)
    return (bool(new), 0 in members, persons, len(new))


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
