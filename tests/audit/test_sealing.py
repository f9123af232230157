"""Sealing the audit log's values (werkbrug.audit.sealing): what goes in comes out with the
right key and context, and with any other key or context nothing comes out."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkbrug.audit.sealing import SealError, is_sealed, new_secret, seal, unseal

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=10,
)


@given(value=JSON, context=st.text())
def test_a_sealed_value_opens_with_its_key_and_context(value: Any, context: str) -> None:
    secret = new_secret()
    sealed = seal(secret, value, context=context)
    assert is_sealed(sealed)
    assert unseal(secret, sealed, context=context) == value


@given(value=JSON, context=st.text(), other=st.text())
def test_no_other_key_or_context_opens_it(value: Any, context: str, other: str) -> None:
    secret = new_secret()
    sealed = seal(secret, value, context=context)
    with pytest.raises(SealError):
        unseal(new_secret(), sealed, context=context)
    if other != context:
        with pytest.raises(SealError):
            unseal(secret, sealed, context=other)


@given(value=st.text(min_size=4))
def test_the_sealed_form_does_not_show_the_value(value: str) -> None:
    sealed = seal(new_secret(), value, context="s/f")
    # Base64 of random bytes may contain any short string by chance, but not the value's
    # own JSON with its quotes.
    assert f'"{value}"' not in str(sealed)


def test_plain_values_are_not_taken_for_sealed_ones() -> None:
    for value in (None, "x", 3, ["a", "b"], {"sealed": 1}, {"sealed": "v1:x", "other": 1}):
        assert not is_sealed(value)
    with pytest.raises(SealError):
        unseal(new_secret(), {"sealed": "v2:abc"}, context="")
    with pytest.raises(SealError):
        unseal(new_secret(), {"sealed": "v1:not base64!"}, context="")
