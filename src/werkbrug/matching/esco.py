"""Read the official ESCO CSV download into plain structures (no database).

The European Commission publishes ESCO as a set of CSV files per language
(``occupations_nl.csv``, ``skills_en.csv``, ``occupationSkillRelations_en.csv``, …). This
module reads the three that matching needs:

``occupations_<lang>.csv``
    ``conceptUri``, ``preferredLabel``, ``iscoGroup`` (the ISCO-08 group, usually a 4-digit
    unit group), ``altLabels`` (one label per line) and, when present, ``code``.
``skills_<lang>.csv``
    ``conceptUri``, ``preferredLabel``, ``skillType`` (``skill/competence``, ``knowledge``),
    ``altLabels``.
``occupationSkillRelations_<lang>.csv``
    ``occupationUri``, ``relationType`` (``essential`` / ``optional``), ``skillUri`` (and,
    ignored here, ``skillType`` and label columns that later versions add).

Other columns are ignored, so the reader works across ESCO versions. Files are UTF-8 with
or without a byte-order mark, comma-separated with RFC 4180 quoting (labels and
descriptions contain commas and line breaks). A missing required column, an empty URI or an
unknown relation type is an :class:`EscoFormatError` naming the file and line of every
problem (at most 50); the row readers raise it after the last good row, so a caller that
loads rows as they come should do so in a transaction.

:func:`read_esco_dir` reads a whole download folder in one or more languages into an
:class:`EscoData`; :meth:`EscoData.skills_table` turns it into the
:class:`~werkbrug.matching.similarity.SkillsTable` the score uses. The row readers
(:func:`read_occupations`, :func:`read_skills`, :func:`read_relations`) yield plain
dataclasses one at a time, for loading into a database without holding everything in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from werkbrug.matching.similarity import SkillsTable
from werkbrug.taxonomy import ISCO

__all__ = [
    "EscoData",
    "EscoFormatError",
    "EscoOccupation",
    "EscoRelation",
    "EscoSkill",
    "find_esco_file",
    "read_esco_dir",
    "read_occupations",
    "read_relations",
    "read_skills",
]

_MAX_PROBLEMS: Final = 50
_RELATION_TYPES: Final = ("essential", "optional")

# ESCO descriptions can be long; the csv module's default field limit is 128 kB.
csv.field_size_limit(16 * 1024 * 1024)


class EscoFormatError(ValueError):
    """An ESCO file that cannot be read; ``problems`` lists ``file:line: message`` texts."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True, slots=True)
class EscoOccupation:
    """One row of ``occupations_<lang>.csv``."""

    uri: str
    label: str
    isco_group: str | None
    alt_labels: tuple[str, ...] = ()
    code: str | None = None


@dataclass(frozen=True, slots=True)
class EscoSkill:
    """One row of ``skills_<lang>.csv``."""

    uri: str
    label: str
    skill_type: str | None = None
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EscoRelation:
    """One row of ``occupationSkillRelations_<lang>.csv``."""

    occupation_uri: str
    skill_uri: str
    essential: bool


class _Reader:
    """Reads one CSV file as dictionaries with trimmed header names, collecting problems."""

    def __init__(self, path: Path, required: Sequence[str]) -> None:
        self.path = path
        self.required = required
        self.problems: list[str] = []

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        with open(self.path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            missing = [name for name in self.required if name not in header]
            if missing:
                self.fail(1, f"missing column {', '.join(missing)}")
                self.finish()
            while True:
                start = reader.line_num + 1  # a quoted cell may span several lines
                row = next(reader, None)
                if row is None:
                    break
                if any(cell.strip() for cell in row):
                    yield start, dict(zip(header, row, strict=False))
        self.finish()

    def fail(self, line: int, message: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(f"{self.path.name}:{line}: {message}")

    def finish(self) -> None:
        if self.problems:
            raise EscoFormatError(self.problems)


def _text(row: Mapping[str, str], name: str) -> str:
    return (row.get(name) or "").strip()


def _alt_labels(row: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(label.strip() for label in _text(row, "altLabels").splitlines() if label.strip())


def read_occupations(path: str | Path) -> Iterator[EscoOccupation]:
    """The occupations of an ``occupations_<lang>.csv`` file.

    ``isco_group`` is the canonical ISCO-08 code, or None when the cell is empty; a code that
    is not in ISCO-08 is reported as a problem.
    """
    reader = _Reader(Path(path), ("conceptUri", "preferredLabel", "iscoGroup"))
    for line, row in reader.rows():
        uri = _text(row, "conceptUri")
        group_raw = _text(row, "iscoGroup")
        group = ISCO.canonical(group_raw) if group_raw else None
        if not uri:
            reader.fail(line, "conceptUri is empty")
        elif group_raw and group is None:
            reader.fail(line, f"iscoGroup {group_raw!r} is not an ISCO-08 code")
        else:
            yield EscoOccupation(
                uri=uri,
                label=_text(row, "preferredLabel"),
                isco_group=group,
                alt_labels=_alt_labels(row),
                code=_text(row, "code") or None,
            )


def read_skills(path: str | Path) -> Iterator[EscoSkill]:
    """The skills of a ``skills_<lang>.csv`` file."""
    reader = _Reader(Path(path), ("conceptUri", "preferredLabel"))
    for line, row in reader.rows():
        uri = _text(row, "conceptUri")
        if not uri:
            reader.fail(line, "conceptUri is empty")
            continue
        yield EscoSkill(
            uri=uri,
            label=_text(row, "preferredLabel"),
            skill_type=_text(row, "skillType") or None,
            alt_labels=_alt_labels(row),
        )


def read_relations(path: str | Path) -> Iterator[EscoRelation]:
    """The occupation–skill relations of an ``occupationSkillRelations_<lang>.csv`` file."""
    reader = _Reader(Path(path), ("occupationUri", "relationType", "skillUri"))
    for line, row in reader.rows():
        occupation, skill = _text(row, "occupationUri"), _text(row, "skillUri")
        kind = _text(row, "relationType").casefold()
        if not occupation or not skill:
            reader.fail(line, "occupationUri and skillUri must not be empty")
        elif kind not in _RELATION_TYPES:
            reader.fail(line, f"relationType {kind!r} is not essential or optional")
        else:
            yield EscoRelation(occupation, skill, kind == "essential")


def find_esco_file(folder: str | Path, stem: str, lang: str) -> Path | None:
    """``folder/<stem>_<lang>.csv``, matching the name without regard to case."""
    wanted = f"{stem}_{lang}.csv".casefold()
    for path in sorted(Path(folder).iterdir()):
        if path.name.casefold() == wanted:
            return path
    return None


@dataclass(frozen=True)
class EscoData:
    """Occupations, skills and their relations of one ESCO download, in plain structures.

    ``occupation_labels`` and ``skill_labels`` map a URI to its preferred label by language;
    ``isco`` maps each occupation URI to its ISCO-08 group; ``relations`` maps an occupation
    URI to its (essential, optional) skill URIs.
    """

    isco: Mapping[str, str] = field(default_factory=dict)
    occupation_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    skill_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    skill_types: Mapping[str, str] = field(default_factory=dict)
    relations: Mapping[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)

    def skills_table(self, *, group_share: float = 0.5) -> SkillsTable:
        """The skills table for scoring (ISCO groups aggregated, see ``SkillsTable``)."""
        return SkillsTable(self.relations, self.isco, self.skill_labels, group_share=group_share)


def read_esco_dir(folder: str | Path, languages: Sequence[str] = ("nl", "en")) -> EscoData:
    """Read an ESCO CSV download folder in the given languages.

    The occupation and skill files are read for every language that has them (at least one
    must); the relations are read from the first language that has the file. Raises
    ``FileNotFoundError`` when no occupations file or no relations file is found, and
    :class:`EscoFormatError` for bad content.
    """
    isco: dict[str, str] = {}
    occupation_labels: dict[str, dict[str, str]] = {}
    skill_labels: dict[str, dict[str, str]] = {}
    skill_types: dict[str, str] = {}
    found_any = False
    for lang in languages:
        path = find_esco_file(folder, "occupations", lang)
        if path is None:
            continue
        found_any = True
        for occupation in read_occupations(path):
            occupation_labels.setdefault(occupation.uri, {})[lang] = occupation.label
            if occupation.isco_group is not None:
                isco[occupation.uri] = occupation.isco_group
        skills_path = find_esco_file(folder, "skills", lang)
        if skills_path is not None:
            for skill in read_skills(skills_path):
                skill_labels.setdefault(skill.uri, {})[lang] = skill.label
                if skill.skill_type:
                    skill_types[skill.uri] = skill.skill_type
    if not found_any:
        raise FileNotFoundError(f"no occupations_<lang>.csv for {', '.join(languages)} in {folder}")
    found = (find_esco_file(folder, "occupationSkillRelations", lang) for lang in languages)
    relations_path = next((path for path in found if path is not None), None)
    if relations_path is None:
        raise FileNotFoundError(f"no occupationSkillRelations_<lang>.csv in {folder}")
    essential: dict[str, set[str]] = {}
    optional: dict[str, set[str]] = {}
    for relation in read_relations(relations_path):
        target = essential if relation.essential else optional
        target.setdefault(relation.occupation_uri, set()).add(relation.skill_uri)
    relations = {
        uri: (frozenset(essential.get(uri, ())), frozenset(optional.get(uri, ())))
        for uri in essential.keys() | optional.keys()
    }
    return EscoData(isco, occupation_labels, skill_labels, skill_types, relations)
