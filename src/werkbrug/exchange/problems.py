"""Problems found in a delivery, reported all at once as ``file:line: column: message``.

A problem keeps its message as an English template plus parameters, so the caller can
translate it (the Django shell passes ``gettext``; the templates are marked for extraction
with :func:`gettext_noop`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from werkbrug.textsafe import printable

# What a message quotes of a value, a column name or a file name from the delivery: enough to
# recognise it, never megabytes (a message is repeated for every bad cell).
QUOTE_CHARS = 40
PLACE_CHARS = 120
# Parameters that werkbrug writes itself (lists of allowed codes and columns): escaped like
# the rest but not shortened, because they tell the user what to write instead.
_OWN_PARAMS = frozenset({"allowed", "known", "columns"})


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (xgettext finds this name)."""
    return message


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def message(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.template).format(**self.params)

    def render(self, translate: Callable[[str], str] = str) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
        text = self.message(translate)
        if self.severity is Severity.WARNING:
            text = translate(gettext_noop("warning: {text}")).format(text=text)
        if self.column:
            return f"{place}: {self.column}: {text}"
        return f"{place}: {text}"


class Problems:
    """Collects problems; keeps the first ``keep`` of each severity and counts the rest, so a
    file with a million bad rows does not exhaust memory."""

    def __init__(self, keep: int = 1000) -> None:
        self.keep = keep
        self.items: list[Problem] = []
        self.error_count = 0
        self.warning_count = 0

    def add(self, problem: Problem) -> None:
        if problem.severity is Severity.ERROR:
            self.error_count += 1
            count = self.error_count
        else:
            self.warning_count += 1
            count = self.warning_count
        if count <= self.keep:
            self.items.append(_safe(problem))

    def error(
        self, file: str, line: int | None, column: str | None, template: str, **params: Any
    ) -> None:
        self.add(Problem(file, line, column, template, params))

    def warning(
        self, file: str, line: int | None, column: str | None, template: str, **params: Any
    ) -> None:
        self.add(Problem(file, line, column, template, params, Severity.WARNING))

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    @property
    def omitted(self) -> int:
        kept_errors = min(self.error_count, self.keep)
        kept_warnings = min(self.warning_count, self.keep)
        return self.error_count + self.warning_count - kept_errors - kept_warnings

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]


def _safe(problem: Problem) -> Problem:
    """The problem with every text from the delivery escaped and shortened."""
    params = {
        key: printable(value, None if key in _OWN_PARAMS else QUOTE_CHARS)
        if isinstance(value, str)
        else value
        for key, value in problem.params.items()
    }
    return Problem(
        printable(problem.file, PLACE_CHARS),
        problem.line,
        None if problem.column is None else printable(problem.column, QUOTE_CHARS),
        problem.template,
        params,
        problem.severity,
    )
