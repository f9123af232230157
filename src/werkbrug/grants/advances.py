"""Advances on an award, and the notice a project owes when it spends too slowly.

The 2013 regulation pays 10% of the awarded subsidy after approval and then, every six months,
a further advance until 80% in total has been paid (art. 5.3); a project whose costs in a
period are at most 75% of what it planned for that period must say so. The 2010 decree has no
advance provision: its terms are ``None`` and the funder records what it pays by hand.

How "up to 80%" is spread over the half-years is not written in SCHEMES.md: werkbrug raises
the total evenly, so that after half-year *k* of *n* the advances reach
``first + (ceiling - first) * k / n`` of the subsidy, and reach the ceiling in the last
half-year. A period's planned cost is the award's eligible cost spread evenly over the days of
the award's period. Both are documented in docs/schemes.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from werkbrug.grants.amounts import cents
from werkbrug.grants.model import Period

__all__ = [
    "ADVANCE_TERMS",
    "AdvanceStep",
    "AdvanceTerms",
    "SpendingPeriod",
    "advance_steps",
    "half_years",
    "spending_periods",
]

ZERO = Decimal(0)


@dataclass(frozen=True)
class AdvanceTerms:
    #: Share of the subsidy paid after approval.
    first: Decimal
    #: The most the advances may add up to, as a share of the subsidy.
    ceiling: Decimal
    #: Months between advances after the first.
    every_months: int
    #: A period whose costs are at most this share of its plan must be notified.
    notify_at_or_below: Decimal
    article: str


#: Per scheme id; a scheme without an entry has no advance schedule of its own.
ADVANCE_TERMS: dict[str, AdvanceTerms] = {
    "sectorplannen-2013": AdvanceTerms(
        first=Decimal("0.10"),
        ceiling=Decimal("0.80"),
        every_months=6,
        notify_at_or_below=Decimal("0.75"),
        article="5.3",
    ),
}


@dataclass(frozen=True)
class AdvanceStep:
    """The ``number``-th advance: due on ``due_on``, bringing the total to ``total_eur``."""

    number: int
    due_on: dt.date
    total_eur: Decimal
    amount_eur: Decimal


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover - every month has a 28th


def half_years(period: Period, every_months: int = 6) -> list[Period]:
    """The period cut into consecutive parts of ``every_months`` months (the last shorter)."""
    parts: list[Period] = []
    start = period.start
    while start <= period.end:
        nxt = add_months(start, every_months)
        parts.append(Period(start, min(period.end, nxt - dt.timedelta(days=1))))
        start = nxt
    return parts


def advance_steps(
    terms: AdvanceTerms, subsidy_eur: Decimal, approved_on: dt.date, period: Period
) -> list[AdvanceStep]:
    """The schedule: the first advance on approval, then one per part of the period."""
    parts = half_years(period, terms.every_months)
    steps = [AdvanceStep(1, approved_on, cents(subsidy_eur * terms.first), ZERO)]
    for k, part in enumerate(parts, start=1):
        share = terms.first + (terms.ceiling - terms.first) * Decimal(k) / Decimal(len(parts))
        steps.append(
            AdvanceStep(k + 1, max(approved_on, part.start), cents(subsidy_eur * share), ZERO)
        )
    # The amounts are the differences of the rounded totals, so they add up to the total.
    out: list[AdvanceStep] = []
    previous = ZERO
    for step in steps:
        out.append(AdvanceStep(step.number, step.due_on, step.total_eur, step.total_eur - previous))
        previous = step.total_eur
    return out


@dataclass(frozen=True)
class SpendingPeriod:
    period: Period
    planned_eur: Decimal
    realised_eur: Decimal
    #: Realised over planned; ``None`` when nothing was planned.
    share: Decimal | None
    #: At most the notification threshold: the project must notify the funder.
    notify: bool


def spending_periods(
    terms: AdvanceTerms,
    period: Period,
    eligible_eur: Decimal,
    costs: list[tuple[dt.date, Decimal]],
    as_of: dt.date,
) -> list[SpendingPeriod]:
    """Planned against realised costs per part of the period that has ended by ``as_of``."""
    days = (period.end - period.start).days + 1
    out: list[SpendingPeriod] = []
    for part in half_years(period, terms.every_months):
        if part.end > as_of:
            break
        planned = eligible_eur * Decimal((part.end - part.start).days + 1) / Decimal(days)
        realised = sum((c for d, c in costs if part.start <= d <= part.end), ZERO)
        share = realised / planned if planned > 0 else None
        out.append(
            SpendingPeriod(
                part,
                cents(planned),
                cents(realised),
                share,
                share is not None and share <= terms.notify_at_or_below,
            )
        )
    return out
