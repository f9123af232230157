"""Allocate participants to vacancies: the optimal allocation and a stable matching.

``assign(scores, capacities, min_score, method)`` takes the scored pairs in any of these
forms (excluded pairs and pairs below ``min_score`` are never used):

* suggestions (:class:`~werkbrug.matching.score.Suggestion`), mappings with ``participant``,
  ``vacancy``, ``score`` (and optionally ``excluded``), or ``(participant, vacancy, score)``
  tuples; a pair given twice keeps its highest score;
* a dense score matrix (participants × vacancies; NaN or −inf means "no pair"), or a
  ``scipy.sparse`` matrix whose stored entries are the pairs, with ``participants`` and
  ``vacancies`` naming the rows and columns (default ``"0"``, ``"1"``, …).

``capacities`` gives each vacancy's ``positions`` (a mapping by vacancy key, or a sequence in
column order); vacancies without one take 1 position.

**optimal** maximises the total score with at most one vacancy per participant and at most
``positions`` participants per vacancy. Each vacancy becomes ``min(positions, number of
candidates)`` identical slots, each participant gets a private "unassigned" slot (score 0),
and ``scipy.sparse.csgraph.min_weight_full_bipartite_matching`` (LAPJVsp, a sparse
Jonker–Volgenant) finds the cheapest assignment of every participant with cost
``C − score`` (``C`` exceeds every score, so all costs are positive). Sparse input keeps it
fast: 10,000 participants with 50 candidates each over 20,000 positions take about a second
(``bench/matching-results.md``). Pairs with a negative score are never worth taking.

**stable** is deferred acceptance with participants proposing: each participant proposes
in order of their own preference list (``preferences``, participant → vacancy keys best
first; vacancies not in it are unacceptable) or, without one, by descending score;
each vacancy holds the ``positions`` best proposers by score (ties: participant key). The
result has no blocking pair (:func:`blocking_pairs`) and is the participant-optimal stable
matching; it can score less in total than the optimal allocation, never more.

:func:`compare_allocations` reports the difference between two allocations.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

__all__ = [
    "Allocation",
    "Assignment",
    "Method",
    "assign",
    "blocking_pairs",
    "compare_allocations",
]

Method = Literal["optimal", "stable"]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Assignment:
    """One participant placed on one vacancy, with the pair's score."""

    participant: str
    vacancy: str
    score: float


@dataclass(frozen=True)
class Allocation:
    """The result of :func:`assign`; :meth:`to_dict` is its JSON form."""

    method: str
    assignments: tuple[Assignment, ...]
    total_score: float

    def vacancy_of(self) -> dict[str, str]:
        """participant → vacancy."""
        return {a.participant: a.vacancy for a in self.assignments}

    def to_dict(self) -> dict[str, Any]:
        """``{method, assignments: [{participant, vacancy, score}], total_score, matched}``."""
        return {
            "method": self.method,
            "assignments": [
                {"participant": a.participant, "vacancy": a.vacancy, "score": a.score}
                for a in self.assignments
            ],
            "total_score": self.total_score,
            "matched": len(self.assignments),
        }


@dataclass(frozen=True)
class _Pairs:
    """The usable pairs as arrays over numbered participants and vacancies."""

    participants: tuple[str, ...]
    vacancies: tuple[str, ...]
    capacity: Ints
    p: Ints
    v: Ints
    score: Floats


def _from_records(scores: Iterable[Any]) -> tuple[list[str], list[str], list[float]]:
    ps: list[str] = []
    vs: list[str] = []
    ss: list[float] = []
    for item in scores:
        if isinstance(item, tuple):
            participant, vacancy, score = item
            excluded = None
        elif isinstance(item, Mapping):
            participant, vacancy, score = item["participant"], item["vacancy"], item["score"]
            excluded = item.get("excluded")
        else:
            participant, vacancy, score = item.participant, item.vacancy, item.score
            excluded = getattr(item, "excluded", None)
        if excluded is None:
            ps.append(str(participant))
            vs.append(str(vacancy))
            ss.append(float(score))
    return ps, vs, ss


def _pairs(
    scores: Any,
    capacities: Mapping[str, int] | Sequence[int] | None,
    min_score: float,
    participants: Sequence[str] | None,
    vacancies: Sequence[str] | None,
) -> _Pairs:
    sparse = sp.issparse(scores)
    if isinstance(scores, np.ndarray) or sparse:
        source: Any = scores
        rows: npt.NDArray[Any]
        cols: npt.NDArray[Any]
        if sparse:
            matrix = sp.coo_array(source)
            rows, cols, values = matrix.row, matrix.col, matrix.data.astype(np.float64)
            shape = matrix.shape
        else:
            dense = np.asarray(source, dtype=np.float64)
            if dense.ndim != 2:
                raise ValueError("a score matrix must have two dimensions")
            rows, cols = np.nonzero(np.isfinite(dense))
            values = dense[rows, cols]
            shape = dense.shape
        p_keys = tuple(participants) if participants is not None else _numbers(shape[0])
        v_keys = tuple(vacancies) if vacancies is not None else _numbers(shape[1])
        if len(p_keys) != shape[0] or len(v_keys) != shape[1]:
            raise ValueError("participants and vacancies must name every row and column")
        p_index = rows.astype(np.int64)
        v_index = cols.astype(np.int64)
        score = np.asarray(values, dtype=np.float64)
    else:
        ps, vs, ss = _from_records(scores)
        p_keys = tuple(dict.fromkeys(list(participants or ()) + ps))
        v_keys = tuple(dict.fromkeys(list(vacancies or ()) + vs))
        p_pos = {k: i for i, k in enumerate(p_keys)}
        v_pos = {k: i for i, k in enumerate(v_keys)}
        p_index = np.array([p_pos[k] for k in ps], dtype=np.int64)
        v_index = np.array([v_pos[k] for k in vs], dtype=np.int64)
        score = np.array(ss, dtype=np.float64)
    if capacities is None:
        capacity = np.ones(len(v_keys), dtype=np.int64)
    elif isinstance(capacities, Mapping):
        capacity = np.array([int(capacities.get(k, 1)) for k in v_keys], dtype=np.int64)
    else:
        capacity = np.array([int(c) for c in capacities], dtype=np.int64)
        if len(capacity) != len(v_keys):
            raise ValueError("capacities must give one number per vacancy")
    if (capacity < 0).any():
        raise ValueError("capacities must be ≥ 0")
    keep = np.isfinite(score) & (score >= min_score)
    p_index, v_index, score = p_index[keep], v_index[keep], score[keep]
    # A pair given twice keeps its best score.
    if len(score):
        order = np.lexsort((-score, v_index, p_index))
        p_index, v_index, score = p_index[order], v_index[order], score[order]
        first = np.ones(len(score), dtype=np.bool_)
        first[1:] = (p_index[1:] != p_index[:-1]) | (v_index[1:] != v_index[:-1])
        p_index, v_index, score = p_index[first], v_index[first], score[first]
    return _Pairs(p_keys, v_keys, capacity, p_index, v_index, score)


def _numbers(n: int) -> tuple[str, ...]:
    return tuple(str(i) for i in range(n))


def assign(
    scores: Any,
    capacities: Mapping[str, int] | Sequence[int] | None = None,
    min_score: float = 0.0,
    method: Method = "optimal",
    *,
    participants: Sequence[str] | None = None,
    vacancies: Sequence[str] | None = None,
    preferences: Mapping[str, Sequence[str]] | None = None,
) -> Allocation:
    """Allocate participants to vacancies (see the module notes).

    ``preferences`` is only used by ``method="stable"``. Assignments are listed by
    participant key.
    """
    pairs = _pairs(scores, capacities, min_score, participants, vacancies)
    if method == "optimal":
        chosen = _optimal(pairs)
    elif method == "stable":
        chosen = _stable(pairs, preferences)
    else:
        raise ValueError(f"unknown method {method!r}; use 'optimal' or 'stable'")
    assignments = sorted(
        (
            Assignment(
                pairs.participants[int(pairs.p[e])],
                pairs.vacancies[int(pairs.v[e])],
                float(pairs.score[e]),
            )
            for e in chosen
        ),
        key=lambda a: a.participant,
    )
    total = float(sum(a.score for a in assignments))
    return Allocation(method, tuple(assignments), total)


def _optimal(pairs: _Pairs) -> list[int]:
    useful = pairs.score > 0
    edges = np.flatnonzero(useful & (pairs.capacity[pairs.v] > 0))
    if len(edges) == 0:
        return []
    p, v, score = pairs.p[edges], pairs.v[edges], pairs.score[edges]
    n_p = len(pairs.participants)
    degree = np.bincount(v, minlength=len(pairs.vacancies))
    slots = np.minimum(pairs.capacity, degree)
    first_slot = np.concatenate(([0], np.cumsum(slots)))
    repeat = slots[v]
    edge_of = np.repeat(np.arange(len(edges)), repeat)
    offset = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    columns = first_slot[v][edge_of] + offset
    n_slots = int(first_slot[-1])
    ceiling = float(score.max()) + 1.0
    rows = np.concatenate((p[edge_of], np.arange(n_p)))
    cols = np.concatenate((columns, n_slots + np.arange(n_p)))
    costs = np.concatenate((ceiling - score[edge_of], np.full(n_p, ceiling)))
    graph = sp.csr_array((costs, (rows, cols)), shape=(n_p, n_slots + n_p))
    row_of, col_of = min_weight_full_bipartite_matching(graph)
    # Map each matched slot back to the edge of that participant and vacancy.
    slot_vacancy = np.repeat(np.arange(len(pairs.vacancies)), slots)
    edge_by_pair = {(int(a), int(b)): int(e) for e, a, b in zip(edges, p, v, strict=True)}
    chosen: list[int] = []
    for r, c in zip(row_of, col_of, strict=True):
        if c < n_slots:
            chosen.append(edge_by_pair[(int(r), int(slot_vacancy[c]))])
    return chosen


def _stable(pairs: _Pairs, preferences: Mapping[str, Sequence[str]] | None) -> list[int]:
    n_p = len(pairs.participants)
    edge_of: dict[tuple[int, int], int] = {}
    lists: list[list[int]] = [[] for _ in range(n_p)]
    for e, (a, b) in enumerate(zip(pairs.p.tolist(), pairs.v.tolist(), strict=True)):
        edge_of[(a, b)] = e
        lists[a].append(e)
    if preferences is not None:
        v_pos = {k: i for i, k in enumerate(pairs.vacancies)}
        for a, key in enumerate(pairs.participants):
            wanted = preferences.get(key, ())
            lists[a] = [
                edge_of[(a, v_pos[w])] for w in wanted if w in v_pos and (a, v_pos[w]) in edge_of
            ]
    else:
        score, vacancies = pairs.score, pairs.vacancies
        for a in range(n_p):
            lists[a].sort(key=lambda e: (-score[e], vacancies[pairs.v[e]]))
    # Each vacancy keeps a min-heap of (score, participant rank) of the proposers it holds;
    # the participant rank breaks ties so that a smaller key is preferred.
    rank = {k: i for i, k in enumerate(sorted(pairs.participants))}
    held: list[list[tuple[float, int, int]]] = [[] for _ in pairs.vacancies]
    next_choice = [0] * n_p
    free = list(range(n_p - 1, -1, -1))
    while free:
        a = free.pop()
        while next_choice[a] < len(lists[a]):
            e = lists[a][next_choice[a]]
            next_choice[a] += 1
            b = int(pairs.v[e])
            if pairs.capacity[b] <= 0:
                continue
            entry = (float(pairs.score[e]), -rank[pairs.participants[a]], e)
            if len(held[b]) < pairs.capacity[b]:
                heapq.heappush(held[b], entry)
                break
            if entry > held[b][0]:
                _, _, loser = heapq.heapreplace(held[b], entry)
                free.append(int(pairs.p[loser]))
                break
    return [e for heap in held for _, _, e in heap]


def blocking_pairs(
    allocation: Allocation,
    scores: Any,
    capacities: Mapping[str, int] | Sequence[int] | None = None,
    min_score: float = 0.0,
    *,
    participants: Sequence[str] | None = None,
    vacancies: Sequence[str] | None = None,
    preferences: Mapping[str, Sequence[str]] | None = None,
) -> list[tuple[str, str]]:
    """The pairs that would both rather be together than in ``allocation`` (none if stable).

    Preferences are those of ``method="stable"``: participants by ``preferences`` or score
    (ties by vacancy key), vacancies by score (ties by participant key).
    """
    pairs = _pairs(scores, capacities, min_score, participants, vacancies)
    placed = allocation.vacancy_of()
    score_of = {
        (pairs.participants[a], pairs.vacancies[b]): float(s)
        for a, b, s in zip(pairs.p.tolist(), pairs.v.tolist(), pairs.score.tolist(), strict=True)
    }
    capacity = dict(zip(pairs.vacancies, pairs.capacity.tolist(), strict=True))
    holders: dict[str, list[str]] = {}
    for a in allocation.assignments:
        holders.setdefault(a.vacancy, []).append(a.participant)

    order = {v: i for i, v in enumerate(sorted(pairs.vacancies))}

    def participant_key(p: str, v: str) -> tuple[float, ...]:
        if preferences is not None:
            wanted = list(preferences.get(p, ()))
            return (-float(wanted.index(v)),) if v in wanted else (-float("inf"),)
        return (score_of[(p, v)], -float(order[v]))

    def vacancy_prefers(v: str, p: str, other: str) -> bool:
        return (score_of[(p, v)], other) > (score_of[(other, v)], p)

    blocking: list[tuple[str, str]] = []
    for (p, v), _ in score_of.items():
        if placed.get(p) == v or capacity.get(v, 0) <= 0:
            continue
        if preferences is not None and v not in preferences.get(p, ()):
            continue
        current = placed.get(p)
        if current is not None and participant_key(p, current) >= participant_key(p, v):
            continue
        held = holders.get(v, [])
        if len(held) < capacity[v] or any(vacancy_prefers(v, p, o) for o in held):
            blocking.append((p, v))
    return blocking


def compare_allocations(first: Allocation, second: Allocation) -> dict[str, Any]:
    """How two allocations differ: totals, numbers matched, and who is placed differently.

    ``different_vacancy`` lists the participants who get another vacancy (or none) in
    ``second`` than in ``first``.
    """
    a, b = first.vacancy_of(), second.vacancy_of()
    changed = sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))
    return {
        "methods": [first.method, second.method],
        "total_score": {
            first.method: first.total_score,
            second.method: second.total_score,
            "difference": first.total_score - second.total_score,
        },
        "matched": {
            first.method: len(first.assignments),
            second.method: len(second.assignments),
            "difference": len(first.assignments) - len(second.assignments),
        },
        "different_vacancy": changed,
        "different_vacancy_count": len(changed),
    }
