"""What is wrong with a grant file: ``FILE:LINE: message`` or ``FILE: field.path: message``.

A problem names the file, and either the line (where the JSON itself is broken, from the
decoder) or the field path (``measures[2].cost_eur``), and says what is allowed. Its message is
a :class:`~werkbrug.grants.text.Text`, so the command prints it in the user's language.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Generic, TypeVar

from werkbrug.grants.text import Lang, Text, say
from werkbrug.textsafe import printable

__all__ = ["FileProblem", "Result", "Severity"]

T = TypeVar("T")
# A file name or a field path is shown whole up to this length.
PLACE_CHARS = 200


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class FileProblem:
    file: str
    line: int | None
    path: str | None
    message: Text
    severity: Severity = Severity.ERROR

    def render(self, lang: Lang) -> str:
        # The file name and a field path can come from the user's disk or file: shown, never
        # acted on by the terminal.
        place = printable(self.file, PLACE_CHARS)
        if self.line is not None:
            place += f":{self.line}"
        text = self.message.get(lang)
        if self.severity is Severity.WARNING:
            text = say("waarschuwing: {t}", "warning: {t}", t=self.message).get(lang)
        if self.path:
            return f"{place}: {printable(self.path, PLACE_CHARS)}: {text}"
        return f"{place}: {text}"


@dataclass(frozen=True)
class Result(Generic[T]):
    """A value, or the problems that kept it from being made (warnings may come with either)."""

    value: T | None
    problems: tuple[FileProblem, ...] = ()
    #: Problems found beyond those kept.
    omitted: int = 0

    @property
    def ok(self) -> bool:
        return self.value is not None

    @property
    def errors(self) -> tuple[FileProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[FileProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


class Collector:
    """Gathers a file's problems: keeps the first ``keep`` and counts the rest, so a file with
    a thousand bad measures gives a readable list and bounded memory."""

    def __init__(self, file: str, keep: int = 100) -> None:
        self.file = file
        self.keep = keep
        self.kept: list[FileProblem] = []
        self.omitted = 0
        self.error_count = 0

    def add(self, problem: FileProblem) -> None:
        if problem.severity is Severity.ERROR:
            self.error_count += 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)
        else:
            self.omitted += 1

    def error(self, path: str | None, message: Text, line: int | None = None) -> None:
        self.add(FileProblem(self.file, line, path, message))

    def warning(self, path: str | None, message: Text) -> None:
        self.add(FileProblem(self.file, None, path, message, Severity.WARNING))

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    def result(self, value: T | None) -> Result[T]:
        """``value`` when no error was found, else nothing; with every problem kept."""
        return Result(None if self.has_errors else value, tuple(self.kept), self.omitted)
