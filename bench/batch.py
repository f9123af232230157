#!/usr/bin/env python3
"""Batch matching on Dask: top-K for every participant with 1 and with 2 workers.

The requirement (issue 16): top-20 for 100,000 participants × 1,000,000 vacancies at least
1.8× faster with 2 Dask workers than with 1 on a 2-core machine, and the same results. Both
runs use a ``LocalCluster`` of one-thread worker processes on the generated data of
``bench/matching_data.py``; the time of each includes scattering the vacancies and building
the index on every worker (a worker builds it once per batch), because a real batch pays it.
The rows of the two runs are compared; a difference stops the run.

    .venv/bin/python bench/batch.py                                   # the full size
    .venv/bin/python bench/batch.py --participants 5000 --vacancies 100000

Prints one Markdown table row per run and the ratio; copy them into bench/README.md with the
machine and the date.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching_data import World, candidates, openings

from werkbrug.matching import MatchConfig
from werkbrug.matching.batch import BatchResult, run_batch


def timed(
    workers: int, people: list, jobs: list, table: object, k: int
) -> tuple[float, BatchResult]:  # type: ignore[type-arg]
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter()
        result = run_batch(people, jobs, MatchConfig(), table, k=k, client=client)  # type: ignore[arg-type]
        return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=1_000_000)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    world = World()
    print(f"generating {args.participants:,} participants and {args.vacancies:,} vacancies …")
    people = list(candidates(world, args.participants))
    jobs = list(openings(world, args.vacancies))
    machine = f"{platform.platform()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print("| workers | seconds | partitions | rows | uncertified |")
    print("|--:|--:|--:|--:|--:|")
    one_s, one = timed(1, people, jobs, world.table, args.top)
    print(f"| 1 | {one_s:.1f} | {one.partitions} | {len(one.rows):,} | {one.uncertified} |")
    two_s, two = timed(2, people, jobs, world.table, args.top)
    print(f"| 2 | {two_s:.1f} | {two.partitions} | {len(two.rows):,} | {two.uncertified} |")
    if two.rows != one.rows:
        print("the two runs differ", file=sys.stderr)
        return 1
    print(f"\nsame rows; speed-up with 2 workers: {one_s / two_s:.2f}× (requirement ≥ 1.8×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
