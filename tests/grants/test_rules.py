"""Each rule of SCHEMES.md's table, failing on its own: from an application that passes every
rule, change one thing, and exactly that rule fails, citing its article."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.grants.builders import (
    DELETE,
    application_2010,
    application_2013,
    as_application,
    changed,
)
from werkbrug.grants import CallTerms, CheckReport, Status, check_application

TABLE_2010 = [
    ("tb2010.applicant", "2.1"),
    ("tb2010.workers", "1.e"),
    ("tb2010.window", "5.1"),
    ("tb2010.plan", "5.3"),
    ("tb2010.cofinancing", "5.2"),
    ("tb2010.duration", "4.1"),
    ("tb2010.requested", "5.2"),
]
TABLE_2013 = [
    ("sp2013.partnership", "2.1"),
    ("sp2013.lead", "2.2"),
    ("sp2013.minimum", "2.3.1"),
    ("sp2013.plan", "2.3.5"),
    ("sp2013.themes", "3.1"),
    ("sp2013.period", "1.2.5"),
    ("sp2013.public_costs", "3.3.2"),
    ("sp2013.rate", "5.1"),
]
GROUNDS_2013 = [(f"sp2013.ground_{letter}", f"2.5 {letter}") for letter in "bcdefghij"]


def report(data: dict[str, Any], call: CallTerms | None = None) -> CheckReport:
    return check_application(as_application(data), call)


def failed_ids(data: dict[str, Any]) -> list[str]:
    return [r.rule for r in report(data).failed]


def test_the_2010_example_passes_every_rule_and_leaves_the_target_group_to_a_person() -> None:
    results = report(application_2010()).results
    assert [(r.rule, r.article) for r in results] == [*TABLE_2010, ("tb2010.target_group", "2.2")]
    assert [r.status for r in results] == [Status.PASSED] * 7 + [Status.JUDGEMENT]


def test_the_2013_plan_passes_every_rule_and_leaves_grounds_b_to_j_to_a_person() -> None:
    results = report(application_2013()).results
    assert [(r.rule, r.article) for r in results] == [*TABLE_2013, *GROUNDS_2013]
    assert [r.status for r in results] == [Status.PASSED] * 8 + [Status.JUDGEMENT] * 9


FAILING_2010 = [
    ("tb2010.applicant", "applicant.kind", "workers_organisation"),
    ("tb2010.applicant", "applicant.kind", "other"),
    ("tb2010.applicant", "applicant.public_sector", True),
    ("tb2010.applicant", "applicant.legal_entity", False),
    ("tb2010.workers", "partners.0.role", "employer"),
    ("tb2010.window", "complete_on", "2010-11-01"),
    ("tb2010.plan", "plan.expected_participants", 0),
    ("tb2010.plan", "plan.expected_participants", None),
    ("tb2010.plan", "plan.design", "   "),
    ("tb2010.plan", "plan", DELETE),
    # Employers pay € 90.000: own funds € 110.000 of € 240.000 (45,8%); the request of
    # € 100.000 stays below the € 130.000 that own funds leave.
    ("tb2010.cofinancing", "funding.0.amount_eur", "90000"),
    # A municipality's money is not own funds: € 20.000 of € 240.000 remain.
    ("tb2010.cofinancing", "funding.0.source", "municipality"),
    ("tb2010.duration", "period.end", "2011-12-01"),
    # € 240.000 − € 140.000 = € 100.000 is the most that can be asked.
    ("tb2010.requested", "requested_eur", "100000.01"),
]


@pytest.mark.parametrize(("rule", "path", "value"), FAILING_2010)
def test_one_change_fails_exactly_one_2010_rule(rule: str, path: str, value: object) -> None:
    assert failed_ids(changed(application_2010(), path, value)) == [rule]


FAILING_2013 = [
    ("sp2013.partnership", "partners.0.role", "mediator"),
    ("sp2013.partnership", "agreement_signed", False),
    ("sp2013.partnership", "agreement_signed", DELETE),
    ("sp2013.lead", "applicant.kind", "employer"),
    ("sp2013.lead", "applicant.legal_entity", False),
    ("sp2013.lead", "mandate_signed", False),
    # 80% of € 450.000 is € 360.000.
    ("sp2013.lead", "applicant.equity_eur", "359999.99"),
    ("sp2013.minimum", "requested_eur", "249999.99"),
    ("sp2013.plan", "plan.analysis", ""),
    ("sp2013.plan", "plan.approach", ""),
    ("sp2013.plan", "plan.organisation", ""),
    ("sp2013.plan", "plan.conditions", ""),
    ("sp2013.plan", "plan.continuation", ""),
    ("sp2013.plan", "measures.1.applications", 0),
    ("sp2013.plan", "measures.1.applications", DELETE),
    ("sp2013.themes", "measures.1.theme", "f"),
    ("sp2013.period", "period.end", "2016-07-01"),
    ("sp2013.public_costs", "funding.1.source", "province"),
    # 50% of € 800.000 plus 100% of € 100.000 is € 500.000.
    ("sp2013.rate", "requested_eur", "500000.01"),
]


@pytest.mark.parametrize(("rule", "path", "value"), FAILING_2013)
def test_one_change_fails_exactly_one_2013_rule(rule: str, path: str, value: object) -> None:
    assert failed_ids(changed(application_2013(), path, value)) == [rule]


CITATIONS = {
    "tb2010.applicant": ("artikel 2, eerste lid", "article 2(1)"),
    "tb2010.workers": ("artikel 1, onderdeel e", "article 1(e)"),
    "tb2010.window": ("artikel 5, eerste lid", "article 5(1)"),
    "tb2010.plan": ("artikel 5, derde lid", "article 5(3)"),
    "tb2010.cofinancing": ("artikel 5, tweede lid", "article 5(2)"),
    "tb2010.duration": ("artikel 4, eerste lid", "article 4(1)"),
    "tb2010.requested": ("artikel 5, tweede lid", "article 5(2)"),
    "sp2013.partnership": ("artikel 2.1", "article 2.1"),
    "sp2013.lead": ("artikel 2.2", "article 2.2"),
    "sp2013.minimum": ("artikel 2.3, eerste lid", "article 2.3(1)"),
    "sp2013.plan": ("artikel 2.3, vijfde lid", "article 2.3(5)"),
    "sp2013.themes": ("artikel 3.1", "article 3.1"),
    "sp2013.period": ("artikel 1.2, vijfde lid", "article 1.2(5)"),
    "sp2013.public_costs": ("artikel 3.3, tweede lid", "article 3.3(2)"),
    "sp2013.rate": ("artikel 5.1", "article 5.1"),
}


@pytest.mark.parametrize(
    ("base", "rule", "path", "value"),
    [(application_2010, *case) for case in FAILING_2010]
    + [(application_2013, *case) for case in FAILING_2013],
)
def test_a_failed_rule_names_its_article_in_both_languages(
    base: Any, rule: str, path: str, value: object
) -> None:
    (result,) = report(changed(base(), path, value)).failed
    nl, en = CITATIONS[rule]
    assert nl in result.message.nl
    assert en in result.message.en


def test_the_cofinancing_message_says_what_would_pass() -> None:
    (result,) = report(changed(application_2010(), "funding.0.amount_eur", "90000")).failed
    assert result.message.en == (
        "At least 50% of the costs must come from own funds, not from the state, provinces or "
        "municipalities and not from the participants' wages (article 5(2)); this plan has "
        "45.8% (€110,000 of €240,000)."
    )
    assert result.message.nl.endswith("dit plan heeft 45,8% (€ 110.000 van € 240.000).")


def test_staff_wages_count_as_own_funds_and_participants_wages_do_not() -> None:
    # Without the € 20.000 of staff wages, own funds are exactly 50%: still enough.
    assert failed_ids(changed(application_2010(), "funding.1.amount_eur", "0")) == []
    as_wages = changed(application_2010(), "funding.0.source", "participant_wages")
    assert failed_ids(as_wages) == ["tb2010.cofinancing"]


def test_the_window_is_the_calls_and_submitted_on_counts_when_complete_on_is_absent() -> None:
    late = changed(changed(application_2010(), "complete_on", DELETE), "submitted_on", "2010-11-01")
    assert failed_ids(late) == ["tb2010.window"]
    on_the_day = changed(application_2010(), "complete_on", "2010-10-31")
    assert failed_ids(on_the_day) == []
    later_call = report(late, CallTerms(window_end=dt.date(2010, 12, 31)))
    assert later_call.failed == ()


def test_an_unknown_window_is_left_to_a_person() -> None:
    results = report(application_2010(), CallTerms(window_end=None)).results
    window = next(r for r in results if r.rule == "tb2010.window")
    # No window given and none assumed: check_application was given explicit terms.
    assert window.status is Status.JUDGEMENT


def test_one_year_from_the_start_is_too_long_and_a_day_less_is_not() -> None:
    leap = changed(application_2010(), "period", {"start": "2012-02-29", "end": "2013-02-28"})
    assert failed_ids(leap) == []
    assert failed_ids(changed(leap, "period.end", "2013-03-01")) == ["tb2010.duration"]


def test_no_own_funds_line_fails_the_plan_as_well_as_the_cofinancing() -> None:
    data = changed(application_2010(), "funding", [])
    assert failed_ids(data) == ["tb2010.plan", "tb2010.cofinancing"]


def test_a_plan_without_measures_fails_plan_and_cofinancing_and_says_what_is_missing() -> None:
    failed = report(changed(application_2010(), "measures", [])).failed
    assert [r.rule for r in failed] == ["tb2010.plan", "tb2010.cofinancing", "tb2010.requested"]
    assert "a budget with costs" in failed[0].message.en


def test_a_guarantee_from_the_partnership_stands_in_for_equity() -> None:
    data = changed(application_2013(), "applicant.equity_eur", "0")
    assert failed_ids(data) == ["sp2013.lead"]
    assert failed_ids(changed(data, "guarantee_eur", "360000")) == []


def test_a_workers_organisation_as_lead_applicant_is_the_workers_side() -> None:
    data = changed(application_2013(), "applicant.kind", "workers_organisation")
    data = changed(data, "partners.0.role", "mediator")
    assert failed_ids(data) == []


def test_a_workers_organisation_with_several_employers_is_left_to_a_person() -> None:
    data = changed(application_2013(), "partners.1.role", "employer")
    data = changed(data, "applicant.kind", "workers_organisation")
    data["partners"].append({"name": "Bedrijf B", "role": "employer"})
    partnership = report(data).results[0]
    assert partnership.rule == "sp2013.partnership"
    assert partnership.status is Status.JUDGEMENT


def test_judgement_rules_are_never_passed_whatever_the_plan_holds() -> None:
    for result in report(application_2013()).results[8:]:
        assert result.status is Status.JUDGEMENT
        assert result.message.nl.startswith("Ter beoordeling (artikel 2.5, onderdeel ")
        assert result.message.en.startswith("To be assessed (article 2.5(")


def test_hiring_vulnerable_workers_is_funded_at_the_full_cost() -> None:
    # 50% of € 800.000 + 100% of € 100.000 = € 500.000; all at 50% it would be € 450.000.
    asking = changed(application_2013(), "requested_eur", "500000")
    assert failed_ids(asking) == []
    assert failed_ids(changed(asking, "measures.2.vulnerable_hiring", False)) == ["sp2013.rate"]
