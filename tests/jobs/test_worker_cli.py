"""`werkbrug worker` on the command line: what it says, and its refusals."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import CliResult


@pytest.mark.django_db
def test_once_runs_what_is_queued_and_stops(run: Callable[..., CliResult]) -> None:
    result = run("worker", "--once", "--lang=en")
    assert result.code == 0
    assert result.out.strip() == "0 jobs run"


@pytest.mark.parametrize("interval", ["0", "-1", "5000"])
def test_a_bad_interval_is_refused(run: Callable[..., CliResult], interval: str) -> None:
    result = run("worker", "--interval", interval, "--lang=en")
    assert result.code == 2
    assert "--interval must be more than 0 and at most 3600" in result.err
    assert "Traceback" not in result.err


@pytest.mark.django_db
def test_jobs_lists_them_and_follows_one_to_its_end(run: Callable[..., CliResult]) -> None:
    from werkbrug.accounts.models import Role
    from werkbrug.accounts.services import user_create
    from werkbrug.jobs.models import Job, JobState

    owner = user_create(username="owner", password="x-Secret-123", role=Role.ADMIN)
    job = Job.objects.create(
        owner=owner, kind="report", state=JobState.DONE, result_name="rapportage-x.pdf"
    )
    listed = run("jobs", "--lang=en")
    assert listed.code == 0
    assert listed.out.startswith(f"{job.pk}\treport\tdone\t0/0\towner\t")
    followed = run("jobs", job.pk, "--lang=en")
    assert (followed.code, followed.out) == (0, f"{job.pk}\tdone\trapportage-x.pdf\n")


@pytest.mark.django_db
def test_following_an_unknown_job_says_how_to_find_one(run: Callable[..., CliResult]) -> None:
    result = run("jobs", "999", "--lang=en")
    assert result.code == 1
    assert "there is no job 999; `werkbrug jobs` lists them" in result.err
