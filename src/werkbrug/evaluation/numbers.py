"""Small helpers for JSON-ready numbers."""

from __future__ import annotations

import math

__all__ = ["finite_or_none"]


def finite_or_none(value: float) -> float | None:
    """``float(value)``, or ``None`` for NaN and ±infinity, which JSON cannot carry.

    A median that is never reached, an interval that is open on one side or an odds ratio of
    a separated covariate are "no finite value" — ``None`` says so without breaking a JSON
    reader.
    """
    number = float(value)
    return number if math.isfinite(number) else None
