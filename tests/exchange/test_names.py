"""The rule for a delivery's name (werkbrug.exchange.validate.name_problem): a name is shown,
searched and used for download file names, so it can never be a path."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from werkbrug.exchange.validate import name_problem
from werkbrug.textsafe import printable


@given(st.text(max_size=40))
def test_an_accepted_name_is_never_a_path_or_hidden(name: str) -> None:
    if name_problem(name) is None:
        assert "/" not in name
        assert "\\" not in name
        assert ".." not in name
        assert not name.startswith((".", " ", "-"))
        assert printable(name) == name  # no control or format character


@given(st.text(max_size=40))
def test_printable_text_holds_no_control_or_format_character(text: str) -> None:
    shown = printable(text, 20)
    hidden = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    assert not [c for c in shown if unicodedata.category(c) in hidden]
    assert len(shown) <= 20 * 6 + 1


def test_dutch_names_are_accepted() -> None:
    for name in ["eindrapportage", "Tussenrapportage 2011 (juni)", "Bouw & Hout v1.2", "Café"]:
        assert name_problem(name) is None
