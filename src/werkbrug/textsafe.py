"""Text from data, made safe to print on an operator's terminal.

A delivery's name, a participant key or a driver's error message can hold characters that a
terminal acts on instead of showing: ESC starts an escape sequence (colours, moving the
cursor, rewriting the window title, on some terminals worse), a carriage return overwrites
the line, and Unicode's format characters such as U+202E (right-to-left override) reorder what
is shown so that a listing says something other than the data. :func:`printable` shows each
of them as a visible escape instead. Pure Python, no Django.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"
# Cc: C0 and C1 controls and DEL; Cf: format characters (bidi overrides and isolates,
# zero-width joiners, the byte order mark, ...); Cs: lone surrogates, which a file name read
# with errors="surrogateescape" can hold and which would fail to print at all; Zl and Zp: the
# Unicode line and paragraph separators, which some terminals break lines on.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_unsafe(char: str) -> bool:
    return unicodedata.category(char) in UNSAFE_CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str, limit: int | None = None) -> str:
    """``text`` with every control, format and separator character shown as ``\\x1b``,
    ``\\u202e`` or ``\\U000e0001``; when ``limit`` is given, at most that many characters,
    ending in … when shortened (never in the middle of an escape).

    Text without such characters comes back unchanged (unless shortened), so applying it twice
    gives what applying it once gave.
    """
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    if limit is not None:
        # Escapes only lengthen the text: what lies beyond limit + 1 characters is never shown,
        # and a cell of megabytes must not be escaped whole to quote its start.
        text = text[: limit + 1]
    if text.isprintable() and (limit is None or len(text) <= limit):
        return text  # the common case, one scan in C
    pieces = [_escape(c) if is_unsafe(c) else c for c in text]
    if limit is None or sum(len(p) for p in pieces) <= limit:
        return "".join(pieces)
    kept: list[str] = []
    room = limit - len(ELLIPSIS)
    for piece in pieces:
        if len(piece) > room:
            break
        kept.append(piece)
        room -= len(piece)
    return "".join(kept) + ELLIPSIS
