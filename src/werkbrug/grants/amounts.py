"""Amounts in euros: read in every spelling a grant file may use, rounded once at the end.

A file may write an amount as a JSON number (``250000``, ``250000.5``), as a text with a
decimal point (``"250000.00"``), or the Dutch way, with a decimal comma and points grouping
thousands (``"250.000,00"``, ``"1250,5"``, ``"250.000"``). All give the same
:class:`~decimal.Decimal`. Anything else is refused with a message that shows what to write:
a grouping comma (``"250,000"``) is ambiguous between the two conventions, and more than two
decimals is not an amount in euros.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from werkbrug.grants.jsonfile import json_kind
from werkbrug.grants.text import Euro, Quote, Text, say

__all__ = ["MAX_AMOUNT", "AmountError", "cents", "parse_amount"]

#: Below a trillion euros: far above any scheme's ceiling, far below where arithmetic slows.
MAX_AMOUNT = Decimal("999999999999.99")
CENT = Decimal("0.01")

# 250000 / 250000.5 / 250000.00
_POINT = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,2})?", re.ASCII)
# 1250,5 / 250000,00
_COMMA = re.compile(r"[0-9]{1,15},[0-9]{1,2}", re.ASCII)
# 250.000 / 1.250.000,00: a point groups exactly three digits (three decimals are never euros,
# so "250.000" can only mean two hundred and fifty thousand).
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,4}(?:,[0-9]{1,2})?", re.ASCII)

_EXAMPLES = '"250000.00", 250000 {or} "250.000,00"'


class AmountError(ValueError):
    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


def parse_amount(raw: object) -> Decimal:
    """An amount of at least zero and at most :data:`MAX_AMOUNT`, with at most two decimals."""
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | str):
        raise AmountError(
            say(
                "een bedrag in euro's is een getal of een tekst, bijvoorbeeld "
                + _EXAMPLES.format(**{"or": "of"})
                + "; hier staat {kind}",
                "an amount in euros is a number or a text, for example "
                + _EXAMPLES.format(**{"or": "or"})
                + "; this is {kind}",
                kind=json_kind(raw),
            )
        )
    value = _from_text(raw.strip()) if isinstance(raw, str) else Decimal(raw)
    return _checked(value)


def _from_text(text: str) -> Decimal:
    if _POINT.fullmatch(text):
        return Decimal(text)
    if _COMMA.fullmatch(text):
        return Decimal(text.replace(",", "."))
    if _GROUPED.fullmatch(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    raise AmountError(
        say(
            "{value} is geen bedrag in euro's; schrijf bijvoorbeeld "
            + _EXAMPLES.format(**{"or": "of"})
            + " (ten hoogste twee decimalen, geen valutateken)",
            "{value} is not an amount in euros; write for example "
            + _EXAMPLES.format(**{"or": "or"})
            + " (at most two decimals, no currency sign)",
            value=Quote(text),
        )
    )


def _checked(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise AmountError(say("geen eindig getal", "not a finite number"))
    if value < 0:
        raise AmountError(
            say(
                "een bedrag kan niet negatief zijn; hier staat {value}",
                "an amount cannot be negative; this is {value}",
                value=str(value),
            )
        )
    if value > MAX_AMOUNT:
        raise AmountError(
            say(
                "het bedrag is te groot; ten hoogste {max}",
                "the amount is too large; at most {max}",
                max=Euro(MAX_AMOUNT),
            )
        )
    if _decimals(value) > 2:
        raise AmountError(
            say(
                "{value} heeft meer dan twee decimalen; een bedrag in euro's telt hele centen",
                "{value} has more than two decimals; an amount in euros counts whole cents",
                value=str(value),
            )
        )
    # One zero, whatever its spelling: -0 and 0E-99999999 (which would print a page of zeros).
    return value if value else Decimal(0)


def _decimals(value: Decimal) -> int:
    """Decimal places without trailing zeros (1.500 has one), read off the digits: normalize()
    would round 1E-999999999 to zero under the default context."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked before
    if not any(digits):
        return 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + min(trailing, max(0, -exponent))))


def cents(amount: Decimal) -> Decimal:
    """Rounded to whole cents, halves up (0.005 → 0.01): only for the final figures."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
