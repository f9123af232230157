"""The codes of the grant files (SCHEMES.md §5), with Dutch and English labels for messages.

Partner roles are the exchange format's (:data:`werkbrug.taxonomy.PARTNER_ROLES`) plus the
ones the schemes' rules name: ``om_fund`` and ``municipality`` (SCHEMES.md §5), and
``workers_organisation`` and ``workers_representation``, which ``sp2013.partnership`` and
``tb2010.workers`` look for. Measure kinds are the activity kinds of the case data, because a
declaration counts a measure's participants by the kind of their activities.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from werkbrug.grants.text import Text
from werkbrug.taxonomy import ACTIVITY_KINDS, PARTNER_ROLES

__all__ = [
    "APPLICANT_KINDS",
    "DECLARATION_KINDS",
    "FUNDING_SOURCES",
    "MEASURE_KINDS",
    "NOT_OWN_SOURCES",
    "PARTNER_ROLE_LABELS",
    "PUBLIC_SOURCES",
    "THEMES",
    "a_label",
    "label_list",
]


def _labels(*rows: tuple[str, str, str]) -> Mapping[str, Text]:
    return MappingProxyType({code: Text(nl, en) for code, nl, en in rows})


APPLICANT_KINDS: Final = _labels(
    ("employer", "werkgever", "employer"),
    ("employer_organisation", "werkgeversorganisatie", "employers' organisation"),
    (
        "sector_representative",
        "organisatie die werkgevers in een sector of regio vertegenwoordigt",
        "organisation representing employers in a sector or region",
    ),
    ("workers_organisation", "werknemersorganisatie", "workers' organisation"),
    ("om_fund", "O&O-fonds", "training and development (O&O) fund"),
    ("knowledge_centre", "kenniscentrum beroepsonderwijs bedrijfsleven", "knowledge centre"),
    ("other", "organisatie van een andere soort", "organisation of another kind"),
)

PARTNER_ROLE_LABELS: Final = MappingProxyType(
    {
        **{c.code: Text(c.label_nl, c.label_en) for c in PARTNER_ROLES},
        "om_fund": Text("O&O-fonds", "training and development (O&O) fund"),
        "municipality": Text("gemeente", "municipality"),
        "workers_organisation": Text("werknemersorganisatie", "workers' organisation"),
        "workers_representation": Text(
            "vertegenwoordiging van werknemers", "workers' representation"
        ),
    }
)

FUNDING_SOURCES: Final = _labels(
    ("employers", "werkgevers", "employers"),
    ("employer_organisation", "werkgeversorganisatie", "employers' organisation"),
    ("workers_organisation", "werknemersorganisatie", "workers' organisation"),
    ("sector_fund", "sectorfonds", "sector fund"),
    ("om_fund", "O&O-fonds", "training and development (O&O) fund"),
    (
        "staff_wages",
        "loon van werknemers die de deelnemers begeleiden",
        "wages of staff who guide the participants",
    ),
    ("participant_wages", "loon van de deelnemers", "wages of the participants"),
    ("private_fund", "privaat fonds", "private fund"),
    ("state", "Rijk", "state"),
    ("province", "provincie", "province"),
    ("municipality", "gemeente", "municipality"),
    ("other_public", "andere publieke middelen", "other public funds"),
)

#: Sources paid from public money (2010 art. 5.2; 2013 art. 3.3.2).
PUBLIC_SOURCES: Final = frozenset({"state", "province", "municipality", "other_public"})
#: Sources that are not own funds: public money, and the participants' own wages (2010 art.
#: 5.2: wages are not own funds, except those of the staff who guide the participants).
NOT_OWN_SOURCES: Final = PUBLIC_SOURCES | {"participant_wages"}

#: The themes of the sectorplannen's article 3.1; SCHEMES.md names only f.
THEMES: Final = _labels(
    ("a", "thema a", "theme a"),
    ("b", "thema b", "theme b"),
    ("c", "thema c", "theme c"),
    ("d", "thema d", "theme d"),
    ("e", "thema e", "theme e"),
    (
        "f",
        "thema f (van werk naar werk, sectoraal en intersectoraal)",
        "theme f (job to job, within and across sectors)",
    ),
    ("g", "thema g", "theme g"),
)

MEASURE_KINDS: Final = MappingProxyType(
    {c.code: Text(c.label_nl, c.label_en) for c in ACTIVITY_KINDS}
)

DECLARATION_KINDS: Final = _labels(
    ("progress", "voortgangsrapportage", "progress report"),
    ("final", "einddeclaratie", "final declaration"),
)


def a_label(labels: Mapping[str, Text], code: str) -> Text:
    """The label with its indefinite article: 'een werkgever' / 'an employer'."""
    label = labels[code]
    article = "an" if label.en[:1].lower() in "aeiou" else "a"
    return Text(f"een {label.nl}", f"{article} {label.en}")


def label_list(labels: Mapping[str, Text], codes: list[str], *, articles: bool = True) -> Text:
    """Labels joined, with their articles ('een werkgever, een werkgeversorganisatie of …')
    or, for a list of what there is, without ('thema a en thema f')."""
    chosen = [a_label(labels, c) if articles else labels[c] for c in codes]
    last = ("of", "or") if articles else ("en", "and")
    return Text(_join([t.nl for t in chosen], last[0]), _join([t.en for t in chosen], last[1]))


def _join(items: list[str], last: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]
