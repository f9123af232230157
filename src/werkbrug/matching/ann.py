"""A small wrapper around three FAISS inner-product indexes, with add and remove by id.

``"flat"``  ``IndexIDMap2(IndexFlatIP)``: exact, scans every vector; ``remove_ids`` compacts.
``"ivf"``   ``IndexIVFFlat`` (inner product, k-means coarse quantiser with ``nlist`` lists),
            searching ``nprobe`` lists; needs :meth:`AnnIndex.train` on a sample before the
            first add; removal through a hash-table direct map.
``"hnsw"``  ``IndexIDMap2(IndexHNSWFlat)`` (inner product, ``M`` links per node); HNSW
            cannot delete, so removed ids are remembered and filtered out of the results
            (the owner rebuilds when too many pile up).

Which one the ranking uses, and why, is measured in ``bench/matching.py`` and written up in
``bench/matching-results.md``. ``search(..., effort=f)`` multiplies ``nprobe`` (IVF) or
``efSearch`` (HNSW) for a harder second attempt.
"""

from __future__ import annotations

import math
from typing import Any, Final, Literal

import faiss
import numpy as np
import numpy.typing as npt

__all__ = ["KINDS", "AnnIndex", "Kind"]

Kind = Literal["flat", "ivf", "hnsw"]
KINDS: Final = ("flat", "ivf", "hnsw")

# faiss.DirectMap.Hashtable; the type stubs bundled with recent faiss do not declare
# DirectMap, and older faiss has no stubs, so look it up without the type checker.
_HASHTABLE: Final[int] = vars(faiss)["DirectMap"].Hashtable

Vectors = npt.NDArray[np.float32]
Ids = npt.NDArray[np.int64]


class AnnIndex:
    """An inner-product index of float32 vectors under int64 ids (see the module notes)."""

    def __init__(
        self,
        dim: int,
        kind: Kind = "flat",
        *,
        nlist: int | None = None,
        nprobe: int | None = None,
        hnsw_m: int = 32,
        ef_construction: int = 80,
        ef_search: int = 128,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown index kind {kind!r}; use one of {', '.join(KINDS)}")
        self.dim = dim
        self.kind: Kind = kind
        self.nlist = nlist
        self.nprobe = nprobe
        self.ef_search = ef_search
        self._dead: set[int] = set()
        self._quantizer: Any = None
        self._index: Any
        if kind == "flat":
            self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        elif kind == "hnsw":
            inner = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = ef_construction
            self._inner = inner
            self._index = faiss.IndexIDMap2(inner)
        else:
            self._index = None  # built by train()

    @property
    def trained(self) -> bool:
        """Whether vectors can be added (IVF needs :meth:`train` first)."""
        return self._index is not None

    def train(self, sample: Vectors, expected: int | None = None) -> None:
        """Train the IVF coarse quantiser on ``sample`` (a no-op for the other kinds).

        Without an explicit ``nlist``, it is about 2·√``expected`` (the number of vectors
        the index will hold, by default the sample size), but at most one list per 39 sample
        vectors, which k-means needs to place the centroids.
        """
        if self.kind != "ivf":
            return
        n = len(sample)
        if n == 0:
            raise ValueError("cannot train an IVF index on no vectors")
        target = self.nlist or max(1, round(2 * math.sqrt(expected or n)))
        nlist = max(1, min(target, n // 39 or 1))
        self._quantizer = faiss.IndexFlatIP(self.dim)
        index = faiss.IndexIVFFlat(self._quantizer, self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(np.ascontiguousarray(sample, dtype=np.float32))
        index.set_direct_map_type(_HASHTABLE)
        self.nlist = nlist
        if self.nprobe is None:
            self.nprobe = max(1, nlist // 16)
        self._index = index

    def __len__(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal) - len(self._dead)

    # The index interface of BoundedIndex, which needs ``lists``; an IVF index does not.
    def add(self, ids: Ids, vectors: Vectors, lists: Ids | None = None) -> None:  # noqa: ARG002
        """Add vectors under ``ids`` (ids must not be in the index already).

        ``lists`` (the list of each vector) is only used by :class:`BoundedIndex`.
        """
        if self._index is None:
            raise RuntimeError("train the IVF index before adding vectors")
        if len(ids) == 0:
            return
        self._index.add_with_ids(
            np.ascontiguousarray(vectors, dtype=np.float32),
            np.ascontiguousarray(ids, dtype=np.int64),
        )

    def remove(self, ids: Ids) -> None:
        """Remove vectors by id (unknown ids are ignored)."""
        if self._index is None or len(ids) == 0:
            return
        if self.kind == "hnsw":
            self._dead.update(int(i) for i in ids)
            return
        # FAISS picks the selector its direct map needs when given plain ids.
        self._index.remove_ids(np.ascontiguousarray(ids, dtype=np.int64))

    @property
    def dead(self) -> int:
        """How many removed vectors still take space (HNSW only)."""
        return len(self._dead)

    def search(self, queries: Vectors, k: int, *, effort: float = 1.0) -> tuple[Vectors, Ids]:
        """The ``k`` largest inner products per query: (values, ids), id −1 past the end."""
        n = len(queries)
        if self._index is None or k <= 0 or self._index.ntotal == 0:
            return np.zeros((n, max(k, 0)), np.float32), np.full((n, max(k, 0)), -1, np.int64)
        x = np.ascontiguousarray(queries, dtype=np.float32)
        extra = min(len(self._dead), k) if self._dead else 0
        if self.kind == "ivf":
            assert self.nprobe is not None
            assert self.nlist is not None
            self._index.nprobe = min(self.nlist, max(1, round(self.nprobe * effort)))
        elif self.kind == "hnsw":
            self._inner.hnsw.efSearch = max(round(self.ef_search * effort), k + extra)
        values, ids = self._index.search(x, k + extra)
        if extra:
            values, ids = self._drop_dead(values, ids, k)
        return values, ids

    def _drop_dead(self, values: Vectors, ids: Ids, k: int) -> tuple[Vectors, Ids]:
        dead = np.fromiter(self._dead, dtype=np.int64, count=len(self._dead))
        keep = ~np.isin(ids, dead) & (ids >= 0)
        out_values = np.full((len(ids), k), -np.inf, dtype=np.float32)
        out_ids = np.full((len(ids), k), -1, dtype=np.int64)
        for row in range(len(ids)):
            kept = np.flatnonzero(keep[row])[:k]
            out_values[row, : len(kept)] = values[row, kept]
            out_ids[row, : len(kept)] = ids[row, kept]
        return out_values, out_ids
