"""The two sides of a match as plain, immutable data: :class:`Candidate` and :class:`Opening`.

Both are frozen dataclasses built from plain values, so the web layer, the CLI and the
benchmark all hand the matching functions the same thing. Codes are written as in the
exchange format ``werkbrug-exchange/1``: occupations as ISCO-08 codes (a unit group, or a
coarser group) or ESCO occupation URIs, education as an education code (``mbo2``, ``hbo``,
…), sectors as SBI section letters, contracts as contract codes, postcodes as Dutch 4-digit
postcodes. Skills are ESCO skill URIs or free labels.

``from_row`` builds an :class:`Opening` from a ``vacancies.csv`` row (or the same columns from
the database); :func:`normalise_postcode` and :func:`skill_key` are the normalisations every
module uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from werkbrug.exchange.schema import MAX_WEEKLY_HOURS, weekly_hours_ok

__all__ = [
    "Candidate",
    "Opening",
    "normalise_postcode",
    "skill_key",
    "split_skills",
]

_POSTCODE: Final = re.compile(r"\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*")


def normalise_postcode(raw: str | None) -> str | None:
    """The 4 digits of a Dutch postcode (``"1234 AB"`` → ``"1234"``), or None if it is not one."""
    if raw is None:
        return None
    match = _POSTCODE.fullmatch(raw)
    return None if match is None else match.group(1)


def skill_key(raw: str) -> str:
    """The comparison key of a skill: case-folded, inner whitespace collapsed."""
    return " ".join(raw.casefold().split())


def split_skills(raw: str | None) -> frozenset[str]:
    """Skills from an exchange-format cell (``"timmeren|lezen van bouwtekeningen"``)."""
    if not raw:
        return frozenset()
    return frozenset(part.strip() for part in raw.split("|") if part.strip())


def _strings(values: Iterable[str]) -> frozenset[str]:
    return frozenset(value.strip() for value in values if value and value.strip())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A participant as the matcher sees them.

    ``key`` is the participant's pseudonymous id. ``occupation`` is the previous (or current)
    job; ``skills`` are recorded skills (the essential skills of ``occupation`` are added when a
    skills table is given, see :mod:`~werkbrug.matching.similarity`). ``wanted_occupations``
    are ISCO-08 codes at any level (``"7"`` wants every craft job, ``"7126"`` one unit group) or
    ESCO occupation URIs; ``wanted_sectors`` and ``no_go_sectors`` are SBI section letters.
    ``max_distance_km`` overrides the configuration's maximum travel distance. ``gender`` and
    ``age_band`` are never used for scoring; they are carried for the fairness monitor.
    """

    key: str
    occupation: str | None = None
    skills: frozenset[str] = field(default_factory=frozenset)
    education: str | None = None
    postcode: str | None = None
    hours_wanted: float | None = None
    contract_wishes: frozenset[str] = field(default_factory=frozenset)
    wanted_occupations: frozenset[str] = field(default_factory=frozenset)
    wanted_sectors: frozenset[str] = field(default_factory=frozenset)
    no_go_sectors: frozenset[str] = field(default_factory=frozenset)
    max_distance_km: float | None = None
    sector: str | None = None
    gender: str | None = None
    age_band: str | None = None

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("a candidate needs a key")
        set_ = object.__setattr__
        set_(self, "skills", _strings(self.skills))
        set_(self, "contract_wishes", _strings(self.contract_wishes))
        set_(self, "wanted_occupations", _strings(self.wanted_occupations))
        set_(self, "wanted_sectors", frozenset(s.strip().upper() for s in self.wanted_sectors))
        set_(self, "no_go_sectors", frozenset(s.strip().upper() for s in self.no_go_sectors))
        set_(self, "postcode", normalise_postcode(self.postcode))
        if self.sector is not None:
            set_(self, "sector", self.sector.strip().upper() or None)
        if self.hours_wanted is not None and not weekly_hours_ok(
            self.hours_wanted, zero_allowed=True
        ):
            raise ValueError(f"candidate {self.key}: hours_wanted must be 0–{MAX_WEEKLY_HOURS}")
        if self.max_distance_km is not None and not self.max_distance_km >= 0:
            raise ValueError(f"candidate {self.key}: max_distance_km must be ≥ 0")


@dataclass(frozen=True, slots=True)
class Opening:
    """A vacancy as the matcher sees it; ``positions`` is how many people it can take.

    ``skills`` are the skills the vacancy text asks for; they count as essential. The
    essential and optional skills of ``occupation`` are added when a skills table is given.
    """

    key: str
    title: str = ""
    employer: str | None = None
    occupation: str | None = None
    sector: str | None = None
    postcode: str | None = None
    min_education: str | None = None
    hours: float | None = None
    contract: str | None = None
    positions: int = 1
    skills: frozenset[str] = field(default_factory=frozenset)
    open_date: date | None = None
    close_date: date | None = None

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("an opening needs a key")
        if self.positions < 1:
            raise ValueError(f"opening {self.key}: positions must be ≥ 1")
        if self.hours is not None and not weekly_hours_ok(self.hours):
            raise ValueError(f"opening {self.key}: hours must be > 0 and ≤ {MAX_WEEKLY_HOURS}")
        set_ = object.__setattr__
        set_(self, "skills", _strings(self.skills))
        set_(self, "postcode", normalise_postcode(self.postcode))
        if self.sector is not None:
            set_(self, "sector", self.sector.strip().upper() or None)

    def is_open(self, on: date) -> bool:
        """Whether the vacancy is open on ``on`` (unknown dates do not close it)."""
        if self.open_date is not None and on < self.open_date:
            return False
        return self.close_date is None or on <= self.close_date

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Opening:
        """An opening from a ``vacancies.csv`` row (already validated by the importer).

        Cells may be text or already-typed values (numbers, dates); empty cells and None
        are unknown; ``skills`` is split on ``|``; dates are ``YYYY-MM-DD``.
        """

        def text(name: str) -> str | None:
            value = row.get(name)
            return None if value is None else str(value).strip() or None

        def number(name: str) -> float | None:
            value = text(name)
            return None if value is None else float(value.replace(",", "."))

        def day(name: str) -> date | None:
            value = text(name)
            return None if value is None else date.fromisoformat(value)

        positions = number("positions")
        return cls(
            key=text("id") or "",
            title=text("title") or "",
            employer=text("employer"),
            occupation=text("occupation"),
            sector=text("sector"),
            postcode=text("postcode"),
            min_education=text("min_education"),
            hours=number("hours"),
            contract=text("contract"),
            positions=int(positions) if positions is not None else 1,
            skills=split_skills(text("skills")),
            open_date=day("open_date"),
            close_date=day("close_date"),
        )
