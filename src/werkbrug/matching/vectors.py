"""Dense vectors whose inner product bounds the score from above: the ranking index's space.

A vacancy becomes an *item vector* of indicator features that do not depend on the weights:

=============  ==============================================================  ==========
block          one dimension per                                               active
=============  ==============================================================  ==========
occupation     ISCO-08 code of any level (619) + unknown                       1
skills         hashed skill feature (``skill_dims``, CRC-32) + unknown         the skills
education      minimum education rank 1–7 + "no minimum"                       1
hours          whole weekly hours 0–80 + unknown                               1
contract       contract code (5) + unknown                                     1
sector         SBI section (21) + unknown                                      1
area           PC2 postcode area (90) + unknown                                1
constant       —                                                               1
=============  ==============================================================  ==========

A skill's entry is its weight in the vacancy (``essential_skill_weight`` or 1) divided by the
vacancy's total skill weight, so the skill entries sum to 1.

A candidate becomes a *query vector* that carries the configuration: in each block, the entry
of a dimension is the (normalised) weight times the component value a vacancy with that
feature would get — the occupation similarity row for the candidate's ISCO code plus the
preference for wanted groups, the education value for each minimum rank, the hours value
for each whole hour, the distance value for the *nearest* known location in each PC2 area,
and so on. An unknown input earns nothing (:mod:`~werkbrug.matching.score`), so the
"unknown" dimensions and the constant stay 0 (except an odd contract or sector code the
candidate wished for, which a vacancy outside the code list may carry). A hard constraint
that excludes every vacancy with a feature (a PC2 area entirely out of reach, a no-go
sector, a minimum education more than one rank too high) puts :data:`EXCLUDED` (−10) there.

The result: for every pair that is not excluded, ``query · item`` equals the score for the
occupation, education, contract, preference and (with the built-in PC2 locations) distance
components, and is at least the score for the others (hours within the same whole hour,
hash collisions between skills, the nearest point of an area instead of the postcode), so

    score(candidate, vacancy) ≤ query(candidate) · item(vacancy)      (eligible pairs)

up to float32 rounding. :mod:`~werkbrug.matching.rank` uses this to prove that nothing
outside the candidates it re-ranked could have made the top K.

``scales`` multiplies item blocks (and divides the query's) without changing any inner
product; it only reshapes the space for the clustering of an IVF index (a larger ``area``
scale makes clusters geographically tighter).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from werkbrug.exchange.schema import MAX_WEEKLY_HOURS
from werkbrug.matching.config import MatchConfig
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
from werkbrug.taxonomy import CONTRACTS, ISCO, SBI_SECTIONS, education_rank

__all__ = ["BLOCKS", "EXCLUDED", "FLOOR", "FeatureSpace", "SparseItem"]

#: The value a query puts on a feature that excludes every vacancy having it.
EXCLUDED: Final = -10.0

#: Index scores at or below this belong to excluded pairs only (eligible pairs score ≥ 0).
FLOOR: Final = -1.0

#: The blocks of the vector, in order.
BLOCKS: Final = ("occupation", "skills", "education", "hours", "contract", "sector", "area")

_ISCO_CODES: Final = ISCO.codes
_ISCO_INDEX: Final = {code: i for i, code in enumerate(_ISCO_CODES)}
_CONTRACTS: Final = CONTRACTS.codes
_SECTIONS: Final = SBI_SECTIONS.codes
_MAX_RANK: Final = 7
_HOURS: Final = MAX_WEEKLY_HOURS + 1  # one slot per whole hour, 0 to the most


def _groups(digits: int) -> tuple[tuple[str, ...], dict[str, int], npt.NDArray[np.intp]]:
    """The occupation groups of the bounded index's lists, cut at ``digits`` digits.

    A group is an ISCO code of up to ``digits`` digits; a vacancy belongs to the group of
    its code cut to that length. Returns the groups, their index, and per group the
    occupation dimensions its vacancies can have (padded with the dimension one past
    "unknown"; the last group is "unknown").
    """
    groups = tuple(code for code in _ISCO_CODES if len(code) <= digits)
    index = {code: i for i, code in enumerate(groups)}
    members: list[list[int]] = []
    for group in groups:
        codes = [group]
        if len(group) == digits:
            codes += [c for c in _ISCO_CODES if len(c) > digits and c.startswith(group)]
        members.append([_ISCO_INDEX[c] for c in codes])
    members.append([len(_ISCO_CODES)])
    width = max(len(m) for m in members)
    pad = len(_ISCO_CODES) + 1
    table = np.array([m + [pad] * (width - len(m)) for m in members], dtype=np.intp)
    return groups, index, table


@dataclass(frozen=True, slots=True)
class _ListFacts:
    """What is present in each list of a bounded index, derived from its maxima."""

    version: int
    size: int
    area: npt.NDArray[np.int64]
    group: npt.NDArray[np.int64]
    edu_none: npt.NDArray[np.bool_]
    edu_any: npt.NDArray[np.bool_]
    edu_min: npt.NDArray[np.intp]
    hours_any: npt.NDArray[np.bool_]
    hours_low: npt.NDArray[np.intp]
    hours_high: npt.NDArray[np.intp]
    hours_unknown: npt.NDArray[np.bool_]
    contract: tuple[npt.NDArray[np.bool_], npt.NDArray[np.intp]]
    sector: tuple[npt.NDArray[np.bool_], npt.NDArray[np.intp]]
    skills_any: npt.NDArray[np.bool_]
    skills_unknown: npt.NDArray[np.bool_]
    by_area: list[npt.NDArray[np.intp]]


def _masks(
    present: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.intp]]:
    """The distinct presence patterns of a block (feature × list) and each list's pattern."""
    masks, which = np.unique(present.T, axis=0, return_inverse=True)
    return masks, which.reshape(-1)


#: An item vector as (dimensions, values).
SparseItem = tuple[list[int], list[float]]
Vector = npt.NDArray[np.float32]


def _hash(key: str, dims: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % dims


class FeatureSpace:
    """The layout of the vectors for one configuration, skills table and locator."""

    def __init__(
        self,
        config: MatchConfig,
        table: SkillsTable | None,
        locator: PostcodeLocator,
        *,
        skill_dims: int = 256,
        scales: Mapping[str, float] | None = None,
        list_digits: int = 4,
    ) -> None:
        if skill_dims < 1:
            raise ValueError("skill_dims must be ≥ 1")
        if not 1 <= list_digits <= 4:
            raise ValueError("list_digits must be 1–4")
        #: ISCO digits of the occupation part of a bounded index's list key.
        self.list_digits = list_digits
        self._groups, self._group_index, self._group_members = _groups(list_digits)
        self.config = config
        self.table = table
        self.locator = locator
        self.skill_dims = skill_dims
        self.scales = {name: 1.0 for name in BLOCKS} | dict(scales or {})
        sizes = {
            "occupation": len(_ISCO_CODES) + 1,
            "skills": skill_dims + 1,
            "education": _MAX_RANK + 1,
            "hours": _HOURS + 1,
            "contract": len(_CONTRACTS) + 1,
            "sector": len(_SECTIONS) + 1,
            "area": 0,
        }
        points = locator.area_points()
        self.areas: tuple[str, ...] = tuple(sorted(points))
        self._area_index = {area: i for i, area in enumerate(self.areas)}
        sizes["area"] = len(self.areas) + 1
        self.offsets: dict[str, int] = {}
        offset = 0
        for name in BLOCKS:
            self.offsets[name] = offset
            offset += sizes[name]
        self.constant = offset
        self.dim = offset + 1
        # Area points sorted by area, for the nearest-point distance per area.
        lat: list[float] = []
        lon: list[float] = []
        starts: list[int] = []
        for area in self.areas:
            starts.append(len(lat))
            for a, b in points[area]:
                lat.append(a)
                lon.append(b)
        self._point_lat = np.radians(np.array(lat))
        self._point_lon = np.radians(np.array(lon))
        self._area_starts = np.array(starts, dtype=np.intp)
        self._scale_vector = np.ones(self.dim, dtype=np.float32)
        for name in BLOCKS:
            end = self.offsets[name] + sizes[name]
            self._scale_vector[self.offsets[name] : end] = self.scales[name]
        self._occupation_rows: dict[str, npt.NDArray[np.float64]] = {}
        self._list_facts: _ListFacts | None = None

    # --- items -------------------------------------------------------------------------

    def item(self, opening: Opening) -> SparseItem:
        """The sparse item vector of a vacancy (already scaled)."""
        dims: list[int] = []
        values: list[float] = []
        s = self.scales
        off = self.offsets

        code = isco_code(opening.occupation, self.table)
        occ = _ISCO_INDEX.get(code, len(_ISCO_CODES)) if code else len(_ISCO_CODES)
        dims.append(off["occupation"] + occ)
        values.append(s["occupation"])

        need = vacancy_skills(opening, self.table)
        ew = self.config.essential_skill_weight
        total = ew * len(need.essential) + len(need.optional)
        if total > 0:
            acc: dict[int, float] = {}
            for weight, keys in ((ew, need.essential), (1.0, need.optional)):
                for key in keys:
                    d = off["skills"] + _hash(key, self.skill_dims)
                    acc[d] = acc.get(d, 0.0) + weight / total
            for d, v in acc.items():
                dims.append(d)
                values.append(v * s["skills"])
        else:
            dims.append(off["skills"] + self.skill_dims)
            values.append(s["skills"])

        rank = education_rank(opening.min_education)
        dims.append(off["education"] + (rank or 0))
        values.append(s["education"])

        hours = (
            _HOURS if opening.hours is None else min(math.floor(opening.hours), MAX_WEEKLY_HOURS)
        )
        dims.append(off["hours"] + hours)
        values.append(s["hours"])

        contract = _CONTRACTS.index(opening.contract) if opening.contract in _CONTRACTS else -1
        dims.append(off["contract"] + (contract if contract >= 0 else len(_CONTRACTS)))
        values.append(s["contract"])

        sector = _SECTIONS.index(opening.sector) if opening.sector in _SECTIONS else -1
        dims.append(off["sector"] + (sector if sector >= 0 else len(_SECTIONS)))
        values.append(s["sector"])

        area = self.locator.area(opening.postcode)
        index = self._area_index.get(area, len(self.areas)) if area else len(self.areas)
        dims.append(off["area"] + index)
        values.append(s["area"])

        dims.append(self.constant)
        values.append(1.0)
        return dims, values

    def items(self, openings: Sequence[Opening]) -> Vector:
        """Dense item vectors, one row per vacancy."""
        out = np.zeros((len(openings), self.dim), dtype=np.float32)
        rows: list[int] = []
        dims: list[int] = []
        values: list[float] = []
        for row, opening in enumerate(openings):
            item_dims, item_values = self.item(opening)
            rows.extend([row] * len(item_dims))
            dims.extend(item_dims)
            values.extend(item_values)
        # item() never repeats a dimension, so plain assignment is enough
        out[rows, dims] = values
        return out

    # --- lists of the bounded index ---------------------------------------------------

    @property
    def list_capacity(self) -> int:
        """How many (area, occupation group) lists there can be."""
        return (len(self.areas) + 1) * (len(self._groups) + 1)

    def _list(self, postcode: str | None, occupation: str | None) -> int:
        area = self.locator.area(postcode)
        a = self._area_index.get(area, len(self.areas)) if area else len(self.areas)
        code = isco_code(occupation, self.table)
        groups = len(self._groups)
        group = groups if code is None else self._group_index[code[: self.list_digits]]
        return a * (groups + 1) + group

    def item_list(self, opening: Opening) -> int:
        """The list of a vacancy: its PC2 area and ISCO minor group (or coarser code)."""
        return self._list(opening.postcode, opening.occupation)

    def query_list(self, candidate: Candidate) -> int:
        """The list of a participant: home area and occupation group."""
        return self._list(candidate.postcode, candidate.occupation)

    def _derived(self, high: Vector, lists: npt.NDArray[np.int64], version: int) -> _ListFacts:
        cached = self._list_facts
        if cached is not None and cached.version == version and cached.size == high.shape[1]:
            return cached
        off = self.offsets
        groups = len(self._groups) + 1
        edu = high[off["education"] : off["education"] + _MAX_RANK + 1] > 0
        hours = high[off["hours"] : off["hours"] + _HOURS] > 0
        skills = off["skills"]
        facts = _ListFacts(
            version=version,
            size=high.shape[1],
            area=lists // groups,
            group=lists % groups,
            edu_none=edu[0],
            edu_any=np.asarray(edu[1:].any(axis=0)),
            edu_min=np.argmax(edu[1:], axis=0) + 1,
            hours_any=np.asarray(hours.any(axis=0)),
            hours_low=np.argmax(hours, axis=0),
            hours_high=_HOURS - 1 - np.argmax(hours[::-1], axis=0),
            hours_unknown=high[off["hours"] + _HOURS] > 0,
            contract=_masks(high[off["contract"] : off["contract"] + len(_CONTRACTS) + 1] > 0),
            sector=_masks(high[off["sector"] : off["sector"] + len(_SECTIONS) + 1] > 0),
            skills_any=np.asarray((high[skills : skills + self.skill_dims] > 0).any(axis=0)),
            skills_unknown=high[skills + self.skill_dims] > 0,
            by_area=[np.flatnonzero(lists // groups == a) for a in range(len(self.areas) + 1)],
        )
        self._list_facts = facts
        return facts

    def list_bounds(
        self,
        queries: Vector,
        high: Vector,
        low: Vector,  # noqa: ARG002 (the Bounder interface; see the docstring)
        lists: npt.NDArray[np.int64],
        version: int,
    ) -> Vector:
        """The bound of every (area, occupation group) list of vacancies for each query.

        For a bounded index of vacancies: per block, the best value the query gives any
        feature present in the list (each vacancy has exactly one feature per block; for the
        ordered blocks the best is found from the lowest education rank and the range of
        hours present), and for skills the smaller of the summed maxima and the query's best
        skill value. ``low`` is not needed: no vacancy vector has negative entries.
        """
        facts = self._derived(high, lists, version)
        off = self.offsets
        unscaled = queries.astype(np.float64) * self._scale_vector
        skills = slice(off["skills"], off["skills"] + self.skill_dims)
        out = np.full((len(queries), high.shape[1]), -np.inf, dtype=np.float32)
        minus = -np.inf
        for row, (q, scaled) in enumerate(zip(unscaled, queries, strict=True)):
            # Only lists in areas within reach can score above the floor.
            reach = q[off["area"] : off["area"] + len(self.areas) + 1]
            slots = np.concatenate([facts.by_area[a] for a in np.flatnonzero(reach > FLOOR)])
            if len(slots) == 0:
                continue
            bound = q[self.constant] + reach[facts.area[slots]]
            occupation = np.append(
                q[off["occupation"] : off["occupation"] + len(_ISCO_CODES) + 1], minus
            )
            bound += occupation[self._group_members].max(axis=1)[facts.group[slots]]
            nonzero = np.flatnonzero(scaled[skills])
            if len(nonzero):
                rows = high[off["skills"] + nonzero]
                summed = scaled[skills][nonzero] @ rows[:, slots]
            else:
                summed = np.zeros(len(slots))
            best_skill = q[skills].max()
            skill = np.where(facts.skills_any[slots], np.minimum(summed, best_skill), minus)
            unknown_skill = q[off["skills"] + self.skill_dims]
            bound += np.maximum(skill, np.where(facts.skills_unknown[slots], unknown_skill, minus))
            edu = q[off["education"] : off["education"] + _MAX_RANK + 1]
            bound += np.maximum(
                np.where(facts.edu_none[slots], edu[0], minus),
                np.where(facts.edu_any[slots], edu[facts.edu_min[slots]], minus),
            )
            hours = q[off["hours"] : off["hours"] + _HOURS + 1]
            peak = np.clip(
                int(np.argmax(hours[:_HOURS])), facts.hours_low[slots], facts.hours_high[slots]
            )
            bound += np.maximum(
                np.where(facts.hours_any[slots], hours[peak], minus),
                np.where(facts.hours_unknown[slots], hours[_HOURS], minus),
            )
            for name, (masks, which) in (("contract", facts.contract), ("sector", facts.sector)):
                block = q[off[name] : off[name] + masks.shape[1]]
                bound += np.where(masks, block, minus).max(axis=1)[which[slots]]
            out[row, slots] = bound
        return out

    # --- queries -----------------------------------------------------------------------

    def _occupation_row(self, code: str) -> npt.NDArray[np.float64]:
        row = self._occupation_rows.get(code)
        if row is None:
            levels = (0.0, *self.config.occupation_levels)
            row = np.array([levels[shared_isco_levels(code, c)] for c in _ISCO_CODES])
            self._occupation_rows[code] = row
        return row

    def area_distances(self, lat: float, lon: float) -> npt.NDArray[np.float64]:
        """The distance in km from a point to the nearest known location of each area."""
        p1, l1 = math.radians(lat), math.radians(lon)
        h = (
            np.sin((self._point_lat - p1) / 2) ** 2
            + math.cos(p1) * np.cos(self._point_lat) * np.sin((self._point_lon - l1) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        result: npt.NDArray[np.float64] = np.minimum.reduceat(km, self._area_starts)
        return result

    def query(self, candidate: Candidate) -> Vector:
        """The dense query vector of a candidate (see the module notes)."""
        config = self.config
        total = config.total_weight
        w = {name: config.weights[name] / total for name in config.weights}
        off = self.offsets
        q = np.zeros(self.dim, dtype=np.float64)

        # occupation and the occupation half of the preference
        n_codes = len(_ISCO_CODES)
        occ = q[off["occupation"] : off["occupation"] + n_codes + 1]
        code = isco_code(candidate.occupation, self.table)
        if code is not None:
            occ[:n_codes] += w["occupation"] * self._occupation_row(code)
        wanted = wanted_isco_codes(candidate.wanted_occupations, self.table)
        if wanted:
            occ[:n_codes] += 0.5 * w["preference"] * isco_prefix_hits(wanted)

        # skills
        have = candidate_skills(candidate, self.table, implied=config.occupation_implies_skills)
        for key in have:
            q[off["skills"] + _hash(key, self.skill_dims)] = w["skills"]

        # education
        have_rank = education_rank(candidate.education)
        edu = q[off["education"] : off["education"] + _MAX_RANK + 1]
        edu[0] = w["education"]
        for rank in range(1, _MAX_RANK + 1):
            if have_rank is None:
                continue  # unknown against a minimum: 0
            gap = min(have_rank - rank, 0)
            if gap == 0:
                edu[rank] = w["education"]
            elif gap == -1:
                edu[rank] = w["education"] * config.bridgeable_education_value
            else:
                edu[rank] = EXCLUDED if config.exclude_education_gap else 0.0

        # hours: the best value within each whole hour
        hours = q[off["hours"] : off["hours"] + _HOURS + 1]
        if candidate.hours_wanted is not None:
            wanted_h = candidate.hours_wanted
            low = np.arange(_HOURS, dtype=np.float64)
            high = np.minimum(low + 1.0, float(MAX_WEEKLY_HOURS))
            gap_h = np.maximum(0.0, np.maximum(low - wanted_h, wanted_h - high))
            hours[:_HOURS] = w["hours"] * np.maximum(0.0, 1.0 - gap_h / config.hours_tolerance)

        # contract
        contract = q[off["contract"] : off["contract"] + len(_CONTRACTS) + 1]
        wishes = candidate.contract_wishes
        if wishes:
            contract[: len(_CONTRACTS)] = [w["contract"] * (c in wishes) for c in _CONTRACTS]
            odd = any(c not in _CONTRACTS for c in wishes)
            contract[len(_CONTRACTS)] = w["contract"] * float(odd)

        # sector half of the preference, and no-go sectors
        sector = q[off["sector"] : off["sector"] + len(_SECTIONS) + 1]
        half = 0.5 * w["preference"]
        for i, section in enumerate(_SECTIONS):
            if section in candidate.no_go_sectors:
                sector[i] = EXCLUDED if config.exclude_no_go_sectors else 0.0
            else:
                sector[i] = half * (section in candidate.wanted_sectors)
        odd = any(s not in _SECTIONS for s in candidate.wanted_sectors)
        sector[len(_SECTIONS)] = half * float(odd)

        # distance: the nearest point of each area; out of reach excluded
        area = q[off["area"] : off["area"] + len(self.areas) + 1]
        location = self.locator.location(candidate.postcode)
        if location is not None:
            radius = (
                candidate.max_distance_km
                if candidate.max_distance_km is not None
                else config.max_distance_km
            )
            km = self.area_distances(*location)
            if radius > 0:
                value = np.maximum(0.0, 1.0 - km / radius)
            else:
                value = (km == 0).astype(np.float64)
            area[: len(self.areas)] = w["distance"] * value
            if config.enforce_max_distance:
                area[: len(self.areas)][km > radius] = EXCLUDED

        scaled = q / self._scale_vector
        return scaled.astype(np.float32)

    def queries(self, candidates: Iterable[Candidate]) -> Vector:
        """Dense query vectors, one row per candidate."""
        rows = [self.query(candidate) for candidate in candidates]
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack(rows)
