"""Text from a user's data made safe to show: on a terminal, in a log line, in a message.

A cell can hold terminal escape sequences (``ESC[2J`` clears the operator's screen), NUL,
or Unicode bidi controls that make a line read differently from what it says; and it can be
megabytes long. :func:`printable` escapes every control and format character so it is shown,
not obeyed, and shortens the text so a message quotes only its start.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"


def _escaped(char: str) -> str:
    if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return char
    if char in "\n\t":
        return "\\n" if char == "\n" else "\\t"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, limit: int | None = None) -> str:
    """``text`` with control and format characters written as ``\\x1b`` or ``\\u202e``, cut to
    at most ``limit`` characters of the original (then ending in ``…``)."""
    cut = text if limit is None or len(text) <= limit else text[:limit]
    # The common case, printable text, costs one scan in C.
    safe = cut if cut.isprintable() else "".join(_escaped(c) for c in cut)
    return safe + ELLIPSIS if cut is not text else safe
