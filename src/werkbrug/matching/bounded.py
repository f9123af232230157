"""An IVF index with fixed lists and exact list bounds: exact top-k by inner product, fast.

FAISS's ``IndexIVFFlat`` normally assigns vectors to lists by k-means and probes the
``nprobe`` lists whose centroid scores best. For our vectors that loses good vacancies (a
centroid's score is the *average* of its members; one list mixing reachable and unreachable
areas averages in the −10 of the unreachable ones), so :class:`BoundedIndex` keeps FAISS's
inverted lists and scanning code but chooses both the lists and the probing itself:

* **Lists** are given by the owner: for vacancies a (PC2 area, ISCO code) pair, for
  participants their home area and occupation (vectors are added with
  ``add_core(..., precomputed_idx)``).
* **Bounds.** For each list the element-wise maximum and minimum of its vectors are kept. By
  default no vector ``x`` of a list can score more than ``Σ_d max(q_d·high_d, q_d·low_d)``
  for a query ``q`` (tight for sparse queries); the owner may pass a sharper ``bounder``
  that knows the layout of its vectors (:meth:`~werkbrug.matching.vectors.FeatureSpace.
  list_bounds`). Removing a vector leaves the bounds as they are (still valid, only
  looser) until the owner rebuilds.
* **Probing** (``search_preassigned``) goes through the lists from the highest bound down,
  in rounds: each round takes the next lists that can still beat the k-th score found so
  far, until they hold ``k``, ``2k``, ``4k``, … vectors; it stops when no list can. Lists
  whose bound is at most ``floor`` are never probed.

The result is the **exact** top ``k`` above ``floor`` by inner product (up to float32
rounding), usually after scanning a few thousand vectors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, Literal

import faiss
import numpy as np
import numpy.typing as npt

__all__ = ["BoundedIndex"]

# faiss.DirectMap.Hashtable; the type stubs bundled with recent faiss do not declare
# DirectMap, and older faiss has no stubs, so look it up without the type checker.
_HASHTABLE: Final[int] = vars(faiss)["DirectMap"].Hashtable
_TOLERANCE: Final = 1e-5

Vectors = npt.NDArray[np.float32]
Ids = npt.NDArray[np.int64]

#: ``bounder(queries, high, low, lists, version)``: the bound of every list for every query,
#: given the per-list maxima and minima (dimension × list), the owner's number of each list,
#: and a number that changes whenever ``high`` or ``low`` do (for caching derived data).
Bounder = Callable[[Vectors, Vectors, Vectors, Ids, int], npt.NDArray[np.float32]]


class BoundedIndex:
    """Inner-product IVF with owner-chosen lists and bound-ordered exact probing."""

    kind: Literal["bounded"] = "bounded"

    def __init__(
        self, dim: int, capacity: int, bounder: Bounder | None = None, floor: float = -1.0
    ) -> None:
        self.dim = dim
        #: Lists whose bound is at most this are never probed: the owner does not want
        #: anything scoring that low (for rankings: only excluded pairs score below 0).
        self.floor = floor
        self.capacity = capacity
        self._bounder = bounder
        self._version = 0
        # The quantiser is never asked: vectors come with their list and searches with the
        # lists to probe. An empty one costs nothing; FAISS then needs to be told that the
        # index is ready.
        quantizer = faiss.IndexFlatIP(dim)
        self._quantizer = quantizer
        index = faiss.IndexIVFFlat(quantizer, dim, capacity, faiss.METRIC_INNER_PRODUCT)
        index.is_trained = True
        index.set_direct_map_type(_HASHTABLE)
        self._index = index
        # FAISS's Python wrapper replaces search_preassigned(n, x, k, …) by
        # search_preassigned(x, k, Iq, Dq); the bundled stubs only know the former.
        self._search_preassigned: Any = index.search_preassigned
        # Likewise remove_ids also takes plain ids (and picks the selector the hash-table
        # direct map needs).
        self._remove_ids: Any = index.remove_ids
        self._slot: dict[int, int] = {}  # owner's list number → our dense slot
        self._list_of_slot: list[int] = []
        self._lists = np.zeros(0, dtype=np.int64)
        self._high = np.zeros((dim, 16), dtype=np.float32)
        self._low = np.zeros((dim, 16), dtype=np.float32)
        self._count = np.zeros(16, dtype=np.int64)
        self._slot_of_id = np.full(16, -1, dtype=np.int64)
        #: Vectors scanned and probing rounds of the most recent search (all queries).
        self.scanned = 0
        self.rounds = 0

    trained = True
    dead = 0

    def train(self, sample: Vectors, expected: int | None = None) -> None:
        """Nothing to train: the lists are given."""

    def __len__(self) -> int:
        return int(self._count.sum())

    def _grow(self, slots: int, largest_id: int) -> None:
        if slots > self._high.shape[1]:
            width = max(slots, 2 * self._high.shape[1])
            for name in ("_high", "_low"):
                old = getattr(self, name)
                new = np.zeros((self.dim, width), dtype=np.float32)
                new[:, : old.shape[1]] = old
                setattr(self, name, new)
            count = np.zeros(width, dtype=np.int64)
            count[: len(self._count)] = self._count
            self._count = count
        if largest_id >= len(self._slot_of_id):
            grown = np.full(max(largest_id + 1, 2 * len(self._slot_of_id)), -1, np.int64)
            grown[: len(self._slot_of_id)] = self._slot_of_id
            self._slot_of_id = grown

    def add(self, ids: Ids, vectors: Vectors, lists: Ids | None = None) -> None:
        """Add vectors under ``ids`` into the owner's ``lists`` (numbers < ``capacity``)."""
        if lists is None:
            raise ValueError("a bounded index needs the list of every vector")
        if len(ids) == 0:
            return
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        slots = np.empty(len(lists), dtype=np.int64)
        for i, number in enumerate(lists.tolist()):
            slot = self._slot.get(number)
            if slot is None:
                if not 0 <= number < self.capacity:
                    raise ValueError(f"list {number} outside 0–{self.capacity - 1}")
                slot = self._slot[number] = len(self._list_of_slot)
                self._list_of_slot.append(number)
            slots[i] = slot
        self._grow(len(self._list_of_slot), int(ids.max()))
        order = np.argsort(slots, kind="stable")
        sorted_slots = slots[order]
        unique, starts = np.unique(sorted_slots, return_index=True)
        high = np.maximum.reduceat(x[order], starts, axis=0).T
        low = np.minimum.reduceat(x[order], starts, axis=0).T
        fresh = self._count[unique] == 0
        self._high[:, unique] = np.where(fresh, high, np.maximum(self._high[:, unique], high))
        self._low[:, unique] = np.where(fresh, low, np.minimum(self._low[:, unique], low))
        np.add.at(self._count, slots, 1)
        self._version += 1
        self._slot_of_id[ids] = slots
        # FAISS list numbers are our slots (all < capacity).
        self._index.add_core(len(x), faiss.swig_ptr(x), faiss.swig_ptr(ids), faiss.swig_ptr(slots))

    def remove(self, ids: Ids) -> None:
        """Remove vectors by id (unknown ids are ignored)."""
        ids = np.asarray(ids, dtype=np.int64)
        ids = ids[(ids >= 0) & (ids < len(self._slot_of_id))]
        ids = ids[self._slot_of_id[ids] >= 0]
        if len(ids) == 0:
            return
        np.subtract.at(self._count, self._slot_of_id[ids], 1)
        self._slot_of_id[ids] = -1
        self._remove_ids(np.ascontiguousarray(ids, dtype=np.int64))

    def bounds(self, queries: Vectors) -> npt.NDArray[np.float32]:
        """For each query and list slot, the most any vector of the list can score.

        Without a ``bounder``: ``Σ_d max(q_d·high_d, q_d·low_d)``, valid for any vectors and
        tight when each query is sparse (one feature per block, as a vacancy's vector is).
        """
        used = len(self._list_of_slot)
        high, low = self._high[:, :used], self._low[:, :used]
        if self._bounder is not None:
            if len(self._lists) != used:
                self._lists = np.array(self._list_of_slot, dtype=np.int64)
            result = self._bounder(queries, high, low, self._lists, self._version)
            result[:, self._count[:used] == 0] = -np.inf
            return result
        positive = np.maximum(queries, 0)
        negative = np.minimum(queries, 0)
        if len(queries) == 1:
            up = np.flatnonzero(positive[0])
            down = np.flatnonzero(negative[0])
            generic = positive[:, up] @ high[up] + negative[:, down] @ low[down]
        else:
            generic = positive @ high + negative @ low
        generic[:, self._count[:used] == 0] = -np.inf
        return generic.astype(np.float32, copy=False)

    # The index interface of AnnIndex, for which ``effort`` trades recall for speed.
    def search(self, queries: Vectors, k: int, *, effort: float = 1.0) -> tuple[Vectors, Ids]:  # noqa: ARG002
        """The exact ``k`` largest inner products above ``floor`` per query.

        ``effort`` is accepted for symmetry with :class:`~werkbrug.matching.ann.AnnIndex`
        and not needed. Fewer than ``k`` results (id −1) means nothing else is above
        ``floor``.
        """
        n = len(queries)
        values = np.full((n, k), -np.inf, dtype=np.float32)
        ids = np.full((n, k), -1, dtype=np.int64)
        self.scanned = 0
        self.rounds = 0
        if k <= 0 or n == 0 or len(self) == 0:
            return values, ids
        x = np.ascontiguousarray(queries, dtype=np.float32)
        bounds = self.bounds(x)
        counts = self._count[: bounds.shape[1]]
        # Per query, the lists that can hold anything above the floor, best bound first.
        orders: list[Ids] = []
        for row in range(n):
            useful = np.flatnonzero((bounds[row] > self.floor) & (counts > 0))
            orders.append(useful[np.argsort(-bounds[row, useful], kind="stable")])
        done = [0] * n  # lists probed so far, per query
        want = k
        while True:
            # Per query: the next lists that can still beat the k-th score found so far,
            # until they hold ``want`` vectors (at least one list).
            threshold = values[:, k - 1] + _TOLERANCE
            todo: list[Ids] = []
            for row in range(n):
                order = orders[row][done[row] :]
                alive = int(np.count_nonzero(bounds[row, order] > threshold[row]))
                cumulative = np.cumsum(counts[order[:alive]])
                take = min(int(np.searchsorted(cumulative, want)) + 1, alive)
                todo.append(order[:take])
                done[row] += take
            width = max((len(t) for t in todo), default=0)
            if width == 0:
                break
            probe = np.full((n, width), -1, dtype=np.int64)
            for row, lists in enumerate(todo):
                probe[row, : len(lists)] = lists
                self.scanned += int(counts[lists].sum())
            self.rounds += 1
            self._index.nprobe = width
            found_values, found_ids = self._search_preassigned(x, k, probe, None)
            values, ids = _merge(values, ids, found_values, found_ids, k)
            want *= 2
        return values, ids


def _merge(
    values: Vectors, ids: Ids, more_values: Vectors, more_ids: Ids, k: int
) -> tuple[Vectors, Ids]:
    all_values = np.concatenate([values, np.where(more_ids >= 0, more_values, -np.inf)], axis=1)
    all_ids = np.concatenate([ids, more_ids], axis=1)
    best = np.argsort(-all_values, axis=1, kind="stable")[:, :k]
    return (
        np.take_along_axis(all_values, best, axis=1).astype(np.float32),
        np.take_along_axis(all_ids, best, axis=1),
    )
