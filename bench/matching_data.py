"""Generated participants, vacancies and an ESCO-shaped skills table for the matching benchmark.

Seeded and deterministic. "Realistic spread" means:

* **Occupations.** The share of each ISCO-08 major group follows the rough shape of Dutch
  employment (professionals and technicians the largest, agriculture and armed forces the
  smallest); within a major group, unit groups get Zipf-like weights (a few very common
  jobs, a long tail), in a seeded random order. Vacancies and participants draw from the
  same weights, participants with extra weight on craft, operator and clerical jobs (the
  people in job-to-job programmes).
* **Postcodes.** Each PC2 area gets a weight for its population (big cities 3–6 times an
  average area); a postcode is its area's two digits plus two random digits.
* **Skills.** A synthetic ESCO: each ISCO minor group has a pool of 40 skills, each unit
  group takes 8 essential and 8 optional skills from its pool plus 3 from 150 transversal
  skills. Vacancies add 0–3 skills of their own; participants have 0–5 recorded skills from
  a related occupation (what makes moves across groups visible).
* **Everything else.** Education follows the letter's mix (39 % low, 51 % middle, 10 %
  high) shifted by the occupation's skill level; hours mostly 36–40; contracts mostly
  fixed-term; some wanted sectors, no-go sectors and own travel radii.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Final

from werkbrug.matching import Candidate, Opening
from werkbrug.taxonomy import ISCO, isco_unit_groups

MAJOR_SHARE: Final = {
    "0": 0.3,
    "1": 6,
    "2": 24,
    "3": 17,
    "4": 10,
    "5": 17,
    "6": 2,
    "7": 9,
    "8": 6,
    "9": 9,
}
PARTICIPANT_BOOST: Final = {"4": 1.5, "7": 2.0, "8": 2.0, "9": 1.5, "2": 0.6}

AREA_WEIGHT: Final = {
    "10": 6, "11": 3, "30": 5, "25": 5, "35": 3.5, "56": 2.5, "20": 2, "50": 2, "65": 2,
    "68": 2, "97": 2.2, "48": 2, "52": 1.5, "13": 2, "38": 2, "73": 1.6, "75": 1.8, "80": 1.4,
    "62": 1.3, "23": 1.5, "26": 1.5, "27": 1.3, "15": 1.5, "33": 1.3, "31": 1.3, "29": 1.3,
    "12": 1.2, "18": 1.2, "21": 1.3, "34": 1.2, "37": 1.1, "64": 1.1, "74": 1.1, "89": 1.1,
}  # fmt: skip

SECTOR_BY_MAJOR: Final = {
    "0": "O",
    "1": "MKCGJ",
    "2": "PQMJK",
    "3": "QCMKN",
    "4": "NGHKO",
    "5": "GIQS",
    "6": "A",
    "7": "FCC",
    "8": "HCC",
    "9": "NHGIC",
}
EDUCATION_BY_MAJOR: Final = {
    "0": ["mbo2", "mbo4"],
    "1": ["hbo", "wo", "mbo4"],
    "2": ["hbo", "wo", "wo_master"],
    "3": ["mbo4", "hbo"],
    "4": ["mbo2", "mbo3", "mbo4"],
    "5": [None, "vmbo", "mbo2"],
    "6": [None, "vmbo", "mbo2"],
    "7": ["vmbo", "mbo2", "mbo3"],
    "8": [None, "vmbo", "mbo2"],
    "9": [None, None, "vmbo"],
}
PARTICIPANT_EDUCATION: Final = {
    "low": ["vmbo", "mbo1", "vmbo", "basis"],
    "middle": ["mbo2", "mbo3", "mbo4", "havo", "mbo"],
    "high": ["hbo", "wo", "hbo_master"],
}
CONTRACTS: Final = ["fixed_term"] * 5 + ["permanent"] * 2 + ["agency"] * 2 + [None]


class World:
    """The weights and the skills table of one generated data set."""

    def __init__(self, seed: int = 2024) -> None:
        rng = random.Random(seed)
        self.units = [c.code for c in isco_unit_groups()]
        by_major: dict[str, list[str]] = {}
        for code in self.units:
            by_major.setdefault(code[0], []).append(code)
        weights: dict[str, float] = {}
        for major, codes in by_major.items():
            order = codes[:]
            rng.shuffle(order)
            zipf = [1 / (i + 1) ** 1.1 for i in range(len(order))]
            total = sum(zipf)
            for code, z in zip(order, zipf, strict=True):
                weights[code] = MAJOR_SHARE[major] * z / total
        self.vacancy_weights = [weights[c] for c in self.units]
        self.participant_weights = [
            weights[c] * PARTICIPANT_BOOST.get(c[0], 1.0) for c in self.units
        ]
        self.areas = [f"{i}" for i in range(10, 100)]
        self.area_weights = [AREA_WEIGHT.get(a, 0.8) for a in self.areas]
        transversal = [f"http://data.europa.eu/esco/skill/t{i:04d}" for i in range(150)]
        pools: dict[str, list[str]] = {}
        for code in ISCO.codes:
            if len(code) == 3:
                pools[code] = [
                    f"http://data.europa.eu/esco/skill/{code}-{i:02d}" for i in range(40)
                ]
        self.table: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        for code in self.units:
            pool = pools[code[:3]]
            picked = rng.sample(pool, 16)
            cross = rng.sample(transversal, 3)
            self.table[code] = (
                frozenset(picked[:8] + cross[:1]),
                frozenset(picked[8:] + cross[1:]),
            )
        self.related: dict[str, list[str]] = {}
        for code in self.units:
            same_sub = [u for u in self.units if u[:2] == code[:2] and u != code]
            self.related[code] = same_sub or [code]


def _postcode(rng: random.Random, world: World) -> str:
    area = rng.choices(world.areas, world.area_weights)[0]
    return f"{area}{rng.randrange(100):02d}"


def openings(world: World, n: int, seed: int = 1) -> Iterator[Opening]:
    """``n`` generated vacancies."""
    rng = random.Random(seed)
    codes = rng.choices(world.units, world.vacancy_weights, k=n)
    for i, code in enumerate(codes):
        major = code[0]
        optional = world.table[code][1]
        own = frozenset(rng.sample(sorted(optional), rng.randint(0, 3)))
        hours_pick = rng.random()
        hours = (
            40.0
            if hours_pick < 0.4
            else rng.choice([36.0, 38.0])
            if hours_pick < 0.7
            else float(rng.choice([16, 20, 24, 28, 32]))
        )
        yield Opening(
            key=f"V{i:07d}",
            title=f"Vacature {code}",
            employer=f"E{rng.randrange(n // 20 + 1):06d}",
            occupation=code,
            sector=rng.choice(SECTOR_BY_MAJOR[major]),
            postcode=_postcode(rng, world),
            min_education=rng.choice(EDUCATION_BY_MAJOR[major]),
            hours=hours,
            contract=rng.choice(CONTRACTS),
            positions=1 if rng.random() < 0.7 else rng.randint(2, 8),
            skills=own,
        )


def candidates(world: World, n: int, seed: int = 2) -> Iterator[Candidate]:
    """``n`` generated participants."""
    rng = random.Random(seed)
    codes = rng.choices(world.units, world.participant_weights, k=n)
    for i, code in enumerate(codes):
        level = rng.choices(["low", "middle", "high"], [39, 51, 10])[0]
        if code[0] in "12" and level == "low":
            level = "middle"
        related = rng.choice(world.related[code])
        recorded = rng.sample(
            sorted(world.table[related][0] | world.table[related][1]), rng.randint(0, 5)
        )
        wanted_sectors = (
            frozenset(rng.sample("CFGHNQ", rng.randint(1, 2)))
            if rng.random() < 0.2
            else frozenset()
        )
        no_go = frozenset(rng.sample("AGIN", 1)) if rng.random() < 0.1 else frozenset()
        wanted_occ = frozenset({code[:2]}) if rng.random() < 0.3 else frozenset()
        yield Candidate(
            key=f"P{i:06d}",
            occupation=code if rng.random() < 0.95 else None,
            skills=frozenset(recorded),
            education=rng.choice(PARTICIPANT_EDUCATION[level]) if rng.random() < 0.9 else None,
            postcode=_postcode(rng, world) if rng.random() < 0.97 else None,
            hours_wanted=rng.choice([24.0, 32.0, 36.0, 38.0, 40.0, 40.0, 40.0])
            if rng.random() < 0.8
            else None,
            contract_wishes=frozenset(
                rng.sample(["permanent", "fixed_term", "agency"], rng.randint(0, 2))
            ),
            wanted_occupations=wanted_occ,
            wanted_sectors=wanted_sectors - no_go,
            no_go_sectors=no_go,
            max_distance_km=rng.choice([None, None, None, 15.0, 25.0, 40.0, 60.0]),
            sector=rng.choice(SECTOR_BY_MAJOR[code[0]]),
            gender=rng.choice("mmmf"),
            age_band=rng.choice(["<30", "30-44", "45-54", "55+"]),
        )
