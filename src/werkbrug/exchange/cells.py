"""Cell parsers: one raw, non-empty, trimmed string in, one typed value out.

A parser raises :class:`CellError` with a message template that says what is allowed; the
validator adds the file, line and column. Parsers are built once per column and called for
every cell, so they avoid work that does not depend on the cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from werkbrug.exchange.problems import gettext_noop
from werkbrug.taxonomy import CodeList, is_esco_occupation_uri, is_isco_unit_group

Parser = Callable[[str], Any]


class CellError(ValueError):
    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template)
        self.template = template
        self.params = params


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
# Dutch Excel writes 1-2-2011 as well as 01-02-2011.
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})", re.ASCII)


EARLIEST_DATE = dt.date(1900, 1, 1)


def parse_date(raw: str) -> dt.date:
    match = _ISO_DATE.fullmatch(raw)
    if match:
        year, month, day = match.groups()
    else:
        match = _DUTCH_DATE.fullmatch(raw)
        if not match:
            raise CellError(
                gettext_noop("'{value}' is not a date; use YYYY-MM-DD or DD-MM-YYYY"), value=raw
            )
        day, month, year = match.groups()
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(gettext_noop("'{value}' is not an existing date"), value=raw) from None
    if value < EARLIEST_DATE:
        # Excel cannot hold earlier dates: an export to .xlsx would not read back.
        raise CellError(gettext_noop("{value} is before 1900-01-01"), value=raw)
    return value


# WAAR/ONWAAR: what Dutch Excel writes for TRUE/FALSE when a sheet is saved as CSV.
_TRUE = frozenset({"true", "yes", "ja", "1", "waar"})
_FALSE = frozenset({"false", "no", "nee", "0", "onwaar"})


def parse_bool(raw: str) -> bool:
    value = raw.lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(
        gettext_noop("'{value}' is not a yes/no value; use true/false, yes/no, ja/nee or 1/0"),
        value=raw,
    )


# Control characters other than tab and line breaks: no spreadsheet can hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(max_length: int) -> Parser:
    def parse(raw: str) -> str:
        if len(raw) > max_length:
            raise CellError(
                gettext_noop("text is {length} characters long; at most {max} are allowed"),
                length=len(raw),
                max=max_length,
            )
        if _CONTROL.search(raw):
            raise CellError(gettext_noop("the text contains a control character; remove it"))
        return raw

    return parse


# At most 12 digits before the point: every amount or count in the format fits, and Python
# never meets a number too long to convert.
_INTEGER = re.compile(r"-?[0-9]{1,12}")
_DIGITS = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
MAX_INT = 2_147_483_647  # what every database stores in an integer column


def integer(minimum: int, maximum: int = MAX_INT) -> Parser:
    def parse(raw: str) -> int:
        # int() alone would also take "+5", "1_000" and digits of other scripts.
        if not _INTEGER.fullmatch(raw):
            if _DIGITS.fullmatch(raw):
                raise _range_error(raw, minimum, None if maximum == MAX_INT else maximum)
            raise CellError(gettext_noop("'{value}' is not a whole number"), value=raw)
        value = int(raw)
        if value < minimum or value > maximum:
            raise _range_error(raw, minimum, None if maximum == MAX_INT else maximum)
        return value

    return parse


# 1.234.567,89 or 180.000: points that group thousands, in a file with a decimal comma.
_GROUPED = re.compile(r"-?[1-9][0-9]{0,2}(\.[0-9]{3})+(,[0-9]+)?")


def decimal(
    minimum: Decimal,
    maximum: Decimal | None = None,
    *,
    exclusive_minimum: bool = False,
    places: int = 2,
) -> Callable[[bool], Parser]:
    """A decimal parser factory: call the result with whether the file uses a decimal comma
    (allowed only in ``;``-separated files, where ``1.234,5`` and ``37,5`` are Dutch habit).

    In such a file a point is read as a thousands separator when it groups three digits
    (``180.000`` is 180000, ``1.250`` is 1250), and as a decimal point otherwise (``37.5``);
    an amount is never silently divided by a thousand."""

    def for_file(decimal_comma: bool) -> Parser:
        def parse(raw: str) -> Decimal:
            cleaned = raw
            if decimal_comma:
                if _GROUPED.fullmatch(raw):
                    cleaned = raw.replace(".", "")
                cleaned = cleaned.replace(",", ".", 1)
            if not _DECIMAL.fullmatch(cleaned):
                raise CellError(gettext_noop("'{value}' is not a number"), value=raw)
            if len(cleaned.partition(".")[2].rstrip("0")) > places:
                raise CellError(
                    gettext_noop("{value} has more than {places} decimal places"),
                    value=raw,
                    places=places,
                )
            if len(cleaned.partition(".")[0].lstrip("-").lstrip("0")) > 12:
                raise _range_error(raw, minimum, maximum)
            value = Decimal(cleaned)
            too_low = value <= minimum if exclusive_minimum else value < minimum
            if too_low or (maximum is not None and value > maximum):
                if exclusive_minimum:
                    raise CellError(
                        gettext_noop(
                            "{value} is out of range; it must be more than {min} and at most {max}"
                        ),
                        value=raw,
                        min=minimum,
                        max=maximum,
                    )
                raise _range_error(raw, minimum, maximum)
            return canonical_decimal(value)

        return parse

    return for_file


def canonical_decimal(value: Decimal) -> Decimal:
    """Drop trailing zeros so that 36, 36.0 and 36,00 are one value (and hash alike)."""
    normal = value.normalize() + 0  # + 0 turns -0 into 0
    # normalize() writes 100 as 1E+2; quantize back to an integer exponent.
    if normal.as_tuple().exponent > 0:  # type: ignore[operator]
        normal = normal.quantize(Decimal(1))
    return normal


def _range_error(raw: str, minimum: Any, maximum: Any) -> CellError:
    if maximum is None:
        return CellError(
            gettext_noop("{value} is out of range; it must be at least {min}"),
            value=raw,
            min=minimum,
        )
    return CellError(
        gettext_noop("{value} is out of range; it must be between {min} and {max}"),
        value=raw,
        min=minimum,
        max=maximum,
    )


def code(codes: CodeList) -> Parser:
    def parse(raw: str) -> str:
        found = codes.canonical(raw)
        if found is None:
            raise CellError(
                gettext_noop("unknown code '{value}'; use one of: {allowed}"),
                value=raw,
                allowed=_allowed(codes),
            )
        return found

    return parse


def _allowed(codes: CodeList, limit: int = 20) -> str:
    shown = ", ".join(codes.codes[:limit])
    return shown if len(codes) <= limit else f"{shown}, … ({len(codes)})"


def occupation(raw: str) -> str:
    if is_isco_unit_group(raw):
        return raw
    if is_esco_occupation_uri(raw):
        return raw.lower()  # ESCO's URIs are lower case; one spelling, one hash
    raise CellError(
        gettext_noop(
            "'{value}' is not an ISCO-08 unit group (4 digits, e.g. 7131) or an ESCO occupation URI"
        ),
        value=raw,
    )


_POSTCODE = re.compile(r"([1-9][0-9]{3})(?:\s?[A-Za-z]{2})?", re.ASCII)


def postcode(raw: str) -> str:
    """A Dutch postcode; a full one (1234 AB) is cut to its four digits, which is all the
    format keeps (data minimisation)."""
    match = _POSTCODE.fullmatch(raw)
    if not match:
        raise CellError(
            gettext_noop("'{value}' is not a Dutch postcode; use the four digits, e.g. 3511"),
            value=raw,
        )
    return match.group(1)


_SKILLS_TEXT = text(10_000)


def skills(raw: str) -> str | None:
    """Skills separated by ``|``: trimmed, empty items dropped, order kept; none is unknown."""
    items = [item.strip() for item in _SKILLS_TEXT(raw).split("|")]
    return "|".join(item for item in items if item) or None
