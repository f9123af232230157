"""The one django-tasks task: run a job by its id. What to do is on the job row (its kind),
so the queue carries no data of its own."""

from __future__ import annotations

from django_tasks import task

from werkbrug.jobs import runner


@task()
def job_task(job_id: int) -> None:
    runner.job_run(job_id)
