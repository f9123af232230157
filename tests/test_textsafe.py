"""Text from data is printed on a terminal without the characters a terminal acts on."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkbrug.textsafe import printable

UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
# Any code point, with the dangerous ones (ESC, CR, DEL, C1, bidi overrides) drawn often.
texts = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("\x1b\r\n\t\x00\x7f\x85\x9b\u202e\u2066\u200b\ufeff\u2028"),
    )
)
safe_texts = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")))
limits = st.integers(min_value=1, max_value=60)


def unsafe_in(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in UNSAFE]


@given(texts, st.none() | limits)
def test_the_output_never_holds_a_control_or_format_character(text: str, limit: int | None) -> None:
    assert unsafe_in(printable(text, limit)) == []


@given(safe_texts)
def test_printable_text_comes_back_unchanged(text: str) -> None:
    assert printable(text) == text


@given(texts, st.none() | limits)
def test_applying_it_twice_changes_nothing_more(text: str, limit: int | None) -> None:
    once = printable(text, limit)
    assert printable(once, limit) == once


@given(texts, limits)
def test_a_limit_bounds_the_length_and_shortening_is_marked(text: str, limit: int) -> None:
    full, short = printable(text), printable(text, limit)
    assert len(short) <= limit
    if len(full) <= limit:
        assert short == full
    else:
        assert short.endswith("…")
        assert full.startswith(short[:-1])  # a prefix: never a cut-off escape


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07levering", "\\x1b]0;pwned\\x07levering"),
        ("eind\rrapportage", "eind\\x0drapportage"),
        ("abc\u202egpj.exe", "abc\\u202egpj.exe"),
        ("\x7f\x9b", "\\x7f\\x9b"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("Schilder^sCOOL – één", "Schilder^sCOOL – één"),
    ],
)
def test_dangerous_characters_are_shown_as_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_an_escape_is_not_cut_in_half() -> None:
    assert printable("ab\x1bcd", limit=5) == "ab…"
    assert printable("abcdef", limit=4) == "abc…"


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        printable("x", 0)
