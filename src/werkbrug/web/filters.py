"""Reading filters from a page's address (the query string).

Anyone can type an address, so a value there is untrusted input. A value a page cannot use (a
23-digit number, a negative one, text, a digit of another script, a NUL character) is an
invalid filter: it is reset, as if it were not there, and the page answers as usual. It must
never reach the database, where an id beyond the column's range or a NUL fails the query
(an OverflowError on SQLite, an error on PostgreSQL) and the page with it.
"""

from __future__ import annotations

from collections.abc import Collection

from django.http import QueryDict

# The largest id the database holds: ids are BigAutoField, a signed 64-bit integer.
MAX_ID = 2**63 - 1


def id_filter(query: QueryDict, name: str, *, allowed: Collection[int] | None = None) -> int | None:
    """The whole number in ``query[name]``, or ``None`` when it is absent or invalid.

    Valid means ASCII digits only (``str.isdigit`` would let ``²`` and ``٣`` through), from 1
    up to :data:`MAX_ID`, and one of ``allowed`` when that is given: the ids, or the numbers
    of days, the page offers. Limiting a filter to what the page offers also keeps its select
    showing what the list was filtered on.
    """
    raw = query.get(name, "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(MAX_ID)):
        return None
    value = int(raw)
    if not 1 <= value <= MAX_ID:
        return None
    if allowed is not None and value not in allowed:
        return None
    return value


def text_filter(query: QueryDict, name: str, *, max_length: int = 100) -> str:
    """The words in ``query[name]``, stripped and cut at ``max_length``; ``""`` (no filter)
    when they hold a NUL character, which PostgreSQL refuses in a query."""
    raw = query.get(name, "")
    if "\x00" in raw:
        return ""
    return raw.strip()[:max_length]
