"""The determination's arithmetic, exact: no figure here is rounded.

SCHEMES.md §5, for the terms of any scheme: the realised eligible costs (a vulnerable-hiring
measure's at most a share of its wage costs), their share of the awarded eligible costs, nil
below the scheme's threshold unless the funder reduces instead, the measures' subsidy (the
lowest of the maximum, the rates applied to the costs, and where the scheme says so the costs
less the own funds), and the overhead lump sum in tiers. :mod:`~werkbrug.grants.determine`
rounds the results to cents, once, at the end.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from werkbrug.grants.model import Award, Declaration
from werkbrug.grants.schemes import OverheadTier, SubsidyTerms

__all__ = ["Bound", "Capped", "Figures", "Outcome", "exact", "figures", "overhead_lump_sum"]

ZERO = Decimal(0)


class Outcome(enum.Enum):
    FULL = "full"
    NIL = "nil"
    REDUCED = "reduced"


class Bound(enum.Enum):
    """What set the measures' subsidy: the lowest of the candidates."""

    RATE = "rate"
    MAXIMUM = "maximum"
    OWN_FUNDS = "own_funds"


@dataclass(frozen=True)
class Capped:
    """A vulnerable-hiring measure whose declared cost was above its cap."""

    code: str
    declared: Decimal
    wage_costs: Decimal
    cap: Decimal


@dataclass(frozen=True)
class Figures:
    awarded: Decimal
    ordinary: Decimal
    vulnerable: Decimal
    capped: tuple[Capped, ...]
    undeclared: tuple[str, ...]
    outcome: Outcome
    #: The subsidy the rates give, before the maximum and the own-funds bound.
    by_rate: Decimal
    #: The realised costs less the own funds (at least 0), where the scheme bounds by it.
    own_funds_gap: Decimal | None
    bound: Bound
    measures: Decimal
    overhead_lump_sum: Decimal
    overhead: Decimal

    @property
    def realised(self) -> Decimal:
        return self.ordinary + self.vulnerable

    @property
    def share(self) -> Decimal:
        with exact():
            return self.realised / self.awarded

    @property
    def subsidy(self) -> Decimal:
        return self.measures + self.overhead


@contextmanager
def exact() -> Iterator[None]:
    """Arithmetic with room to spare: amounts below a trillion with cents, times rates of a
    few decimals, never reach 50 digits, so sums and products here are exact; an inexact
    division (a share) is only ever shown, never compared."""
    context = decimal.Context(
        prec=50, traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow]
    )
    with decimal.localcontext(context):
        yield


def figures(terms: SubsidyTerms, award: Award, declaration: Declaration, reduce: bool) -> Figures:
    """The determination's figures; the declaration must match the award (every declared
    measure is one of the award's, with its wage costs where the scheme caps by them)."""
    with exact():
        ordinary, vulnerable, capped, undeclared = _realised(terms, award, declaration)
        realised = ordinary + vulnerable
        below = terms.nil_below is not None and realised < terms.nil_below * award.eligible_eur
        outcome = Outcome.FULL if not below else Outcome.REDUCED if reduce else Outcome.NIL
        by_rate = terms.rate * ordinary + terms.vulnerable_rate * vulnerable
        gap = max(realised - declaration.own_funds_eur, ZERO) if terms.capped_by_own_funds else None
        bound, measures = _lowest(by_rate, award.maximum_eur, gap)
        lump_sum = overhead_lump_sum(realised, terms.overhead_tiers)
        overhead = terms.overhead_eligible * lump_sum
        if outcome is Outcome.NIL:
            measures = overhead = ZERO
        return Figures(
            awarded=award.eligible_eur,
            ordinary=ordinary,
            vulnerable=vulnerable,
            capped=tuple(capped),
            undeclared=tuple(undeclared),
            outcome=outcome,
            by_rate=by_rate,
            own_funds_gap=gap,
            bound=bound,
            measures=measures,
            overhead_lump_sum=lump_sum,
            overhead=overhead,
        )


def _realised(
    terms: SubsidyTerms, award: Award, declaration: Declaration
) -> tuple[Decimal, Decimal, list[Capped], list[str]]:
    declared = {m.code: m for m in declaration.measures}
    ordinary = vulnerable = ZERO
    capped: list[Capped] = []
    undeclared: list[str] = []
    for measure in award.measures:
        found = declared.get(measure.code)
        if found is None:
            undeclared.append(measure.code)
            continue
        cost = found.eligible_cost_eur
        if not (measure.vulnerable_hiring and terms.vulnerable_wage_cap is not None):
            ordinary += cost
            continue
        if found.wage_costs_eur is None:
            raise ValueError(f"measure {measure.code} has no wage costs")
        cap = terms.vulnerable_wage_cap * found.wage_costs_eur
        if cost > cap:
            capped.append(Capped(measure.code, cost, found.wage_costs_eur, cap))
            cost = cap
        vulnerable += cost
    return ordinary, vulnerable, capped, undeclared


def _lowest(by_rate: Decimal, maximum: Decimal, gap: Decimal | None) -> tuple[Bound, Decimal]:
    candidates = [(by_rate, Bound.RATE), (maximum, Bound.MAXIMUM)]
    if gap is not None:
        candidates.append((gap, Bound.OWN_FUNDS))
    # The first of equal candidates wins: when the rate gives exactly the maximum, the rate set it.
    amount, bound = min(candidates, key=lambda pair: pair[0])
    return bound, amount


def overhead_lump_sum(eligible: Decimal, tiers: tuple[OverheadTier, ...]) -> Decimal:
    """Each tier's rate on the part of ``eligible`` within it: 15% of the first € 1 M, 7% of
    the part up to € 10 M and 1% above, for the 2013 terms (art. 5.6). Continuous at each
    tier's bound by construction: the part within a tier grows from zero."""
    total = ZERO
    lower = ZERO
    for tier in tiers:
        upper = eligible if tier.up_to is None else min(eligible, tier.up_to)
        if upper > lower:
            total += tier.rate * (upper - lower)
        if tier.up_to is None or eligible <= tier.up_to:
            break
        lower = tier.up_to
    return total
