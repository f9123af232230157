"""Everything the database holds, as text to search: every row of every table, and every
session decoded (Django signs and may compress session data, so a raw dump would hide a
search term that is there)."""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).decode("latin-1")
    return str(value)


def table_rows() -> list[str]:
    """One text per row of every table: ``SELECT *`` over the whole database."""
    rows: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows.extend(" | ".join(_text(v) for v in row) for row in cursor.fetchall())
    return rows


def sqlite_dump() -> str:
    """SQLite's own dump (``iterdump``) of the test database: schema, triggers and data."""
    connection.ensure_connection()
    return "\n".join(connection.connection.iterdump())


def session_data() -> list[str]:
    store = SessionStore()
    return [json.dumps(store.decode(s.session_data)) for s in Session.objects.all()]


def everything() -> str:
    parts = [*table_rows(), *session_data()]
    if connection.vendor == "sqlite":
        parts.append(sqlite_dump())
    return "\n".join(parts)


def tokens(text: str) -> set[str]:
    """The words and numbers of ``text``: a postcode must not be found inside a hash."""
    return set(re.findall(r"[0-9A-Za-z]+", text))
