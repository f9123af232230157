"""Code and CodeList: lookups, immutability and the checks made when a list is built."""

import dataclasses

import pytest

from werkbrug.taxonomy import Code, CodeList

FRUIT = CodeList(
    "fruit",
    (
        Code("apple", "appel", "apple", aliases=("pomme",)),
        Code("pear", "peer", "pear"),
        Code("conference", "conference-peer", "Conference pear", parent="pear"),
    ),
)


def test_it_finds_a_code_by_its_code_and_its_aliases() -> None:
    assert FRUIT.get("apple") is FRUIT.get("pomme") is FRUIT["apple"]
    assert FRUIT.canonical("pomme") == "apple"


def test_it_ignores_case_and_surrounding_whitespace() -> None:
    assert FRUIT.canonical("  APPLE\t") == "apple"
    assert FRUIT.canonical("Pomme ") == "apple"


def test_it_returns_none_for_unknown_empty_or_missing_input() -> None:
    assert FRUIT.get("banana") is None
    assert FRUIT.get("") is None
    assert FRUIT.get("   ") is None
    assert FRUIT.get(None) is None
    assert FRUIT.canonical("banana") is None


def test_it_does_not_match_labels_unless_asked() -> None:
    assert FRUIT.get("appel") is None
    with_labels = CodeList("fruit", tuple(FRUIT), match_labels=True)
    assert with_labels.canonical("Appel") == "apple"
    assert with_labels.canonical("conference pear") == "conference"


def test_item_access_raises_a_key_error_naming_the_list() -> None:
    with pytest.raises(KeyError, match="fruit"):
        FRUIT["banana"]


def test_membership_iteration_and_length_follow_the_canonical_order() -> None:
    assert "POMME" in FRUIT
    assert "banana" not in FRUIT
    assert 3 not in FRUIT
    assert [code.code for code in FRUIT] == ["apple", "pear", "conference"]
    assert FRUIT.codes == ("apple", "pear", "conference")
    assert len(FRUIT) == 3


def test_children_are_the_entries_with_that_parent() -> None:
    assert [child.code for child in FRUIT.children("PEAR")] == ["conference"]
    assert FRUIT.children("apple") == ()
    assert FRUIT.children("banana") == ()


def test_labels_are_given_in_dutch_by_default_and_in_english_on_request() -> None:
    pear = FRUIT["pear"]
    assert pear.label() == "peer"
    assert pear.label("en") == "pear"
    assert pear.label("en-GB") == "pear"
    assert pear.label("nl_NL") == "peer"
    with pytest.raises(ValueError, match="de"):
        pear.label("de")


def test_allowed_text_lists_the_codes() -> None:
    assert FRUIT.allowed_text() == "one of: apple, pear, conference"
    assert FRUIT.allowed_text(lang="nl") == "een van: apple, pear, conference"


def test_allowed_text_is_truncated_with_the_count_beyond_the_limit() -> None:
    assert FRUIT.allowed_text(2) == "one of: apple, pear, … (3 codes in total)"
    assert FRUIT.allowed_text(0) == "one of: … (3 codes in total)"
    assert FRUIT.allowed_text(3) == "one of: apple, pear, conference"


def test_a_code_list_cannot_be_changed() -> None:
    with pytest.raises(AttributeError):
        FRUIT.name = "vegetables"
    with pytest.raises(AttributeError):
        del FRUIT.name
    with pytest.raises(dataclasses.FrozenInstanceError):
        FRUIT["apple"].code = "banana"  # type: ignore[misc]


def test_two_entries_with_the_same_key_are_refused() -> None:
    with pytest.raises(ValueError, match="clashes"):
        CodeList("fruit", (Code("apple", "appel", "apple"), Code("Apple", "appel", "apple")))
    with pytest.raises(ValueError, match="clashes"):
        CodeList(
            "fruit",
            (Code("apple", "appel", "apple", aliases=("pear",)), Code("pear", "peer", "pear")),
        )


def test_a_missing_parent_is_refused() -> None:
    with pytest.raises(ValueError, match="parent"):
        CodeList("fruit", (Code("conference", "c", "c", parent="pear"),))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"code": "", "label_nl": "x", "label_en": "x"},
        {"code": " a", "label_nl": "x", "label_en": "x"},
        {"code": "a", "label_nl": "x", "label_en": "x", "aliases": ("",)},
        {"code": "a", "label_nl": "", "label_en": "x"},
        {"code": "a", "label_nl": "x", "label_en": "x", "level": "medium"},
    ],
)
def test_a_malformed_code_is_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        Code(**kwargs)  # type: ignore[arg-type]
