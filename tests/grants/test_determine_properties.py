"""Properties of the determination, against a reference written from SCHEMES.md §5 alone:
never above the maximum, nil exactly below 60%, monotone in the realised costs above it,
overhead continuous at its tiers, the 2010 formula never above half the costs, and rounding
only at the end."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from werkbrug.grants import (
    SECTORPLANNEN_2013,
    Award,
    AwardMeasure,
    Declaration,
    DeclaredMeasure,
    Determination,
    Outcome,
    determine,
    overhead_lump_sum,
)

MILLION = Decimal(1_000_000)
euros = st.decimals(min_value=0, max_value=Decimal(30_000_000), places=2)
TIERS = SECTORPLANNEN_2013.terms.overhead_tiers


@st.composite
def cases(draw: st.DrawFn, scheme: str = "sectorplannen-2013") -> tuple[Award, Declaration]:
    count = draw(st.integers(min_value=1, max_value=4))
    awarded = tuple(
        AwardMeasure(
            code=f"M{i}",
            cost_eur=draw(euros.filter(lambda x: x > 0)),
            vulnerable_hiring=draw(st.booleans()),
        )
        for i in range(count)
    )
    declared = tuple(
        DeclaredMeasure(
            code=m.code,
            eligible_cost_eur=draw(euros),
            wage_costs_eur=draw(euros) if m.vulnerable_hiring else draw(st.none() | euros),
        )
        for m in awarded
        if draw(st.integers(0, 9))  # now and then a measure is not declared
    )
    award = Award("A", scheme, draw(euros), awarded)
    declaration = Declaration(
        kind="final",
        award="A",
        as_of=dt.date(2016, 1, 1),
        measures=declared,
        own_funds_eur=draw(euros),
        advances_paid_eur=draw(euros),
    )
    return award, declaration


def run(award: Award, declaration: Declaration, reduce: bool = False) -> Determination:
    result = determine(award, declaration, reduce=reduce)
    assert result.value is not None
    return result.value


def realised_2013(award: Award, declaration: Declaration) -> tuple[Decimal, Decimal]:
    """(ordinary, vulnerable) realised eligible costs, as SCHEMES.md §5 defines them."""
    vulnerable_codes = {m.code for m in award.measures if m.vulnerable_hiring}
    ordinary = vulnerable = Decimal(0)
    for m in declaration.measures:
        if m.code in vulnerable_codes:
            assert m.wage_costs_eur is not None
            vulnerable += min(m.eligible_cost_eur, Decimal("0.2") * m.wage_costs_eur)
        else:
            ordinary += m.eligible_cost_eur
    return ordinary, vulnerable


def reference_2013(award: Award, declaration: Declaration, reduce: bool) -> tuple[Decimal, Decimal]:
    """The exact (measures, overhead) of SCHEMES.md §5, written out once more."""
    ordinary, vulnerable = realised_2013(award, declaration)
    realised = ordinary + vulnerable
    if realised < Decimal("0.6") * award.eligible_eur and not reduce:
        return Decimal(0), Decimal(0)
    measures = min(award.maximum_eur, Decimal("0.5") * ordinary + vulnerable)
    first = min(realised, MILLION)
    second = min(max(realised - MILLION, Decimal(0)), 9 * MILLION)
    third = max(realised - 10 * MILLION, Decimal(0))
    lump_sum = Decimal("0.15") * first + Decimal("0.07") * second + Decimal("0.01") * third
    return measures, Decimal("0.5") * lump_sum


def half_up(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@given(cases(), st.booleans())
def test_property_the_figures_are_the_reference_rounded_once_at_the_end(
    case: tuple[Award, Declaration], reduce: bool
) -> None:
    award, declaration = case
    found = run(award, declaration, reduce)
    measures, overhead = reference_2013(award, declaration, reduce)
    assert found.measures_subsidy_eur == half_up(measures)
    assert found.overhead_eur == half_up(overhead)
    # The total is the exact sum rounded, not the sum of the rounded parts.
    assert found.subsidy_eur == half_up(measures + overhead)
    assert found.balance_eur == found.subsidy_eur - declaration.advances_paid_eur


@given(cases(), st.booleans())
def test_property_the_measures_subsidy_never_exceeds_the_maximum(
    case: tuple[Award, Declaration], reduce: bool
) -> None:
    award, declaration = case
    assert run(award, declaration, reduce).measures_subsidy_eur <= award.maximum_eur


@given(cases())
def test_property_nil_exactly_below_sixty_percent(case: tuple[Award, Declaration]) -> None:
    award, declaration = case
    ordinary, vulnerable = realised_2013(award, declaration)
    below = ordinary + vulnerable < Decimal("0.6") * award.eligible_eur
    found = run(award, declaration)
    assert (found.outcome is Outcome.NIL) == below
    if below:
        assert found.subsidy_eur == 0
        assert run(award, declaration, reduce=True).outcome is Outcome.REDUCED


@given(cases(), st.data())
def test_property_more_realised_costs_never_lower_the_subsidy_above_the_threshold(
    case: tuple[Award, Declaration], data: st.DataObject
) -> None:
    award, declaration = case
    assume(declaration.measures)
    before = run(award, declaration)
    assume(before.outcome is Outcome.FULL)
    index = data.draw(st.integers(0, len(declaration.measures) - 1))
    measures = list(declaration.measures)
    grown = measures[index]
    measures[index] = dataclasses.replace(
        grown,
        eligible_cost_eur=grown.eligible_cost_eur + data.draw(euros),
        wage_costs_eur=None
        if grown.wage_costs_eur is None
        else grown.wage_costs_eur + data.draw(euros),
    )
    after = run(award, dataclasses.replace(declaration, measures=tuple(measures)))
    assert after.outcome is Outcome.FULL
    assert after.subsidy_eur >= before.subsidy_eur
    assert after.eligible_realised_eur >= before.eligible_realised_eur


@given(st.sampled_from([MILLION, 10 * MILLION]), st.decimals(0, 1000, places=2))
def test_property_the_overhead_is_continuous_at_its_tiers(bound: Decimal, step: Decimal) -> None:
    below, at, above = (overhead_lump_sum(bound + d, TIERS) for d in (-step, Decimal(0), step))
    # Each side moves by at most the higher rate times the step: no jump at the bound.
    assert at - below <= Decimal("0.15") * step
    assert above - at <= Decimal("0.15") * step
    assert below <= at <= above


def test_the_overhead_at_its_tiers() -> None:
    # 15% of 1.000.000 = 150.000; + 7% of 9.000.000 = 630.000 → 780.000 at 10.000.000.
    assert overhead_lump_sum(MILLION, TIERS) == 150_000
    assert overhead_lump_sum(10 * MILLION, TIERS) == 780_000
    assert overhead_lump_sum(11 * MILLION, TIERS) == 790_000
    assert overhead_lump_sum(Decimal(0), TIERS) == 0


@given(st.decimals(0, 50_000_000, places=2), st.decimals(0, 50_000_000, places=2))
def test_property_the_overhead_never_grows_faster_than_fifteen_percent(
    x: Decimal, y: Decimal
) -> None:
    low, high = sorted((x, y))
    difference = overhead_lump_sum(high, TIERS) - overhead_lump_sum(low, TIERS)
    assert 0 <= difference <= Decimal("0.15") * (high - low)


@given(cases(scheme="tijdelijk-besluit-2010"))
def test_property_the_2010_subsidy_is_never_above_half_the_realised_costs(
    case: tuple[Award, Declaration],
) -> None:
    award, declaration = case
    found = run(award, declaration)
    realised = sum((m.eligible_cost_eur for m in declaration.measures), Decimal(0))
    exact = min(
        award.maximum_eur,
        max(realised - declaration.own_funds_eur, Decimal(0)),
        Decimal("0.5") * realised,
    )
    assert found.outcome is Outcome.FULL
    assert found.overhead_eur == 0
    assert found.subsidy_eur == half_up(exact)
    assert found.subsidy_eur <= half_up(Decimal("0.5") * realised)
    assert found.subsidy_eur <= award.maximum_eur
