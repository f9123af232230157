"""Settings from the environment refuse bad values with a message that says what to do."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

import pytest

from werkbrug.config import ConfigError, from_environment


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"WERKBRUG_DATA_DIR": str(tmp_path), **values}


def test_the_default_database_is_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    config = from_environment(env(tmp_path))
    assert config["database"]["ENGINE"] == "django.db.backends.sqlite3"
    assert config["database"]["NAME"] == str(tmp_path / "werkbrug.sqlite3")
    assert config["debug"] is False


def test_postgres_comes_from_database_url(tmp_path: Path) -> None:
    config = from_environment(env(tmp_path, DATABASE_URL="postgres://u@db.example:5433/wb"))
    assert config["database"]["ENGINE"] == "django.db.backends.postgresql"
    assert (config["database"]["HOST"], config["database"]["PORT"]) == ("db.example", 5433)


def test_an_unsupported_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="use sqlite:///PATH or postgres://"):
        from_environment(env(tmp_path, DATABASE_URL="mysql://u@h/db"))


def test_a_generated_secret_key_is_kept_between_runs(tmp_path: Path) -> None:
    first = from_environment(env(tmp_path))["secret_key"]
    assert len(first) >= 50
    assert from_environment(env(tmp_path))["secret_key"] == first


def test_production_mode_requires_a_secret_key_and_hosts(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="WERKBRUG_SECRET_KEY is required"):
        from_environment(env(tmp_path, WERKBRUG_PRODUCTION="true"))
    with pytest.raises(ConfigError, match="WERKBRUG_ALLOWED_HOSTS is required"):
        from_environment(env(tmp_path, WERKBRUG_PRODUCTION="true", WERKBRUG_SECRET_KEY="k" * 40))


def test_a_boolean_setting_with_a_bad_value_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="WERKBRUG_DEBUG='misschien' is not a boolean"):
        from_environment(env(tmp_path, WERKBRUG_DEBUG="misschien"))


@pytest.mark.django_db
def test_the_tests_run_on_the_database_that_database_url_names() -> None:
    # CI runs the suite twice; this guards against both runs silently using SQLite.
    import os

    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres:", "postgresql:")) else "sqlite"
    assert connection.vendor == expected


def test_processes_starting_together_agree_on_the_generated_secret_key(tmp_path: Path) -> None:
    # A WSGI server's workers start at the same moment on a fresh data folder; a worker
    # with another key than its siblings rejects their sessions and CSRF tokens.
    import threading

    for round_ in range(20):
        folder = tmp_path / f"round{round_}"
        folder.mkdir()
        barrier = threading.Barrier(12)
        keys: list[str] = []

        def start(
            folder: Path = folder, barrier: threading.Barrier = barrier, keys: list[str] = keys
        ) -> None:
            barrier.wait()
            keys.append(from_environment(env(folder))["secret_key"])

        threads = [threading.Thread(target=start) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(keys) == 12
        assert len(set(keys)) == 1, f"round {round_}: {len(set(keys))} different keys"


def test_an_empty_secret_key_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"secret_key is empty; delete it"):
        from_environment(env(tmp_path))


ALIAS = "concurrency"


def _sqlite_connection(settings: dict[str, Any]) -> Any:
    """A connection of this thread to the database SETTINGS describe, as Django makes one."""
    from django.db import connections
    from django.db.backends.sqlite3.base import DatabaseWrapper

    defaults = {"ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_HEALTH_CHECKS": False}
    wrapper = DatabaseWrapper({**defaults, "TIME_ZONE": None, "TEST": {}, **settings}, ALIAS)
    connections[ALIAS] = wrapper  # per thread: atomic(using=ALIAS) finds this one
    return wrapper


def test_two_sqlite_writers_that_read_first_wait_for_each_other(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    """Two requests that read and then write at the same moment (the usual form of a save) must
    both succeed on SQLite: the second waits for the first. With SQLite's default deferred
    transactions the second failed at once with "database is locked" — a 500 for the user —
    whatever the busy timeout, because a reader cannot become a writer while another
    transaction that has read wants to write too."""
    from werkbrug.config import database

    with django_db_blocker.unblock():  # its own database file, not the test database
        _race_two_writers(database({}, tmp_path))


def _race_two_writers(settings: dict[str, Any]) -> None:
    from django.db import OperationalError, transaction

    setup = _sqlite_connection(settings)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()

    both_read = threading.Barrier(2, timeout=3)
    failures: list[BaseException] = []

    def writer() -> None:
        connection = _sqlite_connection(settings)
        try:
            with transaction.atomic(using=ALIAS), connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                # Immediate mode: the other writer waits at BEGIN, before its read, so the
                # barrier breaks after its timeout — as it should.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_read.wait()
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except OperationalError as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    check = _sqlite_connection(settings)
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (2,)
    check.close()
