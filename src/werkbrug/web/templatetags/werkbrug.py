"""Template filters shared by the pages: code labels and the one number format
(``werkbrug.formats``) in the page's language. A page writes ``{{ amount|euro }}``,
``{{ vacancy.hours|hours }}``, ``{{ share|percent }}``, ``{{ card.score|score }}``,
``{{ event.at|moment }}``, never its own ``floatformat`` or ``€``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.translation import get_language

from werkbrug import formats
from werkbrug.taxonomy import ISCO
from werkbrug.web.forms import label_language

register = template.Library()

Number = int | float | Decimal | None


def _lang() -> formats.Lang:
    return formats.lang_of(get_language())


@register.filter
def occupation(code: str | None) -> str:
    """An ISCO-08 code with its title in the page's language ("7322 Drukkers")."""
    if not code:
        return "—"
    found = ISCO.get(code)
    if found is None:
        return code
    return f"{found.code} {found.label(label_language())}"


@register.filter
def euro(value: Number) -> str:
    """``€ 1.200,00`` / ``€1,200.00``."""
    return formats.euro(_number(value), _lang())


@register.filter
def hours(value: Number) -> str:
    """``36,5 uur`` / ``36.5 hours``."""
    return formats.hours(_number(value), _lang())


@register.filter
def number(value: Number, digits: int = 1) -> str:
    """A decimal number: ``41,6`` / ``41.6``."""
    return formats.decimal(_number(value), _lang(), int(digits))


@register.filter
def count(value: Number) -> str:
    """A whole number grouped by thousands: ``1.000`` / ``1,000``."""
    found = _number(value)
    return formats.count(None if found is None else int(found), _lang())


@register.filter
def percent(value: Number) -> str:
    """A share (0 to 1) as a percentage: ``60%``, ``0,4%``."""
    return formats.share(_number(value), _lang())


@register.filter
def score(value: Number) -> str:
    """A matching score (0 to 1), always a percentage: ``62%``."""
    return formats.score(_number(value), _lang())


@register.filter
def moment(value: dt.datetime | None) -> str:
    """A time as the clock in Amsterdam shows it: ``3 december 2026 10:43``."""
    return formats.moment(value, _lang()) if value else formats.UNKNOWN


def _number(value: object) -> int | float | Decimal | None:
    # A template passes what it has: "" or None for nothing, a string from a form's initial.
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError("a yes/no value is not a number")
    if isinstance(value, int | float | Decimal):
        return value
    return Decimal(str(value))
