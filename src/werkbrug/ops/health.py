"""Liveness and readiness.

- ``/healthz`` says the process answers; it touches nothing else, so a slow database never
  gets a healthy worker restarted.
- ``/readyz`` runs every readiness check and answers 503 when one fails, so a load balancer
  sends no traffic to an installation that cannot serve it.

Checks are pluggable: a part of werkbrug that an installation depends on registers one with
:func:`register`. The built-in checks are the database (reachable) and its migrations
(every one applied). The background jobs, when they arrive, register "a worker seen
recently" here; until then there is no job worker and nothing to check.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass

Check = Callable[[], str | None]
"""A readiness check: ``None`` when ready, otherwise what is wrong and how to fix it."""


@dataclass(frozen=True)
class Outcome:
    name: str
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


_lock = threading.Lock()
_checks: dict[str, Check] = {}


def register(name: str, check: Check) -> None:
    """Add (or replace) the readiness check called ``name``."""
    with _lock:
        _checks[name] = check


def unregister(name: str) -> None:
    with _lock:
        _checks.pop(name, None)


def readiness() -> list[Outcome]:
    """Every check's outcome, in the order they were registered. A check that raises counts
    as failed: readiness must answer, not crash."""
    with _lock:
        checks = list(_checks.items())
    outcomes = []
    for name, check in checks:
        try:
            problem = check()
        except Exception as exc:  # a check's own fault is a reason not to be ready
            problem = f"the check failed: {type(exc).__name__}"
        outcomes.append(Outcome(name, problem))
    return outcomes


def database_reachable() -> str | None:
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        # The driver's words can hold the server's address; the log has them, not the answer.
        return "the database cannot be reached; check DATABASE_URL and the database server"
    return None


@functools.cache
def _known_migrations() -> frozenset[tuple[str, str]]:
    """Every migration the installed code has: read from disk once per process."""
    from django.db.migrations.loader import MigrationLoader

    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def migrations_applied() -> str | None:
    from django.db import DatabaseError, connection
    from django.db.migrations.recorder import MigrationRecorder

    try:
        applied = set(MigrationRecorder(connection).applied_migrations())
    except DatabaseError:
        return "the migrations cannot be read from the database"
    pending = _known_migrations() - applied
    if pending:
        return f"{len(pending)} migration(s) not applied; run werkbrug migrate"
    return None


register("database", database_reachable)
register("migrations", migrations_applied)
