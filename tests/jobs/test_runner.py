"""One attempt at a job, and the takeover of a dead worker's job, in-process: an attempt
that lost its lease writes nothing, and a finished job is not run again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from werkbrug.jobs import kinds, runner
from werkbrug.jobs.models import Job, JobState
from werkbrug.jobs.services import idempotency_key, job_enqueue, jobs_requeue_stale

CALLS: list[int] = []


def counting(job: kinds.JobInput) -> kinds.Result:
    job.progress(1, 2)
    CALLS.append(1)
    return kinds.FileResult(b"once", "once.txt", "text/plain")


@pytest.fixture
def job(db: None) -> Job:  # noqa: ARG001 (requested for the database)
    kinds.register("test-counting", counting)
    CALLS.clear()
    owner = user_create(username="owner", password="x-Secret-123", role=Role.ADMIN)
    return job_enqueue(actor=owner, kind="test-counting", params={"n": 1})


def later() -> dt.datetime:
    return timezone.now() + dt.timedelta(seconds=settings.JOB_LEASE_SECONDS + 1)


def test_a_finished_job_delivered_again_is_not_run_again(job: Job) -> None:
    runner.job_run(job.pk)
    runner.job_run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert job.attempts == 1
    assert CALLS == [1]


def test_a_live_attempt_keeps_its_job(job: Job) -> None:
    assert runner._claim(job.pk, "a" * 32) is not None
    assert jobs_requeue_stale() == 0  # it beat just now
    assert runner._claim(job.pk, "b" * 32) is None  # nor does a second delivery take it


def test_an_attempt_that_was_taken_over_writes_nothing(job: Job) -> None:
    claimed = runner._claim(job.pk, "a" * 32)
    assert claimed is not None
    assert jobs_requeue_stale(now=later()) == 1  # its worker looked dead
    runner.job_run(job.pk)  # another worker does the job
    beat = runner._Heartbeat(job.pk, "a" * 32)
    with pytest.raises(kinds.LeaseLost):
        beat.progress(2, 2)
    assert not runner._finish(claimed, "a" * 32, state=JobState.FAILED, error="late")
    job.refresh_from_db()
    assert (job.state, job.error, job.attempts) == (JobState.DONE, "", 2)
    folder = Path(settings.DATA_DIR) / "jobs" / str(job.pk)
    assert [p.read_bytes() for p in folder.iterdir()] == [b"once"]


def test_an_unexpected_error_fails_the_job_without_its_text(job: Job) -> None:
    def broken(_job: kinds.JobInput) -> kinds.Result:
        raise RuntimeError("Jansen, 1968-05-01")  # data in an error's text

    kinds.register("test-counting", broken)
    runner.job_run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "Jansen" not in job.error
    assert "ask an administrator" in job.error or "vraag een beheerder" in job.error


params = st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5) | st.none())


@given(params)
def test_the_same_request_is_the_same_key_whatever_the_order(values: dict[str, Any]) -> None:
    backwards = dict(reversed(list(values.items())))
    assert idempotency_key("report", values) == idempotency_key("report", backwards)
    assert idempotency_key("report", values) != idempotency_key("other", values)
