from __future__ import annotations

import pytest

from tests.reports.conftest import demo_deliveries

__all__ = ["demo_deliveries"]


@pytest.fixture(autouse=True)
def worker_in_the_test_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker runs in the test's process and transaction here: between tasks it closes
    connections that are not in autocommit mode, as a worker must, which would close the
    test's own (PostgreSQL; SQLite's in-memory one ignores it). The real worker processes of
    test_crash.py keep the real behaviour."""
    from django_tasks_db.management.commands import db_worker

    from werkbrug.jobs import worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
