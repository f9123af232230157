"""Where a page's time goes, in process: queries per request, SQL time, the rest (Python and
templates), and optionally EXPLAIN ANALYZE of each query and a profile.

    python bench/web_queries.py [--db werkbrug_bench_live] [--explain] [--profile] [--queries]

Runs Django in this process against the database `load_live.py` made (DEBUG off, so templates
are cached as in production), logs in one mediator and one coordinator of a project of about
1,000 participants (as `web_live.py` picks them) and the largest project's coordinator with
the test client, and requests each page `--repeat` times after a warm-up. For every page it
prints the median time, the number of queries, their total time and the slowest query;
`--explain` adds `EXPLAIN (ANALYZE, BUFFERS)` of every distinct query of each page,
`--profile` the top functions by own time, `--queries` every query of the last request.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from copy_floor import DEFAULT_PG_URL
from load_live import DEFAULT_DB, SRC, werkbrug_env
from web_live import pick_users


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Queries, SQL time and the rest per page, in process (see the docstring)."
    )
    parser.add_argument("--db", default=DEFAULT_DB, help=f"database (default {DEFAULT_DB})")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--repeat", type=int, default=20, help="requests per page (20)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE every query")
    parser.add_argument("--profile", action="store_true", help="cProfile each page once")
    parser.add_argument("--queries", action="store_true", help="list every query of each page")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    picked = pick_users(args.pg_url, args.db, 1, 1, args.seed)
    mediator, coordinator = picked["mediators"][0], picked["coordinators"][0]
    largest = picked["largest"]

    env = werkbrug_env(f"{args.pg_url}/{args.db}", tempfile.mkdtemp(prefix="werkbrug-q-"))
    for key in ("DATABASE_URL", "WERKBRUG_SECRET_KEY", "WERKBRUG_DATA_DIR"):
        os.environ[key] = env[key]
    os.environ["DJANGO_SETTINGS_MODULE"] = "werkbrug.settings"
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from werkbrug.accounts.models import User

    pages: list[tuple[str, Any, str]] = [
        ("baseline GET /login/", mediator, "/login/"),
        ("mediator caseload", mediator, "/caseload/"),
        ("mediator caseload ?due=1", mediator, "/caseload/?due=1"),
        ("mediator participant page", mediator, f"/participants/{mediator.participants[0]}/"),
        (
            "mediator asks for suggestions",
            mediator,
            f"/participants/{mediator.participants[0]}/suggestions/",
        ),
        (f"coordinator caseload ({coordinator.visible:,})", coordinator, "/caseload/"),
        (
            "coordinator caseload, middle page",
            coordinator,
            f"/caseload/?page={coordinator.pages // 2}",
        ),
        (
            "coordinator participant page",
            coordinator,
            f"/participants/{coordinator.participants[0]}/",
        ),
        (f"largest project's caseload ({largest.visible:,})", largest, "/caseload/"),
    ]
    clients: dict[int, Client] = {}
    for _name, user, _path in pages:
        if user.id not in clients:
            client = Client()
            client.force_login(User.objects.get(pk=user.id))
            clients[user.id] = client

    print(f"{'page':40} {'ms (median)':>11} {'queries':>8} {'SQL ms':>7} {'rest ms':>8}  slowest")
    for name, user, path in pages:
        client = clients[user.id]
        client.get(path)  # warm-up
        times, sql_ms, counts = [], [], []
        captured: list[dict[str, str]] = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            sql_ms.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
            counts.append(len(ctx.captured_queries))
            captured = ctx.captured_queries
        median = statistics.median(times)
        sql = statistics.median(sql_ms)
        slowest = max(captured, key=lambda q: float(q["time"]))
        print(
            f"{name:40} {median:11.1f} {counts[-1]:8} {sql:7.1f} {median - sql:8.1f}  "
            f"{float(slowest['time']) * 1000:.1f} ms: {slowest['sql'][:90]}"
        )
        if args.queries:
            for q in captured:
                print(f"    {float(q['time']) * 1000:5.1f} ms  {q['sql'][:160]}")
        if args.explain:
            seen = set()
            for q in captured:
                if q["sql"] in seen or not q["sql"].lstrip().upper().startswith("SELECT"):
                    continue
                seen.add(q["sql"])
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                    plan = "\n      ".join(r[0] for r in cur.fetchall())
                print(f"\n    {q['sql']}\n      {plan}\n")
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            client.get(path)
            prof.disable()
            out = Path(tempfile.mkstemp(suffix=".txt")[1])
            with out.open("w") as f:
                pstats.Stats(prof, stream=f).sort_stats("tottime").print_stats(15)
            print("    " + "\n    ".join(out.read_text().splitlines()[6:30]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
