"""Highest completed education, coded as in the exchange format (CBS SOI 2021 levels).

Levels follow the CBS Standaard Onderwijsindeling (SOI) 2021 as the project's domain notes
state them: *low* is basisonderwijs, vmbo, the lower years of havo/vwo and mbo-1; *middle* is
mbo-2/3/4, havo and vwo; *high* is hbo and wo (bachelor, master, doctor). The legacy names
LBO, MAVO and VBO are aliases of vmbo. A bare ``mbo`` (level not recorded, as in 2012 data)
counts as middle.

``education_rank`` orders the codes for comparisons such as a vacancy's minimum education.
The ranks are ours, not CBS numbers: they follow the order of the SOI levels and split the
middle level the way SOI does (mbo-2 and mbo-3 below mbo-4, havo and vwo, which SOI puts on
one sub-level), and the high level into bachelor, master and doctor. Codes with the same rank
are equal for comparisons (vmbo = avo onderbouw = mbo-1; havo = vwo = mbo-4; hbo = wo). A bare
``mbo`` ranks with mbo-2/3, the lowest middle-level mbo it can be. We deliberately give no
SOI sub-level numbers here, because we are not certain of the exact numbering of the SOI
2021 sub-levels of the high level.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

from werkbrug.taxonomy.codes import Code, CodeList

__all__ = [
    "EDUCATION",
    "EDUCATION_ORDER",
    "EDUCATION_RANKS",
    "EducationLevel",
    "education_at_least",
    "education_level",
    "education_rank",
]

EducationLevel = Literal["low", "middle", "high"]

# (code, Dutch label, English label, aliases, level, rank)
_ROWS: Final[tuple[tuple[str, str, str, tuple[str, ...], EducationLevel, int], ...]] = (
    ("basis", "basisonderwijs", "primary education", (), "low", 1),
    (
        "vmbo",
        "vmbo (ook lbo, mavo, vbo)",
        "pre-vocational secondary education (vmbo; also lbo, mavo, vbo)",
        ("lbo", "mavo", "vbo"),
        "low",
        2,
    ),
    (
        "avo_onderbouw",
        "onderbouw havo/vwo",
        "lower years of general secondary education (havo/vwo)",
        (),
        "low",
        2,
    ),
    ("mbo1", "mbo niveau 1 (entree)", "secondary vocational education, level 1", (), "low", 2),
    (
        "mbo",
        "mbo (niveau onbekend)",
        "secondary vocational education (level unknown)",
        (),
        "middle",
        3,
    ),
    ("mbo2", "mbo niveau 2", "secondary vocational education, level 2", (), "middle", 3),
    ("mbo3", "mbo niveau 3", "secondary vocational education, level 3", (), "middle", 3),
    ("mbo4", "mbo niveau 4", "secondary vocational education, level 4", (), "middle", 4),
    ("havo", "havo", "senior general secondary education (havo)", (), "middle", 4),
    ("vwo", "vwo", "pre-university education (vwo)", (), "middle", 4),
    ("hbo", "hbo (bachelor)", "higher professional education (bachelor)", (), "high", 5),
    ("wo", "wo (bachelor)", "university education (bachelor)", (), "high", 5),
    ("hbo_master", "hbo-master", "higher professional education (master)", (), "high", 6),
    ("wo_master", "wo-master", "university education (master)", (), "high", 6),
    ("doctor", "gepromoveerd (doctor)", "doctorate", (), "high", 7),
)

EDUCATION: Final = CodeList(
    "education",
    (Code(code, nl, en, aliases=aliases, level=level) for code, nl, en, aliases, level, _ in _ROWS),
)

#: Rank of each canonical education code; higher is more education (equal ranks are equal).
EDUCATION_RANKS: Final[Mapping[str, int]] = MappingProxyType({row[0]: row[5] for row in _ROWS})

#: The canonical education codes from least to most education (ties keep the list order).
EDUCATION_ORDER: Final = tuple(sorted(EDUCATION_RANKS, key=EDUCATION_RANKS.__getitem__))

_LEVELS: Final[Mapping[str, EducationLevel]] = MappingProxyType({row[0]: row[4] for row in _ROWS})


def education_level(code_or_alias: str | None) -> EducationLevel | None:
    """``"low"``, ``"middle"`` or ``"high"`` for an education code or alias, else ``None``."""
    canonical = EDUCATION.canonical(code_or_alias)
    return None if canonical is None else _LEVELS[canonical]


def education_rank(code_or_alias: str | None) -> int | None:
    """The rank of an education code or alias (see the module notes), else ``None``."""
    canonical = EDUCATION.canonical(code_or_alias)
    return None if canonical is None else EDUCATION_RANKS[canonical]


def education_at_least(education: str | None, minimum: str | None) -> bool | None:
    """Whether ``education`` meets ``minimum``; ``None`` when either is unknown."""
    have, need = education_rank(education), education_rank(minimum)
    if have is None or need is None:
        return None
    return have >= need
