"""A deliberately slow kind of job for the crash test, and a small command line around it,
run as its own process on the test's temporary SQLite database:

    python tests/jobs/slow_job.py enqueue   # a user and one slow job; prints its id
    python tests/jobs/slow_job.py worker    # `werkbrug worker` that knows the slow kind
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

STEPS = 8
STEP_SECONDS = 0.3


def slow(job: object) -> object:
    from werkbrug.jobs.kinds import FileResult, JobInput

    assert isinstance(job, JobInput)
    for step in range(STEPS):
        job.progress(step, STEPS)
        time.sleep(STEP_SECONDS)
    # A trace outside the database of every run that got to its end.
    with open(Path(os.environ["WERKBRUG_DATA_DIR"]) / "completed", "a") as trace:
        trace.write(f"{os.getpid()}\n")
    return FileResult(b"counted to %d" % STEPS, "count.txt", "text/plain")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbrug.settings")
    django.setup()
    from werkbrug.jobs import kinds

    kinds.register("test-slow", slow)  # type: ignore[arg-type]
    if sys.argv[1] == "enqueue":
        from werkbrug.accounts.models import Role
        from werkbrug.accounts.services import user_create
        from werkbrug.jobs.services import job_enqueue

        owner = user_create(username="owner", password="x-Secret-123", role=Role.ADMIN)
        print(job_enqueue(actor=owner, kind="test-slow", params={}).pk)
        return 0
    from werkbrug import cli

    return cli.main(["worker", "--interval", "0.2"])


if __name__ == "__main__":
    raise SystemExit(main())
