"""National batch matching: the top-k vacancies for every participant, on a Dask cluster.

The work is split by *partition* — the participant's region (the first two digits of the
postcode) and occupation group (the ISCO-08 major group) — and every partition is ranked
against all openings with the package's exact index (:class:`VacancyIndex`, certified
results), so a partition's answer does not depend on where it ran. The same function runs
the partitions in this process (``client=None``) or as Dask tasks on a ``LocalCluster`` or an
existing scheduler: the results are identical, which is what the tests check.

Each Dask worker builds the vacancy index once per batch and keeps it for the batch's other
partitions (see :func:`_worker_index`); the openings travel to the workers once, scattered.

Pure: no Django; plain :class:`Candidate`/:class:`Opening` values in, :class:`BatchRow`
tuples out.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from werkbrug.matching.config import MatchConfig
from werkbrug.matching.model import Candidate, Opening
from werkbrug.matching.rank import VacancyIndex
from werkbrug.matching.similarity import SkillsTableLike

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "BatchResult",
    "BatchRow",
    "batch_token",
    "partition_of",
    "partitions",
    "rank_partition",
    "run_batch",
    "tasks",
]

UNKNOWN = "onbekend"


class BatchRow(NamedTuple):
    """One suggestion of a batch: the participant, its rank (1 is best), the vacancy, the score."""

    participant: str
    rank: int
    vacancy: str
    score: float


@dataclass(frozen=True)
class BatchResult:
    rows: list[BatchRow]
    partitions: int
    participants: int
    openings: int
    #: Partitions whose ranking could not be certified exact (the index gave up growing its
    #: pool); their rows are still the best found. Zero on every run so far.
    uncertified: int


def partition_of(candidate: Candidate) -> str:
    """``"<region>-<occupation group>"``: the postcode's first two digits and the ISCO-08
    major group (the first digit of the code), ``onbekend`` where either is unknown."""
    region = candidate.postcode[:2] if candidate.postcode else UNKNOWN
    occupation = candidate.occupation or ""
    group = occupation[0] if occupation[:1].isdigit() else UNKNOWN
    return f"{region}-{group}"


def partitions(candidates: Iterable[Candidate]) -> dict[str, list[Candidate]]:
    """The candidates by partition, each partition's candidates in key order; partitions in
    order of their names, so every run splits the same way."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[partition_of(candidate)].append(candidate)
    return {name: sorted(groups[name], key=lambda c: c.key) for name in sorted(groups)}


def batch_token(openings: Sequence[Opening], config: MatchConfig, k: int) -> str:
    """What identifies one batch's index: the configuration, k and the openings' keys."""
    digest = hashlib.sha256()
    digest.update(config.fingerprint().encode())
    digest.update(str(k).encode())
    for opening in openings:
        digest.update(opening.key.encode() + b"\0")
    return digest.hexdigest()[:16]


def _build_index(
    openings: Sequence[Opening], config: MatchConfig, table: SkillsTableLike
) -> VacancyIndex:
    index = VacancyIndex(config, table)
    index.add(openings)
    return index


def rank_partition(
    candidates: Sequence[Candidate], index: VacancyIndex, k: int
) -> tuple[list[BatchRow], bool]:
    """The top ``k`` of every candidate against ``index``; and whether all were certified."""
    rows: list[BatchRow] = []
    for candidate, found in zip(candidates, index.top_many(candidates, k), strict=True):
        rows.extend(
            BatchRow(candidate.key, rank, r.key, round(r.score, 6))
            for rank, r in enumerate(found, start=1)
        )
    return rows, index.last_many_certified


def tasks(groups: dict[str, list[Candidate]], size: int) -> list[list[list[Candidate]]]:
    """The partitions packed, in order, into tasks of at least ``size`` participants (the
    last may be smaller): a partition is never split, and a task of one tiny partition would
    cost more in scheduling than in ranking."""
    packed: list[list[list[Candidate]]] = []
    current: list[list[Candidate]] = []
    count = 0
    for members in groups.values():
        current.append(members)
        count += len(members)
        if count >= size:
            packed.append(current)
            current, count = [], 0
    if current:
        packed.append(current)
    return packed


# One index per batch per worker process: the partitions of a batch that land on the same
# worker share it, and a new batch (another token) replaces it.
_WORKER_INDEX: dict[str, VacancyIndex] = {}


def _worker_index(
    token: str, openings: Sequence[Opening], config: MatchConfig, table: SkillsTableLike
) -> VacancyIndex:
    index = _WORKER_INDEX.get(token)
    if index is None:
        _WORKER_INDEX.clear()
        index = _WORKER_INDEX[token] = _build_index(openings, config, table)
    return index


def _task(
    token: str,
    task: Sequence[Sequence[Candidate]],
    openings: Sequence[Opening],
    config: MatchConfig,
    table: SkillsTableLike,
    k: int,
) -> list[tuple[list[BatchRow], bool]]:
    index = _worker_index(token, openings, config, table)
    return [rank_partition(members, index, k) for members in task]


def run_batch(
    candidates: Iterable[Candidate],
    openings: Iterable[Opening],
    config: MatchConfig | None = None,
    table: SkillsTableLike = None,
    *,
    k: int = 20,
    client: Client | None = None,
    task_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """The top-``k`` suggestions of every candidate, ranked per partition.

    With ``client`` the partitions are Dask tasks on that client's cluster; without, they run
    here one after another; partitions go to the cluster packed into tasks of at least
    ``task_size`` participants. ``progress(done, total)`` counts participants ranked.
    Rows come out ordered by participant key and rank whichever way they ran.
    """
    config = config or MatchConfig()
    openings = sorted(openings, key=lambda o: o.key)
    groups = partitions(candidates)
    participants = sum(len(m) for m in groups.values())
    results: list[tuple[list[BatchRow], bool]] = []
    if client is None:
        index = _build_index(openings, config, table)
        done = 0
        for members in groups.values():
            results.append(rank_partition(members, index, k))
            done += len(members)
            if progress:
                progress(done, participants)
    else:
        packed = tasks(groups, task_size)
        results = _on_dask(client, packed, openings, config, table, k, participants, progress)
    rows = sorted(
        (row for part, _ in results for row in part), key=lambda r: (r.participant, r.rank)
    )
    return BatchResult(
        rows=rows,
        partitions=len(groups),
        participants=participants,
        openings=len(openings),
        uncertified=sum(not ok for _, ok in results),
    )


def _on_dask(
    client: Client,
    packed: list[list[list[Candidate]]],
    openings: list[Opening],
    config: MatchConfig,
    table: SkillsTableLike,
    k: int,
    participants: int,
    progress: Callable[[int, int], None] | None,
) -> list[tuple[list[BatchRow], bool]]:
    from distributed import as_completed

    token = batch_token(openings, config, k)
    # Scattered once to every worker; each task gets a reference, not a copy of the data.
    shared: Any = client.scatter([openings, config, table], broadcast=True)
    futures = {
        client.submit(_task, token, task, *shared, k, key=f"werkbrug-batch-{token}-{i}"): sum(
            len(m) for m in task
        )
        for i, task in enumerate(packed)
    }
    results = []
    done = 0
    for future in as_completed(futures):
        results.extend(future.result())
        done += futures[future]
        if progress:
            progress(done, participants)
    return results
