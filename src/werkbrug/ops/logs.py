"""JSON logs with a request id.

Each record becomes one JSON object on one line: time (UTC), level, logger, message, and the
id of the request it was written during. The request id comes from the X-Request-ID header
when the reverse proxy sent a usable one (so its log and werkbrug's can be joined), otherwise
it is made here; the response carries it back.

What a record may hold is limited on purpose: the access log writes the route's name, the
path without its query string (werkbrug's paths carry only numeric ids), the status and the
time taken; never a username, a client address or a query string.

Importable before Django's apps are ready: logging is configured first.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid
from typing import Any

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "werkbrug_request_id", default=None
)
# A proxy's id: letters, digits and - _ . : only, at most 64 (nginx's $request_id is 32 hex
# digits, a UUID 36). Anything else could smuggle text into the log, so it is replaced.
_USABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

# Attributes every LogRecord has; anything else was passed in ``extra`` and is written too.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def request_id_from(header: str | None) -> str:
    """The request id to use: the header's when usable, else a new one."""
    if header and _USABLE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def bind_request_id(value: str) -> contextvars.Token[str | None]:
    return _request_id.set(value)


def unbind_request_id(token: contextvars.Token[str | None]) -> None:
    _request_id.reset(token)


def current_request_id() -> str | None:
    return _request_id.get()


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            # Plain values only: Django passes the request object itself (``extra``), whose
            # text form holds the query string.
            plain = isinstance(value, str | int | float | bool) or value is None
            if plain and key not in _STANDARD and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            # The exception's type and where; the traceback's text stays out of the object's
            # fields but is kept whole for whoever must find the fault.
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class NoNotFoundPaths(logging.Filter):
    """Drops Django's "Not Found: /path" warnings: the path of a 404 is whatever a client
    typed (a name, say), and the access log records the request already, by route."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "django.request" and getattr(record, "status_code", None) == 404)
