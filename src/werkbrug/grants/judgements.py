"""What a person must assess: rules the product lists but never passes by itself.

The sectorplannen regulation lets the minister refuse a plan on grounds that call for an
assessor's judgement (art. 2.5, under b to j): is the analysis sound, do the measures fit it,
is the budget reasonable. SCHEMES.md lists the refusal grounds as "2.5 a–l" without their
text; the questions below are werkbrug's own wording of what an assessor weighs, following
the plan contents of art. 2.3.5 and the eligibility rules of art. 3.3. They carry the
article so that a refusal can cite the ground, but check the wording against the published
regulation (Staatscourant 2013, 22962) before quoting it in a decision letter.
"""

from __future__ import annotations

from werkbrug.grants.model import Application
from werkbrug.grants.rules import CallTerms, Finding, Rule
from werkbrug.grants.text import Text, say

__all__ = ["SP2013_GROUNDS", "TB2010_TARGET_GROUP", "judgement"]


def judgement(*, rule_id: str, article: str, cite: Text, question: Text) -> Rule:
    """A rule whose finding is always ``judgement``: the question an assessor answers."""
    message = say(
        "Ter beoordeling ({cite}): {question}",
        "To be assessed ({cite}): {question}",
        cite=cite,
        question=question,
    )

    def assess(app: Application, call: CallTerms) -> Finding:
        return Finding.judgement(message)

    return Rule(rule_id, article, assess)


TB2010_TARGET_GROUP = Text(
    "richt het project zich op met ontslag bedreigde werknemers en op werknemers met een "
    "WW-uitkering na ontslag bij een van de betrokken werkgevers, en leidt het hen naar werk "
    "bij een andere werkgever of naar zelfstandig ondernemerschap?",
    "is the project aimed at workers threatened with dismissal and at workers on WW benefit "
    "after dismissal by one of the participating employers, and does it lead them to work with "
    "another employer or to self-employment?",
)

#: (letter, question) for art. 2.5 b–j.
SP2013_GROUNDS: tuple[tuple[str, Text], ...] = (
    (
        "b",
        Text(
            "onderbouwt de arbeidsmarktanalyse de knelpunten in de sector of regio voldoende?",
            "does the labour-market analysis sufficiently substantiate the problems in the "
            "sector or region?",
        ),
    ),
    (
        "c",
        Text(
            "sluiten de maatregelen aan bij de knelpunten die de analyse noemt?",
            "do the measures address the problems that the analysis identifies?",
        ),
    ),
    (
        "d",
        Text(
            "zijn de beoogde resultaten en de aantallen aanvragen per maatregel realistisch en "
            "toetsbaar?",
            "are the intended results and the number of applications per measure realistic and "
            "verifiable?",
        ),
    ),
    (
        "e",
        Text(
            "zijn de kosten redelijk en staan zij in verhouding tot de beoogde resultaten, en "
            "is het financieringsplan sluitend?",
            "are the costs reasonable and in proportion to the intended results, and does the "
            "financing plan balance?",
        ),
    ),
    (
        "f",
        Text(
            "maken de organisatie en het tijdpad aannemelijk dat de maatregelen binnen de "
            "looptijd worden uitgevoerd?",
            "do the organisation and the timeline make it plausible that the measures are "
            "carried out within the period?",
        ),
    ),
    (
        "g",
        Text(
            "wordt het plan gedragen door de werkgevers en werknemers in de sector of regio "
            "waarvoor het is bedoeld?",
            "is the plan supported by the employers and workers of the sector or region it is "
            "meant for?",
        ),
    ),
    (
        "h",
        Text(
            "zijn de voorwaarden waaronder werknemers aan de maatregelen deelnemen passend en "
            "duidelijk?",
            "are the conditions on which workers take part in the measures appropriate and clear?",
        ),
    ),
    (
        "i",
        Text(
            "is aannemelijk dat de structurele maatregelen na afloop van de subsidie worden "
            "voortgezet?",
            "is it plausible that the structural measures continue after the subsidy ends?",
        ),
    ),
    (
        "j",
        Text(
            "vallen de maatregelen niet samen met wat de werkgever al op grond van de wet, een "
            "cao of andere publieke financiering moet doen of bekostigt?",
            "do the measures not coincide with what employers must already do or pay for by "
            "law, a collective agreement or other public funding?",
        ),
    ),
)
