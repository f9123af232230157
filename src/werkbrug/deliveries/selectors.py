"""Reads of deliveries."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, QuerySet

from werkbrug.deliveries.bulk import MAPPINGS
from werkbrug.deliveries.models import Delivery
from werkbrug.exchange import TABLE_ORDER, TABLES, Table
from werkbrug.exchange.cells import canonical_decimal

_ORDER = {
    "projects": "code",
    "employers": "key",
    "participants": "key",
    "outcomes": "participant_key",
    "vacancies": "key",
}
_CHUNK = 5_000


def delivery_list() -> QuerySet[Delivery]:
    """Newest delivery first; one without a date last, on every database alike."""
    return Delivery.objects.order_by(F("delivered_on").desc(nulls_last=True), "-imported_at")


def delivery_get(*, name: str) -> Delivery | None:
    if "\x00" in name:
        return None  # no delivery has one, and PostgreSQL refuses it in a query
    return Delivery.objects.filter(name=name).first()


def delivery_latest() -> Delivery | None:
    return delivery_list().first()


def delivery_rows(
    *, delivery: Delivery, table: str, using: str = DEFAULT_DB_ALIAS
) -> Iterator[list[Any]]:
    """The rows of one table in the exchange format's column order, sorted by key, from the
    database ``using`` (another than the default: a backup being verified)."""
    mapping = MAPPINGS[table]
    fields = [("project__code" if f == "project" else f) for f in mapping.fields]
    blank = mapping.text_positions()
    queryset = (
        mapping.model._default_manager.using(using)
        .filter(delivery_id=delivery.pk)
        .order_by(_ORDER[table])
        .values_list(*fields)
    )
    for values in queryset.iterator(chunk_size=_CHUNK):
        row = list(values)
        for i, value in enumerate(row):
            if value == "" and i in blank:
                row[i] = None  # blank text is "unknown", written as an empty cell
            elif isinstance(value, Decimal):
                row[i] = canonical_decimal(value)  # 37.50 from the database is 37.5
        yield row


def delivery_tables(
    *, delivery: Delivery, using: str = DEFAULT_DB_ALIAS
) -> Iterator[tuple[Table, Iterator[list[Any]]]]:
    for name in TABLE_ORDER[1:]:
        yield TABLES[name], delivery_rows(delivery=delivery, table=name, using=using)
