"""Limits that a delivery must stay within before werkbrug does any work on it.

A hostile or damaged file can be small on disk and huge once read: a zip member that unpacks
to gigabytes, a workbook whose shared strings fill the memory, one endless line. Each limit is
checked before the expensive step it protects (docs/security.md, "Limits"), and a file beyond
it is refused with an ordinary ``file:line: message``. The defaults leave ample room for the
largest real deliveries (a million participants in CSV files of about 100 MB each).
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    # One zip member or workbook part, unpacked.
    max_member_bytes: int = 1024 * MIB
    # All members of one archive together, unpacked.
    max_total_bytes: int = 2048 * MIB
    # Unpacked size over packed size, for members that unpack to more than ratio_floor_bytes:
    # CSV compresses 5-20 times; a bomb compresses a thousand times.
    max_ratio: int = 100
    ratio_floor_bytes: int = 1 * MIB
    # Entries in one archive; a delivery has at most six files, a workbook a few dozen parts.
    max_entries: int = 10_000
    # One physical line of a CSV file, in bytes; checked while reading.
    max_line_bytes: int = 1 * MIB
    # One cell, in characters (Excel's own limit), checked before the cell is parsed.
    max_cell_chars: int = 32_767
    # The workbook's shared strings part, unpacked: openpyxl holds all of it in memory.
    max_shared_strings_bytes: int = 256 * MIB
    # Rows of one worksheet (Excel's own limit).
    max_sheet_rows: int = 1_048_576


DEFAULT_LIMITS = Limits()
