"""The grant pages' two heavy reads, timed (not a test).

1. A call of 2,000 applications: every check of every application, as the funder's queue
   computes them (``werkbrug.schemes.selectors.call_queue``). Requirement: **≤ 10 s**.
2. The final declaration of a project of 10,000 participants and 50,000 activities, from the
   case data (``werkbrug.schemes.casedata.declaration_compute``). Requirement: **≤ 5 s**.

The data is bulk-loaded into a fresh SQLite database in a temporary folder (or the database of
``DATABASE_URL``, which it must be allowed to fill), then each read is run ``--runs`` times and
the best and median wall times are printed as a Markdown table for bench/README.md.

    .venv/bin/python bench/grants.py [--applications 2000] [--participants 10000]
        [--activities 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path


def _setup() -> None:
    if "WERKBRUG_DATA_DIR" not in os.environ:
        os.environ["WERKBRUG_DATA_DIR"] = tempfile.mkdtemp(prefix="werkbrug-bench-grants-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbrug.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _time(run: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _application_document(i: int, rng: random.Random) -> dict[str, object]:
    from werkbrug import grants

    start = dt.date(2014, 7, 1)
    data = grants.Application(
        scheme="sectorplannen-2013",
        submitted_on=dt.date(2014, 3, 1),
        complete_on=dt.date(2014, 3, 1) + dt.timedelta(days=i % 200),
        applicant=grants.Applicant(
            f"Werkgevers {i}", "employer_organisation", True, False, Decimal(500_000)
        ),
        period=grants.Period(start, dt.date(2016, 6, 30)),
        requested_eur=Decimal(rng.choice([200_000, 300_000, 450_000])),
        partners=(grants.Partner("FNV", "union"), grants.Partner("OOM", "om_fund")),
        agreement_signed=True,
        mandate_signed=True,
        plan=grants.Plan(320, "Plan", "Analyse", "Aanpak", "Organisatie", "Voorwaarden", "Verder"),
        measures=tuple(
            grants.Measure(
                f"M{k}", f"Maatregel {k}", "mediation", Decimal(100_000), "af"[k % 2], 50
            )
            for k in range(1, 9)
        ),
        funding=(grants.FundingLine("employers", Decimal(400_000)),),
    )
    return grants.application_json(data)


def load_call(n: int) -> object:
    from werkbrug.projects.models import Organisation
    from werkbrug.schemes.models import Application, Call

    rng = random.Random(13)
    call = Call.objects.create(
        code="bench",
        name="Bench",
        scheme="sectorplannen-2013",
        opens_on=dt.date(2014, 1, 1),
        closes_on=dt.date(2014, 12, 31),
        ceiling_eur=Decimal(10**9),
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisatie {i}") for i in range(n // 2)
    )
    Application.objects.bulk_create(
        Application(
            call=call,
            organisation=organisations[i % len(organisations)],
            reference=f"BENCH-{i:05d}",
            title=f"Plan {i}",
            state="complete",
            document=(doc := _application_document(i, rng)),
            requested_eur=Decimal(str(doc["requested_eur"])),
            sectors="CFGH"[i % 4],
            submitted_on=dt.date(2014, 3, 1),
            complete_on=dt.date(2014, 3, 1) + dt.timedelta(days=i % 200),
        )
        for i in range(n)
    )
    return call


def load_project(participants: int, activities: int) -> object:
    from werkbrug.people.models import ContactDetails, Participant
    from werkbrug.projects.models import Organisation, Project
    from werkbrug.schemes.models import Application, AwardedMeasure, Call, Decision
    from werkbrug.trajectories.models import Activity, Trajectory

    call = Call.objects.get(code="bench")
    project = Project.objects.create(
        code="BENCH-P",
        name="Bench",
        start_date=dt.date(2014, 7, 1),
        end_date=dt.date(2016, 6, 30),
        target_participants=participants,
        target_transitions=0,
    )
    application = Application.objects.create(
        call=call,
        organisation=Organisation.objects.first(),
        reference="BENCH-AWARD",
        title="Bench",
        state="awarded",
        document=_application_document(0, random.Random(1)),
        requested_eur=Decimal(450_000),
    )
    decision = Decision.objects.create(
        application=application,
        kind="award",
        decided_on=dt.date(2014, 6, 1),
        maximum_eur=Decimal(450_000),
        start=project.start_date,
        end=project.end_date,
        project=project,
    )
    kinds = ["mediation", "training", "coaching", "assessment", "learn_work"]
    for k, kind in enumerate(kinds, start=1):
        AwardedMeasure.objects.create(
            decision=decision,
            code=f"M{k}",
            kind=kind,
            applications=participants // 2,
            cost_eur=Decimal(500_000),
            vulnerable_hiring=kind == "learn_work",
        )
    rng = random.Random(7)
    people = Participant.objects.bulk_create(
        (
            Participant(key=f"B{i:07d}", project=project, intake_date=dt.date(2014, 7, 1))
            for i in range(participants)
        ),
        batch_size=2000,
    )
    ContactDetails.objects.bulk_create(
        (ContactDetails(participant=p, bsn_hash=f"{i:064x}") for i, p in enumerate(people)),
        batch_size=2000,
    )
    trajectories = Trajectory.objects.bulk_create(
        (Trajectory(participant=p, started_on=p.intake_date) for p in people), batch_size=2000
    )
    Activity.objects.bulk_create(
        (
            Activity(
                trajectory=trajectories[i % participants],
                kind=rng.choice(kinds),
                start_date=dt.date(2014, 7, 1) + dt.timedelta(days=rng.randrange(700)),
                cost_eur=Decimal(rng.randrange(0, 3000)),
            )
            for i in range(activities)
        ),
        batch_size=5000,
    )
    return decision


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--activities", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    _setup()
    from django.db import connection

    from werkbrug.schemes.casedata import declaration_compute
    from werkbrug.schemes.models import Application
    from werkbrug.schemes.selectors import call_queue

    started = time.perf_counter()
    call = load_call(args.applications)
    decision = load_project(args.participants, args.activities)
    loaded = time.perf_counter() - started

    def queue() -> object:
        rows = call_queue(Application.objects.filter(call=call).exclude(reference="BENCH-AWARD"))
        assert len(rows) == args.applications
        return rows

    def declare() -> object:
        found = declaration_compute(
            decision,
            kind="final",
            as_of=dt.date(2016, 6, 30),  # type: ignore[arg-type]
            own_funds_eur=Decimal(0),
        )
        assert sum(m.applications or 0 for m in found.declaration.measures) > 0
        return found

    q_best, q_median = _time(queue, args.runs)
    d_best, d_median = _time(declare, args.runs)
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {connection.vendor}; "
        f"date {dt.datetime.now(dt.UTC).date().isoformat()}; load {loaded:.1f} s (not timed)"
    )
    print()
    print("| read | size | best | median | requirement |")
    print("|---|---|---|---|---|")
    print(
        f"| all checks of a call (queue) | {args.applications:,} applications | {q_best:.2f} s | "
        f"{q_median:.2f} s | ≤ 10 s |"
    )
    print(
        f"| final declaration from the case data | {args.participants:,} participants, "
        f"{args.activities:,} activities | {d_best:.2f} s | {d_median:.2f} s | ≤ 5 s |"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    sys.exit(main(sys.argv[1:]))
