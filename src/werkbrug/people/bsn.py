"""Citizen service numbers (BSN): the 11-proef and a keyed hash, never the number itself.

A BSN has nine digits d1..d9 and is valid when 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by
eleven (and not all zeros). werkbrug stores only HMAC-SHA256(key, bsn), so two records of the
same person can be linked while the number cannot be read back or guessed from a table dump
without the key.
"""

from __future__ import annotations

import hashlib
import hmac

from werkbrug.exchange.problems import gettext_noop


class BsnError(ValueError):
    """The text is not a valid BSN; the message says why."""


def bsn_normalise(text: str) -> str:
    """Digits only, spaces and dots removed; an eight-digit BSN gets its leading zero back."""
    digits = "".join(ch for ch in text if ch not in " .-")
    if not digits.isdigit() or not digits.isascii():
        raise BsnError(gettext_noop("a BSN consists of digits only"))
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9:
        raise BsnError(gettext_noop("a BSN has nine digits"))
    return digits


def bsn_passes_11_proef(digits: str) -> bool:
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(w * int(d) for w, d in zip(weights, digits, strict=True))
    return total % 11 == 0 and digits != "000000000"


def bsn_hash(text: str, *, key: bytes) -> str:
    """The keyed hash of a valid BSN; raises BsnError for anything else."""
    digits = bsn_normalise(text)
    if not bsn_passes_11_proef(digits):
        raise BsnError(
            gettext_noop("this number does not pass the 11-proef; check for a typing error")
        )
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()
