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
