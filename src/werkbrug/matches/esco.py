"""ESCO in the database: loading an official CSV download, and the skills table for scoring.

werkbrug works without ESCO (occupations are then compared on the ISCO-08 hierarchy); a
loaded ESCO adds the occupation–skill relations, so suggestions name matched and missing
skills. The pure reader is :func:`werkbrug.matching.read_esco_dir`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

from django.db import transaction

from werkbrug.matches.models import EscoOccupation, EscoRelation, EscoSkill
from werkbrug.matching import read_esco_dir
from werkbrug.matching.similarity import SkillsTable

T = TypeVar("T")
_BATCH = 5000


@dataclass(frozen=True)
class EscoCounts:
    occupations: int
    skills: int
    relations: int


def _batches(items: Iterable[T], size: int = _BATCH) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@transaction.atomic
def esco_load(*, folder: Path) -> EscoCounts:
    """Replace the stored ESCO data by the download in ``folder`` (all or nothing).

    Raises FileNotFoundError when a needed file is missing and
    :class:`werkbrug.matching.esco.EscoFormatError` for bad content; nothing is written then.
    """
    data = read_esco_dir(folder)
    EscoRelation.objects.all().delete()
    EscoOccupation.objects.all().delete()
    EscoSkill.objects.all().delete()
    for occupations in _batches(
        EscoOccupation(
            uri=uri,
            isco_group=data.isco.get(uri, ""),
            label_nl=labels.get("nl", ""),
            label_en=labels.get("en", ""),
        )
        for uri, labels in data.occupation_labels.items()
    ):
        EscoOccupation.objects.bulk_create(occupations)
    for skills in _batches(
        EscoSkill(
            uri=uri,
            skill_type=data.skill_types.get(uri, ""),
            label_nl=labels.get("nl", ""),
            label_en=labels.get("en", ""),
        )
        for uri, labels in data.skill_labels.items()
    ):
        EscoSkill.objects.bulk_create(skills)
    known_skills = set(data.skill_labels)
    relations = (
        EscoRelation(occupation_id=occupation, skill_id=skill, essential=essential)
        for occupation, (must, may) in data.relations.items()
        if occupation in data.occupation_labels
        for skills, essential in ((must, True), (may, False))
        for skill in sorted(skills)
        if skill in known_skills
    )
    for links in _batches(relations):
        EscoRelation.objects.bulk_create(links)
    _forget()
    return EscoCounts(
        EscoOccupation.objects.count(), EscoSkill.objects.count(), EscoRelation.objects.count()
    )


# One table per process, rebuilt when the stored ESCO data changes (another process may have
# loaded a new download; the counts tell).
_lock = threading.Lock()
_cached: tuple[tuple[int, int], SkillsTable | None] | None = None


def _forget() -> None:
    global _cached
    with _lock:
        _cached = None


def skills_table() -> SkillsTable | None:
    """The skills table of the loaded ESCO data, or None when none is loaded."""
    global _cached
    stamp = (EscoOccupation.objects.count(), EscoRelation.objects.count())
    with _lock:
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
    table = _build() if stamp[1] else None
    with _lock:
        _cached = (stamp, table)
    return table


def _build() -> SkillsTable:
    essential: dict[str, set[str]] = {}
    optional: dict[str, set[str]] = {}
    for occupation, skill, must in EscoRelation.objects.values_list(
        "occupation_id", "skill_id", "essential"
    ).iterator(chunk_size=20_000):
        (essential if must else optional).setdefault(occupation, set()).add(skill)
    occupations = {
        uri: (frozenset(essential.get(uri, ())), frozenset(optional.get(uri, ())))
        for uri in essential.keys() | optional.keys()
    }
    isco = dict(EscoOccupation.objects.exclude(isco_group="").values_list("uri", "isco_group"))
    labels = {
        uri: {lang: label for lang, label in (("nl", nl), ("en", en)) if label}
        for uri, nl, en in EscoSkill.objects.values_list("uri", "label_nl", "label_en")
    }
    return SkillsTable(occupations, isco, labels)
