"""The progress bar appears only for files that take more than a second."""

from __future__ import annotations

import pytest

from werkbrug import progress
from werkbrug.progress import FileProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(progress.time, "monotonic", fake)
    return fake


def test_a_file_read_within_a_second_shows_no_bar(clock: Clock) -> None:
    with FileProgress(enabled=True) as bar:
        bar.update("participants.csv", 10, 100)
        clock.now += 0.5
        bar.update("participants.csv", 100, 100)
        assert bar._bar is None


def test_a_slow_file_gets_a_bar_that_follows_the_bytes_read(clock: Clock) -> None:
    with FileProgress(enabled=True) as bar:
        bar.update("participants.csv", 10, 100)
        clock.now += 1.5
        bar.update("participants.csv", 40, 100)
        assert bar._bar is not None
        task = bar._bar.tasks[0]
        assert (task.description, task.completed, task.total) == ("participants.csv", 40, 100)


def test_no_bar_when_the_output_is_not_a_terminal(clock: Clock) -> None:
    with FileProgress(enabled=False) as bar:
        clock.now += 5
        bar.update("participants.csv", 40, 100)
        assert bar._bar is None
