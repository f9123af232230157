"""Occupation similarity from the ISCO-08 hierarchy, and skill overlap from ESCO.

**Occupations.** Two occupations are resolved to ISCO-08 codes (an ESCO occupation URI through
its ISCO group in the skills table) and compared by how many levels of the hierarchy they
share: major group (1 digit), sub-major (2), minor (3) and unit group (4). The default
similarity is 0.25 per shared level: same unit group 1.0, same minor group 0.75, same
sub-major 0.5, same major group 0.25, otherwise 0 (``MatchConfig.occupation_levels``). Why
equal steps: ISCO groups by *skill level and skill specialisation*; each level down narrows
the specialisation, and we have no evidence that one step matters more than another, so
equal steps are the least presumptuous choice. They are also what makes the similarity an
exact inner product of one-hot level vectors, which the ranking index relies on (see
:mod:`~werkbrug.matching.vectors`). Two codes of different precision (``"71"`` and
``"7115"``) share at most the levels of the shorter one. ISCO says nothing about moves
*across* its major groups (a print worker becoming a logistics planner); those come from
skills.

**Skills.** With an ESCO data set, :class:`SkillsTable` maps each occupation (ESCO URI, and
the ISCO unit groups aggregated from them) to its essential and optional skills. A
candidate's skills are their recorded skills plus, when ``occupation_implies_skills``, the
essential skills of their own occupation. A vacancy asks for the skills in its text
(counted as essential) plus the essential and optional skills of its occupation. The skills
component is a **weighted Jaccard index** with essential skills weighing
``essential_skill_weight`` (2) and optional skills 1:

* ``"vacancy"`` (default): Σ min / Σ max over the *vacancy's* skills, i.e. the weighted share
  of what the job asks that the candidate has. Skills the job does not ask for neither help
  nor hurt.
* ``"union"``: the classic weighted Jaccard over the union of both sets; every skill the
  candidate has and the job does not use adds 1 to the denominator.

Why ``"vacancy"`` is the default: the union form penalises people with long skill records,
and the length of a skill record grows with years of work, so it would systematically rank
older workers lower — the very group (mean age 45–50) these programmes serve. The vacancy
form is also linear in the candidate's skills, so the ranking index represents it exactly.

**Missing skills** are the vacancy's essential skills the candidate lacks, sorted by label.
Skills are compared by :func:`~werkbrug.matching.model.skill_key`; a vacancy that names
skills by their ESCO label (Dutch or English) is matched to the skill's URI.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from werkbrug.matching.model import Candidate, Opening, skill_key
from werkbrug.taxonomy import ISCO

__all__ = [
    "OccupationSkills",
    "SkillMatch",
    "SkillsTable",
    "SkillsTableLike",
    "as_skills_table",
    "candidate_skills",
    "isco_code",
    "isco_prefix_hits",
    "missing_skills",
    "occupation_similarity",
    "shared_isco_levels",
    "skill_match",
    "vacancy_skills",
]


class OccupationSkills(NamedTuple):
    """The essential and optional skills of an occupation (skill keys)."""

    essential: frozenset[str]
    optional: frozenset[str]


_EMPTY: Final = OccupationSkills(frozenset(), frozenset())


class SkillsTable:
    """Occupation → (essential, optional) skills, with ESCO's ISCO groups and skill labels.

    ``occupations`` maps an occupation (ESCO URI or ISCO code) to a pair of skill
    collections. ``isco`` maps ESCO occupation URIs to their ISCO-08 group; each ISCO unit
    group that has no entry of its own then gets one aggregated from its ESCO occupations: a
    skill is essential for the group when it is essential for at least ``group_share`` of
    them, optional when it appears (either way) for at least ``group_share / 2`` of them.
    ``labels`` maps a skill (URI) to its labels by language (``{"nl": …, "en": …}``); a skill
    written as one of its labels is matched to it.
    """

    __slots__ = ("_by_label", "_display", "_isco", "_labels", "_occupations")

    def __init__(
        self,
        occupations: Mapping[str, tuple[Iterable[str], Iterable[str]]],
        isco: Mapping[str, str] | None = None,
        labels: Mapping[str, Mapping[str, str]] | None = None,
        *,
        group_share: float = 0.5,
    ) -> None:
        self._labels: dict[str, Mapping[str, str]] = {
            skill_key(uri): MappingProxyType(dict(names)) for uri, names in (labels or {}).items()
        }
        self._by_label: dict[str, str] = {}
        for key, names in self._labels.items():
            for name in names.values():
                if name:
                    self._by_label.setdefault(skill_key(name), key)
        self._display: dict[str, str] = {}
        table: dict[str, OccupationSkills] = {}
        for occupation, (essential, optional) in occupations.items():
            ess = frozenset(self.canonical_skill(s) for s in essential if s.strip())
            opt = frozenset(self.canonical_skill(s) for s in optional if s.strip()) - ess
            table[occupation.strip()] = OccupationSkills(ess, opt)
        self._isco: dict[str, str] = {}
        for uri, group in (isco or {}).items():
            code = ISCO.canonical(group)
            if code is not None:
                self._isco[uri.strip()] = code
        for group, entry in _aggregate(table, self._isco, group_share).items():
            table.setdefault(group, entry)
        self._occupations: Mapping[str, OccupationSkills] = MappingProxyType(table)

    def canonical_skill(self, raw: str) -> str:
        """The key of a skill: its URI's key when ``raw`` is a known label, else its own key."""
        key = skill_key(raw)
        if key not in self._labels:
            key = self._by_label.get(key, key)
        self._display.setdefault(key, raw.strip())
        return key

    def skills_of(self, occupation: str | None) -> OccupationSkills:
        """The skills of an occupation (empty when unknown)."""
        if occupation is None:
            return _EMPTY
        return self._occupations.get(occupation.strip(), _EMPTY)

    def isco_of(self, occupation: str) -> str | None:
        """The ISCO-08 code of an ESCO occupation URI in this table, or None."""
        return self._isco.get(occupation.strip())

    def label(self, key: str, lang: str = "nl") -> str:
        """A readable name for a skill key: its label in ``lang``, else as it was written."""
        names = self._labels.get(key)
        if names:
            other = "en" if lang == "nl" else "nl"
            return names.get(lang) or names.get(other) or key
        return self._display.get(key, key)

    @property
    def occupations(self) -> Mapping[str, OccupationSkills]:
        """Every occupation with its skills (ESCO URIs and aggregated ISCO groups)."""
        return self._occupations

    def __len__(self) -> int:
        return len(self._occupations)


def _aggregate(
    table: Mapping[str, OccupationSkills], isco: Mapping[str, str], share: float
) -> dict[str, OccupationSkills]:
    members: dict[str, list[OccupationSkills]] = defaultdict(list)
    for uri, code in isco.items():
        entry = table.get(uri)
        if entry is not None and len(code) == 4:
            members[code].append(entry)
    groups: dict[str, OccupationSkills] = {}
    for code, entries in members.items():
        essential_count: Counter[str] = Counter()
        any_count: Counter[str] = Counter()
        for entry in entries:
            essential_count.update(entry.essential)
            any_count.update(entry.essential | entry.optional)
        n = len(entries)
        ess = frozenset(s for s, c in essential_count.items() if c >= share * n)
        opt = frozenset(s for s, c in any_count.items() if c >= share / 2 * n) - ess
        groups[code] = OccupationSkills(ess, opt)
    return groups


#: What the matching functions accept as a skills table: a :class:`SkillsTable`, a plain
#: mapping occupation → (essential, optional), or None (no ESCO data).
SkillsTableLike = SkillsTable | Mapping[str, tuple[Iterable[str], Iterable[str]]] | None


def as_skills_table(table: SkillsTableLike) -> SkillsTable | None:
    """A :class:`SkillsTable` from any accepted form (a table is returned as it is)."""
    if table is None or isinstance(table, SkillsTable):
        return table
    return SkillsTable(table)


def isco_code(occupation: str | None, table: SkillsTable | None = None) -> str | None:
    """The ISCO-08 code of an occupation (ISCO code, or ESCO URI known to ``table``)."""
    if occupation is None:
        return None
    code = ISCO.canonical(occupation)
    if code is None and table is not None:
        code = table.isco_of(occupation)
    return code


@lru_cache(maxsize=4096)
def isco_prefix_hits(prefixes: frozenset[str]) -> npt.NDArray[np.bool_]:
    """For every ISCO-08 code (in ``ISCO.codes`` order), whether it starts with a prefix.

    Cached; do not modify the returned array.
    """
    hits = np.array([any(code.startswith(p) for p in prefixes) for code in ISCO.codes])
    hits.flags.writeable = False
    return hits


def shared_isco_levels(a: str, b: str) -> int:
    """How many hierarchy levels two ISCO-08 codes share (0–4)."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def occupation_similarity(
    a: str | None,
    b: str | None,
    levels: tuple[float, float, float, float] = (0.25, 0.5, 0.75, 1.0),
    table: SkillsTable | None = None,
) -> float | None:
    """Similarity in [0, 1] of two occupations, or None when either has no ISCO code."""
    code_a, code_b = isco_code(a, table), isco_code(b, table)
    if code_a is None or code_b is None:
        return None
    shared = shared_isco_levels(code_a, code_b)
    return 0.0 if shared == 0 else levels[shared - 1]


def candidate_skills(
    candidate: Candidate, table: SkillsTable | None, *, implied: bool = True
) -> frozenset[str]:
    """The candidate's skill keys: recorded ones plus their occupation's essential skills."""
    if table is None:
        return frozenset(skill_key(s) for s in candidate.skills)
    own = frozenset(table.canonical_skill(s) for s in candidate.skills)
    if implied:
        own |= table.skills_of(candidate.occupation).essential
    return own


def vacancy_skills(opening: Opening, table: SkillsTable | None) -> OccupationSkills:
    """The vacancy's essential (its own text plus its occupation's) and optional skill keys."""
    if table is None:
        return OccupationSkills(frozenset(skill_key(s) for s in opening.skills), frozenset())
    listed = frozenset(table.canonical_skill(s) for s in opening.skills)
    known = table.skills_of(opening.occupation)
    essential = listed | known.essential
    return OccupationSkills(essential, known.optional - essential)


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """The skills component of one pair: its value (None if unknown) and the skill keys."""

    value: float | None
    matched: frozenset[str]
    missing: frozenset[str]


def skill_match(
    have: frozenset[str],
    need: OccupationSkills,
    *,
    essential_weight: float = 2.0,
    measure: str = "vacancy",
) -> SkillMatch:
    """Weighted Jaccard of a candidate's skills ``have`` against a vacancy's ``need``.

    Unknown (value None) when the vacancy asks for no skills or the candidate has none;
    ``missing`` is empty when the candidate has none, since nothing is known to be missing.
    """
    essential, optional = need
    matched = have & (essential | optional)
    missing = essential - have if have else frozenset()
    if not (essential or optional) or not have:
        return SkillMatch(None, matched, missing)
    got = essential_weight * len(have & essential) + len(have & optional)
    total = essential_weight * len(essential) + len(optional)
    if measure == "union":
        total += len(have) - len(matched)
    return SkillMatch(got / total, matched, missing)


def missing_skills(
    candidate: Candidate,
    opening: Opening,
    table: SkillsTableLike = None,
    *,
    implied: bool = True,
    lang: str = "nl",
) -> list[str]:
    """The vacancy's essential skills the candidate lacks, as readable names, sorted.

    Empty when the candidate has no skills recorded (see :func:`skill_match`).
    """
    skills = as_skills_table(table)
    have = candidate_skills(candidate, skills, implied=implied)
    missing = skill_match(have, vacancy_skills(opening, skills)).missing
    return sorted(_label(skills, key, lang) for key in missing)


def _label(table: SkillsTable | None, key: str, lang: str) -> str:
    return key if table is None else table.label(key, lang)
