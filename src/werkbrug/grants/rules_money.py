"""Rules on the money: own funds, the amount requested, and public co-funding."""

from __future__ import annotations

from decimal import Decimal

from werkbrug.grants.model import Application
from werkbrug.grants.rules import CallTerms, Finding, Rule
from werkbrug.grants.text import Euro, Share, Text, say

__all__ = [
    "no_public_funding",
    "own_funds_share",
    "requested_at_least",
    "requested_within_own_funds_gap",
    "requested_within_rate",
]


def own_funds_share(*, rule_id: str, article: str, cite: Text, share: Decimal) -> Rule:
    """Own funds pay at least ``share`` of the project's total cost (2010: art. 5.2). Own funds
    are neither public money nor the participants' wages; the wages of staff who guide the
    participants do count."""

    def assess(app: Application, call: CallTerms) -> Finding:
        own, total = app.own_funds_eur, app.total_cost_eur
        figures = {"own": Euro(own), "total": Euro(total), "share": Share(share), "cite": cite}
        if total <= 0:
            return Finding.failed(
                say(
                    "Ten minste {share} van de kosten moet uit eigen middelen komen ({cite}); "
                    "het plan noemt geen kosten, dus dat aandeel is niet te bepalen.",
                    "At least {share} of the costs must come from own funds ({cite}); the plan "
                    "gives no costs, so that share cannot be determined.",
                    **figures,
                )
            )
        actual = Share(own / total)
        if own < share * total:
            return Finding.failed(
                say(
                    "Ten minste {share} van de kosten moet uit eigen middelen komen, niet "
                    "afkomstig van het Rijk, provincies of gemeenten en niet uit het loon van de "
                    "deelnemers "
                    "({cite}); dit plan heeft {actual} ({own} van {total}).",
                    "At least {share} of the costs must come from own funds, not from the "
                    "state, provinces or municipalities and not from the participants' wages "
                    "({cite}); this plan has {actual} ({own} of {total}).",
                    actual=actual,
                    **figures,
                )
            )
        return Finding.passed(
            say(
                "De eigen middelen dekken {actual} van de kosten ({own} van {total}); ten "
                "minste {share} is vereist ({cite}).",
                "Own funds cover {actual} of the costs ({own} of {total}); at least {share} is "
                "required ({cite}).",
                actual=actual,
                **figures,
            )
        )

    return Rule(rule_id, article, assess)


def requested_within_own_funds_gap(*, rule_id: str, article: str, cite: Text) -> Rule:
    """The amount requested is at most what own funds leave uncovered (2010: art. 5.2)."""

    def assess(app: Application, call: CallTerms) -> Finding:
        gap = max(app.total_cost_eur - app.own_funds_eur, Decimal(0))
        figures = {
            "requested": Euro(app.requested_eur),
            "gap": Euro(gap),
            "total": Euro(app.total_cost_eur),
            "own": Euro(app.own_funds_eur),
            "cite": cite,
        }
        if app.requested_eur > gap:
            return Finding.failed(
                say(
                    "Het aangevraagde bedrag mag niet hoger zijn dan de kosten minus de eigen "
                    "middelen ({cite}): ten hoogste {gap} ({total} min {own}); aangevraagd is "
                    "{requested}.",
                    "The amount requested may not exceed the costs less the own funds ({cite}): "
                    "at most {gap} ({total} less {own}); the request is {requested}.",
                    **figures,
                )
            )
        return Finding.passed(
            say(
                "Het aangevraagde bedrag van {requested} is niet hoger dan de kosten minus de "
                "eigen middelen, {gap} ({cite}).",
                "The amount requested, {requested}, does not exceed the costs less the own "
                "funds, {gap} ({cite}).",
                **figures,
            )
        )

    return Rule(rule_id, article, assess)


def requested_at_least(*, rule_id: str, article: str, cite: Text, minimum: Decimal) -> Rule:
    """The amount requested, excluding the overhead lump sum, is at least ``minimum`` (2013:
    art. 2.3.1)."""

    def assess(app: Application, call: CallTerms) -> Finding:
        figures = {"requested": Euro(app.requested_eur), "minimum": Euro(minimum), "cite": cite}
        if app.requested_eur < minimum:
            return Finding.failed(
                say(
                    "Het aangevraagde bedrag, zonder de vergoeding voor overhead, moet ten "
                    "minste {minimum} zijn ({cite}); aangevraagd is {requested}.",
                    "The amount requested, excluding the overhead allowance, must be at least "
                    "{minimum} ({cite}); the request is {requested}.",
                    **figures,
                )
            )
        return Finding.passed(
            say(
                "Het aangevraagde bedrag van {requested} is ten minste {minimum} ({cite}).",
                "The amount requested, {requested}, is at least {minimum} ({cite}).",
                **figures,
            )
        )

    return Rule(rule_id, article, assess)


def no_public_funding(*, rule_id: str, article: str, cite: Text) -> Rule:
    """No public money pays for the measures: costs already publicly funded are not eligible
    (2013: art. 3.3.2)."""

    def assess(app: Application, call: CallTerms) -> Finding:
        public = app.public_funds_eur
        if public > 0:
            return Finding.failed(
                say(
                    "Kosten die al uit publieke middelen worden betaald, komen niet voor "
                    "subsidie in aanmerking ({cite}); de financiering bevat {public} aan "
                    "publieke middelen. Zonder de financieringsregels met een publieke bron "
                    "voldoet het plan aan deze eis.",
                    "Costs already paid from public funds are not eligible ({cite}); the "
                    "funding holds {public} of public funds. Without the funding lines from "
                    "public sources, the plan meets this rule.",
                    public=Euro(public),
                    cite=cite,
                )
            )
        return Finding.passed(
            say(
                "De maatregelen worden niet uit andere publieke middelen betaald ({cite}).",
                "No other public funds pay for the measures ({cite}).",
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)


def requested_within_rate(
    *, rule_id: str, article: str, cite: Text, rate: Decimal, vulnerable_rate: Decimal
) -> Rule:
    """The amount requested is at most ``rate`` of the ordinary measures' costs plus
    ``vulnerable_rate`` of the vulnerable-hiring measures' costs (2013: art. 5.1)."""

    def assess(app: Application, call: CallTerms) -> Finding:
        vulnerable = sum((m.cost_eur for m in app.measures if m.vulnerable_hiring), Decimal(0))
        ordinary = app.total_cost_eur - vulnerable
        ceiling = rate * ordinary + vulnerable_rate * vulnerable
        figures = {
            "requested": Euro(app.requested_eur),
            "ceiling": Euro(ceiling),
            "rate": Share(rate),
            "vrate": Share(vulnerable_rate),
            "ordinary": Euro(ordinary),
            "vulnerable": Euro(vulnerable),
            "cite": cite,
        }
        if app.requested_eur > ceiling:
            return Finding.failed(
                say(
                    "De subsidie bedraagt ten hoogste {rate} van de kosten van de maatregelen "
                    "en {vrate} van die voor het in dienst nemen van kwetsbare werknemers "
                    "({cite}): hier ten hoogste {ceiling} ({rate} van {ordinary} plus {vrate} "
                    "van {vulnerable}); aangevraagd is {requested}.",
                    "The subsidy is at most {rate} of the costs of the measures and {vrate} of "
                    "those for hiring vulnerable workers ({cite}): here at most {ceiling} "
                    "({rate} of {ordinary} plus {vrate} of {vulnerable}); the request is "
                    "{requested}.",
                    **figures,
                )
            )
        return Finding.passed(
            say(
                "Het aangevraagde bedrag van {requested} is niet hoger dan {rate} van {ordinary} "
                "plus {vrate} van {vulnerable}, samen {ceiling} ({cite}).",
                "The amount requested, {requested}, does not exceed {rate} of {ordinary} plus "
                "{vrate} of {vulnerable}, together {ceiling} ({cite}).",
                **figures,
            )
        )

    return Rule(rule_id, article, assess)
