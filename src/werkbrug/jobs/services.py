"""Asking for a job, and taking over the jobs of workers that died (running one attempt is
:mod:`werkbrug.jobs.runner`).

Why a job survives ``kill -9``: each attempt takes a lease (a token) on the job row and renews
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
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from werkbrug.accounts.models import User
from werkbrug.jobs import kinds
from werkbrug.jobs.models import Job, JobState
from werkbrug.jobs.runner import lease_duration, result_folder

logger = logging.getLogger("werkbrug.jobs")


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
    stale = Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=now - lease_duration())
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
    return result_folder(job.pk) / job.result_file
