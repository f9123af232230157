"""Asking for a job, running it once, and taking over the jobs of workers that died.

Why it survives ``kill -9``: each attempt takes a lease (a token) on the job row and renews
its heartbeat while it works; a running job whose heartbeat is older than the lease
(``JOB_LEASE_SECONDS``) is queued again by any worker (:func:`jobs_requeue_stale`). Every
write of an attempt is conditional on still holding the lease, so an attempt that was taken
over writes nothing. The result file is written under the attempt's own name and renamed into
place (atomic), and the row is marked done in one conditional update: a job finishes once,
with one result file, whatever was killed where.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import threading
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkbrug.accounts.models import User
from werkbrug.config import PRIVATE_FILE
from werkbrug.jobs import kinds
from werkbrug.jobs.models import Job, JobState

logger = logging.getLogger("werkbrug.jobs")

# Progress is written at most this often (and always at the end): a job that reports every
# row must not turn into a database write per row.
PROGRESS_EVERY_SECONDS = 0.5


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def idempotency_key(kind: str, params: dict[str, Any]) -> str:
    """The same request twice (kind and parameters) is the same job."""
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    return f"{kind}:{hashlib.sha256(canonical.encode()).hexdigest()[:32]}"


def job_enqueue(*, actor: User, kind: str, params: dict[str, Any], key: str | None = None) -> Job:
    """Queue a job for the actor; with the same key as a job they already have (by default,
    the same kind and parameters), that job is returned instead, or queued again if it
    failed. The job row and its task are written in one transaction."""
    if not kinds.known(kind):
        raise ValueError(f"unknown kind of job {kind!r}")
    key = idempotency_key(kind, params) if key is None else key
    with transaction.atomic():
        existing = _existing(actor, key)
        if existing is not None:
            if existing.state == JobState.FAILED:
                _retry(existing)
            return existing
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    owner=actor,
                    kind=kind,
                    params=params,
                    idempotency_key=key,
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                )
        except IntegrityError:  # the same request at the same moment from another tab
            found = _existing(actor, key)
            if found is None:
                raise
            return found
        _enqueue_task(job)
    return job


def _existing(actor: User, key: str) -> Job | None:
    if not key:
        return None
    return Job.objects.select_for_update().filter(owner=actor, idempotency_key=key).first()


def _retry(job: Job) -> None:
    job.state = JobState.QUEUED
    job.error = ""
    job.done = job.total = 0
    job.finished_at = None
    job.lease = ""
    job.save(update_fields=["state", "error", "done", "total", "finished_at", "lease"])
    _enqueue_task(job)


def _enqueue_task(job: Job) -> None:
    from werkbrug.jobs.tasks import job_task

    result = job_task.enqueue(job.pk)
    job.task_id = str(result.id)
    job.save(update_fields=["task_id"])


def jobs_requeue_stale(now: dt.datetime | None = None) -> int:
    """Queue again every running job whose worker has not beaten for a lease: it died (or
    hangs; then its own writes fail from now on). Safe with many workers at once."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale = Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=now - _lease())
    taken = 0
    for job in stale.only("pk", "lease", "task_id"):
        with transaction.atomic():
            moved = Job.objects.filter(pk=job.pk, state=JobState.RUNNING, lease=job.lease).update(
                state=JobState.QUEUED, lease=""
            )
            if not moved:
                continue  # another worker took it first
            # The dead worker's task row would stay "running" for ever; the job goes on in a
            # new task.
            DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                status="FAILED", finished_at=now
            )
            _enqueue_task(job)
            taken += 1
            logger.warning("job %s taken over from a worker that stopped beating", job.pk)
    return taken


def job_result_path(job: Job) -> Path | None:
    if not job.result_file:
        return None
    return _folder(job.pk) / job.result_file


def _folder(job_id: int) -> Path:
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
        alive = job.heartbeat_at is not None and job.heartbeat_at >= now - _lease()
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
    folder = _folder(job.pk)
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
