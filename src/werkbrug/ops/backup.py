"""``werkbrug backup PATH`` and ``werkbrug restore PATH``: the whole database, verified.

A backup is a new folder, its owner's only (700), holding two files (600):

- the database: ``database.sqlite3``, a copy made with SQLite's online backup API, or
  ``database.pgdump``, PostgreSQL's ``pg_dump --format=custom``;
- ``manifest.json``: the format, the database engine, when, the SHA-256 of the database
  file, and the fingerprint (werkbrug.ops.fingerprint): rows per table and every delivery's
  content hash, recomputed from its rows.

The fingerprint is taken from exactly what the backup holds: from the copy itself (SQLite),
or inside the transaction whose snapshot ``pg_dump`` dumps (PostgreSQL), so werkbrug can keep
running during a backup.

A restore refuses a folder that is not a backup, a backup of the other engine, a database
file whose checksum differs from the manifest's (damaged or changed), and a database that
already holds data (unless ``force``). A SQLite backup is verified in full before anything is
written; PostgreSQL's is checked by ``pg_restore --list``, then restored in one transaction.
Afterwards the restored database is fingerprinted and compared with the manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from werkbrug.config import PRIVATE_FOLDER, create_private
from werkbrug.ops import fingerprint as fp

FORMAT = "werkbrug-backup/1"
MANIFEST = "manifest.json"
FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_CHECK_ALIAS = "werkbrug_backup_check"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


# --- the database in use ----------------------------------------------------------------


def _vendor() -> str:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor not in FILES:
        raise BackupError(
            f"the database engine {vendor} is not supported; use SQLite or PostgreSQL"
        )
    return vendor


def _sqlite_path() -> Path:
    name = str(connections[DEFAULT_DB_ALIAS].settings_dict["NAME"] or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("the SQLite database is not a file; set DATABASE_URL=sqlite:///PATH")
    return Path(name)


def _pg_env() -> dict[str, str]:
    """The connection for pg_dump and pg_restore, in libpq's variables: a password never
    appears on a command line (where any user of the machine can read it)."""
    settings = connections[DEFAULT_DB_ALIAS].settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    sslmode = (settings.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: from WERKBRUG_PG_BIN, else the newest installed PostgreSQL
    (a newer client reads an older server, not the other way round), else the PATH."""
    folder = os.environ.get("WERKBRUG_PG_BIN", "").strip()
    if folder:
        candidate = Path(folder) / name
        if not os.access(candidate, os.X_OK):
            raise BackupError(f"WERKBRUG_PG_BIN: {candidate} is not a program; fix the folder")
        return str(candidate)

    def version(path: str) -> int:
        part = Path(path).parent.parent.name
        return int(part) if part.isdigit() else 0

    installed = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    found = installed[-1] if installed else shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found; install PostgreSQL's client programs or set WERKBRUG_PG_BIN"
        )
    return found


def _run(command: list[str], **kwargs: Any) -> None:
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    result = subprocess.run(command, stderr=subprocess.PIPE, check=False, **kwargs)
    if result.returncode != 0:
        said = (result.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise BackupError(
            f"{Path(command[0]).name} failed: {said[-1] if said else result.returncode}"
        )


# --- files ----------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _new_private_file(path: Path) -> int:
    descriptor = create_private(path)
    if descriptor is None:
        raise BackupError(f"{path} exists; choose a new folder")
    return descriptor


@contextlib.contextmanager
def _database_at(path: Path) -> Iterator[str]:
    """A SQLite file opened as a second database alias, for fingerprinting it."""
    settings = dict(connections.settings[DEFAULT_DB_ALIAS])
    settings["NAME"] = str(path)
    connections.settings[_CHECK_ALIAS] = settings
    try:
        yield _CHECK_ALIAS
    finally:
        connections[_CHECK_ALIAS].close()
        del connections[_CHECK_ALIAS]
        del connections.settings[_CHECK_ALIAS]


# --- backup ---------------------------------------------------------------------------


def backup_write(*, path: Path) -> str:
    """Write a verified backup of the database to the new folder ``path``; a summary."""
    vendor = _vendor()
    if path.exists():
        raise BackupError(f"{path} exists; give a new folder for the backup")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder; create it first")
    path.mkdir(mode=PRIVATE_FOLDER)
    data = path / FILES[vendor]
    try:
        fingerprint = _sqlite_backup(data) if vendor == "sqlite" else _pg_backup(data)
        manifest = {
            "format": FORMAT,
            "engine": vendor,
            "created": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
            "file": data.name,
            "sha256": _sha256(data),
            "fingerprint": fingerprint,
        }
        with os.fdopen(_new_private_file(path / MANIFEST), "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2, sort_keys=True, ensure_ascii=False)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)  # nothing half-written stays behind
        raise
    return _summary(False, fingerprint, path)


def _summary(restored: bool, fingerprint: dict[str, Any], path: Path) -> str:
    from django.utils.translation import gettext as _

    tables = fingerprint["tables"]
    deliveries = fingerprint["deliveries"]
    erased = sum(1 for h in deliveries.values() if h["stored"] != h["recomputed"])
    text = (
        _("Restored {tables} tables ({rows} rows) and {deliveries} deliveries, verified: {path}")
        if restored
        else _(
            "Backed up {tables} tables ({rows} rows) and {deliveries} deliveries, verified: {path}"
        )
    ).format(tables=len(tables), rows=sum(tables.values()), deliveries=len(deliveries), path=path)
    if erased:
        text += " " + _(
            "({count} of the deliveries changed by an erasure since their import.)"
        ).format(count=erased)
    return text


def _sqlite_backup(data: Path) -> dict[str, Any]:
    source_path = _sqlite_path()
    os.close(_new_private_file(data))
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(data)
    try:
        # The backup API copies a consistent state while others keep writing.
        source.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"the SQLite backup failed: {exc}") from exc
    finally:
        target.close()
        source.close()
    with _database_at(data) as alias:
        return fp.fingerprint(alias)


def _pg_backup(data: Path) -> dict[str, Any]:
    """pg_dump of the snapshot of a transaction that fingerprints the same snapshot."""
    tool = pg_tool("pg_dump")
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = str(cursor.fetchone()[0])
        descriptor = _new_private_file(data)
        with os.fdopen(descriptor, "wb") as handle:
            _run([tool, "--format=custom", f"--snapshot={snapshot}"], stdout=handle, env=_pg_env())
        return fp.fingerprint(DEFAULT_DB_ALIAS)


# --- restore --------------------------------------------------------------------------


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(
            f"{path} is not a backup: it has no readable {MANIFEST} (werkbrug backup writes one)"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path / MANIFEST} is not a {FORMAT} manifest")
    return manifest


def backup_restore(*, path: Path, force: bool = False) -> str:
    """Restore the backup in ``path`` into the database in use; a summary."""
    manifest = _read_manifest(path)
    vendor = _vendor()
    if manifest.get("engine") != vendor:
        raise BackupError(
            f"the backup is of a {manifest.get('engine')} database and this installation uses "
            f"{vendor}; restore it into a {manifest.get('engine')} database"
        )
    data = path / FILES[vendor]
    if not data.is_file() or _sha256(data) != manifest.get("sha256"):
        raise BackupError(
            f"the backup fails verification: {data.name} is missing or not the file that was "
            "backed up (its checksum differs); use another backup"
        )
    expected: dict[str, Any] = manifest["fingerprint"]
    if not force and fp.holds_data(DEFAULT_DB_ALIAS):
        raise BackupError(
            "the database holds data; restore into an empty database, or pass --force to "
            "replace what it holds"
        )
    if vendor == "sqlite":
        _sqlite_restore(data, expected)
    else:
        _pg_restore(data)
    found = fp.fingerprint(DEFAULT_DB_ALIAS)
    problems = fp.differences(expected, found)
    if problems:
        raise BackupError(
            "the restored database differs from the backup: "
            + "; ".join(problems[:5])
            + ". Do not use it; restore again or use another backup"
        )
    return _summary(True, found, path)


def _sqlite_restore(data: Path, expected: dict[str, Any]) -> None:
    with _database_at(data) as alias:
        problems = fp.differences(expected, fp.fingerprint(alias))
    if problems:
        raise BackupError(
            "the backup fails verification: " + "; ".join(problems[:5]) + "; nothing was restored"
        )
    target_path = _sqlite_path()
    connections[DEFAULT_DB_ALIAS].close()
    source = sqlite3.connect(f"file:{data}?mode=ro", uri=True)
    # An existing database file keeps its mode (600 when werkbrug made it); a new one is
    # created private, like werkbrug's own.
    if not target_path.exists():
        os.close(_new_private_file(target_path))
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"the SQLite restore failed: {exc}") from exc
    finally:
        target.close()
        source.close()


def _pg_restore(data: Path) -> None:
    tool = pg_tool("pg_restore")
    _run([tool, "--list", str(data)])
    connections[DEFAULT_DB_ALIAS].close()
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_pg_env()['PGDATABASE']}",
            str(data),
        ],
        env=_pg_env(),
    )
