"""Whole percents the way the letter rounds, and Wilson intervals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from werkbrug.indicators import exact, percent, round_half_up, wilson_interval
from werkbrug.indicators.numbers import Number


@pytest.mark.parametrize(
    ("share", "whole"),
    [
        (0.125, 13),  # half up, not to the even 12
        (0.135, 14),
        (0.145, 15),  # 29/200: the float is 0.14499..., the decimal 0.145
        (57 / 200, 29),  # 0.285 rounds up although its float is 0.28499...
        (0.005, 1),
        (0.0049, 0),
        (404 / 680, 59),
        (404 / 670, 60),
        (48 / 404, 12),
        (27 / 340, 8),
        (0.0, 0),
        (1.0, 100),
        (Decimal("0.125"), 13),
        (Fraction(1, 8), 13),
        (Fraction(1, 3), 33),
        (1, 100),
        (None, None),
    ],
)
def test_percent(share: Number | None, whole: int | None) -> None:
    assert percent(share) == whole


@pytest.mark.parametrize(
    ("value", "whole"),
    [
        (20.5, 21),
        (21.5, 22),  # not banker's rounding
        (20.93076923076923, 21),
        (Fraction(41, 2), 21),
        (Decimal("2.5"), 3),
        (2, 2),
        (None, None),
    ],
)
def test_round_half_up(value: Number | None, whole: int | None) -> None:
    assert round_half_up(value) == whole


def test_exact_refuses_what_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="finite"):
        exact(float("nan"))
    assert exact(0.1) == Fraction(1, 10)


def test_wilson_interval_known_values() -> None:
    # Wilson (1927); the textbook example of 81 successes in 263 (95%): 0.2553 to 0.3662.
    interval = wilson_interval(81, 263)
    assert interval is not None
    assert interval[0] == pytest.approx(0.2553, abs=5e-5)
    assert interval[1] == pytest.approx(0.3662, abs=5e-5)


def test_wilson_interval_edges() -> None:
    assert wilson_interval(0, 0) is None
    low, high = wilson_interval(0, 10) or (None, None)
    assert low == 0.0
    assert high == pytest.approx(0.27753, abs=1e-5)
    low, high = wilson_interval(10, 10) or (None, None)
    assert high == 1.0
    assert low == pytest.approx(1 - 0.27753, abs=1e-5)


def test_wilson_interval_contains_the_rate_and_narrows_with_confidence() -> None:
    for successes, n in [(404, 680), (340, 651), (1, 3), (48, 404)]:
        wide = wilson_interval(successes, n, 0.99)
        narrow = wilson_interval(successes, n, 0.90)
        assert wide is not None
        assert narrow is not None
        assert 0 <= wide[0] < narrow[0] < successes / n < narrow[1] < wide[1] <= 1


@pytest.mark.parametrize(
    ("successes", "n", "confidence"), [(5, 4, 0.95), (-1, 4, 0.95), (1, 4, 1.0)]
)
def test_wilson_interval_refuses_nonsense(successes: int, n: int, confidence: float) -> None:
    with pytest.raises(ValueError, match=r"between|need"):
        wilson_interval(successes, n, confidence)
