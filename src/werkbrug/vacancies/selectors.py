"""Reads for the employers and vacancies pages: what "open" means, in a query and on one
vacancy (the same rule as :meth:`Vacancy.is_open`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from werkbrug.vacancies.models import Vacancy

OPEN, CLOSED, FILLED = "open", "closed", "filled"


def open_q(today: dt.date, *, prefix: str = "") -> Q:
    """Vacancies open on ``today``: not filled, and no close date or one not yet passed.
    ``prefix`` reaches them through a relation (``"vacancies__"`` from employers)."""
    return Q(**{f"{prefix}filled": False}) & (
        Q(**{f"{prefix}close_date__isnull": True}) | Q(**{f"{prefix}close_date__gte": today})
    )


def matchable_q(today: dt.date) -> Q:
    """Vacancies that matching may suggest on ``today``: open, and already opened."""
    return open_q(today) & (Q(open_date__isnull=True) | Q(open_date__lte=today))


def closed_q(today: dt.date) -> Q:
    """Vacancies closed before ``today`` without being filled (withdrawn)."""
    return Q(filled=False, close_date__lt=today)


def vacancy_status(vacancy: Vacancy, today: dt.date) -> str:
    """``"open"``, ``"filled"`` or ``"closed"`` (withdrawn)."""
    if vacancy.filled:
        return FILLED
    return OPEN if vacancy.is_open(today) else CLOSED
