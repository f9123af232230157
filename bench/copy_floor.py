"""The floor: load a CSV delivery into PostgreSQL with plain `COPY`, nothing else.

Creates a scratch database (dropped and recreated), plain tables with the exchange columns
(text/date/integer/numeric; primary keys only, no other constraints), and streams each CSV file
into its table with psycopg 3 `COPY ... FROM STDIN WITH (FORMAT csv, HEADER true)`, all in one
transaction. No validation, no conversion in Python: the real importer cannot be faster than this.

    python bench/copy_floor.py DELIVERY_DIR [--pg-url postgresql://postgres@127.0.0.1:5432]
        [--database werkbrug_bench_floor] [--keep]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432"
DEFAULT_DATABASE = "werkbrug_bench_floor"
BLOCK = 1 << 20

# File (without .csv) -> column -> SQL type. The first column is the primary key.
TABLES: dict[str, dict[str, str]] = {
    "delivery": {"name": "text", "delivered_on": "date", "description": "text"},
    "projects": {
        "code": "text",
        "name": "text",
        "network": "text",
        "sector": "text",
        "region": "text",
        "start_date": "date",
        "end_date": "date",
        "target_participants": "integer",
        "target_transitions": "integer",
        "budget_eur": "numeric",
        "own_funds_eur": "numeric",
        "subsidy_eur": "numeric",
        "individual_contribution": "text",
        "employer_contribution": "text",
        "union_involved": "text",
        "formal_agreement": "text",
        "continuation": "text",
    },
    "participants": {
        "id": "text",
        "project": "text",
        "intake_date": "date",
        "birth_date": "date",
        "birth_year": "integer",
        "gender": "text",
        "education": "text",
        "situation": "text",
        "occupation": "text",
        "sector": "text",
        "postcode": "text",
        "hours_before": "numeric",
    },
    "outcomes": {
        "participant": "text",
        "outcome": "text",
        "date": "date",
        "contract": "text",
        "hours": "numeric",
        "employer": "text",
        "sector": "text",
        "occupation": "text",
        "benefit_days": "integer",
    },
    "employers": {
        "id": "text",
        "name": "text",
        "sector": "text",
        "postcode": "text",
        "project": "text",
    },
    "vacancies": {
        "id": "text",
        "employer": "text",
        "title": "text",
        "occupation": "text",
        "sector": "text",
        "postcode": "text",
        "min_education": "text",
        "hours": "numeric",
        "contract": "text",
        "positions": "integer",
        "skills": "text",
        "open_date": "date",
        "close_date": "date",
    },
}
# Parents before children, as a real import would load them.
ORDER = ["delivery", "projects", "employers", "vacancies", "participants", "outcomes"]


@dataclass
class FloorResult:
    database: str
    seconds: dict[str, float] = field(default_factory=dict)  # per file, COPY only
    rows: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)
    commit_seconds: float = 0.0
    total_seconds: float = 0.0  # all COPYs plus the commit
    server_version: str = ""

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def recreate_database(pg_url: str, database: str) -> str:
    """Drop and create `database`; return the server version."""
    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        name = sql.Identifier(database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else ""


def drop_database(pg_url: str, database: str) -> None:
    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        name = sql.Identifier(database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def read_header(path: Path) -> list[str]:
    """Column names from the first line (exchange files: comma-separated, plain names)."""
    with path.open(encoding="utf-8-sig") as f:
        line = f.readline()
    return [c.strip().strip('"').lower() for c in line.rstrip("\r\n").split(",")]


def create_tables(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    for table, columns in TABLES.items():
        key = next(iter(columns))
        cols = [sql.SQL("{} {}").format(sql.Identifier(c), sql.SQL(t)) for c, t in columns.items()]
        cols.append(sql.SQL("PRIMARY KEY ({})").format(sql.Identifier(key)))
        conn.execute(
            sql.SQL("CREATE TABLE {} ({})").format(sql.Identifier(table), sql.SQL(", ").join(cols))
        )


def copy_file(conn: psycopg.Connection[tuple[object, ...]], table: str, path: Path) -> int:
    """Stream one CSV file into `table`; return the number of rows loaded."""
    header = read_header(path)
    unknown = [c for c in header if c not in TABLES[table]]
    if unknown:
        raise ValueError(f"{path.name}: columns not in the floor schema: {', '.join(unknown)}")
    statement = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv, HEADER true)").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in header)
    )
    with conn.cursor() as cur:
        with cur.copy(statement) as copy, path.open("rb") as f:
            while block := f.read(BLOCK):
                copy.write(block)
        return cur.rowcount


def run_floor(
    delivery_dir: Path,
    *,
    pg_url: str = DEFAULT_PG_URL,
    database: str = DEFAULT_DATABASE,
    keep: bool = True,
) -> FloorResult:
    """Recreate `database` and COPY every CSV file of the delivery into it, timed."""
    result = FloorResult(database)
    result.server_version = recreate_database(pg_url, database)
    try:
        with psycopg.connect(f"{pg_url}/{database}") as conn:
            create_tables(conn)
            conn.commit()
            t_all = time.perf_counter()
            for table in ORDER:
                path = delivery_dir / f"{table}.csv"
                if not path.exists():
                    continue
                t0 = time.perf_counter()
                result.rows[table] = copy_file(conn, table, path)
                result.seconds[table] = time.perf_counter() - t0
                result.bytes[table] = path.stat().st_size
            t0 = time.perf_counter()
            conn.commit()
            result.commit_seconds = time.perf_counter() - t0
            result.total_seconds = time.perf_counter() - t_all
    finally:
        if not keep:
            drop_database(pg_url, database)
    return result


def format_result(result: FloorResult) -> str:
    lines = [f"{'file':18} {'rows':>10} {'MB':>8} {'seconds':>8} {'rows/s':>10}"]
    for table, seconds in result.seconds.items():
        rows = result.rows[table]
        lines.append(
            f"{table + '.csv':18} {rows:>10,} {result.bytes[table] / 1e6:>8.1f} {seconds:>8.2f}"
            f" {rows / seconds if seconds else 0:>10,.0f}"
        )
    lines.append(f"{'(commit)':18} {'':>10} {'':>8} {result.commit_seconds:>8.2f}")
    total_mb = sum(result.bytes.values()) / 1e6
    lines.append(
        f"{'total':18} {result.total_rows:>10,} {total_mb:>8.1f} {result.total_seconds:>8.2f}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("delivery_dir", type=Path)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="server URL, no database")
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--drop", action="store_true", help="drop the database afterwards")
    args = parser.parse_args(argv)
    if not (args.delivery_dir / "participants.csv").exists():
        parser.error(f"{args.delivery_dir}: no participants.csv")
    result = run_floor(
        args.delivery_dir, pg_url=args.pg_url, database=args.database, keep=not args.drop
    )
    print(f"COPY floor into {result.database} (PostgreSQL {result.server_version})")
    print(format_result(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
