"""The reasons of a determination: each step of the computation, with its article, in Dutch
and English, in the words a project reads in its decision letter."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from werkbrug.grants.amounts import cents
from werkbrug.grants.formula import Bound, Figures, Outcome
from werkbrug.grants.model import Award, Declaration
from werkbrug.grants.schemes import OverheadTier, SubsidyTerms
from werkbrug.grants.text import Euro, Share, Text, say

__all__ = ["Reason", "reasons"]


@dataclass(frozen=True)
class Reason:
    article: str
    message: Text

    def as_json(self) -> dict[str, object]:
        return {"article": self.article, "message": self.message.as_json()}


def reasons(
    terms: SubsidyTerms, award: Award, declaration: Declaration, found: Figures
) -> tuple[Reason, ...]:
    found_reasons = [
        *_caps(terms, found),
        *_undeclared(terms, found),
        _realised(terms, found),
        *_threshold(terms, found),
    ]
    if found.outcome is not Outcome.NIL:
        found_reasons.append(_measures(terms, award, found))
        if terms.overhead_tiers:
            found_reasons.append(_overhead(terms, found))
    found_reasons.append(_balance(terms, declaration, found))
    return tuple(found_reasons)


def _caps(terms: SubsidyTerms, found: Figures) -> list[Reason]:
    article = terms.articles.wage_cap or terms.articles.realised
    return [
        Reason(
            article,
            say(
                "Maatregel {code}: de subsidiabele kosten van het in dienst nemen van kwetsbare "
                "werknemers bedragen ten hoogste {cap} van hun loonkosten ({wages}); het "
                "gedeclareerde bedrag van {declared} wordt daarom teruggebracht tot {capped}.",
                "Measure {code}: the eligible costs of hiring vulnerable workers are at most "
                "{cap} of their wage costs ({wages}); the {declared} declared is therefore "
                "reduced to {capped}.",
                code=c.code,
                cap=Share(terms.vulnerable_wage_cap or Decimal(0)),
                wages=Euro(c.wage_costs),
                declared=Euro(c.declared),
                capped=Euro(c.cap),
            ),
        )
        for c in found.capped
    ]


def _undeclared(terms: SubsidyTerms, found: Figures) -> list[Reason]:
    return [
        Reason(
            terms.articles.realised,
            say(
                "Maatregel {code} uit de beschikking is niet gedeclareerd en telt mee voor € 0.",
                "Measure {code} of the award was not declared and counts for €0.",
                code=code,
            ),
        )
        for code in found.undeclared
    ]


def _realised(terms: SubsidyTerms, found: Figures) -> Reason:
    return Reason(
        terms.articles.realised,
        say(
            "Gerealiseerd is {realised} aan subsidiabele kosten: {share} van de {awarded} "
            "subsidiabele kosten in de beschikking.",
            "Eligible costs of {realised} were realised: {share} of the {awarded} eligible "
            "costs in the award.",
            realised=Euro(found.realised),
            share=Share(found.share),
            awarded=Euro(found.awarded),
        ),
    )


def _threshold(terms: SubsidyTerms, found: Figures) -> list[Reason]:
    if terms.nil_below is None:
        return []
    nil_article = terms.articles.nil or terms.articles.realised
    threshold = Share(terms.nil_below)
    if found.outcome is Outcome.FULL:
        return [
            Reason(
                nil_article,
                say(
                    "Dat is ten minste {threshold}; de subsidie wordt dus niet op nihil "
                    "vastgesteld.",
                    "That is at least {threshold}, so the subsidy is not set at nil.",
                    threshold=threshold,
                ),
            )
        ]
    below = Reason(
        nil_article,
        say(
            "Dat is minder dan {threshold}; in dat geval wordt de subsidie op nihil vastgesteld.",
            "That is less than {threshold}; in that case the subsidy is set at nil.",
            threshold=threshold,
        ),
    )
    if found.outcome is Outcome.NIL:
        return [below]
    return [
        below,
        Reason(
            terms.articles.reduce or nil_article,
            say(
                "In plaats daarvan wordt de subsidie naar rato verlaagd: zij wordt berekend "
                "over de gerealiseerde kosten.",
                "Instead, the subsidy is reduced proportionally: it is computed on the "
                "realised costs.",
            ),
        ),
    ]


def _measures(terms: SubsidyTerms, award: Award, found: Figures) -> Reason:
    if found.vulnerable > 0 and terms.vulnerable_rate != terms.rate:
        by_rate = say(
            "Volgens de subsidiepercentages bedraagt de subsidie voor de maatregelen {rate} van "
            "{ordinary} plus {vrate} van {vulnerable} voor het in dienst nemen van kwetsbare "
            "werknemers, samen {by_rate}.",
            "At the subsidy rates, the subsidy for the measures is {rate} of {ordinary} plus "
            "{vrate} of {vulnerable} for hiring vulnerable workers, together {by_rate}.",
            rate=Share(terms.rate),
            ordinary=Euro(found.ordinary),
            vrate=Share(terms.vulnerable_rate),
            vulnerable=Euro(found.vulnerable),
            by_rate=Euro(found.by_rate),
        )
    else:
        by_rate = say(
            "Volgens het subsidiepercentage bedraagt de subsidie voor de maatregelen {rate} "
            "van {realised}: {by_rate}.",
            "At the subsidy rate, the subsidy for the measures is {rate} of {realised}: {by_rate}.",
            rate=Share(terms.rate),
            realised=Euro(found.realised),
            by_rate=Euro(found.by_rate),
        )
    parts = [by_rate]
    if found.own_funds_gap is not None:
        parts.append(
            say(
                "De gerealiseerde kosten minus de eigen middelen bedragen {gap}.",
                "The realised costs less the own funds are {gap}.",
                gap=Euro(found.own_funds_gap),
            )
        )
    parts.append(
        say(
            "Het subsidiebedrag in de beschikking is ten hoogste {max}.",
            "The award's maximum is {max}.",
            max=Euro(award.maximum_eur),
        )
    )
    parts.append(
        say(
            "De subsidie voor de maatregelen is het laagste van deze bedragen: {measures}.",
            "The subsidy for the measures is the lowest of these amounts: {measures}.",
            measures=Euro(found.measures),
        )
    )
    article = {
        Bound.RATE: terms.articles.rate,
        Bound.MAXIMUM: terms.articles.maximum,
        Bound.OWN_FUNDS: terms.articles.own_funds or terms.articles.rate,
    }[found.bound]
    return Reason(article, Text(" ".join(p.nl for p in parts), " ".join(p.en for p in parts)))


def _overhead(terms: SubsidyTerms, found: Figures) -> Reason:
    return Reason(
        terms.articles.overhead or terms.articles.rate,
        say(
            "Voor overhead geldt een vast bedrag over de gerealiseerde subsidiabele kosten van "
            "{realised}: {tiers}; dat is {lump_sum}. Daarvan is {eligible} subsidiabel: "
            "{overhead}.",
            "Overhead is a lump sum on the realised eligible costs of {realised}: {tiers}; "
            "that is {lump_sum}. Of this, {eligible} is eligible: {overhead}.",
            lump_sum=Euro(found.overhead_lump_sum),
            tiers=_tiers_text(terms.overhead_tiers),
            realised=Euro(found.realised),
            eligible=Share(terms.overhead_eligible),
            overhead=Euro(found.overhead),
        ),
    )


def _tiers_text(tiers: tuple[OverheadTier, ...]) -> Text:
    """'15% tot € 1.000.000, 7% van € 1.000.000 tot € 10.000.000 en 1% daarboven'."""
    parts: list[Text] = []
    lower: Decimal | None = None
    for tier in tiers:
        rate = Share(tier.rate)
        if tier.up_to is None:
            part = say("{rate} daarboven", "{rate} above that", rate=rate)
        elif lower is None:
            part = say("{rate} tot {up}", "{rate} up to {up}", rate=rate, up=Euro(tier.up_to))
        else:
            part = say(
                "{rate} van {low} tot {up}",
                "{rate} from {low} to {up}",
                rate=rate,
                low=Euro(lower),
                up=Euro(tier.up_to),
            )
        parts.append(part)
        lower = tier.up_to
    return Text(_listed([p.nl for p in parts], "en"), _listed([p.en for p in parts], "and"))


def _listed(items: list[str], last: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _balance(terms: SubsidyTerms, declaration: Declaration, found: Figures) -> Reason:
    subsidy = cents(found.subsidy)
    balance = subsidy - declaration.advances_paid_eur
    if balance > 0:
        rest = say("nog te betalen is {b}", "{b} remains to be paid", b=Euro(balance))
    elif balance < 0:
        rest = say("terug te vorderen is {b}", "{b} is to be recovered", b=Euro(-balance))
    else:
        rest = say(
            "er is niets meer te betalen of terug te vorderen",
            "nothing remains to be paid or recovered",
        )
    return Reason(
        terms.articles.balance,
        say(
            "De subsidie wordt vastgesteld op {subsidy}. Aan voorschotten is {advances} "
            "betaald; {rest}.",
            "The subsidy is set at {subsidy}. Advances of {advances} were paid; {rest}.",
            subsidy=Euro(subsidy),
            advances=Euro(declaration.advances_paid_eur),
            rest=rest,
        ),
    )
