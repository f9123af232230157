"""Vacancies as columns of numbers, and the exact score of one candidate against many of them.

:class:`OpeningColumns` keeps what :func:`~werkbrug.matching.score.score_pair` needs of each
vacancy in numpy arrays (ISCO code index, skill ids, minimum education rank, location,
hours, contract, sector). :meth:`OpeningColumns.score` computes the score and eligibility of
one candidate against any set of rows with the same formulas and the same order of
floating-point operations as ``score_pair``; only the distance may differ in the last bits
(numpy's and the C library's sine and cosine). Rows are appended and marked dead, never
moved, so a row number is a stable id until :meth:`OpeningColumns.compacted`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from werkbrug.matching.config import COMPONENTS, MatchConfig
from werkbrug.matching.geo import EARTH_RADIUS_KM, PostcodeLocator
from werkbrug.matching.model import Candidate, Opening
from werkbrug.matching.score import wanted_isco_codes
from werkbrug.matching.similarity import (
    SkillsTable,
    candidate_skills,
    isco_code,
    isco_prefix_hits,
    shared_isco_levels,
    vacancy_skills,
)
from werkbrug.taxonomy import ISCO, education_rank

__all__ = ["OpeningColumns"]

_CODES: Final = ISCO.codes
_CODE_INDEX: Final = {code: i for i, code in enumerate(_CODES)}

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]


class _Grow:
    """A 1-D numpy array that grows by doubling."""

    __slots__ = ("_data", "size")

    def __init__(self, dtype: Any, fill: Any = 0) -> None:
        self._data: npt.NDArray[Any] = np.full(16, fill, dtype=dtype)
        self.size = 0

    def extend(self, values: Sequence[Any] | npt.NDArray[Any]) -> None:
        n = len(values)
        if self.size + n > len(self._data):
            capacity = max(len(self._data) * 2, self.size + n)
            data = np.empty(capacity, dtype=self._data.dtype)
            data[: self.size] = self._data[: self.size]
            self._data = data
        self._data[self.size : self.size + n] = values
        self.size += n

    @property
    def view(self) -> npt.NDArray[Any]:
        return self._data[: self.size]


def _segment_counts(
    flags: Bools, entries: npt.NDArray[np.int32], ptr: Ints, rows: Ints | None
) -> Ints:
    """Per row, how many of its entries have their flag set.

    The entries of row r are ``entries[ptr[r]:ptr[r + 1]]``; ``rows`` None means every row.
    """
    if rows is None:
        csum = np.concatenate(([0], np.cumsum(flags[entries], dtype=np.int64)))
        counts: Ints = csum[ptr[1:]] - csum[ptr[:-1]]
        return counts
    starts = ptr[rows]
    lengths = ptr[rows + 1] - starts
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    positions = np.repeat(starts - (ends - lengths), lengths) + np.arange(total)
    csum = np.concatenate(([0], np.cumsum(flags[entries[positions]], dtype=np.int64)))
    counts = csum[ends] - csum[ends - lengths]
    return counts


class OpeningColumns:
    """The vacancies of an index as numpy columns (see the module notes)."""

    def __init__(self, table: SkillsTable | None, locator: PostcodeLocator) -> None:
        self.table = table
        self.locator = locator
        self.openings: list[Opening | None] = []
        self.skill_ids: dict[str, int] = {}
        self._vocab: dict[str, dict[str, int]] = {"contract": {}, "sector": {}}
        self._occupation = _Grow(np.int16, -1)
        self._education = _Grow(np.int8)
        self._lat = _Grow(np.float64)
        self._lon = _Grow(np.float64)
        self._hours = _Grow(np.float64)
        self._contract = _Grow(np.int32)
        self._sector = _Grow(np.int32)
        self._alive = _Grow(np.bool_)
        self._essential = _Grow(np.int32)
        self._optional = _Grow(np.int32)
        self._essential_ptr = _Grow(np.int64)
        self._optional_ptr = _Grow(np.int64)
        self._essential_ptr.extend([0])
        self._optional_ptr.extend([0])
        self._occupation_rows: dict[str, Floats] = {}

    def __len__(self) -> int:
        return len(self.openings)

    @property
    def alive(self) -> Bools:
        """Which rows hold a live vacancy."""
        return self._alive.view

    def _code(self, kind: str, value: str | None) -> int:
        if value is None:
            return -1
        vocab = self._vocab[kind]
        return vocab.setdefault(value, len(vocab))

    def _skills(self, keys: Iterable[str]) -> list[int]:
        ids = self.skill_ids
        return [ids.setdefault(key, len(ids)) for key in keys]

    def extend(self, openings: Sequence[Opening]) -> range:
        """Append vacancies; returns their row numbers."""
        start = len(self.openings)
        occupation, education, lat, lon, hours, contract, sector = [], [], [], [], [], [], []
        essential: list[int] = []
        optional: list[int] = []
        essential_ends: list[int] = []
        optional_ends: list[int] = []
        essential_base = int(self._essential_ptr.view[-1])
        optional_base = int(self._optional_ptr.view[-1])
        for opening in openings:
            code = isco_code(opening.occupation, self.table)
            occupation.append(_CODE_INDEX.get(code, -1) if code else -1)
            education.append(education_rank(opening.min_education) or 0)
            location = self.locator.location(opening.postcode)
            lat.append(math.nan if location is None else location[0])
            lon.append(math.nan if location is None else location[1])
            hours.append(math.nan if opening.hours is None else opening.hours)
            contract.append(self._code("contract", opening.contract))
            sector.append(self._code("sector", opening.sector))
            need = vacancy_skills(opening, self.table)
            essential.extend(self._skills(need.essential))
            optional.extend(self._skills(need.optional))
            essential_ends.append(essential_base + len(essential))
            optional_ends.append(optional_base + len(optional))
        self.openings.extend(openings)
        self._occupation.extend(occupation)
        self._education.extend(education)
        self._lat.extend(lat)
        self._lon.extend(lon)
        self._hours.extend(hours)
        self._contract.extend(contract)
        self._sector.extend(sector)
        self._alive.extend(np.ones(len(openings), dtype=np.bool_))
        self._essential.extend(essential)
        self._optional.extend(optional)
        self._essential_ptr.extend(essential_ends)
        self._optional_ptr.extend(optional_ends)
        return range(start, len(self.openings))

    def kill(self, row: int) -> None:
        """Mark a row dead (its vacancy closed or was replaced)."""
        self._alive.view[row] = False
        self.openings[row] = None

    def _occupation_row(self, code: str, levels: tuple[float, ...]) -> Floats:
        row = self._occupation_rows.get(code)
        if row is None:
            table = (0.0, *levels)
            row = np.array([table[shared_isco_levels(code, c)] for c in _CODES] + [0.0])
            self._occupation_rows[code] = row
        return row

    def score(
        self, candidate: Candidate, config: MatchConfig, rows: Ints | None = None
    ) -> tuple[Floats, Bools]:
        """Scores and eligibility of ``candidate`` against ``rows`` (all rows when None).

        Dead rows are scored like live ones; the caller filters them.
        """

        def pick(column: _Grow) -> npt.NDArray[Any]:
            return column.view if rows is None else column.view[rows]

        # An unknown input earns 0 (see score.py), hence the zeros below.
        n = len(self.openings) if rows is None else len(rows)
        values: dict[str, Floats] = {}

        occ = pick(self._occupation).astype(np.intp)
        code = isco_code(candidate.occupation, self.table)
        if code is None:
            values["occupation"] = np.zeros(n)
        else:
            row = self._occupation_row(code, config.occupation_levels)
            values["occupation"] = np.where(occ >= 0, row[occ], 0.0)

        have = candidate_skills(candidate, self.table, implied=config.occupation_implies_skills)
        flags = np.zeros(len(self.skill_ids) + 1, dtype=np.bool_)
        flags[[self.skill_ids[k] for k in have if k in self.skill_ids]] = True
        ess_ptr, opt_ptr = self._essential_ptr.view, self._optional_ptr.view
        a = _segment_counts(flags, self._essential.view, ess_ptr, rows)
        b = _segment_counts(flags, self._optional.view, opt_ptr, rows)
        n_ess = np.diff(ess_ptr) if rows is None else ess_ptr[rows + 1] - ess_ptr[rows]
        n_opt = np.diff(opt_ptr) if rows is None else opt_ptr[rows + 1] - opt_ptr[rows]
        ew = config.essential_skill_weight
        got = ew * a + b
        total = ew * n_ess + n_opt
        if config.skill_measure == "union":
            total = total + (len(have) - (a + b))
        known = (n_ess + n_opt > 0) & bool(have)
        values["skills"] = np.where(known, got / np.where(known, total, 1), 0.0)

        need = pick(self._education).astype(np.int64)
        have_rank = education_rank(candidate.education)
        excluded = np.zeros(n, dtype=np.bool_)
        if have_rank is None:
            values["education"] = np.where(need == 0, 1.0, 0.0)
        else:
            gap = np.minimum(have_rank - need, 0)
            bridge = config.bridgeable_education_value
            edu = np.where(gap == 0, 1.0, np.where(gap == -1, bridge, 0.0))
            values["education"] = np.where(need == 0, 1.0, edu)
            if config.exclude_education_gap:
                excluded |= (need > 0) & (gap < -1)

        location = self.locator.location(candidate.postcode)
        if location is None:
            values["distance"] = np.zeros(n)
        else:
            km = self._distances(location, pick(self._lat), pick(self._lon))
            radius = (
                candidate.max_distance_km
                if candidate.max_distance_km is not None
                else config.max_distance_km
            )
            if radius > 0:
                near = np.maximum(0.0, 1.0 - km / radius)
            else:
                near = (km == 0).astype(np.float64)
            unknown = np.isnan(km)
            values["distance"] = np.where(unknown, 0.0, near)
            if config.enforce_max_distance:
                excluded |= ~unknown & (km > radius)

        hours = pick(self._hours)
        if candidate.hours_wanted is None:
            values["hours"] = np.zeros(n)
        else:
            fit = np.maximum(
                0.0, 1.0 - np.abs(hours - candidate.hours_wanted) / config.hours_tolerance
            )
            values["hours"] = np.where(np.isnan(hours), 0.0, fit)

        contract = pick(self._contract)
        if not candidate.contract_wishes:
            values["contract"] = np.zeros(n)
        else:
            wished = self._ids("contract", candidate.contract_wishes)
            values["contract"] = np.where(contract < 0, 0.0, np.isin(contract, wished) * 1.0)

        sector = pick(self._sector)
        no_go = np.isin(sector, self._ids("sector", candidate.no_go_sectors)) & (sector >= 0)
        if config.exclude_no_go_sectors:
            excluded |= no_go
        wanted = wanted_isco_codes(candidate.wanted_occupations, self.table)
        if wanted:
            hits = np.append(isco_prefix_hits(wanted), False)
            pref_occ = np.where(occ >= 0, hits[occ] * 1.0, 0.0)
        else:
            pref_occ = np.zeros(n)
        if candidate.wanted_sectors:
            liked = np.isin(sector, self._ids("sector", candidate.wanted_sectors)) * 1.0
            pref_sector = np.where(sector >= 0, liked, 0.0)
        else:
            pref_sector = np.zeros(n)
        pref_sector = np.where(no_go, 0.0, pref_sector)
        values["preference"] = 0.5 * pref_occ + 0.5 * pref_sector

        total_weight = config.total_weight
        score = np.zeros(n)
        for name in COMPONENTS:
            score += config.weights[name] * values[name] / total_weight
        return score, ~excluded

    def _ids(self, kind: str, codes: Iterable[str]) -> list[int]:
        vocab = self._vocab[kind]
        return [vocab[c] for c in codes if c in vocab]

    @staticmethod
    def _distances(location: tuple[float, float], lat: Floats, lon: Floats) -> Floats:
        # The same formula and order as geo.haversine_km.
        p1 = math.radians(location[0])
        p2 = np.radians(lat)
        dp = p2 - p1
        dl = np.radians(lon - location[1])
        h = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
        km: Floats = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        return km
