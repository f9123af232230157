"""The small code lists of the exchange format: outcomes, contracts, partner roles and more.

The codes are exactly those of the exchange format ``werkbrug-exchange/1``; the labels are
ours. No extra aliases are accepted, so that files written for one importer read the same in
another.
"""

from __future__ import annotations

from typing import Final

from werkbrug.taxonomy.codes import Code, CodeList

__all__ = [
    "ACTIVITY_KINDS",
    "CONTINUATIONS",
    "CONTRACTS",
    "FORMAL_AGREEMENTS",
    "GENDERS",
    "NETWORKS",
    "OUTCOMES",
    "PARTNER_ROLES",
    "SITUATIONS",
    "TRANSITION_OUTCOMES",
]


def _list(name: str, rows: tuple[tuple[str, str, str], ...]) -> CodeList:
    return CodeList(name, (Code(code, nl, en) for code, nl, en in rows))


OUTCOMES: Final = _list(
    "outcome",
    (
        ("work", "werk (nieuwe baan)", "work (new job)"),
        ("learn_work", "leerwerktraject", "learn-work placement"),
        ("self_employed", "zelfstandig ondernemer", "self-employed"),
        ("no_work", "geen werk", "no work"),
        ("dropout", "voortijdig gestopt", "dropped out"),
    ),
)

#: The outcomes that count as a transition (new work, learn-work placement, self-employment).
TRANSITION_OUTCOMES: Final = frozenset({"work", "learn_work", "self_employed"})

CONTRACTS: Final = _list(
    "contract",
    (
        ("fixed_term", "contract voor bepaalde tijd", "fixed-term contract"),
        ("permanent", "contract voor onbepaalde tijd", "permanent contract"),
        ("agency", "uitzendcontract", "agency work"),
        ("on_call", "oproepcontract", "on-call contract"),
        ("other", "ander contract", "other contract"),
    ),
)

PARTNER_ROLES: Final = _list(
    "partner role",
    (
        ("employer", "werkgever", "employer"),
        ("employer_organisation", "werkgeversorganisatie", "employer organisation"),
        ("union", "vakbond", "trade union"),
        ("sector_fund", "sectorfonds (O&O-fonds)", "sector training and development fund"),
        ("training_institute", "opleidingsinstituut", "training institute"),
        ("knowledge_centre", "kenniscentrum", "knowledge centre"),
        ("mediator", "bemiddelaar", "mediator"),
        ("poortwachter_centre", "Poortwachtercentrum", "Poortwachter centre"),
    ),
)

NETWORKS: Final = _list(
    "network",
    (
        ("sector", "sectoraal netwerk", "sector network"),
        ("region", "regionaal netwerk", "regional network"),
        ("mixed", "gemengd netwerk", "mixed network"),
    ),
)

SITUATIONS: Final = _list(
    "situation",
    (
        ("threatened", "met ontslag bedreigd", "threatened with dismissal"),
        ("dismissed", "ontslagen", "dismissed"),
        ("unemployed", "werkloos", "unemployed"),
        ("other", "anders", "other"),
    ),
)

GENDERS: Final = _list(
    "gender",
    (
        ("f", "vrouw", "female"),
        ("m", "man", "male"),
        ("x", "anders (x)", "other (x)"),
    ),
)

FORMAL_AGREEMENTS: Final = _list(
    "formal agreement",
    (
        ("none", "geen formele afspraken", "no formal agreements"),
        ("covenant", "convenant", "covenant"),
        ("steering_group", "stuurgroep of projectteam", "steering group or project team"),
        ("both", "convenant en stuurgroep", "covenant and steering group"),
    ),
)

CONTINUATIONS: Final = _list(
    "continuation",
    (
        ("stopped", "gestopt", "stopped"),
        ("continued", "voortgezet in dezelfde vorm", "continued in the same form"),
        ("adapted", "voortgezet in aangepaste vorm", "continued in an adapted form"),
        (
            "intends",
            "wil doorgaan, financiering wordt gezocht",
            "intends to continue, looking for financing",
        ),
        ("unknown", "onbekend", "unknown"),
    ),
)

ACTIVITY_KINDS: Final = _list(
    "activity kind",
    (
        ("conversation", "gesprek", "conversation"),
        ("mediation", "bemiddeling naar werk", "job mediation"),
        ("assessment", "assessment (vaardigheden, loopbaan)", "assessment (skills, career)"),
        ("training", "scholing", "training"),
        ("coaching", "coaching", "coaching"),
        ("internship", "stage", "internship"),
        ("learn_work", "leerwerktraject (BBL)", "learn-work trajectory (BBL)"),
        ("application_support", "sollicitatieondersteuning", "application support"),
        ("other", "anders", "other"),
    ),
)
