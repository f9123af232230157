"""The determination, on worked examples whose figures were computed by hand (in the
comments), and its refusals when the declaration does not belong to the award."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.grants.builders import (
    as_award,
    as_declaration,
    award_2010,
    award_2013,
    changed,
    declaration_2010,
    declaration_2013,
)
from werkbrug.grants import Determination, Outcome, Result, determine


def determined(award: dict[str, Any], declaration: dict[str, Any], **options: Any) -> Determination:
    result = determine(as_award(award), as_declaration(declaration), **options)
    assert result.value is not None, [p.render("en") for p in result.problems]
    return result.value


def declared(*costs: str, wages: str | None = None) -> dict[str, Any]:
    """The 2013 declaration with these costs for M1, M2, M3 (M3 hires vulnerable workers)."""
    data = declaration_2013()
    for measure, cost in zip(data["measures"], costs, strict=True):
        measure["eligible_cost_eur"] = cost
    if wages is not None:
        data["measures"][2]["wage_costs_eur"] = wages
    return data


def test_a_sector_plan_that_realised_most_of_its_costs() -> None:
    # M1 420.000 + M2 250.000 = 670.000 ordinary; M3 declares 95.000 but is capped at 20% of
    # 400.000 wage costs = 80.000. Realised 750.000 of 900.000 awarded = 0,8333 (≥ 0,60).
    # Measures: 50% × 670.000 + 100% × 80.000 = 335.000 + 80.000 = 415.000 (≤ 450.000).
    # Overhead: 15% × 750.000 = 112.500, half eligible = 56.250. Subsidy 471.250;
    # advances 80.000, so 391.250 is still to be paid.
    found = determined(award_2013(), declaration_2013())
    assert found.as_json() | {"reasons": []} == {
        "scheme": "sectorplannen-2013",
        "award": "SP-2013-017",
        "eligible_awarded_eur": "900000.00",
        "eligible_realised_eur": "750000.00",
        "realised_share": "0.8333",
        "measures_subsidy_eur": "415000.00",
        "overhead_eur": "56250.00",
        "subsidy_eur": "471250.00",
        "rule": "full",
        "advances_paid_eur": "80000.00",
        "balance_eur": "391250.00",
        "reasons": [],
    }
    assert [r.article for r in found.reasons] == ["4.4", "5.1.3", "5.1.3", "5.1.1", "5.6", "5.3"]
    assert found.reasons[0].message.nl == (
        "Maatregel M3: de subsidiabele kosten van het in dienst nemen van kwetsbare werknemers "
        "bedragen ten hoogste 20% van hun loonkosten (€ 400.000); het gedeclareerde bedrag van "
        "€ 95.000 wordt daarom teruggebracht tot € 80.000."
    )
    assert found.reasons[-1].message.en == (
        "The subsidy is set at €471,250. Advances of €80,000 were paid; €391,250 remains to be "
        "paid."
    )


def test_below_sixty_percent_the_subsidy_is_nil_and_the_advances_are_recovered() -> None:
    # 300.000 + 200.000 + 30.000 (below its cap of 20% × 200.000 = 40.000) = 530.000 of
    # 900.000 = 0,5888…: below 0,60, so nil; the 80.000 advanced is recovered.
    found = determined(award_2013(), declared("300000", "200000", "30000", wages="200000"))
    assert found.outcome is Outcome.NIL
    assert found.realised_share == Decimal("0.5888")
    assert (found.measures_subsidy_eur, found.overhead_eur, found.subsidy_eur) == (0, 0, 0)
    assert found.balance_eur == Decimal("-80000")
    assert "terug te vorderen is € 80.000" in found.reasons[-1].message.nl
    assert found.reasons[1].message.en == (
        "That is less than 60%; in that case the subsidy is set at nil."
    )


def test_the_funder_may_reduce_instead_of_nil() -> None:
    # The same 530.000 computed as if full: 50% × 500.000 + 100% × 30.000 = 280.000;
    # overhead 50% × 15% × 530.000 = 39.750; subsidy 319.750, less 80.000 = 239.750.
    found = determined(
        award_2013(), declared("300000", "200000", "30000", wages="200000"), reduce=True
    )
    assert found.outcome is Outcome.REDUCED
    assert (found.measures_subsidy_eur, found.overhead_eur) == (280_000, 39_750)
    assert (found.subsidy_eur, found.balance_eur) == (319_750, 239_750)
    assert [r.article for r in found.reasons] == ["5.1.3", "5.1.3", "5.1.4", "5.1.1", "5.6", "5.3"]


def test_exactly_sixty_percent_is_not_below_it() -> None:
    # 300.000 + 200.000 + 40.000 (exactly its cap) = 540.000 = 60% of 900.000: full.
    # 250.000 + 40.000 = 290.000; overhead 50% × 15% × 540.000 = 40.500; subsidy 330.500.
    at = determined(award_2013(), declared("300000", "200000", "40000", wages="200000"))
    assert (at.outcome, at.subsidy_eur) == (Outcome.FULL, 330_500)
    below = determined(award_2013(), declared("300000", "199999.99", "40000", wages="200000"))
    assert below.outcome is Outcome.NIL
    assert below.realised_share == Decimal("0.5999")  # cut, not rounded up to 0.6000


def test_the_maximum_bounds_the_measures_but_not_the_overhead() -> None:
    # 50% × 800.000 + 100% × 100.000 (cap 20% × 600.000 = 120.000) = 500.000 > 450.000;
    # overhead 50% × 15% × 900.000 = 67.500 on top: 517.500.
    found = determined(award_2013(), declared("500000", "300000", "100000", wages="600000"))
    assert (found.measures_subsidy_eur, found.overhead_eur) == (450_000, 67_500)
    assert found.subsidy_eur == 517_500
    assert found.reasons[-3].article == "5.1.1"
    assert "the award's maximum is €450,000" in found.reasons[-3].message.en.lower()


def test_the_overhead_tiers_above_ten_million() -> None:
    # Realised 12.000.000 of 20.000.000 awarded (60%). Lump sum: 15% × 1.000.000 = 150.000,
    # 7% × 9.000.000 = 630.000, 1% × 2.000.000 = 20.000: 800.000; half = 400.000.
    # Measures: 50% × 12.000.000 = 6.000.000 (≤ 10.000.000). Subsidy 6.400.000.
    award = {
        **award_2013(),
        "maximum_eur": "10000000",
        "measures": [{"code": "M1", "cost_eur": "20000000"}],
    }
    declaration = {
        **declaration_2013(),
        "measures": [{"code": "M1", "eligible_cost_eur": "12000000"}],
    }
    found = determined(award, declaration)
    assert (found.measures_subsidy_eur, found.overhead_eur) == (6_000_000, 400_000)
    assert found.subsidy_eur == 6_400_000


def test_rounding_happens_once_at_the_end() -> None:
    # Realised 100.000,07: measures 50% = 50.000,035; overhead 7,5% = 7.500,00525. Each
    # rounded: 50.000,04 and 7.500,01 (together 57.500,05); the subsidy is the exact sum
    # 57.500,04025 rounded: 57.500,04.
    award = {**award_2013(), "measures": [{"code": "M1", "cost_eur": "100000.07"}]}
    declaration = {
        **declaration_2013(),
        "measures": [{"code": "M1", "eligible_cost_eur": "100000.07"}],
        "advances_paid_eur": "0",
    }
    found = determined(award, declaration)
    assert found.measures_subsidy_eur == Decimal("50000.04")
    assert found.overhead_eur == Decimal("7500.01")
    assert found.subsidy_eur == Decimal("57500.04")


def test_an_undeclared_measure_counts_for_nothing_and_is_named() -> None:
    data = declaration_2013()
    del data["measures"][1]
    found = determined(award_2013(), data)
    # 420.000 + 80.000 = 500.000 of 900.000: 55,5%, nil.
    assert found.outcome is Outcome.NIL
    assert (
        found.reasons[1].message.en == "Measure M2 of the award was not declared and counts for €0."
    )


@pytest.mark.parametrize(
    ("costs", "own", "maximum", "subsidy", "article"),
    [
        # min(100.000, 230.000 − 140.000 = 90.000, 50% × 230.000 = 115.000) = 90.000
        ("230000", "140000", "100000", 90_000, "5.2"),
        # min(100.000, 230.000 − 120.000 = 110.000, 115.000) = 100.000: the maximum
        ("230000", "120000", "100000", 100_000, "5.4"),
        # min(200.000, 150.000 − 20.000 = 130.000, 75.000) = 75.000: half the costs
        ("150000", "20000", "200000", 75_000, "5.2"),
        # own funds above the costs: nothing is left to subsidise
        ("100000", "140000", "100000", 0, "5.2"),
        # no nil rule: 4% of the award realised still gets min(100.000, 10.000, 5.000)
        ("10000", "0", "100000", 5_000, "5.2"),
    ],
)
def test_the_2010_formula(costs: str, own: str, maximum: str, subsidy: int, article: str) -> None:
    declaration = changed(
        changed(declaration_2010(), "measures.0.eligible_cost_eur", costs), "own_funds_eur", own
    )
    found = determined(changed(award_2010(), "maximum_eur", maximum), declaration)
    assert (found.subsidy_eur, found.overhead_eur, found.outcome) == (subsidy, 0, Outcome.FULL)
    assert found.balance_eur == subsidy - 50_000
    assert found.reasons[1].article == article


def problems(result: Result[Any]) -> list[str]:
    return [p.render("en") for p in result.problems]


def test_a_declaration_of_another_award_is_refused() -> None:
    result = determine(
        as_award(award_2013()), as_declaration(changed(declaration_2013(), "award", "SP-2013-018"))
    )
    assert result.value is None
    assert problems(result) == [
        "declaration: award: this declaration belongs to award 'SP-2013-018', not to 'SP-2013-017'"
    ]


def test_a_progress_report_is_not_a_final_declaration() -> None:
    result = determine(
        as_award(award_2013()),
        as_declaration(changed(declaration_2013(), "kind", "progress")),
        declaration_name="d.json",
    )
    assert problems(result) == [
        "d.json: kind: the subsidy is determined on the final declaration (kind final); this is "
        "a progress report"
    ]


def test_a_measure_outside_the_award_is_refused() -> None:
    result = determine(
        as_award(award_2013()), as_declaration(changed(declaration_2013(), "measures.1.code", "M9"))
    )
    assert problems(result) == [
        "declaration: measures[1].code: measure 'M9' is not in award 'SP-2013-017', which "
        "holds: M1, M2, M3"
    ]


def test_a_vulnerable_hiring_measure_needs_its_wage_costs() -> None:
    result = determine(
        as_award(award_2013()),
        as_declaration(changed(declaration_2013(), "measures.2.wage_costs_eur", None)),
    )
    assert problems(result) == [
        "declaration: measures[2].wage_costs_eur: required for a measure hiring vulnerable "
        "workers: the eligible costs are at most 20% of the wage costs (article 4.4)"
    ]


def test_reducing_under_a_scheme_without_a_nil_rule_warns_and_changes_nothing() -> None:
    plain = determine(as_award(award_2010()), as_declaration(declaration_2010()))
    reduced = determine(as_award(award_2010()), as_declaration(declaration_2010()), reduce=True)
    assert reduced.value == plain.value
    assert problems(reduced) == [
        "declaration: warning: Tijdelijk besluit van werk naar werk has no nil rule; reducing "
        "changes nothing"
    ]
