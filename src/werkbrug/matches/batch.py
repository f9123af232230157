"""The Django shell of the national batch (:mod:`werkbrug.matching.batch`): build the pool
(the live data or a delivery), run the batch in this process or on Dask, and store the
suggestions as a :class:`BatchRun`. `werkbrug match batch` calls :func:`batch_run`; a
background job would call the same.

Where it runs: ``workers=0`` in this process; ``scheduler`` an existing Dask cluster
(``tcp://host:8786``); otherwise a ``LocalCluster`` of ``workers`` processes, one thread each
(the scoring is numpy and FAISS that take the GIL for part of the time, so processes scale
and threads do not).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from werkbrug.deliveries.models import Delivery, DeliveryParticipant
from werkbrug.matches.models import BatchRun, BatchSuggestion
from werkbrug.matches.pools import Pool, delivery_pool, live_pool
from werkbrug.matches.services import MatchError
from werkbrug.matching import MatchConfig
from werkbrug.matching.batch import BatchResult, run_batch
from werkbrug.people.models import Participant
from werkbrug.vacancies.models import Vacancy

if TYPE_CHECKING:
    from distributed import Client

MAX_TOP = 100
# A local cluster on one machine: more processes than this only compete for its cores.
MAX_WORKERS = 64
# Rows are written in chunks so that a national batch does not hold them all in one INSERT.
CHUNK = 5_000


@dataclass(frozen=True)
class Where:
    """Where a batch runs: ``scheduler`` address, or a local cluster of ``workers`` (0: here)."""

    workers: int = 2
    scheduler: str | None = None

    @property
    def engine(self) -> str:
        if self.scheduler:
            return "dask-scheduler"
        return f"dask-local-{self.workers}" if self.workers else "in-process"


@contextlib.contextmanager
def dask_client(where: Where) -> Iterator[Client | None]:
    """A Dask client for ``where`` (None to run in this process), closed afterwards."""
    if not where.scheduler and where.workers == 0:
        yield None
        return
    from distributed import Client, LocalCluster

    if where.scheduler:
        try:
            client = Client(where.scheduler, timeout="5s")
        except ValueError as exc:
            raise MatchError(
                f"--scheduler {where.scheduler!r} is no Dask address; "
                f"give one like tcp://127.0.0.1:8786 ({exc})"
            ) from exc
        except (OSError, TimeoutError) as exc:
            raise MatchError(
                f"cannot reach the Dask scheduler at {where.scheduler}: is it running? ({exc})"
            ) from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=where.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def batch_run(
    *,
    delivery_name: str | None,
    top: int,
    where: Where,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
) -> BatchRun:
    """Compute and store the top-``top`` suggestions of every participant still in a
    trajectory (live data, or the delivery's)."""
    if not 1 <= top <= MAX_TOP:
        raise MatchError(f"--top must be between 1 and {MAX_TOP}; got {top}")
    if not 0 <= where.workers <= MAX_WORKERS:
        raise MatchError(
            f"--workers must be 0 (in this process) to {MAX_WORKERS}; for more, start a cluster "
            "and give its --scheduler"
        )
    delivery = None
    if delivery_name is not None:
        delivery = Delivery.objects.filter(name=delivery_name).first()
        if delivery is None:
            raise MatchError(f"no delivery named '{delivery_name}'; see werkbrug list")
    pool = delivery_pool(delivery) if delivery else live_pool(today=today)
    config = MatchConfig()
    started = timezone.now()
    with dask_client(where) as client:
        result = run_batch(
            pool.candidates.values(),
            pool.openings.values(),
            config,
            pool.table,
            k=top,
            client=client,
            progress=progress,
        )
    return _store(result, pool, delivery, top, config, where, started)


def _store(
    result: BatchResult,
    pool: Pool,
    delivery: Delivery | None,
    top: int,
    config: MatchConfig,
    where: Where,
    started: dt.datetime,
) -> BatchRun:
    del pool  # the keys in the result are the pool's; the links are looked up below
    with transaction.atomic():
        run = BatchRun.objects.create(
            delivery=delivery,
            top_k=top,
            config_version=config.stamp,
            partitions=result.partitions,
            participants=result.participants,
            openings=result.openings,
            uncertified=result.uncertified,
            engine=where.engine,
            started_at=started,
            finished_at=timezone.now(),
        )
        keys = {row.participant for row in result.rows}
        if delivery is None:
            people = dict(Participant.objects.filter(key__in=keys).values_list("key", "pk"))
            vacancies = dict(
                Vacancy.objects.filter(key__in={r.vacancy for r in result.rows}).values_list(
                    "key", "pk"
                )
            )
        else:
            people = dict(
                DeliveryParticipant.objects.filter(delivery=delivery, key__in=keys).values_list(
                    "key", "pk"
                )
            )
            vacancies = {}
        link = "participant_id" if delivery is None else "delivery_participant_id"
        batch = []
        for row in result.rows:
            batch.append(
                BatchSuggestion(
                    run=run,
                    vacancy_id=vacancies.get(row.vacancy),
                    vacancy_key=row.vacancy,
                    rank=row.rank,
                    score=row.score,
                    **{link: people[row.participant]},
                )
            )
            if len(batch) >= CHUNK:
                BatchSuggestion.objects.bulk_create(batch)
                batch = []
        BatchSuggestion.objects.bulk_create(batch)
    return run


def batch_rows(run: BatchRun) -> list[tuple[str, int, str, float]]:
    """The run's suggestions as ``(participant key, rank, vacancy key, score)``, in order."""
    field = "participant__key" if run.delivery_id is None else "delivery_participant__key"
    rows = run.suggestions.values_list(field, "rank", "vacancy_key", "score")
    return sorted((str(p), int(r), str(v), float(s)) for p, r, v, s in rows)
