"""A logging filter that keeps personal data out of the logs.

Pages never put personal data in their addresses (searches go in POST bodies or the session),
but a query string can still arrive: an old bookmark, a hand-typed address, a stray link. The
web server's request lines (``"GET /path?q=Jansen HTTP/1.1" 200``) would write it to the log,
so every query string is cut from the paths in a log record before any handler formats it.

Importable before Django's apps are ready: logging is configured first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

# A path (optionally with scheme and host) followed by a query string; the query string runs
# to whitespace, a quote or a fragment.
_PATH_WITH_QUERY = re.compile(r"""((?:https?://[^\s/?#"']+)?/[^\s?#"']*)\?[^\s#"']*""")


def strip_query_strings(text: str) -> str:
    """``GET /reports/?q=Jansen HTTP/1.1`` becomes ``GET /reports/ HTTP/1.1``."""
    return _PATH_WITH_QUERY.sub(r"\1", text)


def _stripped(value: Any) -> Any:
    return strip_query_strings(value) if isinstance(value, str) else value


class StripQueryStrings(logging.Filter):
    """Cuts query strings from the message and its arguments; keeps every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _stripped(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _stripped(value) for key, value in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_stripped(value) for value in record.args)
        return True
