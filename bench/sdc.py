"""Disclosure control benchmark: the optimal method (werkbrug.indicators.sdc) against the
greedy one it replaced (bench/greedy_suppression.py), on the demo's final report and on
generated reports.

    .venv/bin/python bench/sdc.py                       # demo + 3 generated reports each size
    .venv/bin/python bench/sdc.py --projects 5 10 --seeds 3

For each report and method: the counts suppressed (of the counts table), all values
suppressed (with the shares that follow), the persons in the suppressed counts, the seconds,
(CPU and wall clock) and the narrowest interval a reader can give a suppressed count by
linear programming
(tests/indicators/audit.py; the protection asks for at least half the minimum, 5).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import greedy_suppression  # noqa: E402
from tests.indicators.audit import intervals  # noqa: E402
from tests.indicators.demo import load  # noqa: E402

from werkbrug.indicators import (  # noqa: E402
    COUNT_PATHS,
    EDUCATION_LEVELS,
    OUTCOME_CODES,
    ProjectFacts,
    ProjectInfo,
    ReportSettings,
    build_report,
    facts_from_rows,
    get_path,
    suppress,
)
from werkbrug.indicators.model import CONTRACT_CODES  # noqa: E402

MIN_CELL = 10
Method = Callable[[dict[str, Any], int], dict[str, Any]]


def demo() -> dict[str, Any]:
    delivery = load("eindrapportage")
    settings = ReportSettings()
    facts = facts_from_rows(delivery.projects, delivery.participants, delivery.outcomes, settings)
    return build_report(
        delivery=delivery.name,
        delivered_on=delivery.delivered_on,
        projects=delivery.projects,
        facts=facts,
        settings=settings,
    )


def generated(n_projects: int, seed: int) -> dict[str, Any]:
    """Projects of 5 to 120 participants with a skewed mix, so some cells are small."""
    rng = random.Random(seed)
    projects, facts = [], {}
    for i in range(n_projects):
        code = f"p{i:03d}"
        size = rng.randint(5, 120)
        outcomes = Counter(rng.choices([*OUTCOME_CODES, "ongoing"], [6, 2, 0.3, 3, 1, 1], k=size))
        ongoing = outcomes.pop("ongoing", 0)
        transitions = outcomes["work"] + outcomes["learn_work"] + outcomes["self_employed"]
        ages = Counter(rng.choices(range(18, 66), k=size - rng.randint(0, 2)))
        education = Counter(rng.choices(EDUCATION_LEVELS, [4, 5, 1], k=size))
        contract = Counter(rng.choices(CONTRACT_CODES, [7, 1.2, 1, 0.3, 0.3], k=transitions))
        fulltime = rng.randint(0, transitions)
        facts[code] = ProjectFacts(
            reached=sum(outcomes.values()) + ongoing,
            by_outcome=outcomes,
            ages=ages,
            education=education,
            contract=contract,
            fulltime=fulltime,
            parttime=transitions - fulltime,
        )
        projects.append(ProjectInfo(code, code.upper(), size, size // 2))
    return build_report(
        delivery=f"gen-{n_projects}-{seed}",
        delivered_on=None,
        projects=projects,
        facts=facts,
        settings=ReportSettings(),
    )


def measure(full: dict[str, Any], method: Method, least: int) -> dict[str, Any]:
    start, cpu = time.perf_counter(), time.process_time()
    public = method(full, MIN_CELL)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    counts = [p for p in public["suppressed"] if p.split(".", 1)[1] in COUNT_PATHS]
    rows_full = {"totals": full["totals"]} | {
        f"projects[{i}]": p for i, p in enumerate(full["projects"])
    }
    persons = sum(get_path(rows_full[p.split(".", 1)[0]], p.split(".", 1)[1]) for p in counts)
    found = intervals(public, full, least=least)
    narrowest = min((hi - lo for lo, hi in found.values()), default=float("inf"))
    return {
        "counts": len(counts),
        "values": len(public["suppressed"]),
        "persons": persons,
        "seconds": seconds,
        "cpu": cpu,
        "narrowest": narrowest,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="*", default=[5, 10])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    cases = [("demo eindrapportage (9 projects)", demo())]
    for n in args.projects:
        cases += [
            (f"generated, {n} projects, seed {s}", generated(n, s)) for s in range(args.seeds)
        ]
    # The greedy method may hide a zero, so its reader knows only that a count is at least 0.
    methods: list[tuple[str, Method, int]] = [
        ("greedy (before)", greedy_suppression.suppress, 0),
        ("optimal (sdc)", suppress, 1),
    ]
    print("| report | method | counts hidden | values hidden | persons | narrowest | CPU s | s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, full in cases:
        for label, method, least in methods:
            m = measure(full, method, least)
            print(
                f"| {name} | {label} | {m['counts']} | {m['values']} | {m['persons']} | "
                f"{m['narrowest']:g} | {m['cpu']:.1f} | {m['seconds']:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
