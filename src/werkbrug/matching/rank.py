"""Top-K vacancies for a participant and top-K candidates for a vacancy.

Two steps, in both directions:

1. **Candidate generation.** Vacancies (or participants) live in a FAISS inner-product index
   over the vectors of :mod:`~werkbrug.matching.vectors`; the query vector carries the
   configuration's weights, so ``query · item`` is an upper bound of the exact score of every
   eligible pair. The travel radius is part of that vector: a PC2 area entirely beyond a
   candidate's reach scores −10, so the index itself pushes those vacancies below every
   reachable one, and the bounded index (below) never even looks at lists in unreachable
   areas; the exact step then enforces the radius per postcode.
2. **Exact re-ranking.** The ``pool`` best by the index are scored exactly (vectorised
   :class:`~werkbrug.matching.columns.OpeningColumns` for vacancies, :func:`~werkbrug.
   matching.score.score_value` for participants); excluded pairs and pairs below
   ``config.min_score`` are dropped; ties are broken by key.

**Certification.** Because the index score bounds the exact score from above, the result is
provably the exact top K when the K-th exact score is at least the lowest index score in
the pool (anything outside the pool scores at most that). When that does not hold, the pool
grows fourfold (a k-means IVF index also probes twice as many lists, HNSW searches twice
as wide) until it does or ``max_pool`` is reached; :attr:`last` tells how the most recent
query went. With the ``"flat"`` and ``"bounded"`` indexes the certified answer is the exact
top K (up to ties within 1e-5); with ``"ivf"`` or ``"hnsw"`` it is only exact with respect
to what the index returned.

Which FAISS index (``kind``): ``"auto"`` (default) uses ``"flat"`` (``IndexFlatIP``) up to
``flat_limit`` items and ``"bounded"`` (an ``IndexIVFFlat`` whose lists are PC2 area × ISCO
code, probed in order of an exact bound: :mod:`~werkbrug.matching.bounded`) beyond.
``"ivf"`` (k-means ``IndexIVFFlat``) and ``"hnsw"`` (``IndexHNSWFlat``) remain available;
``bench/matching-results.md`` has the measurements behind the choice. Indexes keep up with
vacancies opening and closing through :meth:`add` (an existing key is replaced) and
:meth:`remove` (the index does not look at ``open_date``/``close_date``: remove what has
closed); dead rows are compacted away when they outnumber the live ones, and a k-means IVF
index is retrained when it has grown fourfold since it was trained.

An index is bound to its configuration, skills table and locator; for another configuration
build another index.
"""

from __future__ import annotations

import heapq
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Generic, Literal, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from werkbrug.matching.ann import AnnIndex
from werkbrug.matching.bounded import BoundedIndex, Bounder
from werkbrug.matching.columns import OpeningColumns
from werkbrug.matching.config import MatchConfig
from werkbrug.matching.geo import DEFAULT_LOCATOR, PostcodeLocator
from werkbrug.matching.model import Candidate, Opening
from werkbrug.matching.score import Suggestion, score_pair, score_value
from werkbrug.matching.similarity import SkillsTableLike, as_skills_table
from werkbrug.matching.vectors import FeatureSpace

__all__ = [
    "CandidateIndex",
    "QueryInfo",
    "Ranked",
    "VacancyIndex",
    "rank_candidates",
    "rank_vacancies",
    "score_all",
]

#: Scores within this distance count as ties for certification (float32 index scores).
TOLERANCE: Final = 1e-5
_CHUNK: Final = 20_000
_TRAIN_SAMPLE: Final = 64_000
#: Index kinds whose search returns the exact top k by index score.
_EXACT: Final = ("flat", "bounded")

IndexKind = Literal["auto", "flat", "bounded", "ivf", "hnsw"]
Kind = Literal["flat", "bounded", "ivf", "hnsw"]
Item = TypeVar("Item", Opening, Candidate)
Query = TypeVar("Query", Candidate, Opening)
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Ids = npt.NDArray[np.int64]


class Ranked(NamedTuple):
    """One entry of a ranking: the other side's key and the exact score."""

    key: str
    score: float


@dataclass(frozen=True, slots=True)
class QueryInfo:
    """How a ranking query went: the final pool size, rounds, and whether it is certified."""

    pool: int
    rounds: int
    certified: bool


class _Index(ABC, Generic[Item, Query]):
    """Rows, keys, the FAISS index and the two-step query, shared by both directions.

    Options (all keyword, defaults suit everything from a pilot to the whole country):

    ``kind``         ``"auto"``, ``"flat"``, ``"bounded"``, ``"ivf"`` or ``"hnsw"`` (see
                     the module notes); ``flat_limit`` is where ``"auto"`` switches.
    ``pool_min``, ``pool_factor``
                     the first pool re-ranked exactly: ``max(pool_min, pool_factor·k)``.
    ``max_pool``     how far certification may grow the pool.
    ``skill_dims``   hashed skill dimensions of the vectors (fewer: smaller index, looser
                     bound, more re-ranking).
    ``list_digits``  ISCO digits in the lists of the bounded index.
    ``scales``, ``nlist``, ``nprobe``, ``hnsw_m``, ``ef_search``
                     tuning of the k-means IVF and HNSW indexes (kept for comparison).
    """

    def __init__(
        self,
        config: MatchConfig | None = None,
        skills_table: SkillsTableLike = None,
        *,
        locator: PostcodeLocator = DEFAULT_LOCATOR,
        kind: IndexKind = "auto",
        flat_limit: int = 50_000,
        pool_min: int = 100,
        pool_factor: int = 5,
        max_pool: int = 20_000,
        skill_dims: int = 256,
        scales: dict[str, float] | None = None,
        list_digits: int = 4,
        nlist: int | None = None,
        nprobe: int | None = None,
        hnsw_m: int = 32,
        ef_search: int = 128,
    ) -> None:
        self.config = config or MatchConfig()
        self.table = as_skills_table(skills_table)
        self.locator = locator
        self.kind = kind
        self.flat_limit = flat_limit
        self.pool_min = pool_min
        self.pool_factor = pool_factor
        self.max_pool = max_pool
        self.space = FeatureSpace(
            self.config,
            self.table,
            locator,
            skill_dims=skill_dims,
            scales=scales,
            list_digits=list_digits,
        )
        self._nlist = nlist
        self._nprobe = nprobe
        self._hnsw_m = hnsw_m
        self._ef_search = ef_search
        self._reset_store()
        self._keys: list[str | None] = []
        self._rows: dict[str, int] = {}
        self._trained_for = 0
        self._ann = self._new_ann("flat")
        #: How the most recent :meth:`top` query went.
        self.last = QueryInfo(0, 0, True)
        self.last_many_certified = True

    # --- what each direction supplies ----------------------------------------------------

    @abstractmethod
    def _store(self, items: Sequence[Item]) -> range: ...

    @abstractmethod
    def _kill(self, row: int) -> None: ...

    @abstractmethod
    def _item(self, row: int) -> Item: ...

    @abstractmethod
    def _reset_store(self) -> None: ...

    @abstractmethod
    def _item_vectors(self, items: Sequence[Item]) -> npt.NDArray[np.float32]: ...

    @abstractmethod
    def _item_list(self, item: Item) -> int: ...

    def _bounder(self) -> Bounder | None:
        """The list bound function of a bounded index (None: the generic one)."""
        return None

    @abstractmethod
    def _query_vector(self, query: Query) -> npt.NDArray[np.float32]: ...

    @abstractmethod
    def _exact(self, query: Query, rows: Ids) -> tuple[Floats, Bools]: ...

    @abstractmethod
    def _suggestion(self, query: Query, item: Item) -> Suggestion: ...

    # --- contents ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def get(self, key: str) -> Item | None:
        """The item stored under ``key``, or None."""
        row = self._rows.get(key)
        return None if row is None else self._item(row)

    @property
    def index_kind(self) -> Kind:
        """The FAISS index in use now (``"flat"``, ``"ivf"`` or ``"hnsw"``)."""
        return self._ann.kind

    def _new_ann(self, kind: Kind) -> AnnIndex | BoundedIndex:
        if kind == "bounded":
            return BoundedIndex(self.space.dim, self.space.list_capacity, self._bounder())
        return AnnIndex(
            self.space.dim,
            kind,
            nlist=self._nlist,
            nprobe=self._nprobe,
            hnsw_m=self._hnsw_m,
            ef_search=self._ef_search,
        )

    def _wanted_kind(self, size: int) -> Kind:
        if self.kind != "auto":
            return self.kind
        return "flat" if size <= self.flat_limit else "bounded"

    def add(self, items: Iterable[Item]) -> None:
        """Add items; an item whose key is already present replaces the old one."""
        latest = {item.key: item for item in items}
        if not latest:
            return
        self.remove(key for key in latest if key in self._rows)
        batch = list(latest.values())
        size = len(self) + len(batch)
        kind = self._wanted_kind(size)
        stale = kind == "ivf" and size > 4 * self._trained_for
        if kind != self._ann.kind or not self._ann.trained or stale:
            self.rebuild(extra=batch)
            return
        rows = self._store(batch)
        for key, row in zip(latest, rows, strict=True):
            self._keys.append(key)
            self._rows[key] = row
        self._add_vectors(batch, np.arange(rows.start, rows.stop, dtype=np.int64))

    def _add_vectors(self, items: Sequence[Item], rows: Ids) -> None:
        for start in range(0, len(items), _CHUNK):
            chunk = items[start : start + _CHUNK]
            lists = np.array([self._item_list(item) for item in chunk], dtype=np.int64)
            self._ann.add(rows[start : start + _CHUNK], self._item_vectors(chunk), lists)

    def remove(self, keys: Iterable[str]) -> int:
        """Remove items by key; returns how many were present."""
        rows = [self._rows.pop(key) for key in set(keys) if key in self._rows]
        for row in rows:
            self._kill(row)
            self._keys[row] = None
        self._ann.remove(np.array(rows, dtype=np.int64))
        dead = len(self._keys) - len(self._rows)
        if dead > max(10_000, len(self._rows)) or self._ann.dead > max(1_000, len(self._rows) // 4):
            self.rebuild()
        return len(rows)

    def rebuild(self, kind: Kind | None = None, *, extra: Sequence[Item] = ()) -> None:
        """Rebuild the FAISS index (and compact dead rows); ``kind`` overrides the choice.

        ``extra`` items (with new keys) are added in the same pass.
        """
        items = [self._item(row) for row in self._rows.values()]
        items.extend(extra)
        self._keys = []
        self._rows = {}
        self._reset_store()
        rows = self._store(items)
        for item, row in zip(items, rows, strict=True):
            self._keys.append(item.key)
            self._rows[item.key] = row
        ann = self._new_ann(kind or self._wanted_kind(len(items)))
        if ann.kind == "ivf" and items:
            rng = np.random.default_rng(0)
            take = min(len(items), _TRAIN_SAMPLE)
            sample = rng.choice(len(items), size=take, replace=False)
            ann.train(self._item_vectors([items[i] for i in sample]), expected=len(items))
        self._ann = ann
        self._trained_for = len(items)
        if items:
            self._add_vectors(items, np.arange(rows.start, rows.stop, dtype=np.int64))

    # --- queries -------------------------------------------------------------------------

    def _pool(self, k: int, pool: int | None) -> int:
        return min(len(self), pool or max(self.pool_min, self.pool_factor * k))

    def top(
        self, query: Query, k: int = 20, *, pool: int | None = None, certify: bool = True
    ) -> list[Ranked]:
        """The ``k`` best eligible items for ``query`` with their exact scores, best first."""
        if k <= 0 or not self._rows:
            self.last = QueryInfo(0, 0, True)
            return []
        vector = self._query_vector(query)[None, :]
        return self._rank(query, vector, k, self._pool(k, pool), certify, None)

    def top_many(
        self,
        queries: Sequence[Query],
        k: int = 20,
        *,
        pool: int | None = None,
        certify: bool = True,
        batch: int = 512,
    ) -> list[list[Ranked]]:
        """:meth:`top` for many queries, searching the index in batches."""
        if k <= 0 or not self._rows:
            self.last_many_certified = True
            return [[] for _ in queries]
        size = self._pool(k, pool)
        results: list[list[Ranked]] = []
        certified = True
        for start in range(0, len(queries), batch):
            chunk = queries[start : start + batch]
            vectors = np.vstack([self._query_vector(q) for q in chunk])
            values, ids = self._ann.search(vectors, size)
            for i, query in enumerate(chunk):
                first = (values[i : i + 1], ids[i : i + 1])
                results.append(self._rank(query, vectors[i : i + 1], k, size, certify, first))
                certified = certified and self.last.certified
        #: Whether every query of the most recent :meth:`top_many` was certified exact.
        self.last_many_certified = certified
        return results

    def _rank(
        self,
        query: Query,
        vector: npt.NDArray[np.float32],
        k: int,
        size: int,
        certify: bool,
        first: tuple[npt.NDArray[np.float32], Ids] | None,
    ) -> list[Ranked]:
        n = len(self)
        effort = 1.0
        rounds = 0
        while True:
            rounds += 1
            values, ids = (
                first if first is not None else self._ann.search(vector, size, effort=effort)
            )
            first = None
            found = ids[0] >= 0
            rows = ids[0][found]
            bounds = values[0][found]
            ranked = self._order(query, rows, k)
            if not certify or size >= n:
                certified = size >= n and (self._ann.kind in _EXACT or len(rows) >= n)
                break
            threshold = ranked[-1].score if len(ranked) >= k else self.config.min_score
            complete = len(rows) >= size
            if complete and float(bounds.min()) <= threshold + TOLERANCE:
                certified = True
                break
            if not complete and self._ann.kind in _EXACT:
                certified = True
                break
            if size >= self.max_pool:
                certified = False
                break
            size = min(n, self.max_pool, size * 4)
            effort *= 2
        self.last = QueryInfo(size, rounds, certified)
        return ranked

    def _order(self, query: Query, rows: Ids, k: int) -> list[Ranked]:
        if len(rows) == 0:
            return []
        scores, eligible = self._exact(query, rows)
        keep = eligible & (scores >= self.config.min_score)
        rows, scores = rows[keep], scores[keep]
        if len(scores) > k:
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            chosen = np.flatnonzero(scores >= kth)
            rows, scores = rows[chosen], scores[chosen]
        keys = self._keys
        best = sorted((-float(s), keys[int(r)] or "") for r, s in zip(rows, scores, strict=True))
        return [Ranked(key, -neg) for neg, key in best[:k]]

    def exact_top(self, query: Query, k: int = 20) -> list[Ranked]:
        """The exact top ``k`` by scoring every item (brute force; for checks and small sets)."""
        rows = np.fromiter(self._rows.values(), dtype=np.int64, count=len(self._rows))
        return self._order(query, rows, k)

    def suggest(
        self, query: Query, k: int = 20, *, pool: int | None = None, certify: bool = True
    ) -> list[Suggestion]:
        """:meth:`top`, each entry fully scored and explained by ``score_pair``."""
        ranked = self.top(query, k, pool=pool, certify=certify)
        suggestions = [self._suggestion(query, self._item(self._rows[r.key])) for r in ranked]
        suggestions.sort(key=lambda s: (-s.score, self._other_key(s)))
        return suggestions

    @staticmethod
    @abstractmethod
    def _other_key(suggestion: Suggestion) -> str: ...


class VacancyIndex(_Index[Opening, Candidate]):
    """Open vacancies, searched for one participant: ``top(candidate, k)``.

    ``VacancyIndex(config, skills_table, locator=…, kind="auto")``; then ``add(openings)``
    and ``remove(keys)`` as vacancies open and close, and ``top``/``suggest``/``top_many``.
    """

    def _reset_store(self) -> None:
        self._columns = OpeningColumns(self.table, self.locator)

    def _store(self, items: Sequence[Opening]) -> range:
        return self._columns.extend(items)

    def _kill(self, row: int) -> None:
        self._columns.kill(row)

    def _item(self, row: int) -> Opening:
        opening = self._columns.openings[row]
        assert opening is not None
        return opening

    def _item_vectors(self, items: Sequence[Opening]) -> npt.NDArray[np.float32]:
        return self.space.items(items)

    def _item_list(self, item: Opening) -> int:
        return self.space.item_list(item)

    def _bounder(self) -> Bounder | None:
        return self.space.list_bounds

    def _query_vector(self, query: Candidate) -> npt.NDArray[np.float32]:
        return self.space.query(query)

    def _exact(self, query: Candidate, rows: Ids) -> tuple[Floats, Bools]:
        return self._columns.score(query, self.config, rows)

    def _suggestion(self, query: Candidate, item: Opening) -> Suggestion:
        return score_pair(query, item, self.config, self.table, locator=self.locator)

    @staticmethod
    def _other_key(suggestion: Suggestion) -> str:
        return suggestion.vacancy

    def exact_top(self, query: Candidate, k: int = 20) -> list[Ranked]:
        """The exact top ``k``, scoring every vacancy at once (numpy brute force)."""
        if not self._rows:
            return []
        scores, eligible = self._columns.score(query, self.config, None)
        keep = eligible & self._columns.alive & (scores >= self.config.min_score)
        rows = np.flatnonzero(keep)
        scores = scores[rows]
        if len(scores) > k:
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            chosen = scores >= kth
            rows, scores = rows[chosen], scores[chosen]
        keys = self._keys
        best = sorted((-float(s), keys[int(r)] or "") for r, s in zip(rows, scores, strict=True))
        return [Ranked(key, -neg) for neg, key in best[:k]]


class CandidateIndex(_Index[Candidate, Opening]):
    """Participants looking for work, searched for one vacancy: ``top(opening, k)``."""

    def _reset_store(self) -> None:
        self._candidates: list[Candidate | None] = []

    def _store(self, items: Sequence[Candidate]) -> range:
        start = len(self._candidates)
        self._candidates.extend(items)
        return range(start, len(self._candidates))

    def _kill(self, row: int) -> None:
        self._candidates[row] = None

    def _item(self, row: int) -> Candidate:
        candidate = self._candidates[row]
        assert candidate is not None
        return candidate

    def _item_vectors(self, items: Sequence[Candidate]) -> npt.NDArray[np.float32]:
        return self.space.queries(items)

    def _item_list(self, item: Candidate) -> int:
        return self.space.query_list(item)

    def _query_vector(self, query: Opening) -> npt.NDArray[np.float32]:
        vector: npt.NDArray[np.float32] = self.space.items([query])[0]
        return vector

    def _exact(self, query: Opening, rows: Ids) -> tuple[Floats, Bools]:
        scores = np.empty(len(rows))
        eligible = np.empty(len(rows), dtype=np.bool_)
        for i, row in enumerate(rows):
            score, excluded = score_value(
                self._item(int(row)), query, self.config, self.table, locator=self.locator
            )
            scores[i] = score
            eligible[i] = excluded is None
        return scores, eligible

    def _suggestion(self, query: Opening, item: Candidate) -> Suggestion:
        return score_pair(item, query, self.config, self.table, locator=self.locator)

    @staticmethod
    def _other_key(suggestion: Suggestion) -> str:
        return suggestion.participant


# --- small sets, no index ------------------------------------------------------------------


def score_all(
    candidates: Iterable[Candidate],
    openings: Iterable[Opening],
    config: MatchConfig,
    skills_table: SkillsTableLike = None,
    *,
    locator: PostcodeLocator = DEFAULT_LOCATOR,
) -> list[Suggestion]:
    """Every pair scored and explained (excluded pairs included), participant by participant."""
    table = as_skills_table(skills_table)
    opening_list = list(openings)
    return [
        score_pair(candidate, opening, config, table, locator=locator)
        for candidate in candidates
        for opening in opening_list
    ]


def _best(suggestions: Iterable[Suggestion], config: MatchConfig, k: int) -> list[Suggestion]:
    eligible = [s for s in suggestions if s.excluded is None and s.score >= config.min_score]
    eligible.sort(key=lambda s: (-s.score, s.vacancy, s.participant))
    return eligible[: max(k, 0)]


def _exact_top(
    pairs: Iterable[tuple[Candidate, Opening]],
    other_key: Callable[[Candidate, Opening], str],
    config: MatchConfig,
    table: SkillsTableLike,
    k: int,
    locator: PostcodeLocator,
) -> list[Suggestion]:
    """The ``k`` best eligible pairs by score, ties by the other side's key. Every pair gets
    its score; only the ``k`` kept get the explanation, which costs twice as much as the
    score (the ranking is the same as sorting fully explained pairs)."""
    eligible: list[tuple[float, str, Candidate, Opening]] = []
    for candidate, opening in pairs:
        score, excluded = score_value(candidate, opening, config, table, locator=locator)
        if excluded is None and score >= config.min_score:
            eligible.append((-score, other_key(candidate, opening), candidate, opening))
    best = heapq.nsmallest(max(k, 0), eligible, key=lambda e: (e[0], e[1]))
    return [score_pair(c, o, config, table, locator=locator) for _s, _k, c, o in best]


def rank_vacancies(
    candidate: Candidate,
    openings: Iterable[Opening],
    config: MatchConfig,
    skills_table: SkillsTableLike = None,
    *,
    k: int = 20,
    locator: PostcodeLocator = DEFAULT_LOCATOR,
) -> list[Suggestion]:
    """The exact top ``k`` eligible vacancies for one participant, by scoring every pair."""
    pairs = ((candidate, opening) for opening in openings)
    table = as_skills_table(skills_table)
    return _exact_top(pairs, lambda _c, o: o.key, config, table, k, locator)


def rank_candidates(
    opening: Opening,
    candidates: Iterable[Candidate],
    config: MatchConfig,
    skills_table: SkillsTableLike = None,
    *,
    k: int = 20,
    locator: PostcodeLocator = DEFAULT_LOCATOR,
) -> list[Suggestion]:
    """The exact top ``k`` eligible participants for one vacancy, by scoring every pair."""
    pairs = ((candidate, opening) for candidate in candidates)
    table = as_skills_table(skills_table)
    return _exact_top(pairs, lambda c, _o: c.key, config, table, k, locator)
