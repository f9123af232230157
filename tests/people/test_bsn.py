"""The BSN check and hash (pure, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkbrug.people.bsn import BsnError, bsn_hash, bsn_normalise, bsn_passes_11_proef

KEY = b"k" * 32
WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def _valid_bsn(first_eight: str) -> str | None:
    """Complete eight digits to a valid BSN when a last digit exists."""
    partial = sum(w * int(d) for w, d in zip(WEIGHTS[:8], first_eight, strict=True))
    last = partial % 11
    return first_eight + str(last) if last < 10 else None


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "1112.22.333", " 111 222 333 "])
def test_known_valid_numbers_pass(bsn: str) -> None:
    assert bsn_passes_11_proef(bsn_normalise(bsn))


@pytest.mark.parametrize("bsn", ["111222334", "123456789", "000000000"])
def test_known_invalid_numbers_fail(bsn: str) -> None:
    assert not bsn_passes_11_proef(bsn_normalise(bsn))


@pytest.mark.parametrize("text", ["12345678a", "1234567", "1234567890", "", "١١١٢٢٢٣٣٣"])
def test_text_that_is_not_nine_digits_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(BsnError):
        bsn_normalise(text)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_every_completed_number_passes_and_every_changed_digit_fails(first: str) -> None:
    bsn = _valid_bsn(first)
    if bsn is None or bsn == "000000000":
        return
    assert bsn_passes_11_proef(bsn)
    # The 11-proef catches every single-digit typing error.
    for i in range(9):
        for d in "0123456789":
            if d != bsn[i]:
                assert not bsn_passes_11_proef(bsn[:i] + d + bsn[i + 1 :])


def test_the_hash_is_keyed_stable_and_does_not_contain_the_number() -> None:
    first = bsn_hash("111222333", key=KEY)
    assert first == bsn_hash("111.222.333", key=KEY)
    assert first != bsn_hash("111222333", key=b"x" * 32)
    assert "111222333" not in first
    assert len(first) == 64


def test_hashing_an_invalid_number_is_refused() -> None:
    with pytest.raises(BsnError, match="11-proef"):
        bsn_hash("111222334", key=KEY)
