"""`werkbrug match batch`: the top-k suggestions of every participant, in this process, on a
local Dask cluster and on a cluster started apart (a scheduler and two workers on 127.0.0.1),
stored as a batch; the same rows wherever it ran."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult
from werkbrug.deliveries.models import DeliveryOutcome, DeliveryParticipant
from werkbrug.matches.batch import batch_rows
from werkbrug.matches.models import BatchRun

Run = Callable[..., CliResult]
BIN = Path(sys.executable).parent


@pytest.fixture
def delivery(run: Run, db: None) -> str:  # noqa: ARG001 (requested for the database)
    from werkbrug.demo.services import demo_data_dir

    assert run("import", demo_data_dir() / "eindrapportage").code == 0
    return "eindrapportage"


def batch(run: Run, *args: str) -> dict[str, Any]:
    result = run("match", "batch", "--delivery", "eindrapportage", "--lang=en", *args)
    assert result.code == 0, result.err
    return dict(json.loads(result.out))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.usefixtures("delivery")
def test_every_ongoing_participant_gets_its_top_k_stored(run: Run) -> None:
    summary = batch(run, "--workers", "0", "--top", "3")
    done = set(DeliveryOutcome.objects.values_list("participant_key", flat=True))
    ongoing = DeliveryParticipant.objects.exclude(key__in=done).count()
    assert summary["participants"] == ongoing > 0
    assert summary["engine"] == "in-process"
    assert summary["uncertified_partitions"] == 0
    run_ = BatchRun.objects.get(pk=summary["batch"])
    rows = batch_rows(run_)
    assert len(rows) == summary["suggestions"]
    by_person: dict[str, list[tuple[int, float]]] = {}
    for person, rank, _vacancy, score in rows:
        by_person.setdefault(person, []).append((rank, score))
    for ranks in by_person.values():
        assert [r for r, _ in ranks] == list(range(1, len(ranks) + 1))
        assert len(ranks) <= 3
        scores = [s for _, s in ranks]
        assert scores == sorted(scores, reverse=True)
    # The batch's first suggestion is the one `match suggest` puts first.
    person = sorted(by_person)[0]
    one = run(
        "match", "suggest", "--participant", person, "--top", "1", "--delivery", "eindrapportage"
    )
    best = json.loads(one.out)[0]
    first = next(r for r in rows if r[0] == person and r[1] == 1)
    assert first[2] == best["vacancy"]
    assert first[3] == pytest.approx(best["score"], abs=1e-6)


@pytest.fixture
def cluster() -> Iterator[str]:
    """A Dask scheduler and two workers started as their own processes on 127.0.0.1."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    scheduler = subprocess.Popen(
        [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        **quiet,  # type: ignore[call-overload]
    )
    workers = [
        subprocess.Popen(
            [
                BIN / "dask",
                "worker",
                address,
                "--nthreads",
                "1",
                "--no-dashboard",
                "--host",
                "127.0.0.1",
            ],
            **quiet,  # type: ignore[call-overload]
        )
        for _ in range(2)
    ]
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout="5s") as client:
                    client.wait_for_workers(2, timeout=60)
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for process in [*workers, scheduler]:
            process.terminate()
        for process in [*workers, scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.mark.usefixtures("delivery")
def test_a_cluster_started_apart_gives_the_same_rows_as_one_process(run: Run, cluster: str) -> None:
    here = batch(run, "--workers", "0", "--top", "5")
    there = batch(run, "--scheduler", cluster, "--top", "5")
    assert there["engine"] == "dask-scheduler"
    assert there["partitions"] == here["partitions"] > 1
    same = [BatchRun.objects.get(pk=s["batch"]) for s in (here, there)]
    assert batch_rows(same[1]) == batch_rows(same[0])


@pytest.mark.usefixtures("delivery")
def test_a_local_cluster_gives_the_same_rows_as_one_process(run: Run) -> None:
    here = batch(run, "--workers", "0", "--top", "4")
    local = batch(run, "--workers", "2", "--top", "4")
    assert local["engine"] == "dask-local-2"
    runs = [BatchRun.objects.get(pk=s["batch"]) for s in (here, local)]
    assert batch_rows(runs[1]) == batch_rows(runs[0])


@pytest.mark.usefixtures("delivery")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--top", "0"), "--top must be between 1 and 100"),
        (("--workers", "-1"), "--workers must be 0"),
        (("--workers", "1000"), "--workers must be 0 (in this process) to 64"),
        (("--project", "x"), "leave out --project"),
        (("--scheduler", "tcp://127.0.0.1:{port}"), "cannot reach the Dask scheduler"),
        (("--scheduler", "notanaddress"), "is no Dask address"),
    ],
)
def test_a_batch_that_cannot_run_says_why_and_stores_nothing(
    run: Run, args: tuple[str, ...], message: str
) -> None:
    argv = [a.replace("{port}", str(_free_port())) for a in args]
    result = run("match", "batch", "--delivery", "eindrapportage", "--lang=en", *argv)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not BatchRun.objects.exists()


@pytest.mark.usefixtures("delivery")
def test_an_unknown_delivery_is_named(run: Run) -> None:
    result = run("match", "batch", "--delivery", "nope", "--workers", "0")
    assert result.code == 2
    assert "no delivery named 'nope'" in result.err
