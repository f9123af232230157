"""``werkbrug backup`` and ``werkbrug restore``, as an operator runs them: a restore into an
empty database gives the same reports; what is not a sound backup is refused, and so is a
database that holds data."""

from __future__ import annotations

import json
import secrets
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.conftest import valid_tables, write_tables
from tests.ops.conftest import clean_env, werkbrug

SERVER = "postgres://postgres@127.0.0.1:5432"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _ok(env: dict[str, str], *args: object) -> str:
    result = werkbrug(env, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _source(env: dict[str, str], tmp_path: Path) -> str:
    """Migrate, import a delivery, and give its report (JSON)."""
    _ok(env, "migrate", "-v0")
    _ok(env, "import", write_tables(tmp_path / "delivery", valid_tables()))
    return _ok(env, "report", "--delivery", "proef")


def test_sqlite_backup_restores_into_an_empty_database_with_the_same_report(
    tmp_path: Path,
) -> None:
    source = clean_env(tmp_path / "source", WERKBRUG_LANG="en")
    report = _source(source, tmp_path)
    backup = tmp_path / "backup"
    said = _ok(source, "backup", backup)
    assert said.startswith("Backed up ")
    assert "and 1 deliveries, verified" in said
    assert _mode(backup) == 0o700
    assert sorted(p.name for p in backup.iterdir()) == ["database.sqlite3", "manifest.json"]
    assert {_mode(p) for p in backup.iterdir()} == {0o600}
    manifest = json.loads((backup / "manifest.json").read_text())
    hashes = manifest["fingerprint"]["deliveries"]["proef"]
    assert hashes["recomputed"] == hashes["stored"]
    assert manifest["fingerprint"]["tables"]["deliveries_deliveryparticipant"] == 6

    target = clean_env(tmp_path / "target", WERKBRUG_LANG="en")  # never migrated: empty
    assert _ok(target, "restore", backup).startswith("Restored ")
    assert _ok(target, "report", "--delivery", "proef") == report
    assert _mode(tmp_path / "target" / "werkbrug.sqlite3") == 0o600

    # Now it holds data: refused, and left as it is; --force replaces it.
    again = werkbrug(target, "restore", backup)
    assert again.returncode == 1
    assert "the database holds data; restore into an empty database, or pass --force" in (
        again.stderr
    )
    assert _ok(target, "restore", backup, "--force").startswith("Restored ")
    assert _ok(target, "report", "--delivery", "proef") == report

    # A backup folder is new: an existing one is never overwritten.
    exists = werkbrug(source, "backup", backup)
    assert exists.returncode == 1
    assert "exists; give a new folder for the backup" in exists.stderr


@pytest.fixture
def sqlite_backup(tmp_path: Path) -> Path:
    env = clean_env(tmp_path / "source", WERKBRUG_LANG="en")
    _source(env, tmp_path)
    _ok(env, "backup", tmp_path / "backup")
    return tmp_path / "backup"


def _refused(tmp_path: Path, backup: Path, message: str) -> None:
    target = clean_env(tmp_path / "fresh", WERKBRUG_LANG="en")
    result = werkbrug(target, "restore", backup)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    # Nothing was restored: the database is still the empty file werkbrug made.
    assert (tmp_path / "fresh" / "werkbrug.sqlite3").stat().st_size == 0


def test_a_damaged_backup_is_refused(tmp_path: Path, sqlite_backup: Path) -> None:
    with open(sqlite_backup / "database.sqlite3", "r+b") as handle:
        handle.seek(5000)
        handle.write(b"\xff" * 16)
    _refused(tmp_path, sqlite_backup, "the backup fails verification: database.sqlite3 is")


def test_a_backup_whose_rows_disagree_with_its_manifest_is_refused(
    tmp_path: Path, sqlite_backup: Path
) -> None:
    manifest_path = sqlite_backup / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["fingerprint"]["tables"]["deliveries_deliveryparticipant"] = 7
    manifest["fingerprint"]["deliveries"]["proef"]["recomputed"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    _refused(
        tmp_path,
        sqlite_backup,
        "the backup fails verification: table deliveries_deliveryparticipant has 6 rows "
        "instead of 7; delivery 'proef' has other content (its content hash differs); "
        "nothing was restored",
    )


def test_a_folder_that_is_no_backup_is_refused(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    _refused(tmp_path, tmp_path / "nothing", "is not a backup: it has no readable manifest.json")


# --- PostgreSQL --------------------------------------------------------------------------


@pytest.fixture
def throwaway_databases() -> Iterator[tuple[str, str]]:
    """Two new databases on the machine's server, dropped afterwards."""
    try:
        admin = psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    names = tuple(f"werkbrug_ops_{part}_{secrets.token_hex(4)}" for part in ("src", "dst"))
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield names[0], names[1]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.skipif(
    shutil.which("pg_dump") is None and not list(Path("/usr/lib/postgresql").glob("*/bin/pg_dump")),
    reason="no pg_dump",
)
def test_postgresql_backup_restores_into_an_empty_database_with_the_same_report(
    tmp_path: Path, throwaway_databases: tuple[str, str]
) -> None:
    source_db, target_db = throwaway_databases
    source = clean_env(tmp_path / "source", DATABASE_URL=f"{SERVER}/{source_db}")
    report = _source(source, tmp_path)
    backup = tmp_path / "backup"
    _ok(source, "backup", backup)
    assert sorted(p.name for p in backup.iterdir()) == ["database.pgdump", "manifest.json"]
    assert {_mode(p) for p in backup.iterdir()} == {0o600}

    target = clean_env(tmp_path / "target", DATABASE_URL=f"{SERVER}/{target_db}")
    _ok(target, "restore", backup)
    assert _ok(target, "report", "--delivery", "proef") == report
    again = werkbrug(target, "restore", backup)
    assert again.returncode == 1
    assert "--force" in again.stderr
    # Over a database that holds data: pg_restore drops what it restores first.
    _ok(target, "restore", backup, "--force")
    assert _ok(target, "report", "--delivery", "proef") == report

    # A SQLite installation cannot take a PostgreSQL backup.
    other = werkbrug(clean_env(tmp_path / "sqlite", WERKBRUG_LANG="en"), "restore", backup)
    assert other.returncode == 1
    assert "the backup is of a postgresql database and this installation uses sqlite" in (
        other.stderr
    )


def test_a_delivery_changed_by_erasure_is_backed_up_and_restored_as_it_is(
    tmp_path: Path,
) -> None:
    source = clean_env(tmp_path / "source", WERKBRUG_LANG="en")
    _source(source, tmp_path)
    # What an erasure does to a frozen delivery's row: its personal cells emptied. The
    # stored content hash still says what was delivered.
    with sqlite3.connect(tmp_path / "source" / "werkbrug.sqlite3") as db:
        db.execute(
            "UPDATE deliveries_deliveryparticipant SET postcode = '', occupation = '' "
            "WHERE id = (SELECT MIN(id) FROM deliveries_deliveryparticipant)"
        )
    report = _ok(source, "report", "--delivery", "proef")
    said = _ok(source, "backup", tmp_path / "backup")
    assert "(1 of the deliveries changed by an erasure since their import.)" in said
    hashes = json.loads((tmp_path / "backup" / "manifest.json").read_text())["fingerprint"][
        "deliveries"
    ]["proef"]
    assert hashes["recomputed"] != hashes["stored"]

    target = clean_env(tmp_path / "target", WERKBRUG_LANG="en")
    assert "(1 of the deliveries changed" in _ok(target, "restore", tmp_path / "backup")
    assert _ok(target, "report", "--delivery", "proef") == report
