"""Properties that hold for every published code list."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import werkbrug.taxonomy as taxonomy
from werkbrug.taxonomy import (
    ACTIVITY_KINDS,
    CONTINUATIONS,
    CONTRACTS,
    EDUCATION,
    FORMAL_AGREEMENTS,
    GENDERS,
    ISCO,
    NETWORKS,
    OUTCOMES,
    PARTNER_ROLES,
    REGIONS,
    SBI_SECTIONS,
    SITUATIONS,
    Code,
    CodeList,
)

ALL_LISTS = [
    EDUCATION,
    OUTCOMES,
    CONTRACTS,
    SBI_SECTIONS,
    REGIONS,
    ISCO,
    PARTNER_ROLES,
    NETWORKS,
    SITUATIONS,
    GENDERS,
    FORMAL_AGREEMENTS,
    CONTINUATIONS,
    ACTIVITY_KINDS,
]
ALL_CODES = [(code_list, code) for code_list in ALL_LISTS for code in code_list]
by_name = pytest.mark.parametrize("code_list", ALL_LISTS, ids=lambda cl: cl.name)


def test_the_public_api_the_exchange_package_depends_on_exists() -> None:
    names = [
        "Code",
        "CodeList",
        "EDUCATION",
        "education_level",
        "OUTCOMES",
        "TRANSITION_OUTCOMES",
        "CONTRACTS",
        "SBI_SECTIONS",
        "REGIONS",
        "ISCO",
        "PARTNER_ROLES",
        "NETWORKS",
        "SITUATIONS",
        "GENDERS",
        "FORMAL_AGREEMENTS",
        "CONTINUATIONS",
        "ACTIVITY_KINDS",
        "is_isco_unit_group",
        "is_esco_occupation_uri",
    ]
    missing = [name for name in names if not hasattr(taxonomy, name)]
    assert missing == []
    assert set(taxonomy.__all__) >= set(names)


@by_name
def test_every_code_finds_itself(code_list: CodeList) -> None:
    for code in code_list:
        assert code_list.get(code.code) is code
        assert code_list.canonical(code.code) == code.code
        for alias in code.aliases:
            assert code_list.get(alias) is code


@by_name
def test_no_code_or_alias_is_used_twice(code_list: CodeList) -> None:
    keys = Counter(key.casefold() for code in code_list for key in (code.code, *code.aliases))
    assert [key for key, count in keys.items() if count > 1] == []


@by_name
def test_every_parent_exists_in_the_same_list(code_list: CodeList) -> None:
    for code in code_list:
        if code.parent is not None:
            assert code.parent in code_list.codes


@by_name
def test_every_code_has_both_labels(code_list: CodeList) -> None:
    for code in code_list:
        assert code.label("nl").strip()
        assert code.label("en").strip()


@by_name
def test_codes_lists_the_canonical_codes_in_order(code_list: CodeList) -> None:
    assert code_list.codes == tuple(code.code for code in code_list)
    assert len(code_list.codes) == len(code_list) == len(set(code_list.codes))


def test_allowed_text_of_a_long_list_stays_short() -> None:
    text = ISCO.allowed_text()
    assert text.startswith("one of: 0, 01, 011, 0110, 02,")
    assert text.endswith(f"… ({len(ISCO)} codes in total)")
    assert EDUCATION.allowed_text(3) == "one of: basis, vmbo, avo_onderbouw, … (15 codes in total)"


@given(st.sampled_from(ALL_CODES), st.text(" \t", max_size=3), st.text(" \t\n", max_size=3))
def test_case_and_padding_never_change_the_result(
    entry: tuple[CodeList, Code], before: str, after: str
) -> None:
    code_list, code = entry
    for raw in (code.code, *code.aliases):
        assert code_list.get(before + raw.upper() + after) is code
        assert code_list.get(before + raw.lower() + after) is code
        assert code_list.get(raw.swapcase()) is code


@given(st.sampled_from(ALL_LISTS), st.text())
def test_arbitrary_text_never_raises(code_list: CodeList, raw: str) -> None:
    found = code_list.get(raw)
    assert found is None or found in list(code_list)
    assert (code_list.canonical(raw) is None) == (found is None)
    assert (raw in code_list) == (found is not None)
