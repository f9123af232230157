"""Report benchmark: the JSON and HTML report on the 1M-participant delivery in PostgreSQL,
against a hand-written pandas computation of the same totals and per-project figures.

    .venv/bin/python bench/report.py            # imports the delivery once, then measures
    .venv/bin/python bench/report.py --record   # also writes bench/report-results.md

The requirement: JSON report ≤ 2 s on PostgreSQL, HTML ≤ 5 s. The werkbrug figures are
measured in-process (Django set up once, as in a running web server) and end to end (the
`werkbrug report` command, including Python and Django start-up). The pandas baseline reads
the same rows from the same database into data frames (timed separately) and groups them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from copy_floor import DEFAULT_PG_URL, recreate_database
from generate_delivery import generate

from werkbrug.taxonomy import EDUCATION

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "delivery-1m"
WERKBRUG = ROOT / ".venv" / "bin" / "werkbrug"
DATABASE = "werkbrug_bench_report"
RESULTS = ROOT / "bench" / "report-results.md"
NAME = "bench"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare(pg_url: str) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=f"{pg_url}/{DATABASE}", WERKBRUG_LANG="nl")
    if not DATA.exists():
        log("generating the delivery (1,000 projects, 1,000,000 participants)")
        generate(DATA, projects=1000, participants=1_000_000, outcomes=700_000, seed=1)
    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
        ).fetchone()
    if exists:
        with psycopg.connect(f"{pg_url}/{DATABASE}") as conn:
            try:
                stored = conn.execute(
                    "SELECT 1 FROM deliveries_delivery WHERE name = %s", (NAME,)
                ).fetchone()
            except psycopg.errors.UndefinedTable:
                stored = None
        if stored:
            return env
    log("creating the database and importing the delivery (about 40 s)")
    recreate_database(pg_url, DATABASE)
    subprocess.run([str(WERKBRUG), "migrate", "-v0"], env=env, check=True)
    subprocess.run([str(WERKBRUG), "import", str(DATA), "--name", NAME], env=env, check=True)
    return env


def time_in_process(env: dict[str, str], runs: int) -> dict[str, list[float]]:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbrug.settings")
    import django

    django.setup()
    from django.utils import translation

    from werkbrug.deliveries.models import Delivery
    from werkbrug.reports.services import ReportOptions, report_render

    translation.activate("nl")
    delivery = Delivery.objects.get(name=NAME)
    times: dict[str, list[float]] = {"json": [], "html": []}
    report_render(delivery=delivery, options=ReportOptions(), fmt="json")  # warm the caches
    for fmt in times:
        for _ in range(runs):
            start = time.perf_counter()
            report_render(delivery=delivery, options=ReportOptions(), fmt=fmt)
            times[fmt].append(time.perf_counter() - start)
    return times


def time_command(env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(WERKBRUG), "report", "--delivery", NAME, "-o", os.devnull],
            env=env,
            check=True,
        )
        times.append(time.perf_counter() - start)
    return times


def time_pandas(pg_url: str, runs: int) -> tuple[float, list[float], dict[str, int]]:
    """Load the rows once (timed apart), then compute the same per-project figures."""
    import pandas as pd

    start = time.perf_counter()
    with psycopg.connect(f"{pg_url}/{DATABASE}") as conn:
        delivery_id = conn.execute(
            "SELECT id FROM deliveries_delivery WHERE name = %s", (NAME,)
        ).fetchone()[0]
        part = pd.DataFrame(
            conn.execute(
                "SELECT p.key, pr.code, p.intake_date, p.birth_date, p.birth_year, p.education "
                "FROM deliveries_deliveryparticipant p JOIN deliveries_deliveryproject pr "
                "ON pr.id = p.project_id WHERE p.delivery_id = %s",
                (delivery_id,),
            ).fetchall(),
            columns=["key", "project", "intake", "birth_date", "birth_year", "education"],
        )
        outc = pd.DataFrame(
            conn.execute(
                "SELECT participant_key, outcome, contract, hours FROM deliveries_deliveryoutcome "
                "WHERE delivery_id = %s",
                (delivery_id,),
            ).fetchall(),
            columns=["key", "outcome", "contract", "hours"],
        )
    load = time.perf_counter() - start
    # The taxonomy's own levels: the baseline re-implements the counting, not the code list.
    levels = {code.code: code.level for code in EDUCATION}
    times = []
    totals: dict[str, int] = {}
    for _ in range(runs):
        start = time.perf_counter()
        merged = part.merge(outc, on="key", how="left")
        transition = merged["outcome"].isin(["work", "learn_work", "self_employed"])
        per_project = merged.groupby("project").agg(
            reached=("key", "size"),
            finished=("outcome", "count"),
        )
        per_project["transitions"] = transition.groupby(merged["project"]).sum()
        education = merged["education"].map(levels).fillna("unknown")
        _edu = pd.crosstab(merged["project"], education)
        _contract = pd.crosstab(
            merged.loc[transition, "project"], merged.loc[transition, "contract"]
        )
        hours = pd.to_numeric(merged.loc[transition, "hours"])
        _fulltime = (hours >= 36).groupby(merged.loc[transition, "project"]).mean()
        intake = pd.to_datetime(merged["intake"])
        birth = pd.to_datetime(merged["birth_date"])
        age = (
            intake.dt.year
            - birth.dt.year
            - (
                (intake.dt.month * 100 + intake.dt.day) < (birth.dt.month * 100 + birth.dt.day)
            ).astype(int)
        )
        age = age.fillna(intake.dt.year - merged["birth_year"])
        _mean_age = age.groupby(merged["project"]).mean()
        times.append(time.perf_counter() - start)
        totals = {k: int(v) for k, v in per_project.sum().items()}
    return load, times, totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    env = prepare(args.pg_url)
    in_process = time_in_process(env, args.runs)
    command = time_command(env, 3)
    load, pandas_times, totals = time_pandas(args.pg_url, args.runs)
    med = {k: statistics.median(v) for k, v in in_process.items()}
    pandas_median = statistics.median(pandas_times)
    rows = [
        ("werkbrug JSON report, in process (median)", med["json"], "≤ 2 s"),
        ("werkbrug HTML report, in process (median)", med["html"], "≤ 5 s"),
        ("`werkbrug report` command, end to end (median)", statistics.median(command), ""),
        ("pandas: read the rows from PostgreSQL (once)", load, ""),
        ("pandas: the same figures on loaded frames (median)", pandas_median, ""),
        ("pandas: read + compute", load + pandas_median, ""),
    ]
    lines = [
        f"Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}; Python {platform.python_version()}",
        f"Delivery: 1,000 projects, {totals.get('reached', 0):,} participants reached "
        f"(pandas totals: {totals})",
        "",
        "| what | seconds | requirement |",
        "|---|--:|---|",
        *[f"| {name} | {secs:.2f} | {limit} |" for name, secs, limit in rows],
        "",
        f"Ratio JSON report / (pandas read + compute): {med['json'] / (load + pandas_median):.2f}; "
        f"JSON report / pandas compute alone: {med['json'] / pandas_median:.2f}",
    ]
    print("\n".join(lines))
    if args.record:
        RESULTS.write_text("# Report benchmark results\n\n" + "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
