"""API benchmark (issue 14): reads at 20 clients with think time, activity creates at 8.

    python bench/api.py [--participants 2000] [--readers 20] [--duration 30]
                        [--creates 10000] [--writers 8] [--pg-url URL]

The requirement, on the benchmark data (1,000,000 live participants): `GET
/api/v1/participants?page_size=50` for a mediator and `GET /api/v1/participants/{id}` with
p95 <= 50 ms at 20 clients with 1 s think time; creating 10,000 activities through the API
with 8 clients at >= 200 per second.

1. Makes a scratch database (SQLite in a temporary folder, or with `--pg-url` a fresh
   PostgreSQL database `werkbrug_bench_api`), migrates it and registers `--participants`
   participants in one project, spread over mediators' caseloads of about 40 each, through
   the services (as the pages do). One token per client, with the scopes it needs.
2. Starts `werkbrug runserver --noreload` on a free port on 127.0.0.1 (Django's threaded
   server, DEBUG off) with `WERKBRUG_API_RATE_PER_MINUTE` high enough not to refuse the load.
3. Readers: each thread is a mediator; it alternates the first page of its participants
   (page_size=50) and one of its participants, sleeping `--think` seconds between requests.
   Writers: `--writers` threads create `--creates` activities between them as fast as the
   server answers, each with an Idempotency-Key.
4. Prints p50/p95/p99 per request kind, errors, and the write rate.

It is not run in the test suite; record results in bench/README.md with the machine and the
data size (small sizes on a shared machine say little about the requirement)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
WERKBRUG = [sys.executable, "-m", "werkbrug"]
CASELOAD = 40


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def seed(participants: int, readers: int, writers: int) -> dict[str, Any]:
    """The programme and one token per client; runs in this process (Django set up)."""
    import django

    django.setup()
    from django.core.management import call_command

    from werkbrug.accounts.models import Role
    from werkbrug.accounts.services import user_create
    from werkbrug.api.tokens import token_create
    from werkbrug.people.services import participant_intake
    from werkbrug.people.values import ContactValues, ParticipantProfile
    from werkbrug.projects.models import Project

    call_command("migrate", verbosity=0)
    project = Project.objects.create(
        code="bench",
        name="API bench",
        start_date=dt.date(2025, 1, 1),
        target_participants=participants,
        target_transitions=participants // 2,
    )
    mediators = []
    for i in range(max(readers, writers, participants // CASELOAD)):
        user = user_create(username=f"m{i}", password=uuid.uuid4().hex, role=Role.MEDIATOR)
        project.staff.add(user)
        mediators.append(user)
    caseloads: dict[int, list[int]] = {m.pk: [] for m in mediators}
    for i in range(participants):
        mediator = mediators[i % len(mediators)]
        p = participant_intake(
            actor=mediator,
            project=project,
            profile=ParticipantProfile(intake_date=dt.date(2025, 3, 1), gender="f"),
            contact=ContactValues(),
            mediator=mediator,
        )
        caseloads[mediator.pk].append(p.pk)
    scopes = ["participants:read", "trajectories:write"]
    clients = []
    for mediator in mediators[: max(readers, writers)]:
        token = token_create(actor=None, user=mediator, scopes=scopes, days=1).text
        clients.append({"token": token, "participants": caseloads[mediator.pk]})
    return {"clients": clients}


def read_loop(
    base: str, client: dict[str, Any], until: float, think: float, out: dict[str, list[float]]
) -> None:
    headers = {"Authorization": f"Bearer {client['token']}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        turn = 0
        while time.monotonic() < until:
            if turn % 2 == 0:
                kind, path = "list", "/participants?page_size=50"
            else:
                kind, path = "single", f"/participants/{random.choice(client['participants'])}"
            start = time.perf_counter()
            answer = http.get(path)
            elapsed = time.perf_counter() - start
            out[kind if answer.status_code == 200 else f"error {answer.status_code}"].append(
                elapsed
            )
            turn += 1
            time.sleep(think)


def write_loop(base: str, client: dict[str, Any], count: int, out: dict[str, list[float]]) -> None:
    headers = {"Authorization": f"Bearer {client['token']}"}
    body = {"kind": "conversation", "start_date": "2025-03-02"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        for i in range(count):
            pk = client["participants"][i % len(client["participants"])]
            start = time.perf_counter()
            answer = http.post(
                f"/participants/{pk}/activities",
                json=body,
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            elapsed = time.perf_counter() - start
            out["create" if answer.status_code == 201 else f"error {answer.status_code}"].append(
                elapsed
            )


def run(threads: list[threading.Thread]) -> float:
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def wait_for(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("bench/api.py: the server did not start")
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("bench/api.py: the server did not answer")


def report(name: str, samples: dict[str, list[float]], seconds: float) -> None:
    print(f"\n{name} ({seconds:.1f} s)")
    print("| request | n | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for kind, values in samples.items():
        ms = [v * 1000 for v in values]
        print(
            f"| {kind} | {len(ms)} | {percentile(ms, 50):.1f} | {percentile(ms, 95):.1f} "
            f"| {percentile(ms, 99):.1f} |"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30, help="seconds of reading")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between reads")
    parser.add_argument("--creates", type=int, default=10000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--pg-url", help="e.g. postgresql://postgres@127.0.0.1:5432")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="werkbrug-bench-api-"))
    env = dict(os.environ)
    env["WERKBRUG_DATA_DIR"] = str(scratch)
    env["WERKBRUG_API_RATE_PER_MINUTE"] = str(10**6)
    env["DJANGO_SETTINGS_MODULE"] = "werkbrug.settings"
    if args.pg_url:
        db = "werkbrug_bench_api"
        import psycopg

        with psycopg.connect(args.pg_url + "/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {db}")
            conn.execute(f"CREATE DATABASE {db}")
        env["DATABASE_URL"] = f"{args.pg_url}/{db}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ.update(env)
    started = time.perf_counter()
    world = seed(args.participants, args.readers, args.writers)
    print(f"seeded {args.participants} participants in {time.perf_counter() - started:.1f} s")

    port = free_port()
    server = subprocess.Popen(
        [*WERKBRUG, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_for(base, server)
        reads: dict[str, list[float]] = defaultdict(list)
        until = time.monotonic() + args.duration
        readers = [
            threading.Thread(target=read_loop, args=(base, c, until, args.think, reads))
            for c in world["clients"][: args.readers]
        ]
        report(f"reads, {args.readers} clients, think {args.think} s", reads, run(readers))
        writes: dict[str, list[float]] = defaultdict(list)
        share = args.creates // args.writers
        writers = [
            threading.Thread(target=write_loop, args=(base, c, share, writes))
            for c in world["clients"][: args.writers]
        ]
        seconds = run(writers)
        report(f"creates, {args.writers} clients", writes, seconds)
        print(f"\n{len(writes['create']) / seconds:.0f} activities per second")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
