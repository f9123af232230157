"""The one way werkbrug writes a number for a reader: counts, amounts, hours, shares, scores
and moments, in Dutch (``€ 1.200,00``, ``36,5 uur``, ``59%``) or English (``€1,200.00``,
``36.5 hours``). Pure Python (no Django), so that the reports, the pages (through the template
filters in ``web/templatetags/werkbrug.py``) and the commands write a figure the same way; the
caller passes the language.

Why one module: the pages had grown their own ways (``€ 1200.00`` next to ``€ 420.000,00``,
hours as ``32,00`` and ``36.5``, a score as ``0.4``, ``0,60`` and ``51%``), and a reader
cannot compare what is written differently.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

from werkbrug.clock import AMSTERDAM
from werkbrug.indicators import exact, percent

__all__ = [
    "Lang",
    "count",
    "decimal",
    "euro",
    "hours",
    "lang_of",
    "moment",
    "score",
    "share",
]

Lang = Literal["nl", "en"]
Value = int | float | Decimal | Fraction
UNKNOWN = "–"
# Between a number and its unit: a reader never sees "€" or "uur" alone at a line's start.
NBSP = "\u00a0"


def lang_of(code: str | None) -> Lang:
    """``nl`` or ``en`` from a language code (``en-gb`` → ``en``); Dutch unless English."""
    return "en" if (code or "").lower().startswith("en") else "nl"


def _grouped(whole: str, lang: Lang) -> str:
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ("." if lang == "nl" else ",").join(groups)


def decimal(value: Value | None, lang: Lang, digits: int = 1, *, trim: bool = False) -> str:
    """``value`` with ``digits`` decimals, rounded half up, grouped by thousands
    (``1.234,5`` / ``1,234.5``). With ``trim``, decimals that are all zero are left off
    (``36`` but ``36,5``)."""
    if value is None:
        return UNKNOWN
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(exact(value).numerator) / Decimal(exact(value).denominator)
    rounded = rounded.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    if trim and not fraction.strip("0"):
        fraction = ""
    text = _grouped(whole, lang)
    if fraction:
        text += ("," if lang == "nl" else ".") + fraction
    return sign + text if text.strip("0.,") else text  # no "-0"


def count(value: int | None, lang: Lang) -> str:
    """A whole number grouped by thousands: ``1.000`` / ``1,000``."""
    return decimal(value, lang, 0)


def euro(amount: Value | None, lang: Lang) -> str:
    """An amount with cents: ``€ 1.200,00`` in Dutch, ``€1,200.00`` in English."""
    if amount is None:
        return UNKNOWN
    text = decimal(amount, lang, 2)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    return f"{sign}€{NBSP}{digits}" if lang == "nl" else f"{sign}€{digits}"


def hours(value: Value | None, lang: Lang) -> str:
    """Weekly hours with at most one decimal and the unit: ``36,5 uur`` / ``36.5 hours``."""
    if value is None:
        return UNKNOWN
    number = decimal(value, lang, 1, trim=True)
    unit = "uur" if lang == "nl" else ("hour" if number == "1" else "hours")
    return f"{number}{NBSP}{unit}"


def share(value: Value | None, lang: Lang) -> str:
    """A share (0.595) as a percentage: whole percents, rounded half up as the letter rounds
    (``60%``), with one decimal only where the whole percent would mislead, that is a share
    that is not 0 shown as ``0%`` or one that is not 1 shown as ``100%`` (``0,4%``)."""
    if value is None:
        return UNKNOWN
    whole = percent(value)
    exact_share = exact(value)
    if (whole == 0 and exact_share > 0) or (whole == 100 and exact_share < 1):
        return decimal(exact_share * 100, lang, 1) + "%"
    return f"{whole}%"


def score(value: Value | None, lang: Lang) -> str:
    """A matching score (0 to 1) is always written as a percentage: ``62%``."""
    return share(value, lang)


_MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def moment(value: dt.datetime | None, lang: Lang) -> str:
    """An aware time as the clock in Amsterdam shows it: ``3 december 2026 10:43`` /
    ``3 December 2026 10:43``; werkbrug's programmes are Dutch, whatever zone the server is
    in (``werkbrug.clock``)."""
    if value is None:
        return UNKNOWN
    if value.tzinfo is None:
        raise ValueError("a naive time has no place in a document: pass an aware datetime")
    local = value.astimezone(AMSTERDAM)
    month = _MONTHS[lang][local.month - 1]
    return f"{local.day} {month} {local.year} {local:%H:%M}"
