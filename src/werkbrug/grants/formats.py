"""What the three grant file parsers share: the ``format`` field, reading from disk, and codes
that must be unique."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from werkbrug.grants.fields import FieldReader
from werkbrug.grants.jsonfile import JsonObject, child, read_json_file
from werkbrug.grants.limits import DEFAULT_LIMITS, Limits
from werkbrug.grants.problems import Collector, Result
from werkbrug.grants.text import Quote, say

__all__ = [
    "APPLICATION_FORMAT",
    "AWARD_FORMAT",
    "DECLARATION_FORMAT",
    "format_matches",
    "new_reader",
    "read_file",
    "unique_codes",
]

T = TypeVar("T")

APPLICATION_FORMAT = "werkbrug-application/1"
DECLARATION_FORMAT = "werkbrug-declaration/1"
AWARD_FORMAT = "werkbrug-award/1"
_NAMES = {
    APPLICATION_FORMAT: say("een aanvraag", "an application"),
    DECLARATION_FORMAT: say("een declaratie", "a declaration"),
    AWARD_FORMAT: say("een beschikking", "an award"),
}
# Dutch says 'geen aanvraag' where English says 'not an application'.
_NOT = {
    APPLICATION_FORMAT: say("geen aanvraag", "not an application"),
    DECLARATION_FORMAT: say("geen declaratie", "not a declaration"),
    AWARD_FORMAT: say("geen beschikking", "not an award"),
}

Parse = Callable[[JsonObject, str, Limits], Result[T]]


def read_file(path: Path, parse: Parse[T], limits: Limits = DEFAULT_LIMITS) -> Result[T]:
    """The file read as JSON and then parsed, or the problems of the first step that failed."""
    decoded = read_json_file(path, limits)
    if decoded.value is None:
        return Result(None, decoded.problems, decoded.omitted)
    return parse(decoded.value, str(path), limits)


def new_reader(file: str, limits: Limits) -> FieldReader:
    return FieldReader(Collector(file, limits.max_problems), limits)


def format_matches(reader: FieldReader, data: JsonObject, fmt: str) -> bool:
    """Whether the file says it is a file of ``fmt``; if not, the parser reads no further, as
    every other field would only add noise."""
    found = data.get("format")
    if found == fmt:
        return True
    expected = _NAMES[fmt]
    if isinstance(found, str) and found in _NAMES:
        message = say(
            "dit is {found}, {expected}; hier hoort {fmt}",
            "this is {found}, {expected}; this must be {fmt}",
            found=_NAMES[found],
            expected=_NOT[fmt],
            fmt=Quote(fmt),
        )
    else:
        message = say(
            "hier hoort {fmt} ({expected}); hier staat {found}",
            "this must be {fmt} ({expected}); it is {found}",
            fmt=Quote(fmt),
            expected=expected,
            found=Quote(found) if isinstance(found, str) else say("niets", "nothing"),
        )
    reader.problems.error("format", message)
    return False


def unique_codes(reader: FieldReader, path: str, codes: list[tuple[str, str]]) -> None:
    """Report every code (with its item's path) that an earlier item already used."""
    seen: set[str] = set()
    for where, code in codes:
        if code and code in seen:
            reader.problems.error(
                child(where, "code"),
                say(
                    "de code {code} komt al eerder voor in {list}; elke code één keer",
                    "the code {code} already appears earlier in {list}; each code once",
                    code=Quote(code),
                    list=path,
                ),
            )
        seen.add(code)
