"""Settings from the environment refuse bad values with a message that says what to do."""

from __future__ import annotations

from pathlib import Path

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
