"""The worker loop behind ``werkbrug worker``: take over the jobs of dead workers, run what
is queued (django-tasks-db's worker, one task at a time), sleep when there is nothing.

SIGTERM or Ctrl-C stops it after the task at hand (a systemd restart loses nothing); a job
cut off by ``kill -9`` is queued again by the next worker once its lease runs out."""

from __future__ import annotations

import logging
import signal
import socket
import time
import uuid
from types import FrameType

from django.db import close_old_connections

logger = logging.getLogger("werkbrug.jobs")


class Stop:
    def __init__(self) -> None:
        self.asked = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:  # noqa: ARG002 (a handler's signature)
        if self.asked:
            raise KeyboardInterrupt  # asked twice: stop now
        self.asked = True


def worker_id() -> str:
    """Unique across the pool, and says where the worker runs (no personal data)."""
    return f"{socket.gethostname()[:40]}-{uuid.uuid4().hex[:12]}"


def run(*, interval: float = 1.0, once: bool = False, max_tasks: int | None = None) -> int:
    """Run until stopped; with ``once``, until nothing is left to do. Returns the number of
    tasks run."""
    stop = Stop()
    before = signal.signal(signal.SIGTERM, stop), signal.signal(signal.SIGINT, stop)
    try:
        return _loop(stop, interval=interval, once=once, max_tasks=max_tasks)
    finally:
        signal.signal(signal.SIGTERM, before[0])
        signal.signal(signal.SIGINT, before[1])


def _loop(stop: Stop, *, interval: float, once: bool, max_tasks: int | None) -> int:
    from django_tasks_db.management.commands.db_worker import Worker

    from werkbrug.jobs.services import jobs_requeue_stale

    ident = worker_id()
    ran = 0
    while not stop.asked:
        close_old_connections()
        jobs_requeue_stale()
        # One task per round, so stale jobs are looked for between tasks too.
        one = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=1,
            worker_id=ident,
            excluded_queue_names=[],
        )
        one.run()
        if one._run_tasks:
            ran += 1
            if max_tasks is not None and ran >= max_tasks:
                break
            continue
        if once:
            break
        _sleep(interval, stop)
    return ran


def _sleep(seconds: float, stop: Stop) -> None:
    end = time.monotonic() + seconds
    while not stop.asked and time.monotonic() < end:
        time.sleep(min(0.1, seconds))
