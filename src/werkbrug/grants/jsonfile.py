"""Reading a grant file's JSON, refusing what no grant file holds, before any field is read.

The checks, in order, each before the step it protects: the file's size on disk (before it is
read), UTF-8 (a byte order mark is allowed), the nesting depth (before the decoder, which
recurses), the decoder itself (its line and column for broken JSON), then a walk over the
decoded tree for what the decoder accepts but the format does not: a key written twice (JSON
leaves it undefined which one counts), ``NaN`` and ``Infinity`` (not JSON at all), numbers
of absurd length (which Python would otherwise spend time converting), and lists or objects of
more than a thousand items (refused whole, so the walk stays short). Numbers are decoded
to ``int`` and :class:`~decimal.Decimal`, never to binary floats, so ``0.1`` stays 0.1.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from werkbrug.grants.limits import DEFAULT_LIMITS, Limits
from werkbrug.grants.problems import Collector, Result
from werkbrug.grants.text import Quote, Text, say

__all__ = ["JsonObject", "child", "item", "json_kind", "read_json_bytes", "read_json_file"]

JsonObject = dict[str, object]

# A JSON string (the unrolled form: no backtracking on long strings), or one bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_BOM = b"\xef\xbb\xbf"


class _Object(dict[str, object]):
    """A decoded object that remembers the keys its file wrote more than once."""

    duplicates: tuple[str, ...] = ()


class _Refused:
    """A token the decoder read that the format refuses (NaN, a number of a thousand digits)."""

    def __init__(self, token: str) -> None:
        self.token = token


def read_json_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Result[JsonObject]:
    """The file's one JSON object, or the problems that keep it from being read."""
    problems = Collector(str(path), limits.max_problems)
    try:
        if not path.is_file():
            problems.error(None, say("bestand niet gevonden", "file not found"))
            return problems.result(None)
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            problems.error(None, _too_large(size, limits))
            return problems.result(None)
        with open(path, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        problems.error(
            None,
            say(
                "kan het bestand niet lezen ({why})",
                "cannot read the file ({why})",
                why=exc.strerror or type(exc).__name__,
            ),
        )
        return problems.result(None)
    return read_json_bytes(data, str(path), limits)


def read_json_bytes(data: bytes, file: str, limits: Limits = DEFAULT_LIMITS) -> Result[JsonObject]:
    problems = Collector(file, limits.max_problems)
    if len(data) > limits.max_file_bytes:  # the file grew after it was measured
        problems.error(None, _too_large(len(data), limits))
        return problems.result(None)
    text = _utf8(data.removeprefix(_BOM), problems)
    if text is None:
        return problems.result(None)
    deep = _too_deep(text, limits.max_depth)
    if deep is not None:
        problems.error(
            None,
            say(
                "objecten en lijsten zijn dieper dan {max} niveaus genest",
                "objects and lists are nested deeper than {max} levels",
                max=limits.max_depth,
            ),
            line=deep,
        )
        return problems.result(None)
    value = _decode(text, limits, problems)
    if value is None:
        return problems.result(None)
    _refuse_what_json_allows(value, limits, problems)
    return problems.result(value)


def _too_large(size: int, limits: Limits) -> Text:
    return say(
        "het bestand is {size} bytes; ten hoogste {max} bytes zijn toegestaan",
        "the file is {size} bytes; at most {max} bytes are allowed",
        size=size,
        max=limits.max_file_bytes,
    )


def _utf8(data: bytes, problems: Collector) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.error(
            None,
            say(
                "geen UTF-8 (byte {at}); sla het bestand op als UTF-8",
                "not UTF-8 (byte {at}); save the file as UTF-8",
                at=exc.start + 1,
            ),
            line=data.count(b"\n", 0, exc.start) + 1,
        )
        return None


def _too_deep(text: str, max_depth: int) -> int | None:
    """The line where nesting first goes deeper than ``max_depth``, or ``None``."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return None


def _decode(text: str, limits: Limits, problems: Collector) -> JsonObject | None:
    def number(token: str, convert: type[int] | type[Decimal]) -> object:
        return _Refused(token) if len(token) > limits.max_number_chars else convert(token)

    try:
        value = json.loads(
            text,
            object_pairs_hook=_object,
            parse_constant=_Refused,
            parse_int=lambda token: number(token, int),
            parse_float=lambda token: number(token, Decimal),
        )
    except json.JSONDecodeError as exc:
        problems.error(
            None,
            say(
                "geen geldige JSON: {why} (kolom {column})",
                "not valid JSON: {why} (column {column})",
                why=exc.msg,
                column=exc.colno,
            ),
            line=exc.lineno,
        )
        return None
    except RecursionError:  # the depth check comes first; this is the last line of defence
        problems.error(None, say("te diep genest", "nested too deeply"))
        return None
    if not isinstance(value, dict):
        problems.error(
            None,
            say(
                "het bestand moet één JSON-object {{…}} bevatten; het bevat {kind}",
                "the file must hold one JSON object {{…}}; it holds {kind}",
                kind=json_kind(value),
            ),
        )
        return None
    return value


def _object(pairs: list[tuple[str, object]]) -> _Object:
    result = _Object(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        twice: dict[str, None] = {}
        for key, _ in pairs:
            if key in seen:
                twice[key] = None
            seen.add(key)
        result.duplicates = tuple(twice)
    return result


# What the walk looks into; other values (most of a file) it passes over without a path.
_WALKED = (dict, list, _Refused)


def _refuse_what_json_allows(root: object, limits: Limits, problems: Collector) -> None:
    # Iterative, although the depth is already bounded: one way of walking, whatever the size.
    stack: list[tuple[str, object]] = [("", root)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Refused):
            problems.error(
                path or None,
                say(
                    "{token} is geen toegestaan getal; schrijf een gewoon getal (geen NaN of "
                    "Infinity, ten hoogste {max} tekens)",
                    "{token} is not an allowed number; write an ordinary number (no NaN or "
                    "Infinity, at most {max} characters)",
                    token=Quote(value.token),
                    max=limits.max_number_chars,
                ),
            )
        elif isinstance(value, dict | list) and len(value) > limits.max_items:
            # Refused whole, before its contents are looked at: no grant file holds a
            # thousand of anything, and a file of a million values must not take long.
            problems.error(
                path or None,
                say(
                    "{kind} heeft {n} elementen; ten hoogste {max} zijn toegestaan",
                    "{kind} has {n} items; at most {max} are allowed",
                    kind=Text("dit object", "this object")
                    if isinstance(value, dict)
                    else Text("deze lijst", "this list"),
                    n=len(value),
                    max=limits.max_items,
                ),
            )
        elif isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                problems.error(
                    child(path, key),
                    say(
                        "deze sleutel staat meer dan eens in het object; schrijf hem één keer",
                        "this key appears more than once in its object; write it once",
                    ),
                )
            pairs = [(k, v) for k, v in value.items() if isinstance(v, _WALKED)]
            stack.extend((child(path, k), v) for k, v in reversed(pairs))
        elif isinstance(value, list):
            items = [(i, v) for i, v in enumerate(value) if isinstance(v, _WALKED)]
            stack.extend((item(path, i), v) for i, v in reversed(items))


def child(path: str, key: str) -> str:
    """The path of an object's field: ``plan.design``."""
    return f"{path}.{key}" if path else key


def item(path: str, index: int) -> str:
    """The path of a list's item: ``measures[2]``."""
    return f"{path}[{index}]"


def json_kind(value: object) -> Text:
    """The JSON type of a value, in words, for messages that say what was found instead."""
    if value is None:
        return Text("null (leeg)", "null")
    if isinstance(value, bool):
        return Text("ja/nee (true/false)", "a yes/no value (true/false)")
    if isinstance(value, int | Decimal):
        return Text("een getal", "a number")
    if isinstance(value, str):
        return Text("een tekst", "a text")
    if isinstance(value, list):
        return Text("een lijst", "a list")
    if isinstance(value, dict):
        return Text("een object", "an object")
    return Text("een onbekende waarde", "an unknown value")
