"""Web benchmark on live data (issue 4): the caseload and participant pages at 20 users.

    python bench/web_live.py [--duration 60] [--users 20] [--record]

The requirement: with the benchmark delivery loaded as live data (1,000,000 participants,
`bench/load_live.py`), the caseload page and the participant page answer with p95 <= 150 ms at
20 concurrent users, measured from a second process against a production-style server on the
same machine.

1. Starts gunicorn (`werkbrug.wsgi`, default 4 sync workers) on a free port with
   `WERKBRUG_PRODUCTION=1` (DEBUG off, HTTPS-only cookies and redirects, WhiteNoise serving the
   collected, compressed static files), a secret key, `WERKBRUG_ALLOWED_HOSTS=127.0.0.1` and a
   scratch data folder. Every request carries `X-Forwarded-Proto: https`, as behind the TLS
   proxy of a real installation (`SECURE_PROXY_SSL_HEADER`).
2. Picks users from the database: mediators from different projects (about 40 participants
   each), coordinators of projects of about 1,000 participants, and the coordinator of the
   largest project. Logs each one in through the real `/login/` form (GET for the CSRF token,
   POST with it, Origin and Referer as a browser sends them) and checks that the caseload
   shows exactly the participants the database says the user may see, and that another
   mediator's participant answers 404.
3. Runs the load from separate client processes (one per user, standard library
   `http.client`, no think time unless `--think`): each loops for `--duration` seconds over
   its caseload (`/caseload/`, `?status=active`, `?due=1`, `?page=2`; coordinators also a
   middle page and `?mediator=`) and the participant pages of its own participants, recording
   the latency of every request (request sent to last byte read). Phases, all with the same
   number of concurrent clients:

   - warm-up (not recorded);
   - baseline: `GET /login/` by the logged-in users: the whole middleware stack, session and
     user lookup, a template with a form, but none of the pages' own queries;
   - mixed: mediators (and `--coordinators` coordinators) on caseloads and participant pages;
   - coordinators: coordinators of projects of about 1,000 participants only;
   - baseline again (the machine is shared: the two baselines show how much it drifted).

   Then, one request at a time (`--serial` requests per page), each page without queueing:
   the service time.
4. Reports per page and role p50/p95/p99, throughput and errors (anything but a 200 with the
   page's marker, e.g. a redirect to the login page), the ratio of each page's p95 to the
   baseline's, and where the CPU went: gunicorn workers, the PostgreSQL backends serving
   them, the client processes and everything else on the machine (from /proc).

`--record` writes `bench/web-results.md` (or `--results`) and, for the code as it is
(default `--app`, no `--think`), the results block of `bench/README.md`. `--app MODULE:NAME`
measures another WSGI application (bench/ is on its path), e.g. a variant of werkbrug's with a
proposed change applied in memory. Raw latencies and the server's log go to `bench/out/`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import math
import os
import platform
import random
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import psycopg
from copy_floor import DEFAULT_PG_URL
from load_live import DEFAULT_DB, DEFAULT_PASSWORD, SECRET_KEY, werkbrug_env, werkbrug_run

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
README = BENCH / "README.md"
RESULTS = BENCH / "web-results.md"
START = "<!-- web-results:start -->"
END = "<!-- web-results:end -->"
LIMIT_MS = 150.0
DEFAULT_APP = "werkbrug.wsgi:application"
CLK_TCK = os.sysconf("SC_CLK_TCK")

MARKERS = {
    "caseload": b'id="caseload-results"',
    "participant": b'id="h-timeline"',
    "baseline": b'name="csrfmiddlewaretoken"',
    "static": b"",
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process, 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / CLK_TCK, total / CLK_TCK


class Server:
    """gunicorn with werkbrug in production mode; only this process tree is ever stopped."""

    def __init__(self, env: dict[str, str], args: argparse.Namespace, log_path: Path) -> None:
        self.port = args.port or free_port()
        self.env = env
        self.log_path = log_path
        self.cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            args.app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            args.worker_class,
            "--threads",
            str(args.threads),
            "--timeout",
            "120",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ]
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log_file = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            self.cmd, env=self.env, cwd=ROOT, stdout=self.log_file, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited {self.proc.returncode}; see {self.log_path}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, _body, _h = request(self.port, "/login/")
                if status == 200 and len(self.worker_pids()) > 0:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer within 90 s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        pid = self.proc.pid
        with contextlib.suppress(OSError):
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        return []

    def cpu(self) -> dict[int, float]:
        assert self.proc is not None
        return {pid: proc_cpu(pid) for pid in [self.proc.pid, *self.worker_pids()]}

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if hasattr(self, "log_file"):
            self.log_file.close()


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------


def base_headers() -> dict[str, str]:
    return {"X-Forwarded-Proto": "https", "Accept-Language": "nl", "User-Agent": "werkbrug-bench"}


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    cookies: dict[str, str] | None = None,
    body: str | None = None,
    extra: dict[str, str] | None = None,
) -> tuple[int, bytes, http.client.HTTPMessage]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = base_headers()
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if extra:
            headers.update(extra)
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read(), resp.headers
    finally:
        conn.close()


def set_cookies(headers: http.client.HTTPMessage) -> dict[str, str]:
    jar: dict[str, str] = {}
    for raw in headers.get_all("Set-Cookie") or []:
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(raw)
        jar.update({k: m.value for k, m in parsed.items()})
    return jar


def login(port: int, username: str, password: str) -> tuple[str, float]:
    """Log in through the form as a browser does; return the session id and the seconds the
    POST took (password hashing included)."""
    status, body, headers = request(port, "/login/")
    if status != 200:
        raise RuntimeError(f"GET /login/ answered {status}")
    cookies = set_cookies(headers)
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not found or "csrftoken" not in cookies:
        raise RuntimeError("no CSRF token on the login page")
    origin = f"https://127.0.0.1:{port}"
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": found.group(1).decode(),
            "username": username,
            "password": password,
            "next": "",
        }
    )
    t0 = time.perf_counter()
    status, body, headers = request(
        port,
        "/login/",
        method="POST",
        cookies=cookies,
        body=form,
        extra={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": f"{origin}/login/",
        },
    )
    seconds = time.perf_counter() - t0
    session = set_cookies(headers).get("sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"login of {username} failed: {status} {body[:200]!r}")
    return session, seconds


# ---------------------------------------------------------------------------------------------
# Clients
# ---------------------------------------------------------------------------------------------


@dataclass
class Target:
    page: str  # caseload, participant, baseline, static
    variant: str  # e.g. "status=active"; for participant pages the path is drawn per request
    path: str
    weight: float


@dataclass
class User:
    id: int
    username: str
    role: str
    project: int
    visible: int  # participants the user may see (by the database)
    participants: list[int]  # ids of some of them
    mediators: list[int] = field(default_factory=list)  # of the project (coordinators)
    session: str = ""

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.visible / 25))


def plan_for(user: User) -> list[Target]:
    targets = [
        Target("caseload", "all", "/caseload/", 30),
        Target("caseload", "status=active", "/caseload/?status=active", 10),
        Target("caseload", "due=1", "/caseload/?due=1", 10),
    ]
    if user.pages > 1:
        targets.append(Target("caseload", "page=2", "/caseload/?page=2", 10))
    if user.role == "coordinator":
        if user.pages > 2:
            mid = user.pages // 2
            targets.append(Target("caseload", "page=middle", f"/caseload/?page={mid}", 5))
        if user.mediators:
            targets.append(
                Target("caseload", "mediator=…", f"/caseload/?mediator={user.mediators[0]}", 5)
            )
    targets.append(Target("participant", "", "", 40))
    return targets


@dataclass
class ClientSpec:
    port: int
    user: User
    targets: list[Target]
    start_at: float  # time.time()
    duration: float
    max_requests: int
    think: float
    seed: int


Sample = tuple[str, str, str, float, float, int, bool]  # page, role, variant, t, ms, status, ok


def run_client(spec: ClientSpec) -> tuple[list[Sample], float]:
    """One user's loop; returns its samples and the CPU seconds this client used."""
    rng = random.Random(spec.seed)
    user = spec.user
    cookie = f"sessionid={user.session}"
    headers = {**base_headers(), "Cookie": cookie}
    weights = [t.weight for t in spec.targets]
    conn = http.client.HTTPConnection("127.0.0.1", spec.port, timeout=60)
    samples: list[Sample] = []
    delay = spec.start_at - time.time()
    if delay > 0:
        time.sleep(delay)
    end = spec.start_at + spec.duration
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    while len(samples) < spec.max_requests:
        now = time.time()
        if now >= end:
            break
        target = rng.choices(spec.targets, weights)[0]
        path = target.path
        if target.page == "participant":
            path = f"/participants/{rng.choice(user.participants)}/"
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            status = resp.status
            if resp.will_close:
                conn.close()
        except (OSError, http.client.HTTPException):
            status, body = 0, b""
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", spec.port, timeout=60)
        ms = (time.perf_counter() - t0) * 1000
        ok = status == 200 and MARKERS[target.page] in body
        samples.append(
            (target.page, user.role, target.variant, now - spec.start_at, ms, status, ok)
        )
        if spec.think:
            time.sleep(rng.expovariate(1 / spec.think))
    conn.close()
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
    return samples, cpu


# ---------------------------------------------------------------------------------------------
# Phases and statistics
# ---------------------------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class Stats:
    label: str
    n: int
    errors: int
    p50: float
    p95: float
    p99: float
    mean: float
    max: float
    rate: float  # requests per second

    @classmethod
    def of(cls, label: str, samples: Sequence[Sample], seconds: float) -> Stats:
        ms = sorted(s[4] for s in samples)
        return cls(
            label,
            len(ms),
            sum(1 for s in samples if not s[6]),
            percentile(ms, 50),
            percentile(ms, 95),
            percentile(ms, 99),
            sum(ms) / len(ms) if ms else math.nan,
            ms[-1] if ms else math.nan,
            len(ms) / seconds if seconds else math.nan,
        )


@dataclass
class Phase:
    name: str
    clients: int
    seconds: float
    samples: list[Sample]
    cpu: dict[str, float]  # server, postgres, clients, machine busy, machine total
    load: tuple[float, float]  # 1-minute load average before, after
    status_counts: dict[int, int] = field(default_factory=dict)

    def stats(self) -> list[Stats]:
        groups: dict[str, list[Sample]] = defaultdict(list)
        for s in self.samples:
            groups[s[0]].append(s)
            groups[f"{s[0]} ({s[1]})"].append(s)
        return [Stats.of(k, v, self.seconds) for k, v in sorted(groups.items())]

    def variant_stats(self) -> list[Stats]:
        groups: dict[str, list[Sample]] = defaultdict(list)
        for s in self.samples:
            groups[f"{s[0]} ({s[1]}) {s[2]}".strip()].append(s)
        return [Stats.of(k, v, self.seconds) for k, v in sorted(groups.items())]


def pg_backend_cpu(pg_url: str, db: str) -> dict[int, float]:
    with psycopg.connect(f"{pg_url}/{db}") as conn:
        pids = [
            r[0]
            for r in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
        ]
    return {pid: proc_cpu(pid) for pid in pids}


def cpu_delta(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(v - before.get(pid, 0.0) for pid, v in after.items())


def run_phase(
    name: str,
    specs: list[ClientSpec],
    server: Server,
    args: argparse.Namespace,
    record: bool = True,
) -> Phase:
    log(f"phase {name}: {len(specs)} client(s), {specs[0].duration:.0f} s")
    pg0, srv0, m0 = pg_backend_cpu(args.pg_url, args.db), server.cpu(), machine_cpu()
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(len(specs), mp_context=get_context("fork")) as pool:
        results = list(pool.map(run_client, specs))
    elapsed = time.perf_counter() - t0
    pg1, srv1, m1 = pg_backend_cpu(args.pg_url, args.db), server.cpu(), machine_cpu()
    samples = [s for r in results for s in r[0]]
    seconds = min(specs[0].duration, max((s[3] + s[4] / 1000 for s in samples), default=0.0))
    if specs[0].max_requests < 10**9:  # serial probes: count-limited, time is what it took
        seconds = max((s[3] + s[4] / 1000 for s in samples), default=elapsed)
    status_counts: dict[int, int] = defaultdict(int)
    for s in samples:
        status_counts[s[5]] += 1
    phase = Phase(
        name,
        len(specs),
        seconds,
        samples,
        {
            "server": cpu_delta(srv0, srv1),
            "postgres": cpu_delta(pg0, pg1),
            "clients": sum(r[1] for r in results),
            "busy": m1[0] - m0[0],
            "total": m1[1] - m0[1],
            "wall": elapsed,
        },
        (load0, os.getloadavg()[0]),
        dict(status_counts),
    )
    if record:
        for st in phase.stats():
            if "(" not in st.label:
                log(
                    f"  {st.label:12} n={st.n:6}  p50={st.p50:7.1f}  p95={st.p95:7.1f}  "
                    f"p99={st.p99:7.1f} ms  {st.rate:6.1f}/s  errors={st.errors}"
                )
    return phase


# ---------------------------------------------------------------------------------------------
# Users
# ---------------------------------------------------------------------------------------------


def pick_users(
    pg_url: str, db: str, n_mediators: int, n_coordinators: int, seed: int
) -> dict[str, Any]:
    """Mediators of different projects, coordinators of ~1,000-participant projects, and the
    largest project's coordinator; with what the database says each may see."""
    rng = random.Random(seed)
    with psycopg.connect(f"{pg_url}/{db}") as conn:
        sizes = dict(
            conn.execute(
                "SELECT project_id, count(*) FROM people_participant WHERE erased_on IS NULL "
                "GROUP BY project_id"
            ).fetchall()
        )
        coordinators = dict(
            conn.execute(
                "SELECT s.project_id, u.id FROM projects_project_staff s "
                "JOIN accounts_user u ON u.id = s.user_id WHERE u.role = 'coordinator'"
            ).fetchall()
        )
        usernames = dict(conn.execute("SELECT id, username FROM accounts_user").fetchall())
        staff_mediators: dict[int, list[int]] = defaultdict(list)
        for project, uid in conn.execute(
            "SELECT s.project_id, u.id FROM projects_project_staff s "
            "JOIN accounts_user u ON u.id = s.user_id WHERE u.role = 'mediator' ORDER BY u.id"
        ):
            staff_mediators[project].append(uid)
        # Mediators: from different projects, drawn in proportion to project size.
        projects = sorted(sizes)
        chosen_projects: list[int] = []
        while len(chosen_projects) < min(n_mediators, len(projects)):
            p = rng.choices(projects, [sizes[p] for p in projects])[0]
            if p not in chosen_projects:
                chosen_projects.append(p)
        mediators: list[User] = []
        for p in chosen_projects:
            uid = rng.choice(staff_mediators[p])
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT p.id FROM people_participant p JOIN trajectories_trajectory t "
                    "ON t.participant_id = p.id WHERE t.mediator_id = %s AND p.erased_on IS NULL "
                    "ORDER BY p.id",
                    (uid,),
                )
            ]
            if ids:
                mediators.append(User(uid, usernames[uid], "mediator", p, len(ids), ids))

        def coordinator(p: int) -> User:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM people_participant WHERE project_id = %s "
                    "AND erased_on IS NULL ORDER BY id",
                    (p,),
                )
            ]
            uid = coordinators[p]
            sample = sorted(rng.sample(ids, min(200, len(ids))))
            meds = list(staff_mediators[p])
            rng.shuffle(meds)
            return User(uid, usernames[uid], "coordinator", p, len(ids), sample, meds)

        near = sorted(projects, key=lambda p: (abs(sizes[p] - 1000), p))[:n_coordinators]
        largest = max(projects, key=lambda p: (sizes[p], -p))
        return {
            "mediators": mediators,
            "coordinators": [coordinator(p) for p in near],
            "largest": coordinator(largest),
            "sizes": sizes,
        }


def verify(port: int, users: Iterable[User], other: User) -> list[str]:
    """The caseload shows what the database says each user may see; others' participants
    answer 404."""
    problems = []
    for user in users:
        status, body, _h = request(port, "/caseload/", cookies={"sessionid": user.session})
        found = re.search(rb'<p class="muted">(\d+) ', body)
        shown = int(found.group(1)) if found else -1
        if status != 200 or shown != user.visible:
            problems.append(
                f"{user.username}: caseload {status}, shows {shown}, expected {user.visible}"
            )
        pid = user.participants[0]
        status, _b, _h = request(port, f"/participants/{pid}/", cookies={"sessionid": user.session})
        if status != 200:
            problems.append(f"{user.username}: own participant {pid} answered {status}")
        if user.role == "mediator" and other.id != user.id:
            pid = other.participants[0]
            status, _b, _h = request(
                port, f"/participants/{pid}/", cookies={"sessionid": user.session}
            )
            if status != 404:
                problems.append(f"{user.username}: someone else's participant answered {status}")
    return problems


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def machine(pg_url: str, db: str) -> list[tuple[str, str]]:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with psycopg.connect(f"{pg_url}/{db}") as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
        settings = ", ".join(
            f"{name} {conn.execute(f'SHOW {name}').fetchone()[0]}"  # type: ignore[index]
            for name in ("shared_buffers", "work_mem", "effective_cache_size", "max_connections")
        )
        size = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]  # type: ignore[index]
    versions = []
    for name in ("django", "gunicorn", "psycopg"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version as v

            versions.append(f"{name} {v(name)}")
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        ("Date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", f"{len(os.sched_getaffinity(0))} cores (nproc), {model}"),
        ("Memory", mem),
        ("OS", f"{platform.system()} {platform.release()}; Python {platform.python_version()}"),
        ("Software", ", ".join(versions)),
        ("PostgreSQL", f"{version} (same machine; {settings}); database {db}, {size}"),
        ("werkbrug commit", commit + (" (src has uncommitted changes)" if dirty else "")),
    ]


def fmt(x: float) -> str:
    if math.isnan(x):
        return "–"
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}"


def stats_table(rows: list[Stats], baseline_p95: float | None) -> list[str]:
    head = "| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |"
    sep = "|---|--:|--:|--:|--:|--:|--:|--:|"
    if baseline_p95:
        head += " p95 / baseline p95 |"
        sep += "--:|"
    lines = [head, sep]
    for s in rows:
        line = (
            f"| {s.label} | {s.n:,} | {s.errors} | {s.rate:.1f} | {fmt(s.p50)} | "
            f"{fmt(s.p95)} | {fmt(s.p99)} | {fmt(s.max)} |"
        )
        if baseline_p95:
            line += f" {s.p95 / baseline_p95:.1f} |"
        lines.append(line)
    return lines


def cpu_line(phase: Phase) -> str:
    c = phase.cpu
    n = max(1, len(phase.samples))
    wall = c["wall"] or 1.0
    ours = c["server"] + c["postgres"] + c["clients"]
    others = max(0.0, c["busy"] - ours)
    return (
        f"| {phase.name} | {phase.clients} | {phase.seconds:.0f} | {len(phase.samples):,} | "
        f"{1000 * c['server'] / n:.1f} | {1000 * c['postgres'] / n:.1f} | "
        f"{1000 * c['clients'] / n:.1f} | {c['busy'] / wall:.2f} | {others / wall:.2f} | "
        f"{phase.load[0]:.1f} → {phase.load[1]:.1f} |"
    )


def write_report(
    info: list[tuple[str, str]],
    args: argparse.Namespace,
    phases: dict[str, Phase],
    serial: list[Phase],
    users: dict[str, Any],
    logins: list[float],
    verify_problems: list[str],
    load_summary: dict[str, Any] | None,
) -> tuple[str, str]:
    """(the README block, the full results file)."""
    base = [
        s for name in ("baseline", "baseline-2") if name in phases for s in phases[name].samples
    ]
    base_p95 = percentile(sorted(s[4] for s in base), 95)
    mixed, coord = phases["mixed"], phases["coordinators"]

    def row(label: str, phase: Phase, page: str) -> Stats:
        chosen = [s for s in phase.samples if s[0] == page]
        return Stats.of(label, chosen, phase.seconds)

    summary = [
        Stats.of(
            "baseline: `GET /login/`, logged in (both runs)",
            base,
            sum(phases[n].seconds for n in ("baseline", "baseline-2") if n in phases),
        ),
        row("caseload (mixed: mediators + coordinators)", mixed, "caseload"),
        row("participant page (mixed)", mixed, "participant"),
        row("caseload (coordinators, ~1,000-participant projects)", coord, "caseload"),
        row("participant page (coordinators)", coord, "participant"),
    ]
    verdict = []
    for label, st in (
        ("caseload", summary[1]),
        ("participant page", summary[2]),
        ("coordinators' caseload", summary[3]),
    ):
        ok = st.p95 <= LIMIT_MS and st.errors == 0
        verdict.append(
            f"{label} p95 {fmt(st.p95)} ms: {'meets' if ok else 'MISSES'} ≤ {LIMIT_MS:.0f} ms"
        )
    n_med = sum(1 for u in phases["mixed"].samples if u[1] == "mediator")
    serial_rows = [Stats.of(p.name.removeprefix("serial: "), p.samples, p.seconds) for p in serial]
    med_users = [u for u in users["mediators"]]
    block = [
        f"#### {info[0][1]}: {args.users} concurrent users, {args.duration:.0f} s per phase",
        "",
        *[f"- {k}: {v}" for k, v in info[1:]],
        f"- Server: gunicorn `{args.app}`"
        + (
            f" (`WERKBRUG_BENCH_WHATIF={os.environ.get('WERKBRUG_BENCH_WHATIF', 'employer')}`)"
            if args.app != DEFAULT_APP
            else ""
        )
        + f", {args.workers} `{args.worker_class}` worker(s)"
        + (f" × {args.threads} threads" if args.threads > 1 else "")
        + ", `WERKBRUG_PRODUCTION=1`, DEBUG off; clients: one process per user, "
        + ("no think time" if not args.think else f"think time {args.think} s (mean)"),
    ]
    if load_summary:
        block.append(
            f"- Data: {load_summary['participants']:,} participants in "
            f"{load_summary['projects']:,} projects, loaded by `load_live.py` in "
            f"{load_summary['total_seconds']:.0f} s ({load_summary['finished_at']}; "
            f"invariant violations: {load_summary['invariant_violations']})"
        )
    block += [
        f"- Users: {len(med_users)} mediators (caseloads of "
        f"{min(u.visible for u in med_users)}–{max(u.visible for u in med_users)}) and "
        f"{args.coordinators} coordinators in the mixed phase ({n_med:,} of its requests by "
        f"mediators); {len(users['coordinators'])} coordinators of projects of "
        f"{min(u.visible for u in users['coordinators']):,}–"
        f"{max(u.visible for u in users['coordinators']):,} participants in the coordinators' "
        f"phase; logged in through the form (median POST /login/ "
        f"{1000 * sorted(logins)[len(logins) // 2]:.0f} ms)",
        "- Checks before the load: " + ("; ".join(verify_problems) or "all passed"),
        "",
        *stats_table(summary, base_p95),
        "",
        "Requirement (p95 ≤ 150 ms at 20 concurrent users): " + "; ".join(verdict) + ".",
        "",
        "One request at a time (no queueing: the service time; ratio to the baseline's p95 "
        "measured the same way):",
        "",
        *stats_table(serial_rows, serial_rows[0].p95 if serial_rows else None),
        "",
        "Where the CPU went (per request; cores busy = machine-wide CPU seconds per second):",
        "",
        "| phase | clients | s | requests | gunicorn ms | PostgreSQL ms | clients ms | "
        "cores busy | cores used by other work | load avg |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        *[cpu_line(p) for p in phases.values()],
    ]
    full = [
        "# Web benchmark on live data: results",
        "",
        "Written by `bench/web_live.py --record` (see its docstring and `bench/README.md`).",
        "",
        *block,
        "",
        "## Every phase, per page, role and variant",
        "",
    ]
    for phase in [*phases.values(), *serial]:
        full += [f"### {phase.name} ({phase.clients} client(s), {phase.seconds:.0f} s)", ""]
        full += stats_table(phase.variant_stats(), base_p95 if phase.clients > 1 else None)
        codes = ", ".join(f"{k}: {v:,}" for k, v in sorted(phase.status_counts.items()))
        full += ["", f"HTTP status codes: {codes}", ""]
    full += ["## Users", ""]
    for u in [*users["mediators"], *users["coordinators"], users["largest"]]:
        full.append(f"- {u.username} ({u.role}, project {u.project}): {u.visible:,} participants")
    return "\n".join(block) + "\n", "\n".join(full) + "\n"


def record_readme(block: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{README} has no {START} … {END} block")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{block}{END}{tail}", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Measure the caseload and participant pages under concurrent users "
        "against gunicorn in production mode, on the database bench/load_live.py made.",
    )
    parser.add_argument("--db", default=DEFAULT_DB, help=f"database (default {DEFAULT_DB})")
    parser.add_argument(
        "--pg-url", default=DEFAULT_PG_URL, help=f"server (default {DEFAULT_PG_URL})"
    )
    parser.add_argument("--users", type=int, default=20, help="concurrent users (default 20)")
    parser.add_argument(
        "--coordinators",
        type=int,
        default=4,
        help="coordinators among the users of the mixed phase (default 4)",
    )
    parser.add_argument("--duration", type=float, default=60, help="seconds per phase (60)")
    parser.add_argument("--warmup", type=float, default=15, help="warm-up seconds (15)")
    parser.add_argument(
        "--serial", type=int, default=60, help="requests per page one at a time (60; 0 skips)"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean think time between a user's requests, seconds (default 0)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--app",
        default=DEFAULT_APP,
        help=f"WSGI application (default {DEFAULT_APP}; bench/ is on the path)",
    )
    parser.add_argument(
        "--results",
        default=RESULTS.name,
        help=f"results file in bench/ for --record (default {RESULTS.name}); the README "
        "block is only written for the default --app without --think",
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help="write the results file and (see --results) the block in bench/README.md",
    )
    args = parser.parse_args(argv)
    if args.coordinators >= args.users:
        parser.error("--coordinators must be fewer than --users")

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = OUT / f"web-{stamp}"
    out.mkdir(parents=True, exist_ok=True)
    info = machine(args.pg_url, args.db)
    picked = pick_users(args.pg_url, args.db, args.users - args.coordinators, args.users, args.seed)
    mediators: list[User] = picked["mediators"]
    coordinators: list[User] = picked["coordinators"]
    largest: User = picked["largest"]
    mixed_users = mediators + coordinators[: args.coordinators]
    log(
        f"users: {len(mediators)} mediators, {len(coordinators)} coordinators "
        f"(projects of {min(u.visible for u in coordinators)}–"
        f"{max(u.visible for u in coordinators)}), largest project {largest.visible:,}"
    )

    data_dir = tempfile.mkdtemp(prefix="werkbrug-web-bench-")
    env = werkbrug_env(f"{args.pg_url}/{args.db}", data_dir)
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(BENCH)])
    env.update(
        WERKBRUG_PRODUCTION="1",
        WERKBRUG_ALLOWED_HOSTS="127.0.0.1,localhost",
        WERKBRUG_SECRET_KEY=SECRET_KEY,
    )
    collect = werkbrug_run(env, "collectstatic", "--noinput", "-v", "0")
    if collect.returncode != 0:
        log(collect.stdout + collect.stderr)
        return 1
    check = werkbrug_run(env, "check", "--deploy")
    (out / "check-deploy.txt").write_text(check.stdout + check.stderr)

    server = Server(env, args, out / "gunicorn.log")
    server.start()
    log(f"gunicorn on 127.0.0.1:{server.port}, workers {server.worker_pids()}")
    try:
        logins = []
        everyone = {u.id: u for u in [*mixed_users, *coordinators, largest]}
        for user in everyone.values():
            session, seconds = login(server.port, user.username, args.password)
            logins.append(seconds)
            for same in [*mixed_users, *coordinators, largest]:
                if same.id == user.id:
                    same.session = session
        problems = verify(server.port, everyone.values(), mediators[-1])
        for p in problems:
            log(f"CHECK FAILED: {p}")

        def specs(
            users: list[User], duration: float, plan: Any = None, n: int = 10**9, seed: int = 0
        ) -> list[ClientSpec]:
            start = time.time() + 2.0
            return [
                ClientSpec(
                    server.port,
                    u,
                    plan(u) if plan else plan_for(u),
                    start,
                    duration,
                    n,
                    args.think if n == 10**9 else 0.0,  # serial probes never wait
                    args.seed * 1000 + seed * 100 + i,
                )
                for i, u in enumerate(users)
            ]

        def baseline(_u: User) -> list[Target]:
            return [Target("baseline", "GET /login/", "/login/", 1)]

        phases: dict[str, Phase] = {}
        run_phase("warm-up", specs(mixed_users, args.warmup, seed=9), server, args, record=False)
        phases["baseline"] = run_phase(
            "baseline", specs(mixed_users, args.duration, baseline, seed=1), server, args
        )
        phases["mixed"] = run_phase(
            "mixed", specs(mixed_users, args.duration, seed=2), server, args
        )
        phases["coordinators"] = run_phase(
            "coordinators", specs(coordinators, args.duration, seed=3), server, args
        )
        phases["baseline-2"] = run_phase(
            "baseline-2", specs(mixed_users, args.duration, baseline, seed=4), server, args
        )

        serial: list[Phase] = []
        if args.serial:
            med, crd = mediators[0], coordinators[0]
            probes = [
                (
                    "serial: baseline GET /login/",
                    med,
                    Target("baseline", "GET /login/", "/login/", 1),
                ),
                (
                    "serial: static file (WhiteNoise)",
                    med,
                    Target("static", "werkbrug.css", static_path(server.port, med), 1),
                ),
                ("serial: mediator caseload", med, Target("caseload", "all", "/caseload/", 1)),
                ("serial: mediator participant page", med, Target("participant", "", "", 1)),
                (
                    f"serial: coordinator caseload ({crd.visible:,})",
                    crd,
                    Target("caseload", "all", "/caseload/", 1),
                ),
                (
                    "serial: coordinator caseload, middle page",
                    crd,
                    Target("caseload", "page=middle", f"/caseload/?page={crd.pages // 2}", 1),
                ),
                ("serial: coordinator participant page", crd, Target("participant", "", "", 1)),
                (
                    f"serial: largest project's caseload ({largest.visible:,})",
                    largest,
                    Target("caseload", "all", "/caseload/", 1),
                ),
                (
                    "serial: largest project, middle page",
                    largest,
                    Target("caseload", "page=middle", f"/caseload/?page={largest.pages // 2}", 1),
                ),
            ]
            for name, user, target in probes:
                serial.append(
                    run_phase(
                        name,
                        specs([user], 3600, lambda _u, t=target: [t], args.serial, seed=5),
                        server,
                        args,
                    )
                )
    finally:
        server.stop()

    raw = {name: phase.samples for name, phase in [*phases.items(), *((p.name, p) for p in serial)]}
    (out / "samples.json").write_text(json.dumps(raw))
    load_file = OUT / f"load-{args.db}.json"
    load_summary = json.loads(load_file.read_text()) if load_file.exists() else None
    block, full = write_report(info, args, phases, serial, picked, logins, problems, load_summary)
    (out / "web-results.md").write_text(full)
    print(block)
    log(f"raw samples and logs in {out}")
    if args.record:
        results = BENCH / args.results
        results.write_text(full, encoding="utf-8")
        log(f"recorded in {results.relative_to(ROOT)}")
        if args.app == DEFAULT_APP and not args.think:
            record_readme(block)
            log(f"recorded in {README.relative_to(ROOT)}")
    return 0 if not problems else 1


def static_path(port: int, user: User) -> str:
    """The hashed URL of the stylesheet, as the pages link it."""
    _status, body, _h = request(port, "/login/", cookies={"sessionid": user.session})
    found = re.search(rb'href="(/static/[^"]+\.css)"', body)
    return found.group(1).decode() if found else "/static/web/werkbrug.css"


if __name__ == "__main__":
    sys.exit(main())
