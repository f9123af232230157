"""The 35 Dutch labour market regions (arbeidsmarktregio's).

Codes are our own stable slugs (``groot-amsterdam``, ``zuidoost-brabant``, …), not the
``AMxx`` codes CBS uses in its regional classifications: we are not certain enough of CBS's
numbering to reproduce it, and a wrong number would silently put data in the wrong region.
The slugs never change once published. The list follows the regions from north to south as
they are commonly listed; that order carries no meaning.

A region is found by its code or by its name, ignoring case, hyphens, slashes and repeated
spaces (``"Zuidoost Brabant"`` finds ``Zuidoost-Brabant``), "&" for "en", and a leading
"arbeidsmarktregio". A few well-known name variants are aliases (``Fryslân``, ``Food
Valley``).

Which municipalities belong to which region changes over the years (municipal mergers and
moves between regions) and is **not** modelled here: this is a list of names, not a mapping
from postcode or municipality to region.
"""

from __future__ import annotations

import re
from typing import Final

from werkbrug.taxonomy.codes import Code, CodeList

__all__ = ["REGIONS", "region_key"]

# (slug, name, aliases); a region's name is the same in Dutch and English.
_REGIONS: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("groningen", "Groningen", ()),
    ("friesland", "Friesland", ("Fryslân",)),
    ("drenthe", "Drenthe", ()),
    ("regio-zwolle", "Regio Zwolle", ()),
    ("twente", "Twente", ()),
    ("stedendriehoek-nw-veluwe", "Stedendriehoek en Noordwest Veluwe", ()),
    ("achterhoek", "Achterhoek", ()),
    ("midden-gelderland", "Midden-Gelderland", ()),
    ("foodvalley", "FoodValley", ("Food Valley",)),
    ("rijk-van-nijmegen", "Rijk van Nijmegen", ()),
    ("rivierenland", "Rivierenland", ()),
    ("flevoland", "Flevoland", ()),
    ("midden-utrecht", "Midden-Utrecht", ()),
    ("amersfoort", "Amersfoort", ()),
    ("noord-holland-noord", "Noord-Holland Noord", ()),
    ("zaanstreek-waterland", "Zaanstreek/Waterland", ()),
    ("zuid-kennemerland-ijmond", "Zuid-Kennemerland en IJmond", ()),
    ("groot-amsterdam", "Groot Amsterdam", ()),
    ("gooi-en-vechtstreek", "Gooi en Vechtstreek", ()),
    ("holland-rijnland", "Holland Rijnland", ()),
    ("zuid-holland-centraal", "Zuid-Holland Centraal", ()),
    ("haaglanden", "Haaglanden", ()),
    ("midden-holland", "Midden-Holland", ()),
    ("rijnmond", "Rijnmond", ()),
    ("drechtsteden", "Drechtsteden", ()),
    ("gorinchem", "Gorinchem", ()),
    ("zeeland", "Zeeland", ()),
    ("west-brabant", "West-Brabant", ()),
    ("midden-brabant", "Midden-Brabant", ()),
    ("noordoost-brabant", "Noordoost-Brabant", ()),
    ("zuidoost-brabant", "Zuidoost-Brabant", ()),
    ("helmond-de-peel", "Helmond-De Peel", ()),
    ("noord-limburg", "Noord-Limburg", ()),
    ("midden-limburg", "Midden-Limburg", ()),
    ("zuid-limburg", "Zuid-Limburg", ()),
)

_SEPARATORS: Final = re.compile(r"[\s\-/_.,]+")
_PREFIX: Final = "arbeidsmarktregio "


def region_key(raw: str) -> str:
    """The lookup key of a region code or name: folded case, one space between words."""
    key = _SEPARATORS.sub(" ", raw.casefold().replace("&", " en ")).strip()
    if key.startswith(_PREFIX):
        key = key[len(_PREFIX) :]
    return key


REGIONS: Final = CodeList(
    "labour market region",
    (Code(slug, name, name, aliases=aliases) for slug, name, aliases in _REGIONS),
    key=region_key,
    match_labels=True,
)
