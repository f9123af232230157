"""A progress bar for long file work on a terminal (rich), shown only after a second, so
small files print nothing but their result."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

SHOW_AFTER_SECONDS = 1.0


class FileProgress:
    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Progress | None = None
        self._tasks: dict[str, TaskID] = {}
        self._started: dict[str, float] = {}

    def update(self, file: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        started = self._started.setdefault(file, now)
        if self._bar is None:
            if now - started < SHOW_AFTER_SECONDS or done >= total:
                return
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeRemainingColumn(),
                transient=True,
            )
            self._bar.start()
        if file not in self._tasks:
            self._tasks[file] = self._bar.add_task(file, total=total or None)
        self._bar.update(self._tasks[file], completed=done)

    def __enter__(self) -> FileProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
