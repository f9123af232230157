"""Rounding the way the letter rounds, and confidence intervals for the rates a text compares.

Whole percents are rounded half up (12.5% is 13%, 0.5% is 1%), never to the nearest even
number, and exactly: a share that is a float is read as the shortest decimal that gives that
float back (``repr``), so 0.285 (57/200) is 28.5% and rounds to 29%, not to the 28% its
binary approximation 0.28499... would give.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist

__all__ = ["Number", "exact", "percent", "round_half_up", "wilson_interval"]

Number = int | float | Decimal | Fraction

_HALF = Fraction(1, 2)


def exact(value: Number) -> Fraction:
    """``value`` as a fraction; a float as the shortest decimal that reads back as it."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def round_half_up(value: Number | None) -> int | None:
    """``value`` rounded to a whole number, halves up (20.5 → 21); ``None`` stays ``None``."""
    if value is None:
        return None
    return math.floor(exact(value) + _HALF)


def percent(share: Number | None) -> int | None:
    """A share (0.125) as a whole percent rounded half up (13); ``None`` stays ``None``."""
    if share is None:
        return None
    return math.floor(exact(share) * 100 + _HALF)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float] | None:
    """The Wilson score interval of the rate ``successes / n``; ``None`` when ``n`` is 0."""
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1, got {confidence}")
    if n == 0:
        return None
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rate = successes / n
    z2n = z * z / n
    centre = (rate + z2n / 2) / (1 + z2n)
    half = z * math.sqrt(rate * (1 - rate) / n + z2n / (4 * n)) / (1 + z2n)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return (low, high)
