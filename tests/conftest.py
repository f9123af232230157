"""Shared test helpers: a small valid delivery to start from, the CLI run in-process, and one
user per role."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from werkbrug import cli

# No per-example deadline: speed is measured in bench/, never by timed tests, and a shared CI
# machine must not turn a slow example into a failure.
hypothesis_settings.register_profile("werkbrug", deadline=None)
hypothesis_settings.load_profile("werkbrug")

PROJECTS = [
    {
        "code": "bouw",
        "name": "Bouw naar Bouw",
        "network": "sector",
        "sector": "F",
        "region": "",
        "start_date": "2010-12-01",
        "end_date": "2011-11-30",
        "target_participants": "10",
        "target_transitions": "8",
        "budget_eur": "100000",
        "own_funds_eur": "50000",
        "subsidy_eur": "50000",
        "individual_contribution": "false",
        "employer_contribution": "true",
        "union_involved": "true",
        "formal_agreement": "covenant",
        "continuation": "continued",
    },
    {
        "code": "regio",
        "name": "Regio Werkt",
        "network": "region",
        "sector": "",
        "region": "",
        "start_date": "2011-01-01",
        "end_date": "",
        "target_participants": "5",
        "target_transitions": "4",
        "budget_eur": "",
        "own_funds_eur": "",
        "subsidy_eur": "",
        "individual_contribution": "",
        "employer_contribution": "",
        "union_involved": "",
        "formal_agreement": "",
        "continuation": "",
    },
]
PARTICIPANTS = [
    {
        "id": f"P{i:03d}",
        "project": "bouw" if i <= 4 else "regio",
        "intake_date": f"2011-0{1 + i % 5}-1{i % 10}",
        "birth_date": "1968-05-0" + str(1 + i % 9),
        "birth_year": "",
        "gender": "m" if i % 3 else "f",
        "education": ["vmbo", "mbo2", "hbo", "lbo", ""][i % 5],
        "situation": "threatened",
        "occupation": "7115",
        "sector": "F",
        "postcode": "3511",
        "hours_before": "38",
    }
    for i in range(1, 7)
]
OUTCOMES = [
    {
        "participant": "P001",
        "outcome": "work",
        "date": "2011-09-01",
        "contract": "permanent",
        "hours": "36",
        "employer": "E1",
        "sector": "F",
        "occupation": "7115",
        "benefit_days": "0",
    },
    {
        "participant": "P002",
        "outcome": "no_work",
        "date": "2011-10-01",
        "contract": "",
        "hours": "",
        "employer": "",
        "sector": "",
        "occupation": "",
        "benefit_days": "",
    },
]
EMPLOYERS = [
    {
        "id": "E1",
        "name": "Bouwbedrijf De Proef",
        "sector": "F",
        "postcode": "3512",
        "project": "bouw",
    },
]
VACANCIES = [
    {
        "id": "V1",
        "employer": "E1",
        "title": "Timmerman",
        "occupation": "7115",
        "sector": "F",
        "postcode": "3512",
        "min_education": "vmbo",
        "hours": "38",
        "contract": "fixed_term",
        "positions": "2",
        "skills": "timmeren|lezen van bouwtekeningen",
        "open_date": "2011-02-01",
        "close_date": "2011-06-01",
    },
]


def valid_tables() -> dict[str, list[dict[str, str]]]:
    return {
        "delivery": [{"name": "proef", "delivered_on": "2012-06-15", "description": "test"}],
        "projects": [dict(r) for r in PROJECTS],
        "participants": [dict(r) for r in PARTICIPANTS],
        "outcomes": [dict(r) for r in OUTCOMES],
        "employers": [dict(r) for r in EMPLOYERS],
        "vacancies": [dict(r) for r in VACANCIES],
    }


def write_tables(
    folder: Path, tables: dict[str, list[dict[str, str]]], delimiter: str = ","
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
            writer.writeheader()
            writer.writerows(rows)
    return folder


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``werkbrug ARGS`` in this process (so it sees the test database), in English."""

    def invoke(*args: Any) -> CliResult:
        argv = [str(a) for a in args]
        if (
            argv
            and argv[0] in {"import", "export", "deliveries", "report"}
            and "--lang" not in argv
        ):
            argv.append("--lang=en")
        code = cli.main(argv)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def delivery_dir(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "delivery", valid_tables())


def append_only_triggers(install: bool) -> None:
    """Put the audit log's append-only triggers in place, or lift them.

    Tests with real commits (``transaction=True``) end by emptying every table, which the
    triggers refuse (PostgreSQL's also refuse TRUNCATE): they lift them for that moment only.
    The SQL is the migration's own.
    """
    import importlib

    from django.db import connection

    migration = importlib.import_module("werkbrug.audit.migrations.0002_append_only")
    vendor = connection.vendor
    reverse = {"sqlite": migration.SQLITE_REVERSE, "postgresql": migration.POSTGRES_REVERSE}
    forward = {"sqlite": migration.SQLITE, "postgresql": migration.POSTGRES}
    with connection.cursor() as cursor:
        # Dropped by the previous test's teardown, or still there after the migration.
        for sql in reverse[vendor]:
            cursor.execute(sql)
        if install:
            for sql in forward[vendor]:
                cursor.execute(sql)


@pytest.fixture
def committed(transactional_db: None) -> Iterator[None]:  # noqa: ARG001 (requested for the database)
    """Real commits, with the audit log append-only while the test runs."""
    append_only_triggers(install=True)
    yield
    append_only_triggers(install=False)


# The tests of the pure packages (no Django, no database) give the same answer on every
# database. CI runs the suite on SQLite and then on PostgreSQL; with
# WERKBRUG_TESTS_DATABASE_ONLY=1 the second run leaves these out, so the slow property tests
# run once (docs/testing.md). A test in these places that asks for the database still runs.
PURE_TESTS = (
    "tests/evaluation/",
    "tests/exchange/",
    "tests/indicators/",
    "tests/matching/",
    "tests/taxonomy/",
    "tests/grants/test_amounts.py",
    "tests/grants/test_determine.py",
    "tests/grants/test_determine_properties.py",
    "tests/grants/test_file_properties.py",
    "tests/grants/test_files.py",
    "tests/grants/test_rules.py",
    "tests/grants/test_text.py",
    "tests/test_architecture.py",
    "tests/test_clock.py",
    "tests/test_formats.py",
    "tests/test_progress.py",
    "tests/test_textsafe.py",
)


def _is_pure(item: pytest.Item, root: Path) -> bool:
    where = item.path.relative_to(root).as_posix()
    uses_database = item.get_closest_marker("django_db") is not None or any(
        name in getattr(item, "fixturenames", ()) for name in ("django_db_setup", "live_server")
    )
    return where.startswith(PURE_TESTS) and not uses_database


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    import os

    if os.environ.get("WERKBRUG_TESTS_DATABASE_ONLY", "") not in ("1", "true", "yes"):
        return
    root = Path(str(config.rootpath))
    kept = [item for item in items if not _is_pure(item, root)]
    config.hook.pytest_deselected(items=[item for item in items if _is_pure(item, root)])
    items[:] = kept
