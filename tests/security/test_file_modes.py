"""Files werkbrug creates are private from the moment they exist, whatever the user's umask.

Everything runs in one child process with a fresh data folder and the permissive umask 022
(the usual default, under which a plain ``open()`` gives ``rw-r--r--``): the settings, and so
the data folder, the secret key and the database, are made once per process.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, valid_tables, write_tables

SCRIPT = r"""
import json, os, sys
os.umask(0o022)
from pathlib import Path
from werkbrug import cli

data, out, delivery, impact = (Path(p) for p in sys.argv[1:5])
modes = {}

def mode(name, path):
    modes[name] = os.stat(path).st_mode & 0o777

def must(argv):
    code = cli.main(argv)
    if code != 0:
        raise SystemExit(f"werkbrug {' '.join(argv)} exited with {code}")

must(["migrate", "--verbosity=0"])
mode("data folder", data)
mode("secret key", data / "secret_key")
database = data / "werkbrug.sqlite3"
mode("database", database)

from django.db import connection, transaction
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x integer)")
    mode("rollback journal", f"{database}-journal")  # exists only while a write is open
    transaction.set_rollback(True)
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode=WAL").fetchall()
    cursor.execute("CREATE TABLE probe (x integer)")
    mode("write-ahead log", f"{database}-wal")
    mode("shared memory index", f"{database}-shm")
    cursor.execute("DROP TABLE probe")
    cursor.execute("PRAGMA journal_mode=DELETE").fetchall()

must(["import", str(delivery), "--lang=en"])
must(["report", "-o", str(out / "report.json")])
must(["report", "--format", "xlsx", "-o", str(out / "report.xlsx")])
must(["survival", "-o", str(out / "survival.json")])
must(["survival", "--format", "html", "-o", str(out / "survival.html")])
must(["impact", "--data", str(impact), "--treatment", "t", "--outcome", "y",
      "--covariates", "x", "--method", "ipw", "--bootstrap", "50", "-o", str(out / "impact.json")])
for name in ("report.json", "report.xlsx", "survival.json", "survival.html", "impact.json"):
    mode(name, out / name)
print(json.dumps(modes))
"""


def _impact_data(path: Path) -> Path:
    rows = ["t,y,x"] + [f"{i % 2},{(i * 7) % 11},{(i * 3) % 5}" for i in range(60)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def modes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    root = tmp_path_factory.mktemp("modes")
    data, out = root / "fresh" / "data", root / "out"
    out.mkdir()
    delivery = write_tables(root / "delivery", valid_tables())
    impact = _impact_data(root / "impact.csv")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("WERKBRUG_") and k != "DATABASE_URL"
    }
    env.update(DJANGO_SETTINGS_MODULE="werkbrug.settings", WERKBRUG_DATA_DIR=str(data))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data), str(out), str(delivery), str(impact)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found: dict[str, int] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def _readable_by_others(mode: int) -> bool:
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def test_the_data_folder_is_for_its_owner_only(modes: dict[str, int]) -> None:
    assert oct(modes["data folder"]) == oct(0o700)


@pytest.mark.parametrize(
    "name",
    [
        "secret key",
        "database",
        "rollback journal",
        "write-ahead log",
        "shared memory index",
    ],
)
def test_the_secret_key_and_the_database_files_are_private(
    modes: dict[str, int], name: str
) -> None:
    assert oct(modes[name]) == oct(0o600), name


@pytest.mark.parametrize(
    "name", ["report.json", "report.xlsx", "survival.json", "survival.html", "impact.json"]
)
def test_files_written_with_o_are_private(modes: dict[str, int], name: str) -> None:
    assert not _readable_by_others(modes[name]), (name, oct(modes[name]))
    assert oct(modes[name]) == oct(0o600)


@pytest.mark.django_db
def test_an_output_file_that_cannot_be_written_is_named_with_the_fix(
    run: Callable[..., CliResult], tmp_path: Path
) -> None:
    target = tmp_path / "no such folder" / "impact.json"
    result = run(
        "impact",
        "--data",
        _impact_data(tmp_path / "impact.csv"),
        "--treatment",
        "t",
        "--outcome",
        "y",
        "--covariates",
        "x",
        "--method",
        "ipw",
        "--bootstrap",
        "50",
        "--lang=en",
        "-o",
        target,
    )
    assert result.code == 1
    assert f"werkbrug impact: cannot write {target}: No such file or directory" in result.err
    assert "choose another file (-o)" in result.err
    assert "Traceback" not in result.err
