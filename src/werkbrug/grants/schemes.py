"""The two schemes as configurations: their figures, their rules in the order of SCHEMES.md's
table (then what a person must judge), and the terms of their determination.

A third scheme is a third :class:`Scheme` built from the same rule factories and terms; it
needs no new code path. The articles are those a decision letter cites.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from werkbrug.grants.judgements import SP2013_GROUNDS, TB2010_TARGET_GROUP, judgement
from werkbrug.grants.rules import Rule
from werkbrug.grants.rules_money import (
    no_public_funding,
    own_funds_share,
    requested_at_least,
    requested_within_own_funds_gap,
    requested_within_rate,
)
from werkbrug.grants.rules_parties import (
    applicant_eligible,
    lead_applicant,
    partnership,
    workers_involved,
)
from werkbrug.grants.rules_plan import (
    arrives_in_window,
    longest_period,
    plan_holds,
    themes_covered,
)
from werkbrug.grants.text import Text

__all__ = [
    "SCHEMES",
    "SECTORPLANNEN_2013",
    "TIJDELIJK_BESLUIT_2010",
    "Articles",
    "OverheadTier",
    "Scheme",
    "SubsidyTerms",
    "scheme_get",
]


@dataclass(frozen=True)
class OverheadTier:
    """``rate`` of the eligible costs up to ``up_to`` (above the previous tier's); the last
    tier has no upper bound."""

    up_to: Decimal | None
    rate: Decimal


@dataclass(frozen=True)
class Articles:
    """The articles a determination's reasons cite; ``None`` where the scheme has no such
    provision."""

    realised: str
    rate: str
    maximum: str
    balance: str
    nil: str | None = None
    reduce: str | None = None
    wage_cap: str | None = None
    own_funds: str | None = None
    overhead: str | None = None


@dataclass(frozen=True)
class SubsidyTerms:
    """How a scheme turns realised costs into a subsidy (SCHEMES.md §5, the determination)."""

    #: Share of the ordinary measures' eligible costs that is subsidised.
    rate: Decimal
    #: Share of the vulnerable-hiring measures' eligible costs that is subsidised.
    vulnerable_rate: Decimal
    #: A vulnerable-hiring measure's eligible cost is at most this share of its wage costs.
    vulnerable_wage_cap: Decimal | None
    #: Below this share of the awarded eligible costs the subsidy is nil (or reduced).
    nil_below: Decimal | None
    #: The subsidy is at most the realised costs less the own funds.
    capped_by_own_funds: bool
    overhead_tiers: tuple[OverheadTier, ...]
    #: Share of the overhead lump sum that is subsidised.
    overhead_eligible: Decimal
    articles: Articles


@dataclass(frozen=True)
class Scheme:
    id: str
    name: Text
    rules: tuple[Rule, ...]
    terms: SubsidyTerms
    #: How the funder's queue is to be read: the scheme's own rule for which applications go first.
    order: Text
    #: The last day of the scheme's own call, used when a check is given no other.
    window_end: dt.date | None = None


def _tb2010_rules() -> tuple[Rule, ...]:
    return (
        applicant_eligible(
            rule_id="tb2010.applicant",
            article="2.1",
            cite=Text(
                "artikel 2, eerste lid, en artikel 1, onderdelen d en e",
                "article 2(1) and article 1(d) and (e)",
            ),
            kinds=("employer", "employer_organisation", "sector_representative"),
        ),
        workers_involved(
            rule_id="tb2010.workers",
            article="1.e",
            cite=Text("artikel 1, onderdeel e", "article 1(e)"),
            roles=("union", "workers_representation"),
        ),
        arrives_in_window(
            rule_id="tb2010.window",
            article="5.1",
            cite=Text("artikel 5, eerste lid", "article 5(1)"),
        ),
        plan_holds(
            rule_id="tb2010.plan",
            article="5.3",
            cite=Text("artikel 5, derde lid", "article 5(3)"),
            parts=("design",),
            participants=True,
            own_funds_line=True,
            measure_costs=True,
            applications_per_measure=False,
        ),
        own_funds_share(
            rule_id="tb2010.cofinancing",
            article="5.2",
            cite=Text("artikel 5, tweede lid", "article 5(2)"),
            share=Decimal("0.5"),
        ),
        longest_period(
            rule_id="tb2010.duration",
            article="4.1",
            cite=Text("artikel 4, eerste lid", "article 4(1)"),
            years=1,
        ),
        requested_within_own_funds_gap(
            rule_id="tb2010.requested",
            article="5.2",
            cite=Text("artikel 5, tweede lid", "article 5(2)"),
        ),
        judgement(
            rule_id="tb2010.target_group",
            article="2.2",
            cite=Text("artikel 2, tweede lid", "article 2(2)"),
            question=TB2010_TARGET_GROUP,
        ),
    )


def _sp2013_rules() -> tuple[Rule, ...]:
    return (
        partnership(
            rule_id="sp2013.partnership",
            article="2.1",
            cite=Text("artikel 2.1", "article 2.1"),
            employer_side=("employer_organisation",),
            workers_side=("union", "workers_organisation"),
        ),
        lead_applicant(
            rule_id="sp2013.lead",
            article="2.2",
            cite=Text("artikel 2.2, vierde tot en met zesde lid", "article 2.2(4) to (6)"),
            kinds=("employer_organisation", "workers_organisation", "om_fund", "knowledge_centre"),
            equity_share=Decimal("0.8"),
        ),
        requested_at_least(
            rule_id="sp2013.minimum",
            article="2.3.1",
            cite=Text("artikel 2.3, eerste lid", "article 2.3(1)"),
            minimum=Decimal(250_000),
        ),
        plan_holds(
            rule_id="sp2013.plan",
            article="2.3.5",
            cite=Text("artikel 2.3, vijfde lid", "article 2.3(5)"),
            parts=("analysis", "approach", "organisation", "conditions", "continuation"),
            participants=False,
            own_funds_line=False,
            measure_costs=False,
            applications_per_measure=True,
        ),
        themes_covered(
            rule_id="sp2013.themes",
            article="3.1",
            cite=Text("artikel 3.1", "article 3.1"),
            at_least=2,
        ),
        longest_period(
            rule_id="sp2013.period",
            article="1.2.5",
            cite=Text("artikel 1.2, vijfde lid", "article 1.2(5)"),
            years=2,
        ),
        no_public_funding(
            rule_id="sp2013.public_costs",
            article="3.3.2",
            cite=Text("artikel 3.3, tweede lid", "article 3.3(2)"),
        ),
        requested_within_rate(
            rule_id="sp2013.rate",
            article="5.1",
            cite=Text("artikel 5.1", "article 5.1"),
            rate=Decimal("0.5"),
            vulnerable_rate=Decimal(1),
        ),
        *(
            judgement(
                rule_id=f"sp2013.ground_{letter}",
                article=f"2.5 {letter}",
                cite=Text(f"artikel 2.5, onderdeel {letter}", f"article 2.5({letter})"),
                question=question,
            )
            for letter, question in SP2013_GROUNDS
        ),
    )


TIJDELIJK_BESLUIT_2010 = Scheme(
    id="tijdelijk-besluit-2010",
    # A statute's title is its name in English text too.
    name=Text("Tijdelijk besluit van werk naar werk", "Tijdelijk besluit van werk naar werk"),
    rules=_tb2010_rules(),
    order=Text(
        "In de volgorde waarin de aanvragen compleet waren. De regeling kent geen volgorde van "
        "binnenkomst: de minister beslist welke projecten subsidie krijgen en voor welk bedrag "
        "(artikel 5, vierde lid).",
        "In the order in which the applications were complete. The decree knows no order of "
        "arrival: the minister decides which projects are funded and for what amount "
        "(article 5(4)).",
    ),
    # The 2010 call: requests before 1 November 2010.
    window_end=dt.date(2010, 10, 31),
    terms=SubsidyTerms(
        rate=Decimal("0.5"),
        # The decree knows no separate rate for hiring vulnerable workers.
        vulnerable_rate=Decimal("0.5"),
        vulnerable_wage_cap=None,
        nil_below=None,
        capped_by_own_funds=True,
        overhead_tiers=(),
        overhead_eligible=Decimal(0),
        articles=Articles(
            realised="5.2", rate="5.2", maximum="5.4", balance="5.4", own_funds="5.2"
        ),
    ),
)

SECTORPLANNEN_2013 = Scheme(
    id="sectorplannen-2013",
    name=Text("Regeling cofinanciering sectorplannen", "Regeling cofinanciering sectorplannen"),
    rules=_sp2013_rules(),
    order=Text(
        "In volgorde van binnenkomst: een aanvraag komt binnen op de dag dat zij compleet is "
        "(artikel 1.5); aanvragen die nog niet compleet zijn, staan achteraan.",
        "In order of arrival: an application arrives on the day it is complete (article 1.5); "
        "applications not yet complete come last.",
    ),
    terms=SubsidyTerms(
        rate=Decimal("0.5"),
        vulnerable_rate=Decimal(1),
        vulnerable_wage_cap=Decimal("0.2"),
        nil_below=Decimal("0.6"),
        capped_by_own_funds=False,
        overhead_tiers=(
            OverheadTier(Decimal(1_000_000), Decimal("0.15")),
            OverheadTier(Decimal(10_000_000), Decimal("0.07")),
            OverheadTier(None, Decimal("0.01")),
        ),
        overhead_eligible=Decimal("0.5"),
        articles=Articles(
            realised="5.1.3",
            rate="5.1.1",
            maximum="5.1.1",
            balance="5.3",
            nil="5.1.3",
            reduce="5.1.4",
            wage_cap="4.4",
            overhead="5.6",
        ),
    ),
)

SCHEMES: Mapping[str, Scheme] = MappingProxyType(
    {s.id: s for s in (TIJDELIJK_BESLUIT_2010, SECTORPLANNEN_2013)}
)


def scheme_get(scheme_id: str) -> Scheme | None:
    return SCHEMES.get(scheme_id)
