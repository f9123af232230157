"""Hypothesis strategies and small fixtures shared by the matching tests."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from hypothesis import strategies as st

from werkbrug.matching import Candidate, Opening

OCCUPATIONS = ["7115", "7114", "7126", "7411", "7233", "4321", "8332", "2512", "5223", "71", "7"]
SKILLS = [f"s{i}" for i in range(12)]
POSTCODES = ["1011", "1015", "3011", "3512", "3812", "5611", "9711", "6211", "2511", "8011"]
EDUCATION = ["basis", "vmbo", "mbo1", "mbo2", "mbo4", "havo", "hbo", "wo_master", "doctor"]
CONTRACTS = ["fixed_term", "permanent", "agency", "on_call"]
SECTORS = ["C", "F", "G", "H", "Q"]

T = TypeVar("T")
Item = TypeVar("Item", Candidate, Opening)

#: A small ESCO-like skills table keyed by ISCO code.
TABLE = {
    "7115": (frozenset({"s0", "s1", "s2"}), frozenset({"s3", "s4"})),
    "7114": (frozenset({"s1", "s2", "s5"}), frozenset({"s3"})),
    "7126": (frozenset({"s6", "s7"}), frozenset({"s1", "s8"})),
    "4321": (frozenset({"s9", "s10"}), frozenset({"s11"})),
    "8332": (frozenset({"s10"}), frozenset({"s9", "s11"})),
}


def maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


def subset(values: list[str], max_size: int = 3) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(values), max_size=max_size)


@st.composite
def candidates(draw: st.DrawFn, key: str | None = None) -> Candidate:
    return Candidate(
        key=key or draw(st.sampled_from([f"P{i}" for i in range(50)])),
        occupation=draw(maybe(st.sampled_from(OCCUPATIONS))),
        skills=draw(subset(SKILLS, 5)),
        education=draw(maybe(st.sampled_from(EDUCATION))),
        postcode=draw(maybe(st.sampled_from(POSTCODES))),
        hours_wanted=draw(maybe(st.sampled_from([16.0, 24.0, 32.0, 36.0, 38.5, 40.0]))),
        contract_wishes=draw(subset(CONTRACTS, 2)),
        wanted_occupations=draw(subset(["7", "71", "7126", "4321", "2", "8332"], 2)),
        wanted_sectors=draw(subset(SECTORS, 2)),
        no_go_sectors=draw(subset(SECTORS, 1)),
        max_distance_km=draw(maybe(st.sampled_from([0.0, 10.0, 40.0, 80.0, 250.0]))),
        sector=draw(maybe(st.sampled_from(SECTORS))),
    )


@st.composite
def openings(draw: st.DrawFn, key: str | None = None) -> Opening:
    return Opening(
        key=key or draw(st.sampled_from([f"V{i}" for i in range(50)])),
        title="vacature",
        occupation=draw(maybe(st.sampled_from(OCCUPATIONS))),
        sector=draw(maybe(st.sampled_from(SECTORS))),
        postcode=draw(maybe(st.sampled_from(POSTCODES))),
        min_education=draw(maybe(st.sampled_from(EDUCATION))),
        hours=draw(maybe(st.sampled_from([8.0, 20.0, 32.0, 36.0, 37.5, 38.0, 40.0]))),
        contract=draw(maybe(st.sampled_from(CONTRACTS))),
        positions=draw(st.integers(1, 3)),
        skills=draw(subset(SKILLS, 3)),
    )


def numbered(items: list[Item], prefix: str) -> list[Item]:
    """The same items with unique keys ``prefix0``, ``prefix1``, …"""
    return [replace(item, key=f"{prefix}{i}") for i, item in enumerate(items)]
