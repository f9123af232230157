"""Sealing values for the audit log: AES-256-GCM under a key of one participant's own.

The log is append-only, so a value written in it can never be removed again. Personal values
are therefore written only sealed, with a key that lives in another table
(:class:`werkbrug.audit.models.SubjectKey`); erasure deletes that key and every value sealed
with it becomes unreadable noise (crypto-shredding), while the log itself stays untouched.

A sealed value is ``{"sealed": "v1:<base64 of nonce and ciphertext>"}``: a dict, so that it
can never be mistaken for a plain value of the log (those are text, numbers, booleans, None
or lists of them). The ``context`` (the subject and the field) is authenticated with it, so a
sealed value moved to another field or another person no longer opens. Migration audit 0004
seals with this module too: change the format only under a new version prefix.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEALED = "sealed"
_VERSION = "v1:"
_NONCE = 12  # bytes; a random nonce per value (2^-32 collision risk only after 2^32 values)


class SealError(Exception):
    """The value cannot be opened: wrong key or context, damaged, or not a sealed value."""


def new_secret() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def is_sealed(value: object) -> bool:
    return isinstance(value, dict) and set(value) == {SEALED} and isinstance(value[SEALED], str)


def seal(secret: bytes, value: Any, *, context: str) -> dict[str, str]:
    """``value`` (anything JSON can hold) sealed with ``secret`` for ``context``."""
    nonce = os.urandom(_NONCE)
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    sealed = AESGCM(secret).encrypt(nonce, plain, context.encode())
    return {SEALED: _VERSION + base64.b64encode(nonce + sealed).decode("ascii")}


def unseal(secret: bytes, value: object, *, context: str) -> Any:
    """The value :func:`seal` sealed; :class:`SealError` when it does not open."""
    if not is_sealed(value):
        raise SealError("not a sealed value")
    text = value[SEALED]  # type: ignore[index]
    if not text.startswith(_VERSION):
        raise SealError("unknown version")
    try:
        raw = base64.b64decode(text[len(_VERSION) :], validate=True)
        plain = AESGCM(secret).decrypt(raw[:_NONCE], raw[_NONCE:], context.encode())
    except (ValueError, InvalidTag) as exc:
        raise SealError("the value does not open with this key") from exc
    return json.loads(plain)
