"""A worker killed with SIGKILL in the middle of a job: another worker takes the job over
once its lease runs out, and it finishes once, with one result, as if it had run once.
Both workers are real processes on a temporary SQLite database, and on a throwaway PostgreSQL
database when the tests run on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "slow_job.py"
WAIT_SECONDS = 60


def _throwaway_postgres() -> Iterator[str]:
    """A database of its own on the tests' PostgreSQL server, dropped afterwards."""
    import psycopg

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        pytest.skip("the tests run on SQLite (set DATABASE_URL to a PostgreSQL server)")
    base, _slash, _name = server.rpartition("/")
    name = f"werkbrug_crash_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
    else:
        yield from _throwaway_postgres()


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> dict[str, str]:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "WERKBRUG_DATA_DIR": str(tmp_path / "data"),
        "WERKBRUG_JOB_LEASE_SECONDS": "2",
        "WERKBRUG_LANG": "en",
    }
    (tmp_path / "data").mkdir()
    werkbrug = [sys.executable, "-m", "werkbrug"]
    subprocess.run([*werkbrug, "migrate", "-v0"], env=environment, check=True, timeout=120)
    return environment


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def rows(env: dict[str, str], query: str, *args: object) -> list[dict[str, object]]:
    """Read the workers' database directly (not through the test's own Django database)."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute(query.replace("%s", "?"), args)]
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(url, row_factory=dict_row) as db:
        return list(db.execute(query, args))  # type: ignore[arg-type]


def job_row(env: dict[str, str], job_id: int) -> dict[str, object]:
    return rows(env, "SELECT * FROM jobs_job WHERE id = %s", job_id)[0]


def task_states(env: dict[str, str]) -> list[str]:
    query = "SELECT status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at"
    return [str(row["status"]) for row in rows(env, query)]


def wait_for(what: str, check: object, *args: object) -> dict[str, object]:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        row = check(*args)  # type: ignore[operator]
        if row:
            return row  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_job_cut_off_by_kill_9_is_finished_once_by_another_worker(
    env: dict[str, str], workers: list[subprocess.Popen[bytes]]
) -> None:
    made = subprocess.run(
        [sys.executable, SCRIPT, "enqueue"], env=env, check=True, capture_output=True, timeout=60
    )
    job_id = int(made.stdout.decode().strip().splitlines()[-1])

    first = subprocess.Popen([sys.executable, SCRIPT, "worker"], env=env)
    workers.append(first)

    def halfway() -> dict[str, object] | None:
        row = job_row(env, job_id)
        return row if row["state"] == "running" and int(row["done"]) >= 2 else None  # type: ignore[call-overload]

    cut = wait_for("the first worker to be half-way", halfway)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert job_row(env, job_id)["state"] == "running"  # as the dead worker left it

    second = subprocess.Popen([sys.executable, SCRIPT, "worker"], env=env)
    workers.append(second)

    def finished() -> dict[str, object] | None:
        row = job_row(env, job_id)
        return row if row["state"] in ("done", "failed") else None

    row = wait_for("the second worker to finish the job", finished)
    assert row["state"] == "done", row["error"]
    assert row["attempts"] == 2
    assert row["done"] == row["total"] == 8
    assert row["lease"] == ""
    assert str(row["started_at"]) == str(
        cut["started_at"]
    )  # the job's start, not the second attempt's
    folder = Path(env["WERKBRUG_DATA_DIR"]) / "jobs" / str(job_id)
    assert [p.name for p in folder.iterdir()] == [row["result_file"]]
    assert (folder / str(row["result_file"])).read_bytes() == b"counted to 8"
    completed = (Path(env["WERKBRUG_DATA_DIR"]) / "completed").read_text().split()
    assert completed == [str(second.pid)]
    # The dead worker's task is closed as failed; the job went on in a new one.
    assert task_states(env) == ["FAILED", "SUCCESSFUL"]

    second.send_signal(signal.SIGTERM)  # a polite stop: exits by itself
    assert second.wait(timeout=30) == 0
