"""Keeping spreadsheet programs from running a delivery's text as a formula.

A CSV file opened in Excel or LibreOffice computes a cell that starts with ``=``, ``+``,
``-`` or ``@`` (and tab or carriage return, which can hide one): a participant's or a
project's name such as ``=HYPERLINK("http://…"&A1,"Klik")`` would send data elsewhere when a
coordinator clicks. OWASP's advice is to start such a cell with a single quote, which the
spreadsheet shows as text. To read an export back to exactly the same values, a text that
already starts with quotes before such a character gets one quote more, and the importer takes
one off: :func:`neutralise` and :func:`restore` are each other's inverse on every string.
"""

from __future__ import annotations

import re

FORMULA_STARTS = "=+-@\t\r"
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet computes."""
    return "'" + text if _DANGEROUS.match(text) else text


def restore(text: str) -> str:
    """The text that :func:`neutralise` was given."""
    return text[1:] if _NEUTRALISED.match(text) else text
