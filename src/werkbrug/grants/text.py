"""Messages in Dutch and English, with amounts, shares and dates written the way each language
writes them.

A rule's message goes into the check report in both languages at once (``{"nl": …, "en": …}``)
and a determination's reasons into a letter in either, so a message is a pair of finished
texts rather than a template for Django's gettext: this package has no Django and must give
both languages in one call. :func:`say` fills a Dutch and an English template with the same
parameters, each shown in its own language's conventions (``€ 120.000,50`` / ``€120,000.50``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Literal

from werkbrug.textsafe import printable

__all__ = [
    "LANGUAGES",
    "Count",
    "Euro",
    "Lang",
    "Quote",
    "Share",
    "Text",
    "euro_text",
    "lang_or_default",
    "say",
    "share_text",
]

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")
# What a message quotes of a value from a file: enough to recognise it, never a page of it.
QUOTE_CHARS = 40

_MONTHS_NL = [
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
]
_MONTHS_EN = [
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
]


@dataclass(frozen=True)
class Text:
    """One message, in Dutch and in English."""

    nl: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en

    def as_json(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}


@dataclass(frozen=True)
class Euro:
    """An amount to show in a message (rounded to cents for showing only)."""

    amount: Decimal


@dataclass(frozen=True)
class Share:
    """A share (0.425) to show as a percentage (42,5%)."""

    value: Decimal


@dataclass(frozen=True)
class Quote:
    """Text from a file, shown quoted, escaped and shortened."""

    value: str


_WORDS_NL = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")
_WORDS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class Count:
    """A small number written as a word (twee, two), as a letter writes it; digits above ten."""

    value: int


def lang_or_default(raw: str | None) -> Lang:
    """The language asked for; Dutch, the product's language, for anything else."""
    return "en" if raw == "en" else "nl"


def say(nl: str, en: str, **params: object) -> Text:
    """The two templates filled in, each parameter shown in each template's language."""
    return Text(
        nl.format(**{k: _show(v, "nl") for k, v in params.items()}),
        en.format(**{k: _show(v, "en") for k, v in params.items()}),
    )


def _show(value: object, lang: Lang) -> str:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, Euro):
        return euro_text(value.amount, lang)
    if isinstance(value, Share):
        return share_text(value.value, lang)
    if isinstance(value, Quote):
        return "'" + printable(value.value, QUOTE_CHARS) + "'"
    if isinstance(value, Count):
        words = _WORDS_NL if lang == "nl" else _WORDS_EN
        return words[value.value] if 0 <= value.value < len(words) else _show(value.value, lang)
    if isinstance(value, dt.date):
        return _date_text(value, lang)
    if isinstance(value, bool):
        raise TypeError("a yes/no value has no place in a message; say it in words")
    if isinstance(value, int):
        return _grouped(str(value), lang)
    return str(value)


def _grouped(digits: str, lang: Lang) -> str:
    sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ("." if lang == "nl" else ",").join(groups)


def euro_text(amount: Decimal, lang: Lang) -> str:
    """``€ 1.234.567,89`` in Dutch, ``€1,234,567.89`` in English; whole euros without cents
    (``€ 120.000``), as a letter writes them."""
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(cents):f}".partition(".")
    sign = "-" if cents < 0 else ""
    number = _grouped(whole, lang)
    if fraction.strip("0"):
        number += ("," if lang == "nl" else ".") + fraction
    return f"{sign}€ {number}" if lang == "nl" else f"{sign}€{number}"


def share_text(share: Decimal, lang: Lang) -> str:
    """A share as a percentage with at most one decimal, rounded down, so that a share just
    below a threshold is never shown as the threshold itself (0.59996 is 59,9%, not 60%)."""
    tenths = (share * 100).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
    text = f"{tenths:f}"
    if text.endswith(".0"):
        text = text[:-2]
    return (text.replace(".", ",") if lang == "nl" else text) + "%"


def _date_text(day: dt.date, lang: Lang) -> str:
    months = _MONTHS_NL if lang == "nl" else _MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"
