"""A database that fails during `werkbrug import`: the operator reads that nothing was saved
and what to do, never a bare driver message or a traceback; and it is said only where true."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import InterfaceError, OperationalError, connections

from tests.conftest import CliResult
from werkbrug import cli
from werkbrug.deliveries.bulk import RowSink
from werkbrug.deliveries.models import Delivery, DeliveryParticipant

LOST = (
    "the connection to the database was lost during the import. Nothing was saved: the "
    "import runs in one transaction, which the database has undone. Check that the database "
    "is running and reachable, then import again."
)


def fail_after_some_rows(error: Exception) -> Callable[..., None]:
    """The sink writes the first tables, then the database goes away (as a killed backend
    during COPY does: psycopg says 'sending copy data failed')."""
    real = RowSink.write

    def write(self: RowSink, table: Any, rows: Any) -> None:
        if table.name == "participants":
            raise error
        real(self, table, rows)

    return write


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error",
    [
        OperationalError("sending copy data failed"),
        psycopg.OperationalError("sending copy data failed"),
        InterfaceError("connection already closed"),
        psycopg.InterfaceError("the connection is closed"),
    ],
    ids=["django-operational", "psycopg-operational", "django-interface", "psycopg-interface"],
)
def test_a_lost_connection_says_nothing_was_saved_and_what_to_do(
    run: Callable[..., CliResult],
    delivery_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    monkeypatch.setattr(RowSink, "write", fail_after_some_rows(error))
    result = run("import", delivery_dir)
    assert result.code == 1
    assert f"werkbrug import: {LOST} ({error})" in result.err
    assert "Traceback" not in result.err
    assert "WERKBRUG_TRACEBACK" not in result.err  # this is no bug to report
    assert not Delivery.objects.exists()
    assert not DeliveryParticipant.objects.exists()


@pytest.mark.django_db
def test_the_message_is_dutch_by_default(
    delivery_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WERKBRUG_LANG", raising=False)
    monkeypatch.setattr(
        RowSink, "write", fail_after_some_rows(OperationalError("sending copy data failed"))
    )
    assert cli.main(["import", str(delivery_dir)]) == 1
    err = capsys.readouterr().err
    assert "de verbinding met de database is tijdens de import verbroken" in err
    assert "Er is niets opgeslagen" in err
    assert "importeer opnieuw" in err
    assert err.rstrip().endswith("(sending copy data failed)")


@pytest.mark.django_db
def test_another_database_error_also_says_nothing_was_saved_but_not_that_it_was_the_connection(
    run: Callable[..., CliResult], delivery_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite has no connection to lose; a locked or full database is something else to fix.
    monkeypatch.setattr(
        RowSink, "write", fail_after_some_rows(sqlite3.OperationalError("database is locked"))
    )
    result = run("import", delivery_dir)
    assert result.code == 1
    assert "werkbrug import: the database stopped the import with an error." in result.err
    assert "Nothing was saved" in result.err
    assert "(database is locked)" in result.err
    assert "connection" not in result.err
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_driver_text_is_kept_on_one_printable_line(
    run: Callable[..., CliResult], delivery_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = "server closed the connection unexpectedly\n\tThis probably means\x1b[2J the server"
    monkeypatch.setattr(RowSink, "write", fail_after_some_rows(psycopg.OperationalError(raw)))
    result = run("import", delivery_dir)
    assert result.err.count("\n") == 1
    assert "(server closed the connection unexpectedly This probably means\\x1b[2J" in result.err


@pytest.mark.usefixtures("committed")
def test_a_connection_lost_while_committing_does_not_claim_nothing_was_saved(
    run: Callable[..., CliResult],
    delivery_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The database may have committed before the answer was lost: werkbrug cannot know.
    wrapper = connections["default"]
    real_commit = wrapper.commit

    def commit_then_lose_the_answer() -> None:
        real_commit()
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(wrapper, "commit", commit_then_lose_the_answer)
    result = run("import", delivery_dir)
    monkeypatch.undo()
    assert result.code == 1
    assert "Nothing was saved" not in result.err
    assert "it is not known whether the delivery was saved" in result.err
    assert "werkbrug deliveries" in result.err
    assert Delivery.objects.filter(name="proef").exists()  # it was, in this case


@pytest.mark.django_db
def test_a_database_error_elsewhere_does_not_speak_of_an_import(
    run: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkbrug.deliveries import selectors

    def broken(*args: object, **kwargs: object) -> None:
        raise OperationalError("sending query failed")

    monkeypatch.setattr(selectors, "delivery_list", broken)
    result = run("deliveries")
    assert result.code == 1
    assert "sending query failed" in result.err
    assert "Nothing was saved" not in result.err
    assert "import" not in result.err


@pytest.mark.django_db
def test_a_dry_run_says_nothing_was_saved_because_it_writes_nothing(
    run: Callable[..., CliResult], delivery_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkbrug.deliveries import services

    def lost(**kwargs: object) -> None:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "delivery_import", lost)
    result = run("import", delivery_dir, "--dry-run")
    assert result.code == 1
    assert "the connection to the database was lost during the import." in result.err
    assert "Nothing was saved: a dry run writes nothing." in result.err


@pytest.mark.usefixtures("committed")
def test_a_backend_killed_during_copy_is_reported_as_a_lost_connection(
    run: Callable[..., CliResult],
    delivery_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fault as observed: PostgreSQL's backend ends in the middle of the import's COPY."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("COPY and killed backends are PostgreSQL's")
    real = RowSink.write

    def write(self: RowSink, table: Any, rows: Any) -> None:
        if table.name == "participants":
            pid = connection.connection.info.backend_pid  # type: ignore[union-attr]
            settings = connection.settings_dict
            with psycopg.connect(
                dbname=settings["NAME"],
                user=settings["USER"],
                password=settings["PASSWORD"] or None,
                host=settings["HOST"] or None,
                port=settings["PORT"] or None,
                autocommit=True,
            ) as killer:
                killer.execute("SELECT pg_terminate_backend(%s)", [pid])
        real(self, table, rows)

    monkeypatch.setattr(RowSink, "write", write)
    result = run("import", delivery_dir)
    monkeypatch.undo()
    assert result.code == 1, result.err
    assert f"werkbrug import: {LOST} (" in result.err
    connection.close()  # the killed one; the next query opens a new connection
    assert not Delivery.objects.exists()
