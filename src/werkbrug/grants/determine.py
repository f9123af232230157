"""The determination: the subsidy set from what a project did, with reasons it can read.

:func:`determine` checks that the declaration belongs to the award, computes the figures
exactly (:mod:`~werkbrug.grants.formula`) and rounds them to cents, halves up, once at the
end: the subsidy is the exact measures' subsidy plus the exact overhead, rounded, so the
rounded parts may differ from the rounded total by a cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from werkbrug.grants.amounts import cents
from werkbrug.grants.formula import Figures, Outcome, figures
from werkbrug.grants.model import Award, Declaration
from werkbrug.grants.problems import Collector, Result
from werkbrug.grants.reasons import Reason, reasons
from werkbrug.grants.schemes import Scheme, scheme_get
from werkbrug.grants.text import Quote, Share, say

__all__ = ["Determination", "determine"]

SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Determination:
    scheme: str
    award: str
    eligible_awarded_eur: Decimal
    eligible_realised_eur: Decimal
    #: Realised over awarded eligible costs, cut (not rounded) to four decimals, so that a
    #: share just below a threshold never shows as the threshold.
    realised_share: Decimal
    measures_subsidy_eur: Decimal
    overhead_eur: Decimal
    subsidy_eur: Decimal
    outcome: Outcome
    advances_paid_eur: Decimal
    #: Subsidy less advances: to pay when positive, to recover when negative.
    balance_eur: Decimal
    reasons: tuple[Reason, ...]

    def as_json(self) -> dict[str, object]:
        """The determination of SCHEMES.md §5; amounts as texts with two decimals."""
        return {
            "scheme": self.scheme,
            "award": self.award,
            "eligible_awarded_eur": _amount(self.eligible_awarded_eur),
            "eligible_realised_eur": _amount(self.eligible_realised_eur),
            "realised_share": f"{self.realised_share:f}",
            "measures_subsidy_eur": _amount(self.measures_subsidy_eur),
            "overhead_eur": _amount(self.overhead_eur),
            "subsidy_eur": _amount(self.subsidy_eur),
            "rule": self.outcome.value,
            "advances_paid_eur": _amount(self.advances_paid_eur),
            "balance_eur": _amount(self.balance_eur),
            "reasons": [r.as_json() for r in self.reasons],
        }


def _amount(value: Decimal) -> str:
    return f"{cents(value):f}"


def determine(
    award: Award,
    declaration: Declaration,
    *,
    reduce: bool = False,
    declaration_name: str = "declaration",
) -> Result[Determination]:
    """The subsidy for ``declaration`` under ``award``. With ``reduce``, a project below the
    scheme's nil threshold gets the subsidy computed on its realised costs instead of nil (the
    minister's choice under 2013 art. 5.1.4). Problems name ``declaration_name``."""
    problems = Collector(declaration_name)
    scheme = scheme_get(award.scheme)
    if scheme is None:
        problems.error("scheme", say("onbekende regeling", "unknown scheme"))
        return problems.result(None)
    _check_pair(scheme, award, declaration, problems)
    if reduce and scheme.terms.nil_below is None:
        problems.warning(
            None,
            say(
                "{scheme} kent geen nihilstelling; verlagen verandert niets",
                "{scheme} has no nil rule; reducing changes nothing",
                scheme=scheme.name,
            ),
        )
    if problems.has_errors:
        return problems.result(None)
    found = figures(scheme.terms, award, declaration, reduce)
    return problems.result(_rounded(scheme, award, declaration, found))


def _rounded(
    scheme: Scheme, award: Award, declaration: Declaration, found: Figures
) -> Determination:
    subsidy = cents(found.subsidy)
    return Determination(
        scheme=scheme.id,
        award=award.id,
        eligible_awarded_eur=cents(found.awarded),
        eligible_realised_eur=cents(found.realised),
        realised_share=found.share.quantize(SHARE_PLACES, rounding=ROUND_DOWN),
        measures_subsidy_eur=cents(found.measures),
        overhead_eur=cents(found.overhead),
        subsidy_eur=subsidy,
        outcome=found.outcome,
        advances_paid_eur=declaration.advances_paid_eur,
        balance_eur=subsidy - declaration.advances_paid_eur,
        reasons=reasons(scheme.terms, award, declaration, found),
    )


def _check_pair(
    scheme: Scheme, award: Award, declaration: Declaration, problems: Collector
) -> None:
    """The declaration is the final one for this award, of its measures, with what the
    scheme's terms need of each."""
    if declaration.award != award.id:
        problems.error(
            "award",
            say(
                "deze declaratie hoort bij beschikking {theirs}, niet bij {ours}",
                "this declaration belongs to award {theirs}, not to {ours}",
                theirs=Quote(declaration.award),
                ours=Quote(award.id),
            ),
        )
    if declaration.kind != "final":
        problems.error(
            "kind",
            say(
                "de subsidie wordt vastgesteld op de einddeclaratie (kind final); dit is een "
                "voortgangsrapportage",
                "the subsidy is determined on the final declaration (kind final); this is a "
                "progress report",
            ),
        )
    awarded = {m.code: m for m in award.measures}
    for index, measure in enumerate(declaration.measures):
        path = f"measures[{index}]"
        match = awarded.get(measure.code)
        if match is None:
            problems.error(
                f"{path}.code",
                say(
                    "maatregel {code} staat niet in beschikking {award}; die bevat: {codes}",
                    "measure {code} is not in award {award}, which holds: {codes}",
                    code=Quote(measure.code),
                    award=Quote(award.id),
                    codes=", ".join(awarded),
                ),
            )
        elif (
            match.vulnerable_hiring
            and scheme.terms.vulnerable_wage_cap is not None
            and measure.wage_costs_eur is None
        ):
            problems.error(
                f"{path}.wage_costs_eur",
                say(
                    "verplicht voor een maatregel voor het in dienst nemen van kwetsbare "
                    "werknemers: de subsidiabele kosten zijn ten hoogste {cap} van de loonkosten "
                    "(artikel {article})",
                    "required for a measure hiring vulnerable workers: the eligible costs are "
                    "at most {cap} of the wage costs (article {article})",
                    cap=Share(scheme.terms.vulnerable_wage_cap),
                    article=scheme.terms.articles.wage_cap or "",
                ),
            )
