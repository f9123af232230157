"""ISCO-08 occupations, and the form check for ESCO occupation URIs.

``ISCO`` holds the whole ISCO-08 structure of the ILO: 10 major groups (codes ``"0"``–``"9"``),
43 sub-major groups (2 digits), 130 minor groups (3 digits) and 436 unit groups (4 digits).
Every code below the major groups has its ``parent`` set (the code without its last digit).
The data is in ``isco08.csv`` next to this module (columns ``code,label_en,label_nl``).

Sources and caveats:

- English labels are the ILO's ISCO-08 titles, written down from our knowledge of the
  classification (nothing was downloaded). The ILO writes American spellings in some titles
  ("organization", "specialized") and British ones in others ("labourers"); we keep them.
- Dutch labels are **our own faithful translation** of the English titles. They are *not*
  the text of the official Dutch ISCO-08 translation or of CBS's BRC 2014, which we could not
  reproduce word for word with certainty. Where ISCO separates the same occupation by skill
  level (e.g. 2221 and 3221, nursing), the Dutch labels add "(hoger niveau)" or
  "(middelbaar niveau)".
- ``"n.e.c."`` groups are spelled out ("not elsewhere classified" / "niet elders
  geclassificeerd").
- Codes are matched as written: ``"110"`` (Excel's rendering of ``0110`` as a number) is not
  accepted for ``0110``; restoring dropped leading zeros is left to the caller.

The exchange format accepts an occupation as a 4-digit unit group or an ESCO occupation URI.
ESCO URIs are only checked for their form (``http://data.europa.eu/esco/occupation/`` plus a
UUID); whether the occupation exists in ESCO is not checked, because no ESCO data ships here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from importlib.resources import files
from types import MappingProxyType
from typing import Final

from werkbrug.taxonomy.codes import Code, CodeList

__all__ = [
    "ESCO_OCCUPATION_PREFIX",
    "ISCO",
    "ISCO_LEVEL_NAMES",
    "esco_occupation_uuid",
    "is_esco_occupation_uri",
    "is_isco_unit_group",
    "isco_level",
    "isco_major_group",
    "isco_unit_groups",
    "isco_unit_groups_named",
]

#: The kind of group for each code length.
ISCO_LEVEL_NAMES: Final[Mapping[int, str]] = MappingProxyType(
    {1: "major", 2: "sub-major", 3: "minor", 4: "unit"}
)


def _load() -> CodeList:
    text = files("werkbrug.taxonomy").joinpath("isco08.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    entries = (
        Code(
            row["code"],
            row["label_nl"],
            row["label_en"],
            parent=row["code"][:-1] or None,
        )
        for row in rows
    )
    return CodeList("ISCO-08", entries)


ISCO: Final = _load()

_UNIT_GROUPS: Final = tuple(entry for entry in ISCO if len(entry.code) == 4)
_UNIT_CODES: Final = frozenset(entry.code for entry in _UNIT_GROUPS)


def isco_unit_groups() -> tuple[Code, ...]:
    """The 4-digit unit groups, in classification order."""
    return _UNIT_GROUPS


def isco_unit_groups_named(words: str) -> tuple[Code, ...]:
    """The unit groups whose Dutch or English label contains ``words`` (case ignored)."""
    wanted = words.strip().casefold()
    if not wanted:
        return ()
    return tuple(
        entry
        for entry in _UNIT_GROUPS
        if wanted in entry.label_nl.casefold() or wanted in entry.label_en.casefold()
    )


def is_isco_unit_group(code: str | None) -> bool:
    """Whether ``code`` (surrounding whitespace ignored) is an ISCO-08 4-digit unit group."""
    return code is not None and code.strip() in _UNIT_CODES


def isco_level(code: str | None) -> str | None:
    """``"major"``, ``"sub-major"``, ``"minor"`` or ``"unit"`` for an ISCO-08 code, else None."""
    found = ISCO.get(code)
    return None if found is None else ISCO_LEVEL_NAMES[len(found.code)]


def isco_major_group(code: str | None) -> Code | None:
    """The major group an ISCO-08 code belongs to (itself for a major group), else None."""
    found = ISCO.get(code)
    return None if found is None else ISCO[found.code[0]]


ESCO_OCCUPATION_PREFIX: Final = "http://data.europa.eu/esco/occupation/"

_ESCO_OCCUPATION: Final = re.compile(
    re.escape(ESCO_OCCUPATION_PREFIX)
    + r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
)


def esco_occupation_uuid(uri: str | None) -> str | None:
    """The UUID (lower case) of an ESCO occupation URI, or None when ``uri`` is not one.

    Only the form is checked; surrounding whitespace is ignored.
    """
    if uri is None:
        return None
    match = _ESCO_OCCUPATION.fullmatch(uri.strip())
    return None if match is None else match.group(1).lower()


def is_esco_occupation_uri(uri: str | None) -> bool:
    """Whether ``uri`` has the form ``http://data.europa.eu/esco/occupation/<uuid>``."""
    return esco_occupation_uuid(uri) is not None
