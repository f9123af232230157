"""Typed fields of a decoded grant file, each problem named by its field path.

A getter reads one field of an object and either returns its value or records what is wrong
with it (``measures[2].cost_eur: …``) and what is allowed. A required field that is missing or
wrong gives a placeholder value as well as the error, so the parser reads the whole file,
reports every problem at once, and makes nothing of a file with an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal

from werkbrug.grants.amounts import AmountError, parse_amount
from werkbrug.grants.jsonfile import JsonObject, child, item, json_kind
from werkbrug.grants.limits import Limits
from werkbrug.grants.problems import Collector
from werkbrug.grants.text import Quote, Text, say
from werkbrug.textsafe import is_unsafe

__all__ = ["FieldReader"]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# A plan's long texts may hold tabs and line breaks; nothing else that a terminal acts on or
# that reorders what is shown (textsafe's unsafe characters) belongs in a grant file's texts.
_LAYOUT = frozenset("\t\n\r")
PLACEHOLDER_DATE = dt.date(1900, 1, 1)
MAX_COUNT = 10_000_000


class FieldReader:
    def __init__(self, problems: Collector, limits: Limits) -> None:
        self.problems = problems
        self.limits = limits

    # Objects and lists

    def as_object(self, value: object, path: str) -> JsonObject | None:
        if isinstance(value, dict):
            return value
        self.problems.error(
            path,
            say(
                "hier hoort een object {{…}}; hier staat {kind}",
                "this must be an object {{…}}; it is {kind}",
                kind=json_kind(value),
            ),
        )
        return None

    def known(self, obj: JsonObject, path: str, fields: tuple[str, ...]) -> None:
        """Warn about fields the format does not have: they are ignored, and a misspelt
        optional field would otherwise go unnoticed."""
        for key in obj:
            if key not in fields:
                self.problems.warning(
                    child(path, key),
                    say(
                        "onbekend veld, genegeerd; de velden hier zijn: {known}",
                        "unknown field, ignored; the fields here are: {known}",
                        known=", ".join(fields),
                    ),
                )

    def section(
        self, obj: JsonObject, path: str, key: str, fields: tuple[str, ...], *, required: bool
    ) -> JsonObject | None:
        """An object field whose own fields are ``fields``; ``None`` when it is missing (an
        error if required) or not an object, so that its fields are not reported one by one."""
        found = self._lookup(obj, path, key, required=required)
        if found is None:
            return None
        where, raw = found
        section = self.as_object(raw, where)
        if section is not None:
            self.known(section, where, fields)
        return section

    def objects(
        self, obj: JsonObject, path: str, key: str, fields: tuple[str, ...]
    ) -> Iterator[tuple[str, JsonObject]]:
        """The objects of a list field (missing or null: none) with their paths; each item's
        own fields are ``fields``."""
        found = self._lookup(obj, path, key, required=False)
        if found is None:
            return
        where, raw = found
        if not isinstance(raw, list):
            self._wrong(where, raw, Text("een lijst […]", "a list […]"))
            return
        if len(raw) > self.limits.max_items:
            self.problems.error(
                where,
                say(
                    "de lijst heeft {n} elementen; ten hoogste {max} zijn toegestaan",
                    "the list has {n} items; at most {max} are allowed",
                    n=len(raw),
                    max=self.limits.max_items,
                ),
            )
            return
        for index, entry in enumerate(raw):
            element = self.as_object(entry, item(where, index))
            if element is not None:
                self.known(element, item(where, index), fields)
                yield item(where, index), element

    # Values: the plain getter requires the field, the *_or_* getter lets it be missing or null.

    def text(self, obj: JsonObject, path: str, key: str, *, long: bool = False) -> str:
        """A required text that is not empty."""
        value = self._text(obj, path, key, long=long, required=True)
        if value is not None and not value.strip():
            self.problems.error(child(path, key), say("mag niet leeg zijn", "must not be empty"))
        return value or ""

    def text_or_empty(self, obj: JsonObject, path: str, key: str, *, long: bool = False) -> str:
        return self._text(obj, path, key, long=long, required=False) or ""

    def _text(
        self, obj: JsonObject, path: str, key: str, *, long: bool, required: bool
    ) -> str | None:
        found = self._lookup(obj, path, key, required=required)
        if found is None:
            return None
        where, raw = found
        if not isinstance(raw, str):
            self._wrong(where, raw, Text("een tekst", "a text"))
            return None
        limit = self.limits.max_text_chars if long else self.limits.max_name_chars
        if len(raw) > limit:
            self.problems.error(
                where,
                say(
                    "de tekst is {n} tekens lang; ten hoogste {max} zijn toegestaan",
                    "the text is {n} characters long; at most {max} are allowed",
                    n=len(raw),
                    max=limit,
                ),
            )
            return None
        if not raw.isprintable() and _has_unsafe(raw, allowed=_LAYOUT if long else frozenset()):
            self.problems.error(
                where,
                say(
                    "de tekst bevat een stuurteken of onzichtbaar opmaakteken; verwijder het",
                    "the text contains a control or invisible formatting character; remove it",
                ),
            )
            return None
        return raw

    def flag(self, obj: JsonObject, path: str, key: str) -> bool:
        value = self.flag_or(obj, path, key, None)
        return bool(value)

    def flag_or(self, obj: JsonObject, path: str, key: str, default: bool | None) -> bool | None:
        """``default`` when missing or null; ``None`` as default makes the field required."""
        found = self._lookup(obj, path, key, required=default is None)
        if found is None:
            return default
        where, raw = found
        if not isinstance(raw, bool):
            self._wrong(where, raw, Text("true of false", "true or false"))
            return default
        return raw

    def amount(self, obj: JsonObject, path: str, key: str) -> Decimal:
        value = self.amount_or_none(obj, path, key, required=True)
        return Decimal(0) if value is None else value

    def amount_or_none(
        self, obj: JsonObject, path: str, key: str, *, required: bool = False
    ) -> Decimal | None:
        found = self._lookup(obj, path, key, required=required)
        if found is None:
            return None
        where, raw = found
        try:
            return parse_amount(raw)
        except AmountError as exc:
            self.problems.error(where, exc.message)
            return None

    def count_or_none(
        self, obj: JsonObject, path: str, key: str, *, required: bool = False
    ) -> int | None:
        found = self._lookup(obj, path, key, required=required)
        if found is None:
            return None
        where, raw = found
        # A number written as 80.0 is still a whole number; True is not one. The range comes
        # first: int() of 1E+999999 would build a million digits.
        number = raw if isinstance(raw, int | Decimal) and not isinstance(raw, bool) else None
        if number is None or not 0 <= number <= MAX_COUNT or number != int(number):
            self._wrong(
                where,
                raw,
                say(
                    "een geheel getal van 0 tot en met {max}",
                    "a whole number from 0 to {max}",
                    max=MAX_COUNT,
                ),
            )
            return None
        return int(number)

    def date(self, obj: JsonObject, path: str, key: str) -> dt.date:
        value = self.date_or_none(obj, path, key, required=True)
        return PLACEHOLDER_DATE if value is None else value

    def date_or_none(
        self, obj: JsonObject, path: str, key: str, *, required: bool = False
    ) -> dt.date | None:
        found = self._lookup(obj, path, key, required=required)
        if found is None:
            return None
        where, raw = found
        if isinstance(raw, str) and _ISO_DATE.fullmatch(raw):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                self.problems.error(
                    where,
                    say(
                        "{value} is geen bestaande datum",
                        "{value} is not a date that exists",
                        value=Quote(raw),
                    ),
                )
                return None
        self._wrong(where, raw, Text("een datum JJJJ-MM-DD", "a date YYYY-MM-DD"))
        return None

    def code(self, obj: JsonObject, path: str, key: str, codes: Mapping[str, Text]) -> str:
        return self.code_or_none(obj, path, key, codes, required=True) or ""

    def code_or_none(
        self,
        obj: JsonObject,
        path: str,
        key: str,
        codes: Mapping[str, Text],
        *,
        required: bool = False,
    ) -> str | None:
        found = self._lookup(obj, path, key, required=required)
        if found is None:
            return None
        where, raw = found
        if isinstance(raw, str) and raw in codes:
            return raw
        allowed = ", ".join(codes)
        self._wrong(where, raw, say("een van: {a}", "one of: {a}", a=allowed))
        return None

    # The common part

    def _lookup(
        self, obj: JsonObject, path: str, key: str, *, required: bool
    ) -> tuple[str, object] | None:
        where = child(path, key)
        raw = obj.get(key)
        if raw is None:
            if required:
                self.problems.error(
                    where,
                    say(
                        "dit veld is verplicht" + (" en mag niet null zijn" if key in obj else ""),
                        "this field is required" + (" and must not be null" if key in obj else ""),
                    ),
                )
            return None
        return where, raw

    def _wrong(self, where: str, raw: object, allowed: Text) -> None:
        shown = Quote(raw) if isinstance(raw, str) else json_kind(raw)
        self.problems.error(
            where,
            say(
                "hier hoort {allowed}; hier staat {shown}",
                "this must be {allowed}; it is {shown}",
                allowed=allowed,
                shown=shown,
            ),
        )


def _has_unsafe(text: str, allowed: frozenset[str]) -> bool:
    return any(is_unsafe(c) and c not in allowed for c in text)
