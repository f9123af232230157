"""Limits a grant file must stay within before werkbrug reads it any further.

A grant file is a few kilobytes: one application with its measures and partners. The limits
leave ample room for the largest real plans (a sector plan of a few dozen measures) and keep a
hostile file (a gigabyte of digits, brackets nested a million deep, a million partners)
within bounded time and memory. Each is checked before the step it protects.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    # The file on disk, checked before it is read.
    max_file_bytes: int = 5 * MIB
    # Objects and arrays inside each other; the formats need four.
    max_depth: int = 16
    # Measures, partners or funding lines in one file.
    max_items: int = 1000
    # A plan's texts (design, analysis, …).
    max_text_chars: int = 20_000
    # A name, a code or an identifier.
    max_name_chars: int = 300
    # The digits of one JSON number, checked while the file is decoded.
    max_number_chars: int = 40
    # Problems kept per file; the rest are counted.
    max_problems: int = 100


DEFAULT_LIMITS = Limits()
