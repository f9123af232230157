"""Rules on the plan itself: when it arrived, what it holds, its themes and its period."""

from __future__ import annotations

from werkbrug.grants.codes import THEMES, label_list
from werkbrug.grants.model import Application
from werkbrug.grants.rules import CallTerms, Finding, Rule, anniversary, is_blank
from werkbrug.grants.text import Count, Text, say

__all__ = ["arrives_in_window", "longest_period", "plan_holds", "themes_covered"]


def arrives_in_window(*, rule_id: str, article: str, cite: Text) -> Rule:
    """The application is complete (or, if the file gives no such date, submitted) on or
    before the call's last day (2010: art. 5.1)."""

    def assess(app: Application, call: CallTerms) -> Finding:
        arrived = app.arrived_on
        if call.window_end is None:
            return Finding.judgement(
                say(
                    "De uiterste datum van deze oproep is niet bekend; beoordeel of de aanvraag "
                    "van {day} op tijd is ({cite}).",
                    "The last day of this call is not known; assess whether the application of "
                    "{day} is on time ({cite}).",
                    day=arrived,
                    cite=cite,
                )
            )
        if arrived > call.window_end:
            return Finding.failed(
                say(
                    "Aanvragen konden worden ingediend tot en met {end} ({cite}); deze aanvraag "
                    "dateert van {day}.",
                    "Applications could be made up to and including {end} ({cite}); this "
                    "application is dated {day}.",
                    end=call.window_end,
                    day=arrived,
                    cite=cite,
                )
            )
        return Finding.passed(
            say(
                "De aanvraag van {day} valt binnen de termijn, die liep tot en met {end} ({cite}).",
                "The application of {day} is within the window, which ran up to and including "
                "{end} ({cite}).",
                day=arrived,
                end=call.window_end,
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)


# The parts of a plan, as a rule can require them: the field, and its name in a message.
PLAN_PARTS: dict[str, Text] = {
    "design": Text("de opzet van het project", "the design of the project"),
    "analysis": Text("de arbeidsmarktanalyse", "the labour-market analysis"),
    "approach": Text("het plan van aanpak", "the plan of approach"),
    "organisation": Text("de organisatie en het tijdpad", "the organisation and timeline"),
    "conditions": Text("de voorwaarden", "the conditions"),
    "continuation": Text(
        "de wijze waarop structurele maatregelen worden voortgezet",
        "how structural measures will continue",
    ),
}


def plan_holds(
    *,
    rule_id: str,
    article: str,
    cite: Text,
    parts: tuple[str, ...],
    participants: bool,
    own_funds_line: bool,
    measure_costs: bool,
    applications_per_measure: bool,
) -> Rule:
    """The plan holds what the article lists: the texts of ``parts``, and as asked an expected
    number of participants, a line of own funds, a measure with a cost, and the planned
    number of applications of every measure (2010: art. 5.3; 2013: art. 2.3.5)."""

    def missing(app: Application) -> list[Text]:
        gaps = [PLAN_PARTS[p] for p in parts if is_blank(getattr(app.plan, p))]
        if participants and not app.plan.expected_participants:
            gaps.append(
                Text("het verwachte aantal deelnemers", "the expected number of participants")
            )
        if own_funds_line and app.own_funds_eur <= 0:
            gaps.append(Text("de aard en omvang van de eigen middelen", "the own funds"))
        if measure_costs and not any(m.cost_eur > 0 for m in app.measures):
            gaps.append(Text("een begroting met kosten", "a budget with costs"))
        if applications_per_measure:
            if not app.measures:
                gaps.append(Text("de maatregelen", "the measures"))
            for m in app.measures:
                if not m.applications:
                    gaps.append(
                        say(
                            "het aantal aanvragen van maatregel {code}",
                            "the number of applications of measure {code}",
                            code=m.code,
                        )
                    )
        return gaps

    def assess(app: Application, call: CallTerms) -> Finding:
        gaps = missing(app)
        if gaps:
            return Finding.failed(
                say(
                    "Het plan moet ten minste de onderdelen bevatten die in {cite}, worden "
                    "genoemd. Het ontbreekt aan: {gaps}.",
                    "The plan must hold at least the parts listed in {cite}. Missing: {gaps}.",
                    gaps=Text("; ".join(g.nl for g in gaps), "; ".join(g.en for g in gaps)),
                    cite=cite,
                )
            )
        return Finding.passed(
            say(
                "Het plan bevat de onderdelen die in {cite}, worden genoemd.",
                "The plan holds the parts listed in {cite}.",
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)


def themes_covered(*, rule_id: str, article: str, cite: Text, at_least: int) -> Rule:
    """The measures together cover at least ``at_least`` distinct themes (2013: art. 3.1)."""

    def assess(app: Application, call: CallTerms) -> Finding:
        themes = sorted({m.theme for m in app.measures if m.theme})
        covered = label_list(THEMES, themes, articles=False) if themes else Text("geen", "none")
        if len(themes) < at_least:
            return Finding.failed(
                say(
                    "De maatregelen moeten ten minste {n} verschillende thema's bestrijken "
                    "({cite}); dit plan bestrijkt er {k}: {covered}.",
                    "The measures must cover at least {n} different themes ({cite}); this plan "
                    "covers {k}: {covered}.",
                    n=Count(at_least),
                    k=Count(len(themes)),
                    covered=covered,
                    cite=cite,
                )
            )
        return Finding.passed(
            say(
                "De maatregelen bestrijken {k} thema's: {covered} ({cite}).",
                "The measures cover {k} themes: {covered} ({cite}).",
                k=Count(len(themes)),
                covered=covered,
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)


def longest_period(*, rule_id: str, article: str, cite: Text, years: int) -> Rule:
    """The period, up to and including its end, lasts at most ``years`` years: the end lies
    before the same day ``years`` after the start (2010: art. 4.1; 2013: art. 1.2.5)."""

    def assess(app: Application, call: CallTerms) -> Finding:
        start, end = app.period.start, app.period.end
        limit = anniversary(start, years)
        longest = say(
            "ten hoogste {n} jaar",
            "at most {n} year" if years == 1 else "at most {n} years",
            n=Count(years),
        )
        if end >= limit:
            return Finding.failed(
                say(
                    "De looptijd bedraagt {longest} ({cite}); deze periode moet dus eindigen "
                    "vóór {limit}, maar loopt van {start} tot en met {end}.",
                    "The period may last {longest} ({cite}), so this one must end before "
                    "{limit}; it runs from {start} up to and including {end}.",
                    longest=longest,
                    limit=limit,
                    start=start,
                    end=end,
                    cite=cite,
                )
            )
        return Finding.passed(
            say(
                "De periode van {start} tot en met {end} duurt {longest} ({cite}).",
                "The period from {start} up to and including {end} lasts {longest} ({cite}).",
                longest=longest,
                start=start,
                end=end,
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)
