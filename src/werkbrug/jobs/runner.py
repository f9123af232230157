"""One attempt at a job, in a worker: claim the job's lease, beat while working, write the
result atomically and mark the job finished in one conditional update (why: the docstring of
:mod:`werkbrug.jobs.services`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkbrug.config import PRIVATE_FILE
from werkbrug.jobs import kinds
from werkbrug.jobs.models import Job, JobState

logger = logging.getLogger("werkbrug.jobs")

# Progress is written at most this often (and always at the end): a job that reports every
# row must not turn into a database write per row.
PROGRESS_EVERY_SECONDS = 0.5


def lease_duration() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def result_folder(job_id: int) -> Path:
    return Path(settings.DATA_DIR) / "jobs" / str(job_id)


def job_run(job_id: int) -> None:
    """Run one attempt of the job, unless it is finished or another live worker holds it
    (a task delivered twice does nothing the second time)."""
    token = uuid.uuid4().hex
    job = _claim(job_id, token)
    if job is None:
        return
    runner = kinds.runner_for(job.kind)
    with translation.override(job.language):
        try:
            with _Heartbeat(job.pk, token) as beat:
                if runner is None:
                    raise kinds.JobError(
                        _("this kind of job (“{kind}”) is not known to this worker").format(
                            kind=job.kind
                        )
                    )
                result = runner(kinds.JobInput(job.owner, job.params, beat.progress))
        except kinds.LeaseLost:
            logger.warning("job %s: taken over by another worker; this attempt stops", job.pk)
            return
        except kinds.JobError as exc:
            _finish(job, token, state=JobState.FAILED, error=str(exc))
            return
        except Exception as exc:
            # Only the exception's class: its text can quote data.
            logger.error("job %s (%s) failed: %s", job.pk, job.kind, type(exc).__name__)
            _finish(
                job,
                token,
                state=JobState.FAILED,
                error=_("the job failed unexpectedly; ask an administrator to look at the log"),
            )
            return
    _finish_done(job, token, result)


def _claim(job_id: int, token: str) -> Job | None:
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("owner").filter(pk=job_id).first()
        if job is None or job.finished:
            return None
        alive = job.heartbeat_at is not None and job.heartbeat_at >= now - lease_duration()
        if job.state == JobState.RUNNING and alive:
            return None
        job.state = JobState.RUNNING
        job.lease = token
        job.attempts += 1
        job.heartbeat_at = now
        job.started_at = job.started_at or now
        job.save(update_fields=["state", "lease", "attempts", "heartbeat_at", "started_at"])
    return job


def _finish_done(job: Job, token: str, result: kinds.Result) -> None:
    fields: dict[str, Any] = {}
    folder = result_folder(job.pk)
    mine: Path | None = None
    if isinstance(result, kinds.FileResult):
        mine = folder / f"{token}.bin"
        _write_atomically(mine, result.content)
        fields = {
            "result_file": mine.name,
            "result_name": result.filename,
            "result_type": result.content_type,
        }
    else:
        fields = {"result_json": result}
    if not _finish(job, token, state=JobState.DONE, **fields):
        if mine is not None:
            mine.unlink(missing_ok=True)
        return
    # What attempts killed between their rename and their update left behind.
    for leftover in folder.glob("*") if folder.exists() else ():
        if leftover != mine:
            leftover.unlink(missing_ok=True)


def _finish(job: Job, token: str, *, state: JobState, **fields: Any) -> bool:
    """Mark the attempt's end in one conditional update; False if the job is no longer ours."""
    with transaction.atomic():
        moved = Job.objects.filter(pk=job.pk, lease=token, state=JobState.RUNNING).update(
            state=state, finished_at=timezone.now(), lease="", done=F("total"), **fields
        )
    return moved == 1


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    part = path.with_suffix(".part")
    descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


class _Heartbeat:
    """While an attempt runs: a thread renews the lease every quarter of it (a step of the
    work can take longer than the lease, e.g. laying out a PDF), and :meth:`progress` writes
    progress and renews it too."""

    def __init__(self, job_id: int, token: str) -> None:
        self.job_id = job_id
        self.token = token
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True, name=f"job-{job_id}")
        self._last_progress = 0.0

    def _touch(self, **fields: Any) -> None:
        rows = Job.objects.filter(pk=self.job_id, lease=self.token).update(
            heartbeat_at=timezone.now(), **fields
        )
        if not rows:
            self.lost = True

    def _beat(self) -> None:
        try:
            while not self._stop.wait(settings.JOB_LEASE_SECONDS / 4):
                try:
                    self._touch()
                except Exception as exc:  # a database hiccup: the next beat may get through
                    logger.warning("job %s: heartbeat failed: %s", self.job_id, type(exc).__name__)
                    close_old_connections()
        finally:
            connection.close()  # this thread's own connection

    def progress(self, done: int, total: int) -> None:
        if self.lost:
            raise kinds.LeaseLost
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_EVERY_SECONDS:
            return
        self._last_progress = now
        total = max(total, 0)
        self._touch(done=max(0, min(done, total)), total=total)
        if self.lost:
            raise kinds.LeaseLost

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
        if self.lost and kind is None:
            raise kinds.LeaseLost
