"""ISCO-08 structure, unit-group checks and ESCO URI form checks."""

from collections import Counter

import pytest

from werkbrug.taxonomy import (
    ISCO,
    esco_occupation_uuid,
    is_esco_occupation_uri,
    is_isco_unit_group,
    isco_level,
    isco_major_group,
    isco_unit_groups,
)


def test_it_has_every_group_of_each_level() -> None:
    per_level = Counter(len(code) for code in ISCO.codes)
    assert per_level == {1: 10, 2: 43, 3: 130, 4: 436}


@pytest.mark.parametrize(
    ("major", "sub_major", "minor", "unit"),
    [
        ("0", 3, 3, 3),
        ("1", 4, 11, 31),
        ("2", 6, 27, 92),
        ("3", 5, 20, 84),
        ("4", 4, 8, 29),
        ("5", 4, 13, 40),
        ("6", 3, 9, 18),
        ("7", 5, 14, 66),
        ("8", 3, 14, 40),
        ("9", 6, 11, 33),
    ],
)
def test_each_major_group_has_its_published_number_of_groups(
    major: str, sub_major: int, minor: int, unit: int
) -> None:
    below = Counter(len(code) for code in ISCO.codes if code.startswith(major))
    assert (below[2], below[3], below[4]) == (sub_major, minor, unit)


def test_major_groups_are_zero_to_nine() -> None:
    assert [code.code for code in ISCO if len(code.code) == 1] == list("0123456789")


def test_every_group_below_a_major_group_hangs_under_its_prefix() -> None:
    for code in ISCO:
        if len(code.code) == 1:
            assert code.parent is None
        else:
            assert code.parent == code.code[:-1]
            assert code.parent in ISCO


def test_codes_are_digits_in_classification_order() -> None:
    assert all(code.isdigit() for code in ISCO.codes)
    assert list(ISCO.codes) == sorted(ISCO.codes)


def test_known_groups_have_their_ilo_titles() -> None:
    assert ISCO["2512"].label_en == "Software developers"
    assert ISCO["7322"].label_en == "Printers"
    assert ISCO["9334"].label_en == "Shelf fillers"
    assert ISCO["0110"].label_en == "Commissioned armed forces officers"
    assert ISCO["8"].label_en == "Plant and machine operators, and assemblers"
    assert ISCO["7131"].label("nl") == "Schilders en verwante werkers"


def test_children_follow_the_structure() -> None:
    assert [child.code for child in ISCO.children("73")] == ["731", "732"]
    assert [child.code for child in ISCO.children("732")] == ["7321", "7322", "7323"]


@pytest.mark.parametrize("code", ["0110", "2512", " 9629 ", "7322"])
def test_four_digit_groups_are_unit_groups(code: str) -> None:
    assert is_isco_unit_group(code)


@pytest.mark.parametrize("code", ["", "2", "25", "251", "2510", "9999", "1234", "25120", "abcd"])
def test_other_codes_are_not_unit_groups(code: str) -> None:
    assert not is_isco_unit_group(code)


def test_none_is_not_a_unit_group() -> None:
    assert not is_isco_unit_group(None)


def test_unit_groups_are_the_436_four_digit_codes() -> None:
    units = isco_unit_groups()
    assert len(units) == 436
    assert all(is_isco_unit_group(unit.code) for unit in units)


def test_level_and_major_group_of_a_code() -> None:
    assert [isco_level(code) for code in ("2", "25", "251", "2512")] == [
        "major",
        "sub-major",
        "minor",
        "unit",
    ]
    assert isco_level("2510") is None
    major = isco_major_group("2512")
    assert major is not None
    assert major.code == "2"
    assert isco_major_group("0310") is ISCO["0"]
    assert isco_major_group("x") is None


URI = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"


def test_an_esco_occupation_uri_is_recognised_by_its_form() -> None:
    assert is_esco_occupation_uri(URI)
    assert is_esco_occupation_uri(f"  {URI}\n")
    upper_uuid = URI.replace("f2b15a0e-e65a", "F2B15A0E-E65A")
    assert is_esco_occupation_uri(upper_uuid)
    assert esco_occupation_uuid(upper_uuid) == "f2b15a0e-e65a-438a-affb-29b9d50b77d1"


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "2512",
        URI.replace("occupation", "skill"),
        URI.replace("http://", "https://"),
        URI + "x",
        URI[:-1],
        URI.replace("-", ""),
        URI.replace("f2b15a0e", "g2b15a0e"),
        "http://data.europa.eu/esco/occupation/",
    ],
)
def test_anything_else_is_not_an_esco_occupation_uri(text: str | None) -> None:
    assert not is_esco_occupation_uri(text)
    assert esco_occupation_uuid(text) is None
