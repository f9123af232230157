"""What a backup is verified by: the number of rows in every table, and every delivery's
content hash recomputed from its stored rows.

Computed on the backup when it is made (from the very snapshot it holds), and again on the
database a backup was restored into: equal fingerprints mean nothing was lost or changed on
the way. A delivery's recomputed hash equals the one stored at its import unless a
participant in it has been erased since (their rows are re-keyed; the stored hash still
says what was delivered: werkbrug.deliveries.personal_data), so both are kept.
"""

from __future__ import annotations

from typing import Any

from django.db import connections

from werkbrug.deliveries.models import Delivery
from werkbrug.deliveries.selectors import delivery_tables
from werkbrug.exchange.validate import content_hash

# Tables `werkbrug migrate` fills by itself: an installation that holds only these is empty.
BOOKKEEPING = frozenset({"django_migrations", "django_content_type", "auth_permission"})


def table_counts(using: str) -> dict[str, int]:
    connection = connections[using]
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            # A table name from the database itself, quoted.
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def holds_data(using: str) -> bool:
    """Whether the database holds anything beyond what migrating it wrote."""
    return any(n for table, n in table_counts(using).items() if table not in BOOKKEEPING)


def delivery_hashes(using: str) -> dict[str, dict[str, str]]:
    """Per delivery (by name): its stored content hash and the one recomputed from its rows."""
    hashes = {}
    for delivery in Delivery.objects.using(using).order_by("name"):
        recomputed = content_hash(delivery_tables(delivery=delivery, using=using))
        hashes[delivery.name] = {"stored": delivery.content_hash, "recomputed": recomputed}
    return hashes


def fingerprint(using: str) -> dict[str, Any]:
    counts = table_counts(using)
    # A database without werkbrug's tables has no deliveries to hash.
    deliveries = delivery_hashes(using) if Delivery._meta.db_table in counts else {}
    return {"tables": counts, "deliveries": deliveries}


def differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """What differs, in words, at most a few lines; empty when the fingerprints agree."""
    lines = []
    for table, rows in sorted(expected["tables"].items()):
        got = found["tables"].get(table)
        if got is None:
            lines.append(f"table {table} is missing")
        elif got != rows:
            lines.append(f"table {table} has {got} rows instead of {rows}")
    for name, hashes in sorted(expected["deliveries"].items()):
        got_hashes = found["deliveries"].get(name)
        if got_hashes is None:
            lines.append(f"delivery '{name}' is missing")
        elif got_hashes != hashes:
            lines.append(f"delivery '{name}' has other content (its content hash differs)")
    return lines
