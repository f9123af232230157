"""Import benchmark: time `werkbrug import` of a large delivery against a plain COPY floor.

One run:
1. generates the delivery if it is not there yet (`bench/data/delivery-1m/`, gitignored);
2. times a plain PostgreSQL COPY of the same files (the floor; median of `--floor-runs`);
3. for each target database: creates it fresh, runs `werkbrug migrate` (not timed), then runs
   `werkbrug import DELIVERY --name bench-<participants>` as a child process and measures its
   wall time and peak resident memory (RSS);
4. prints a results table and, with `--record`, writes it into bench/README.md.

    .venv/bin/python bench/run_import.py --db both --record
    .venv/bin/python bench/run_import.py --db postgres --participants 100000

Peak memory: each measured command runs under a tiny Python launcher whose only child is that
command; the launcher reports `getrusage(RUSAGE_CHILDREN).ru_maxrss`, which is then the peak RSS
of exactly that one command (and of any process it waits for), not of migrate or of this script.
The PostgreSQL server's own memory is not included.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from copy_floor import DEFAULT_PG_URL, FloorResult, drop_database, recreate_database, run_floor
from generate_delivery import generate
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
OUT = BENCH / "out"
README = BENCH / "README.md"
WERKBRUG = ROOT / ".venv" / "bin" / "werkbrug"
PG_DATABASE = "werkbrug_bench"

# The requirement, for the full-size delivery.
FULL_SIZE = (1_000, 1_000_000, 700_000)  # projects, participants, outcomes
LIMIT_SECONDS = {"postgres": 60.0, "sqlite": 90.0}
LIMIT_PEAK_BYTES = 2_000_000_000  # 2 GB
MB = 1_000_000

RESULTS_START = "<!-- results:start -->"
RESULTS_END = "<!-- results:end -->"
NO_RESULTS = "_No results recorded yet._"

# Runs argv[2:] as its only child and writes wall time, exit status and the child's peak RSS
# (RUSAGE_CHILDREN covers that one child and whatever it waited for) as JSON to argv[1].
LAUNCHER = """\
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    json.dump({"rc": rc, "seconds": seconds, "maxrss_kib": ru.ru_maxrss,
               "user": ru.ru_utime, "sys": ru.ru_stime}, f)
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Delivery
# ---------------------------------------------------------------------------------------------


def delivery_dir(participants: int, seed: int, bad_last_row: bool = False) -> Path:
    if participants % 1_000_000 == 0:
        size = f"{participants // 1_000_000}m"
    elif participants % 1_000 == 0:
        size = f"{participants // 1_000}k"
    else:
        size = str(participants)
    name = f"delivery-{size}"
    if seed != 1:
        name += f"-seed{seed}"
    if bad_last_row:
        name += "-badlast"
    return DATA / name


def count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))


def ensure_delivery(
    path: Path, projects: int, participants: int, outcomes: int, seed: int, bad_last_row: bool
) -> float | None:
    """Generate the delivery unless a complete one of the right size is there.

    Returns the generation time, or None when an existing delivery was reused.
    """
    participants_csv = path / "participants.csv"
    # delivery.csv is written last, so its presence means the folder is complete.
    if (path / "delivery.csv").exists() and count_lines(participants_csv) == participants + 1:
        log(f"using existing delivery {path.relative_to(ROOT)}")
        return None
    partial = path.with_name(path.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(path, ignore_errors=True)
    log(f"generating {path.relative_to(ROOT)} ...")
    t0 = time.perf_counter()
    generate(
        partial,
        projects=projects,
        participants=participants,
        outcomes=outcomes,
        seed=seed,
        bad_last_row=bad_last_row,
    )
    seconds = time.perf_counter() - t0
    partial.rename(path)
    log(f"generated in {seconds:.1f} s")
    return seconds


# ---------------------------------------------------------------------------------------------
# Measured child processes
# ---------------------------------------------------------------------------------------------


@dataclass
class Measured:
    rc: int
    seconds: float
    peak_bytes: int
    cpu_seconds: float
    log_path: Path


def run_measured(
    cmd: Sequence[str], env: dict[str, str], log_path: Path, timeout: float
) -> Measured:
    """Run `cmd` under the launcher; output goes to `log_path`."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        report = Path(tmp.name)
    try:
        with log_path.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-c", LAUNCHER, str(report), *cmd],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group, so a timeout can end all of it
            )
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return Measured(-1, timeout, 0, 0.0, log_path)
        data = json.loads(report.read_text()) if report.stat().st_size else {}
    finally:
        report.unlink(missing_ok=True)
    if not data:
        return Measured(proc.returncode or -1, 0.0, 0, 0.0, log_path)
    return Measured(
        rc=int(data["rc"]),
        seconds=float(data["seconds"]),
        peak_bytes=int(data["maxrss_kib"]) * 1024,  # Linux reports KiB
        cpu_seconds=float(data["user"]) + float(data["sys"]),
        log_path=log_path,
    )


def tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join("    " + line for line in text[-lines:])


def werkbrug_available(env: dict[str, str]) -> str | None:
    """None when `werkbrug import --help` works, else why not."""
    if not WERKBRUG.exists():
        return f"{WERKBRUG} does not exist"
    proc = subprocess.run(
        [str(WERKBRUG), "import", "--help"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    if proc.returncode != 0:
        last = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["(no output)"]
        return f"`werkbrug import --help` exited {proc.returncode}: {last[0]}"
    return None


# ---------------------------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------------------------


@dataclass
class Target:
    kind: str  # "postgres" or "sqlite"
    url: str  # DATABASE_URL
    pg_url: str = ""
    sqlite_path: Path | None = None

    @property
    def label(self) -> str:
        return "PostgreSQL" if self.kind == "postgres" else "SQLite"

    def create(self) -> None:
        if self.kind == "postgres":
            recreate_database(self.pg_url, PG_DATABASE)
        elif self.sqlite_path is not None:
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)

    def destroy(self) -> None:
        if self.kind == "postgres":
            drop_database(self.pg_url, PG_DATABASE)
        elif self.sqlite_path is not None:
            shutil.rmtree(self.sqlite_path.parent, ignore_errors=True)

    def row_counts(self) -> dict[str, int]:
        """Rows per table, to see what an import wrote (or that it wrote nothing)."""
        if self.kind == "postgres":
            with psycopg.connect(f"{self.pg_url}/{PG_DATABASE}", autocommit=True) as conn:
                tables = [
                    str(r[0])
                    for r in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                ]
                counts: dict[str, int] = {}
                for t in tables:
                    q = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))
                    row = conn.execute(q).fetchone()
                    counts[t] = int(row[0]) if row else 0
                return counts
        assert self.sqlite_path is not None
        if not self.sqlite_path.exists():
            return {}
        with contextlib.closing(sqlite3.connect(self.sqlite_path)) as conn:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}

    def checkpoint(self) -> None:
        """Flush the server's dirty buffers so that earlier work does not slow the next step."""
        if self.kind == "postgres":
            with psycopg.connect(f"{self.pg_url}/postgres", autocommit=True) as conn:
                conn.execute("CHECKPOINT")


def make_target(kind: str, pg_url: str, sqlite_dir: Path) -> Target:
    if kind == "postgres":
        return Target(kind, f"{pg_url}/{PG_DATABASE}", pg_url=pg_url)
    path = Path(tempfile.mkdtemp(prefix="werkbrug-bench-", dir=sqlite_dir)) / "bench.sqlite3"
    return Target(kind, f"sqlite:///{path}", sqlite_path=path)


@dataclass
class Row:
    """One line of the results table."""

    what: str
    kind: str  # "floor", "postgres", "sqlite"
    seconds: float
    peak_bytes: int | None = None
    cpu_seconds: float | None = None
    rc: int = 0
    rows_written: int | None = None
    note: str = ""
    limit_seconds: float | None = None
    ok: bool | None = None  # None: no requirement applies


@dataclass
class Run:
    participants: int
    projects: int
    outcomes: int
    delivery: Path
    generation_seconds: float | None
    floor: list[FloorResult] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    log_dir: Path = field(default_factory=lambda: OUT / datetime.now(UTC).strftime("%Y%m%dT%H%M%S"))

    @property
    def full_size(self) -> bool:
        return (self.projects, self.participants, self.outcomes) == FULL_SIZE

    @property
    def floor_seconds(self) -> float:
        return statistics.median(f.total_seconds for f in self.floor)


def written(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(after.get(t, 0) - before.get(t, 0) for t in set(before) | set(after))


def changed_tables(before: dict[str, int], after: dict[str, int]) -> str:
    deltas = {t: after.get(t, 0) - before.get(t, 0) for t in sorted(set(before) | set(after))}
    return ", ".join(f"{t} +{d:,}" for t, d in deltas.items() if d)


def bench_target(run: Run, target: Target, args: argparse.Namespace, bad_dir: Path | None) -> None:
    env = {**os.environ, "DATABASE_URL": target.url}
    name = f"bench-{run.participants}"
    logs = run.log_dir
    log(f"[{target.label}] creating database and migrating ({target.url})")
    target.create()
    mig = subprocess.run(
        [str(WERKBRUG), "migrate"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=args.timeout,
    )
    (logs / f"{target.kind}-migrate.log").parent.mkdir(parents=True, exist_ok=True)
    (logs / f"{target.kind}-migrate.log").write_text(mig.stdout + mig.stderr)
    if mig.returncode != 0:
        run.problems.append(f"{target.label}: `werkbrug migrate` exited {mig.returncode}")
        log(f"[{target.label}] migrate failed:\n{tail(logs / f'{target.kind}-migrate.log')}")
        return
    limit = LIMIT_SECONDS[target.kind] if run.full_size else None

    if bad_dir is not None:
        # Before the good import, into the empty database: the only reason to refuse it is then
        # the bad last row (not, say, a delivery name that already exists).
        before = target.row_counts()
        target.checkpoint()
        log(f"[{target.label}] import of the delivery whose last row is bad (expect exit 2)")
        cmd = [str(WERKBRUG), "import", str(bad_dir), "--name", f"{name}-badlast"]
        m = run_measured(cmd, env, logs / f"{target.kind}-import-badlast.log", args.timeout)
        after = target.row_counts()
        n = written(before, after)
        output = m.log_path.read_text(encoding="utf-8", errors="replace")
        line = str(run.participants + 1)
        # The line number may be printed with thousands separators (1,000,001 or 1.000.001).
        spellings = {
            line,
            f"{run.participants + 1:,}",
            f"{run.participants + 1:,}".replace(",", "."),
        }
        names_line = "participants.csv" in output and any(s in output for s in spellings)
        refused = m.rc == 2 and n == 0 and names_line
        note = f"exit {m.rc}; rows written {n:,}; error names participants.csv:{line}: " + (
            "yes" if names_line else "no"
        )
        run.rows.append(
            Row(
                f"{target.label}: refuse bad last row",
                target.kind,
                m.seconds,
                m.peak_bytes,
                m.cpu_seconds,
                m.rc,
                n,
                note,
                ok=refused,
            )
        )
        if not refused:
            run.problems.append(f"{target.label}: bad-last-row check failed ({note})")
            log(tail(m.log_path))

    before = target.row_counts()
    target.checkpoint()
    log(f"[{target.label}] werkbrug import {run.delivery.relative_to(ROOT)} --name {name}")
    cmd = [str(WERKBRUG), "import", str(run.delivery), "--name", name]
    m = run_measured(cmd, env, logs / f"{target.kind}-import.log", args.timeout)
    after = target.row_counts()
    n = written(before, after)
    ok: bool | None = None
    if m.rc != 0:
        run.problems.append(f"{target.label}: `werkbrug import` exited {m.rc} (log {m.log_path})")
        log(f"[{target.label}] import exited {m.rc}:\n{tail(m.log_path)}")
        ok = False
    elif limit is not None:
        ok = m.seconds <= limit and m.peak_bytes <= LIMIT_PEAK_BYTES
    log(f"[{target.label}] {m.seconds:.1f} s, peak {m.peak_bytes / MB:.0f} MB, rc {m.rc}")
    log(f"[{target.label}] rows written: {changed_tables(before, after) or 'none'}")
    run.rows.append(
        Row(
            f"werkbrug import → {target.label}",
            target.kind,
            m.seconds,
            m.peak_bytes,
            m.cpu_seconds,
            m.rc,
            n,
            "" if m.rc == 0 else f"exit {m.rc}",
            limit,
            ok,
        )
    )

    if args.reimport and m.rc == 0:
        log(f"[{target.label}] importing the same delivery again (expect no change)")
        target.checkpoint()
        m2 = run_measured(cmd, env, logs / f"{target.kind}-reimport.log", args.timeout)
        again = target.row_counts()
        n2 = written(after, again)
        ok2 = m2.rc == 0 and n2 == 0
        note = f"exit {m2.rc}; rows changed {n2:,}"
        run.rows.append(
            Row(
                f"{target.label}: same delivery again",
                target.kind,
                m2.seconds,
                m2.peak_bytes,
                m2.cpu_seconds,
                m2.rc,
                n2,
                note,
                ok=ok2,
            )
        )
        if not ok2:
            run.problems.append(f"{target.label}: re-import check failed ({note})")


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


def machine_description(pg_version: str) -> list[tuple[str, str]]:
    model = "unknown"
    mem = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    try:
        django = importlib.metadata.version("django")
    except importlib.metadata.PackageNotFoundError:
        django = "not installed"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {model}"),
        ("Memory", mem),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Django", django),
        ("PostgreSQL", pg_version or "unknown"),
        ("SQLite", sqlite3.sqlite_version),
        ("werkbrug commit", (commit or "none") + (" (with uncommitted changes)" if dirty else "")),
    ]


def secs(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def fmt_mb(n: int | None) -> str:
    return "" if n is None else f"{n / MB:,.0f}"


def table(run: Run) -> list[list[str]]:
    floor = run.floor_seconds
    header = ["target", "seconds", "CPU s", "peak MB", "× COPY floor", "rows written", "limit"]
    out = [[*header, "result", "note"]]
    runs = ", ".join(f"{f.total_seconds:.2f}" for f in run.floor)
    out.append(
        [
            "PostgreSQL COPY (floor)",
            secs(floor),
            "",
            "",
            "1.0",
            f"{run.floor[0].total_rows:,}",
            "",
            "",
            f"median of {len(run.floor)} run(s): {runs} s",
        ]
    )
    for r in run.rows:
        limit = ""
        if r.limit_seconds is not None:
            limit = f"≤ {r.limit_seconds:.0f} s, ≤ {LIMIT_PEAK_BYTES / 1e9:.0f} GB"
        result = {None: "", True: "pass", False: "FAIL"}[r.ok]
        out.append(
            [
                r.what,
                secs(r.seconds),
                "" if r.cpu_seconds is None else secs(r.cpu_seconds),
                fmt_mb(r.peak_bytes),
                f"{r.seconds / floor:.1f}" if floor else "",
                "" if r.rows_written is None else f"{r.rows_written:,}",
                limit,
                result,
                r.note,
            ]
        )
    return out


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for j, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def delivery_summary(run: Run) -> str:
    files = sorted(run.delivery.glob("*.csv"))
    total = sum(p.stat().st_size for p in files)
    sizes = ", ".join(f"{p.name} {p.stat().st_size / MB:.1f} MB" for p in files)
    return (
        f"{run.projects:,} projects, {run.participants:,} participants, {run.outcomes:,} outcomes; "
        f"{total / MB:.0f} MB of CSV ({sizes})"
    )


def record(run: Run, machine: list[tuple[str, str]]) -> None:
    size = "full size" if run.full_size else "reduced size, the requirement does not apply"
    block = [
        f"### {machine[0][1]}: {run.participants:,} participants ({size})",
        "",
        *[f"- {k}: {v}" for k, v in machine[1:]],
        f"- Delivery: {delivery_summary(run)}",
        "",
        markdown_table(table(run)),
        "",
    ]
    if run.problems:
        block += ["Problems:", "", *[f"- {p}" for p in run.problems], ""]
    text = README.read_text(encoding="utf-8")
    if RESULTS_START not in text or RESULTS_END not in text:
        text = text.rstrip() + f"\n\n## Results\n\n{RESULTS_START}\n{RESULTS_END}\n"
    head, rest = text.split(RESULTS_START, 1)
    body, foot = rest.split(RESULTS_END, 1)
    body = body.replace(NO_RESULTS, "").strip()
    # Newest first; earlier runs stay below.
    new_body = "\n".join(block) + ("\n" + body + "\n" if body else "")
    README.write_text(f"{head}{RESULTS_START}\n{new_body}{RESULTS_END}{foot}", encoding="utf-8")
    log(f"recorded in {README}")


# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", choices=["postgres", "sqlite", "both"], default="both")
    parser.add_argument("--participants", type=int, default=FULL_SIZE[1])
    parser.add_argument("--projects", type=int, default=FULL_SIZE[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record", action="store_true", help="write the results to README.md")
    parser.add_argument("--floor-runs", type=int, default=3, help="COPY floor repetitions")
    parser.add_argument(
        "--bad-last-row",
        action="store_true",
        help="also check that a delivery whose last participant row is bad is refused "
        "(exit 2, nothing written)",
    )
    parser.add_argument(
        "--reimport",
        action="store_true",
        help="also import the same delivery a second time and check that nothing changes",
    )
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="server URL, no database")
    parser.add_argument("--sqlite-dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per command")
    args = parser.parse_args(argv)
    if args.participants < 1 or args.projects < 1 or args.floor_runs < 1:
        parser.error("--participants, --projects and --floor-runs must be at least 1")

    outcomes = args.participants * 7 // 10
    delivery = delivery_dir(args.participants, args.seed)
    gen = ensure_delivery(delivery, args.projects, args.participants, outcomes, args.seed, False)
    bad_dir = None
    if args.bad_last_row:
        bad_dir = delivery_dir(args.participants, args.seed, bad_last_row=True)
        ensure_delivery(bad_dir, args.projects, args.participants, outcomes, args.seed, True)
    run = Run(args.participants, args.projects, outcomes, delivery, gen)
    log(f"delivery: {delivery_summary(run)}")

    for i in range(args.floor_runs):
        result = run_floor(delivery, pg_url=args.pg_url, keep=False)
        log(f"COPY floor run {i + 1}: {result.total_seconds:.2f} s ({result.total_rows:,} rows)")
        run.floor.append(result)
    pg_version = run.floor[0].server_version

    help_env = {**os.environ}
    help_env.setdefault("DATABASE_URL", f"{args.pg_url}/{PG_DATABASE}")
    unavailable = werkbrug_available(help_env)
    if unavailable:
        run.problems.append(f"werkbrug import not run: {unavailable}")
    else:
        kinds = ["postgres", "sqlite"] if args.db == "both" else [args.db]
        for kind in kinds:
            target = make_target(kind, args.pg_url, args.sqlite_dir)
            try:
                bench_target(run, target, args, bad_dir)
            except subprocess.TimeoutExpired as exc:
                run.problems.append(f"{target.label}: timed out: {exc.cmd}")
            finally:
                if not args.keep:
                    target.destroy()

    machine = machine_description(pg_version)
    print()
    for k, v in machine:
        print(f"{k + ':':17}{v}")
    print(f"{'Delivery:':17}{delivery_summary(run)}")
    if gen is not None:
        print(f"{'Generated in:':17}{gen:.1f} s")
    print()
    print(text_table(table(run)))
    if not run.full_size:
        print("\n(reduced size: the 60 s / 90 s / 2 GB requirement applies to the full size only)")
    for p in run.problems:
        print(f"problem: {p}")
    if args.record:
        record(run, machine)
    failed = run.problems or any(r.ok is False for r in run.rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
