"""Education codes, levels and ranks as the exchange format defines them."""

import pytest

from werkbrug.taxonomy import (
    EDUCATION,
    EDUCATION_ORDER,
    EDUCATION_RANKS,
    education_at_least,
    education_level,
    education_rank,
)

EXPECTED_LEVELS = {
    "basis": "low",
    "vmbo": "low",
    "avo_onderbouw": "low",
    "mbo1": "low",
    "mbo": "middle",
    "mbo2": "middle",
    "mbo3": "middle",
    "mbo4": "middle",
    "havo": "middle",
    "vwo": "middle",
    "hbo": "high",
    "wo": "high",
    "hbo_master": "high",
    "wo_master": "high",
    "doctor": "high",
}


def test_the_codes_are_exactly_those_of_the_exchange_format_in_order() -> None:
    assert EDUCATION.codes == tuple(EXPECTED_LEVELS)


@pytest.mark.parametrize(("code", "level"), EXPECTED_LEVELS.items())
def test_each_code_has_its_soi_level(code: str, level: str) -> None:
    assert education_level(code) == level
    assert EDUCATION[code].level == level


@pytest.mark.parametrize("legacy", ["lbo", "mavo", "vbo", "LBO", " Mavo "])
def test_legacy_names_are_aliases_of_vmbo(legacy: str) -> None:
    assert EDUCATION.canonical(legacy) == "vmbo"
    assert education_level(legacy) == "low"


def test_unknown_or_empty_education_has_no_level_or_rank() -> None:
    for raw in ("", "bachelor", None):
        assert education_level(raw) is None
        assert education_rank(raw) is None


def test_ranks_rise_with_the_level() -> None:
    order = {"low": 0, "middle": 1, "high": 2}
    for lower in EDUCATION:
        for higher in EDUCATION:
            assert lower.level is not None
            assert higher.level is not None
            if order[lower.level] < order[higher.level]:
                assert EDUCATION_RANKS[lower.code] < EDUCATION_RANKS[higher.code]


def test_ranks_follow_the_soi_order_within_a_level() -> None:
    rank = EDUCATION_RANKS
    assert rank["basis"] < rank["vmbo"] == rank["avo_onderbouw"] == rank["mbo1"]
    assert rank["mbo1"] < rank["mbo2"] == rank["mbo3"] == rank["mbo"] < rank["mbo4"]
    assert rank["mbo4"] == rank["havo"] == rank["vwo"] < rank["hbo"]
    assert rank["hbo"] == rank["wo"] < rank["hbo_master"] == rank["wo_master"] < rank["doctor"]


def test_rank_accepts_aliases_and_any_case() -> None:
    assert education_rank(" MAVO ") == EDUCATION_RANKS["vmbo"]
    assert education_rank("Doctor") == EDUCATION_RANKS["doctor"]


def test_the_order_lists_every_code_from_least_to_most() -> None:
    assert sorted(EDUCATION_ORDER) == sorted(EDUCATION.codes)
    ranks = [EDUCATION_RANKS[code] for code in EDUCATION_ORDER]
    assert ranks == sorted(ranks)
    assert EDUCATION_ORDER[0] == "basis"
    assert EDUCATION_ORDER[-1] == "doctor"


def test_education_at_least_compares_ranks_and_knows_when_it_cannot() -> None:
    assert education_at_least("hbo", "mbo4") is True
    assert education_at_least("vwo", "havo") is True
    assert education_at_least("mavo", "mbo2") is False
    assert education_at_least("MBO", "mbo3") is True
    assert education_at_least(None, "mbo2") is None
    assert education_at_least("hbo", "nonsense") is None
