"""A decision's advance schedule and spending per half-year, from the pure package's terms
(:mod:`werkbrug.grants.advances`) and the stored advances and case data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from werkbrug import grants
from werkbrug.grants.advances import ADVANCE_TERMS, AdvanceStep, SpendingPeriod, advance_steps
from werkbrug.grants.advances import spending_periods as pure_spending_periods
from werkbrug.schemes.models import Decision

ZERO = Decimal(0)


@dataclass(frozen=True)
class ScheduleRow:
    step: AdvanceStep
    paid_eur: Decimal


def schedule(decision: Decision) -> list[AdvanceStep]:
    terms = ADVANCE_TERMS.get(decision.application.call.scheme)
    if terms is None or decision.start is None or decision.end is None:
        return []
    return advance_steps(
        terms,
        decision.maximum_eur,
        decision.decided_on,
        grants.Period(decision.start, decision.end),
    )


def next_advance(decision: Decision, on: dt.date) -> AdvanceStep | None:
    """What is due on ``on``: the schedule's total by then less what was paid."""
    due = [s for s in schedule(decision) if s.due_on <= on]
    if not due:
        return None
    paid = decision.advances.aggregate(s=Sum("amount_eur"))["s"] or ZERO
    amount = due[-1].total_eur - paid
    if amount <= 0:
        return None
    return AdvanceStep(len(due), due[-1].due_on, due[-1].total_eur, amount)


def spending(
    decision: Decision, costs: tuple[tuple[dt.date, Decimal], ...], as_of: dt.date
) -> list[SpendingPeriod]:
    terms = ADVANCE_TERMS.get(decision.application.call.scheme)
    if terms is None or decision.start is None or decision.end is None:
        return []
    eligible = sum((m.cost_eur for m in decision.measures.all()), ZERO)
    return pure_spending_periods(
        terms, grants.Period(decision.start, decision.end), eligible, list(costs), as_of
    )
