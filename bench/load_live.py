"""Load the benchmark delivery into PostgreSQL as *live* data, for the web benchmark (issue 4).

    python bench/load_live.py [--participants 1000000] [--db werkbrug_bench_live] [--seed 1]

What it does, with timings printed for every step:

1. generates the benchmark delivery with `generate_delivery.py` unless it is already in
   `bench/data/` (the same folder `run_import.py` uses);
2. drops and creates the database (default `werkbrug_bench_live`) and runs `werkbrug migrate`;
3. drops the secondary indexes, unique and foreign-key constraints of the tables it fills
   (primary keys and check constraints stay), streams every table with `COPY ... FROM STDIN`
   (psycopg 3 `cursor.copy`), one connection per large table so that PostgreSQL parses on the
   other core while Python generates, then re-creates the indexes and constraints: PostgreSQL
   re-checks every row against them in bulk;
4. sets the identity sequences, runs `VACUUM (ANALYZE)` and checks the invariants the services
   keep (listed in `check_invariants`) with SQL; any violation makes the run fail.

The live data follow the delivery: its 1,000 projects, 5,000 employers, 20,000 vacancies and
every participant with their profile; the ~70 % with an outcome have a final trajectory status
and that outcome. Dates are shifted so that the delivery date falls on `--today`, so intakes,
outcomes and follow-ups lie in the past and some follow-ups are due now. Added on top, as the
pages and the services would have written them:

- users: per project one coordinator and one mediator per ~40 participants (`--caseload`),
  so about 25 mediators for a project of 1,000; all on the project's staff; every user has the
  password `--password`, hashed once with Django's hasher and reused;
- contact details with invented names, e-mail, phone, address and (70 %) a keyed BSN hash of a
  valid 11-proef number; consent to the programme at intake for everyone (the intake form
  requires it) and some others, a few withdrawn;
- trajectories: a mediator of the project (1 % unassigned), the status history as the
  transition table allows it (intake, active, final), activities for 60 %, follow-up checks at
  3, 6 and 12 months after each transition to work (checked once due, mostly), and the derived
  columns the services keep: `last_contact_on` (latest contact of any kind) and
  `next_follow_up_on` (earliest unchecked due date).

The services are bypassed (they would take hours for a million people, each with an audit
event); the audit log is therefore empty. Everything is deterministic for a given seed,
delivery and `--today`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from copy_floor import DEFAULT_PG_URL, recreate_database
from generate_delivery import DELIVERED_ON
from psycopg import sql
from run_import import count_lines, delivery_dir, ensure_delivery

from werkbrug import clock
from werkbrug.taxonomy import TRANSITION_OUTCOMES

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SRC = ROOT / "src"
OUT = BENCH / "out"
DEFAULT_DB = "werkbrug_bench_live"
# Known on purpose: the benchmark database holds invented people only, and the web benchmark
# must use the same key (the BSN hashes are keyed with a key derived from it).
SECRET_KEY = "werkbrug-bench-live-not-secret-0123456789abcdef"
DEFAULT_PASSWORD = "werkbrug-bench-2026"
CHUNK = 20_000
NULL = "\\N"
T = TypeVar("T")

# (table, columns) in foreign-key order.
TABLES: dict[str, tuple[str, ...]] = {
    "accounts_user": (
        "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name",
        "email", "is_staff", "is_active", "date_joined", "role",
    ),
    "projects_project": (
        "id", "code", "name", "network", "sector", "region", "start_date", "end_date",
        "target_participants", "target_transitions", "budget_eur", "own_funds_eur",
        "subsidy_eur", "individual_contribution", "employer_contribution", "union_involved",
        "formal_agreement", "continuation",
    ),
    "projects_project_staff": ("id", "project_id", "user_id"),
    "vacancies_employer": ("id", "key", "name", "sector", "postcode", "project_id"),
    "vacancies_vacancy": (
        "id", "key", "employer_id", "title", "occupation", "sector", "postcode", "min_education",
        "hours", "contract", "positions", "skills", "open_date", "close_date", "filled",
    ),
    "people_participant": (
        "id", "key", "project_id", "intake_date", "birth_date", "birth_year", "gender",
        "education", "situation", "occupation", "sector", "postcode", "hours_before",
        "employer_id", "notice_date", "contract_end_date", "benefit_start_date", "erased_on",
    ),
    "people_contactdetails": (
        "participant_id", "given_name", "family_name", "email", "phone", "address", "bsn_hash",
    ),
    "people_consent": ("id", "participant_id", "purpose", "given_on", "withdrawn_on"),
    "trajectories_trajectory": (
        "id", "participant_id", "status", "mediator_id", "started_on", "last_contact_on",
        "next_follow_up_on",
    ),
    "trajectories_statuschange": (
        "id", "trajectory_id", "from_status", "to_status", "on", "changed_at", "changed_by_id",
        "note",
    ),
    "trajectories_outcome": (
        "id", "trajectory_id", "outcome", "date", "contract", "hours", "employer_id",
        "employer_name", "sector", "occupation", "benefit_days",
    ),
    "trajectories_activity": (
        "id", "trajectory_id", "kind", "start_date", "end_date", "provider", "cost_eur", "note",
        "created_at", "created_by_id",
    ),
    "trajectories_followup": (
        "id", "trajectory_id", "months", "due_on", "checked_on", "in_work", "note",
    ),
}  # fmt: skip
SMALL = ("accounts_user", "projects_project", "projects_project_staff", "vacancies_employer",
         "vacancies_vacancy")  # fmt: skip
LARGE = tuple(t for t in TABLES if t not in SMALL)

GIVEN = [
    "Anouk", "Bram", "Carla", "Dennis", "Esra", "Frank", "Gerda", "Hasan", "Ilse", "Jeroen",
    "Karin", "Lucas", "Mirjam", "Nordin", "Olga", "Pieter", "Rianne", "Sander", "Tineke", "Umut",
    "Vera", "Wouter", "Yvonne", "Zeynep", "Arjen", "Bianca", "Cor", "Dewi", "Eline", "Fatima",
    "Gijs", "Hanneke", "Ivo", "Joost", "Kees", "Lieke", "Mohamed", "Noor", "Orlando", "Petra",
    "Quinten", "Ruud", "Saskia", "Thijs", "Ursula", "Vincent", "Willemijn", "Xander", "Yusuf",
    "Zoë", "Chloé", "Maël", "Björn", "Ayşe", "Renée", "José",
]  # fmt: skip
FAMILY = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos",
    "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Yilmaz", "El Amrani", "Kok", "Verhoeven", "Koster", "Prins", "Huisman", "van den Berg",
    "van Dijk", "Jacobs", "van der Meer", "Willems", "Schouten", "Hoekstra", "Boër", "Öztürk",
    "Nguyen", "Kowalski", "Şahin", "Bouzid", "de Groot", "van Beek", "Groenewegen",
]  # fmt: skip
STREETS = [
    "Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianastraat",
    "Beatrixlaan", "Wilhelminastraat", "Industrieweg", "Parallelweg", "Eikenlaan", "Lindelaan",
]  # fmt: skip
PLACES = [
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Enschede", "Hengelo",
    "Almelo", "Zaandam", "Helmond", "Schiedam", "Delft", "Amersfoort", "Zeist", "Tilburg",
]  # fmt: skip
PROVIDERS = [
    "",
    "",
    "ROC Midden",
    "Werkbrug Mobiliteit BV",
    "Loopbaanpraktijk Oost",
    "Opleidingscentrum Techniek",
    "Taalhuis",
]
ACTIVITY_KINDS = [
    "conversation",
    "mediation",
    "assessment",
    "training",
    "coaching",
    "internship",
    "learn_work",
    "application_support",
    "other",
]
ACTIVITY_W = [40, 15, 8, 12, 10, 3, 2, 8, 2]
# The inverse of werkbrug.trajectories.flows.OUTCOME_OF (this script writes SQL, without Django).
FINAL_OF = {
    "work": "placed",
    "learn_work": "learn_work",
    "self_employed": "self_employed",
    "no_work": "no_work",
    "dropout": "dropout",
}
FOLLOW_UP_MONTHS = (3, 6, 12)

_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def text(value: str) -> str:
    """A text value for COPY's text format."""
    return value.translate(_ESCAPE)


def opt(value: str) -> str:
    """An empty CSV cell as NULL (for nullable non-text columns)."""
    return value if value else NULL


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_BASE = dt.date(1900, 1, 1).toordinal()
_DATES = [dt.date.fromordinal(o).isoformat() for o in range(_BASE, dt.date(2100, 1, 1).toordinal())]


def iso(ordinal: int) -> str:
    return _DATES[ordinal - _BASE]


def ordinal(raw: str) -> int:
    return dt.date.fromisoformat(raw).toordinal()


@functools.cache
def add_months(day: int, months: int) -> int:
    """As werkbrug.trajectories.services.add_months, on ordinals."""
    d = dt.date.fromordinal(day)
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last)).toordinal()


# ---------------------------------------------------------------------------------------------
# Small tables
# ---------------------------------------------------------------------------------------------


@dataclass
class ProjectInfo:
    id: int
    code: str
    participants: int = 0
    coordinator: int = 0
    mediators: list[int] = field(default_factory=list)


def ascii_slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


BOOL = {
    "true": "t",
    "yes": "t",
    "ja": "t",
    "1": "t",
    "waar": "t",
    "false": "f",
    "no": "f",
    "nee": "f",
    "0": "f",
    "onwaar": "f",
    "": NULL,
}


def project_rows(delivery: Path, shift: int) -> tuple[list[str], dict[str, ProjectInfo]]:
    lines: list[str] = []
    projects: dict[str, ProjectInfo] = {}
    for i, r in enumerate(read_csv(delivery / "projects.csv"), start=1):
        projects[r["code"]] = ProjectInfo(i, r["code"])
        end = iso(ordinal(r["end_date"]) + shift) if r["end_date"] else NULL
        lines.append(
            "\t".join(
                [
                    str(i),
                    text(r["code"]),
                    text(r["name"]),
                    r["network"],
                    r["sector"],
                    text(r["region"]),
                    iso(ordinal(r["start_date"]) + shift),
                    end,
                    r["target_participants"],
                    r["target_transitions"],
                    opt(r["budget_eur"]),
                    opt(r["own_funds_eur"]),
                    opt(r["subsidy_eur"]),
                    BOOL[r["individual_contribution"].lower()],
                    BOOL[r["employer_contribution"].lower()],
                    BOOL[r["union_involved"].lower()],
                    r["formal_agreement"],
                    r["continuation"],
                ]
            )
            + "\n"
        )
    return lines, projects


def user_rows(
    projects: dict[str, ProjectInfo], caseload: int, password_hash: str, rng: random.Random
) -> tuple[list[str], list[str]]:
    """Users (a coordinator and mediators per project) and the project staff rows."""
    users: list[str] = []
    staff: list[str] = []
    joined = "2024-01-02 09:00:00+00"
    uid = 0

    def user(username: str, role: str) -> int:
        nonlocal uid
        uid += 1
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        users.append(
            "\t".join(
                [
                    str(uid),
                    password_hash,
                    NULL,
                    "f",
                    username,
                    given,
                    family,
                    f"{username}@bench.werkbrug.invalid",
                    "f",
                    "t",
                    joined,
                    role,
                ]
            )
            + "\n"
        )
        staff.append(f"{len(staff) + 1}\t{project.id}\t{uid}\n")
        return uid

    for j, project in enumerate(projects.values(), start=1):
        project.coordinator = user(f"coord-{j:04d}", "coordinator")
        n = max(1, round(project.participants / caseload))
        project.mediators = [user(f"med-{j:04d}-{k:03d}", "mediator") for k in range(1, n + 1)]
    return users, staff


def employer_rows(
    delivery: Path, projects: dict[str, ProjectInfo]
) -> tuple[list[str], dict[str, tuple[int, str]]]:
    lines: list[str] = []
    by_key: dict[str, tuple[int, str]] = {}
    for i, r in enumerate(read_csv(delivery / "employers.csv"), start=1):
        by_key[r["id"]] = (i, r["name"])
        project = str(projects[r["project"]].id) if r["project"] else NULL
        lines.append(
            f"{i}\t{text(r['id'])}\t{text(r['name'])}\t{r['sector']}\t{r['postcode']}\t{project}\n"
        )
    return lines, by_key


def vacancy_rows(delivery: Path, employers: dict[str, tuple[int, str]], shift: int) -> list[str]:
    lines: list[str] = []
    n_employers = len(employers)
    for i, r in enumerate(read_csv(delivery / "vacancies.csv"), start=1):
        # The exchange format allows a vacancy without employer; the live model does not.
        employer = employers[r["employer"]][0] if r["employer"] else i % n_employers + 1
        opened = iso(ordinal(r["open_date"]) + shift) if r["open_date"] else NULL
        closed = iso(ordinal(r["close_date"]) + shift) if r["close_date"] else NULL
        lines.append(
            "\t".join(
                [
                    str(i),
                    text(r["id"]),
                    str(employer),
                    text(r["title"]),
                    r["occupation"],
                    r["sector"],
                    r["postcode"],
                    r["min_education"],
                    opt(r["hours"]),
                    r["contract"],
                    r["positions"] or "1",
                    text(r["skills"]),
                    opened,
                    closed,
                    "f",
                ]
            )
            + "\n"
        )
    return lines


# ---------------------------------------------------------------------------------------------
# Participants and everything that hangs off them
# ---------------------------------------------------------------------------------------------


class Ids:
    """Running primary keys of the child tables."""

    def __init__(self) -> None:
        self.consent = self.change = self.outcome = self.activity = self.follow_up = 0


@dataclass
class Context:
    rng: random.Random
    projects: dict[str, ProjectInfo]
    employers: dict[str, tuple[int, str]]
    n_employers: int
    shift: int
    today: int
    year_shift: int
    bsn_key: bytes
    education: dict[str, str]
    ids: Ids = field(default_factory=Ids)
    given: list[tuple[str, str]] = field(default_factory=list)
    family: list[tuple[str, str]] = field(default_factory=list)


def participant_key(i: int) -> str:
    """A key shaped like the services' ("WB-" and ten hex digits), unique: i -> i·c mod 2^40
    is a bijection for odd c."""
    return f"WB-{(i * 0x9E3779B97F + 0x5DEECE66D) % (1 << 40):010X}"


# 11-proef sums of the first and last four of eight digits (weights 9..6 and 5..2).
_BSN_HEAD = [
    sum(w * int(c) for w, c in zip((9, 8, 7, 6), f"{n:04d}", strict=True)) for n in range(10_000)
]
_BSN_TAIL = [
    sum(w * int(c) for w, c in zip((5, 4, 3, 2), f"{n:04d}", strict=True)) for n in range(10_000)
]


def valid_bsn(rand: Callable[[], float]) -> str:
    """Nine digits that pass the 11-proef."""
    while True:
        n = int(rand() * 100_000_000)
        check = (_BSN_HEAD[n // 10_000] + _BSN_TAIL[n % 10_000]) % 11
        if check < 10 and n:
            return f"{n:08d}{check}"


def generate_chunk(
    ctx: Context, rows: list[dict[str, str]], outcomes: dict[str, dict[str, str]], first_id: int
) -> dict[str, list[str]]:
    """Lines for every large table for participants first_id, first_id+1, ..."""
    out: dict[str, list[str]] = {t: [] for t in LARGE}
    p_out, c_out, con_out = (
        out["people_participant"],
        out["people_contactdetails"],
        out["people_consent"],
    )
    t_out, s_out, o_out = (
        out["trajectories_trajectory"],
        out["trajectories_statuschange"],
        out["trajectories_outcome"],
    )
    a_out, f_out = out["trajectories_activity"], out["trajectories_followup"]
    rng, ids, today, shift = ctx.rng, ctx.ids, ctx.today, ctx.shift
    rand = rng.random

    def randint(lo: int, hi: int) -> int:  # random.randint's distribution, 5x faster
        return lo + int(rand() * (hi - lo + 1))

    def choice(seq: Sequence[T]) -> T:
        return seq[int(rand() * len(seq))]

    kinds = rng.choices  # weighted draws
    for offset, r in enumerate(rows):
        pid = first_id + offset
        project = ctx.projects[r["project"]]
        intake = ordinal(r["intake_date"]) + shift
        # Profile (participants.csv), dates shifted; birth year follows the birth date.
        if r["birth_date"]:
            born = ordinal(r["birth_date"]) + shift
            birth_date, birth_year = iso(born), iso(born)[:4]
        else:
            birth_date = NULL
            birth_year = str(int(r["birth_year"]) + ctx.year_shift) if r["birth_year"] else NULL
        situation = r["situation"]
        notice = contract_end = benefit = NULL
        if situation == "threatened" and rand() < 0.6:
            n = intake - randint(0, 60)
            notice, contract_end = iso(n), iso(n + randint(30, 180))
        elif situation == "dismissed" and rand() < 0.7:
            e = intake - randint(0, 90)
            notice, contract_end = iso(e - randint(30, 120)), iso(e)
            if rand() < 0.6:
                benefit = iso(e + 1)
        elif situation == "unemployed" and rand() < 0.5:
            benefit = iso(intake - randint(0, 365))
        employer = str(randint(1, ctx.n_employers)) if ctx.n_employers and rand() < 0.35 else NULL
        p_out.append(
            "\t".join(
                [
                    str(pid),
                    participant_key(pid),
                    str(project.id),
                    iso(intake),
                    birth_date,
                    birth_year,
                    r["gender"],
                    ctx.education[r["education"]],
                    situation,
                    r["occupation"],
                    r["sector"],
                    r["postcode"],
                    opt(r["hours_before"]),
                    employer,
                    notice,
                    contract_end,
                    benefit,
                    NULL,
                ]
            )
            + "\n"
        )

        # Contact details.
        given, given_slug = choice(ctx.given)
        family, family_slug = choice(ctx.family)
        if rand() < 0.7:
            bsn = hmac.new(ctx.bsn_key, valid_bsn(rand).encode("ascii"), hashlib.sha256).hexdigest()
        else:
            bsn = ""
        c_out.append(
            "\t".join(
                [
                    str(pid),
                    given,
                    family,
                    f"{given_slug}.{family_slug}.{pid}@example.nl" if rand() < 0.85 else "",
                    f"06-{randint(10000000, 99999999)}" if rand() < 0.8 else "",
                    f"{choice(STREETS)} {randint(1, 180)}, {r['postcode'] or '1000'} "
                    + choice(PLACES),
                    bsn,
                ]
            )
            + "\n"
        )

        # Trajectory: mediator, status history, outcome, activities, follow-ups.
        mediators = project.mediators
        mediator = mediators[int(rand() * len(mediators))] if rand() < 0.99 else 0
        actor = str(mediator or project.coordinator)
        tid = pid
        outcome = outcomes.get(r["id"])
        changes = [("", "intake", intake)]
        if outcome is not None:
            kind = outcome["outcome"]
            ends = ordinal(outcome["date"]) + shift
            status = FINAL_OF[kind]
            if kind == "dropout" and ends - intake < 30 and rand() < 0.5:
                changes.append(("intake", "dropout", ends))
            else:
                changes.append(("intake", "active", intake + min(randint(0, 14), ends - intake)))
                changes.append(("active", status, ends))
        else:
            ends = today
            if today - intake <= 21 and rand() < 0.7:
                status = "intake"
            else:
                status = "active"
                changes.append(("intake", "active", intake + min(randint(0, 14), today - intake)))
        last_contact = max(c[2] for c in changes)
        for k, (before, after, on) in enumerate(changes):
            ids.change += 1
            s_out.append(
                f"{ids.change}\t{tid}\t{before}\t{after}\t{iso(on)}\t{iso(on)} 08:0{k}:00+00"
                f"\t{actor}\t\n"
            )

        if rand() < 0.6:  # activities between intake and the end (or today)
            for _ in range(randint(1, 4)):
                start = intake + int(rand() * (ends - intake + 1))
                last_contact = max(last_contact, start)
                ids.activity += 1
                a_out.append(
                    "\t".join(
                        [
                            str(ids.activity),
                            str(tid),
                            kinds(ACTIVITY_KINDS, ACTIVITY_W)[0],
                            iso(start),
                            iso(start + randint(0, 60)) if rand() < 0.6 else NULL,
                            choice(PROVIDERS),
                            f"{randint(1, 60) * 50}.00" if rand() < 0.5 else NULL,
                            "",
                            f"{iso(start)} 09:30:00+00",
                            actor,
                        ]
                    )
                    + "\n"
                )

        next_due = NULL
        if outcome is not None:
            kind = outcome["outcome"]
            ids.outcome += 1
            employer_id, employer_name = NULL, outcome["employer"]
            if employer_name in ctx.employers:
                eid, employer_name = ctx.employers[employer_name]
                employer_id = str(eid)
            o_out.append(
                "\t".join(
                    [
                        str(ids.outcome),
                        str(tid),
                        kind,
                        iso(ends),
                        outcome["contract"],
                        opt(outcome["hours"]),
                        employer_id,
                        text(employer_name),
                        outcome["sector"],
                        outcome["occupation"],
                        opt(outcome["benefit_days"]),
                    ]
                )
                + "\n"
            )
            if kind in TRANSITION_OUTCOMES:
                checked_so_far = True
                for months in FOLLOW_UP_MONTHS:
                    due = add_months(ends, months)
                    ids.follow_up += 1
                    if checked_so_far and due <= today and rand() < 0.93:
                        checked = min(today, due + randint(0, 21))
                        last_contact = max(last_contact, checked)
                        in_work = "t" if rand() < 0.8 else "f"
                        f_out.append(
                            f"{ids.follow_up}\t{tid}\t{months}\t{iso(due)}\t{iso(checked)}"
                            f"\t{in_work}\t\n"
                        )
                    else:
                        checked_so_far = False
                        if next_due == NULL:
                            next_due = iso(due)  # the months are in order: the first is the min
                        f_out.append(
                            f"{ids.follow_up}\t{tid}\t{months}\t{iso(due)}\t{NULL}\t{NULL}\t\n"
                        )

        t_out.append(
            f"{tid}\t{pid}\t{status}\t{mediator or NULL}\t{iso(intake)}\t{iso(last_contact)}"
            f"\t{next_due}\n"
        )

        # Consent: the programme at intake for everyone (the intake requires it), others some.
        ids.consent += 1
        con_out.append(f"{ids.consent}\t{pid}\tprogramme\t{iso(intake)}\t{NULL}\n")
        for purpose, share in (("research", 0.5), ("employer", 0.2), ("matching", 0.3)):
            if rand() < share:
                ids.consent += 1
                withdrawn = (
                    iso(intake + randint(0, max(0, today - intake))) if rand() < 0.05 else NULL
                )
                con_out.append(f"{ids.consent}\t{pid}\t{purpose}\t{iso(intake)}\t{withdrawn}\n")
    return out


def participant_chunks(
    delivery: Path, size: int
) -> Iterator[tuple[list[dict[str, str]], dict[str, dict[str, str]]]]:
    """participants.csv in chunks, each with its outcomes (outcomes.csv is written in the
    same participant order, so both files are read in step)."""
    outcomes = read_csv(delivery / "outcomes.csv")
    pending = next(outcomes, None)
    chunk: list[dict[str, str]] = []
    for row in read_csv(delivery / "participants.csv"):
        chunk.append(row)
        if len(chunk) == size:
            found: dict[str, dict[str, str]] = {}
            ids = {r["id"] for r in chunk}
            while pending is not None and pending["participant"] in ids:
                found[pending["participant"]] = pending
                pending = next(outcomes, None)
            yield chunk, found
            chunk = []
    if chunk:
        found = {}
        while pending is not None:
            found[pending["participant"]] = pending
            pending = next(outcomes, None)
        yield chunk, found


# ---------------------------------------------------------------------------------------------
# Database steps
# ---------------------------------------------------------------------------------------------


def werkbrug_run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``werkbrug ARGS`` from this checkout's src/ (see :func:`werkbrug_env`), output kept."""
    return subprocess.run(
        [sys.executable, "-m", "werkbrug", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def werkbrug_env(db_url: str, data_dir: str) -> dict[str, str]:
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    env.update(
        DATABASE_URL=db_url,
        WERKBRUG_SECRET_KEY=SECRET_KEY,
        WERKBRUG_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="werkbrug.settings",
    )
    env.pop("WERKBRUG_PRODUCTION", None)
    env.pop("WERKBRUG_DEBUG", None)
    return env


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(
        {
            k: env[k]
            for k in (
                "DATABASE_URL",
                "WERKBRUG_SECRET_KEY",
                "WERKBRUG_DATA_DIR",
                "DJANGO_SETTINGS_MODULE",
            )
        }
    )
    sys.path.insert(0, str(SRC))
    import django

    django.setup()


Statement = tuple[str, str]  # (description, SQL)


def secondary_objects(conn: psycopg.Connection[Any]) -> tuple[list[Statement], list[Statement]]:
    """(drop, create) statements for the foreign keys, unique constraints and non-constraint
    indexes of the tables this script fills; create runs indexes, uniques, then foreign keys."""
    tables = list(TABLES)
    cons = conn.execute(
        """SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
           FROM pg_constraint c
           WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
           ORDER BY c.contype DESC, 1, 2""",
        (tables,),
    ).fetchall()
    idx = conn.execute(
        """SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text,
                  pg_get_indexdef(i.indexrelid)
           FROM pg_index i
           WHERE i.indrelid = ANY(%s::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                             WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                               AND c.contype IN ('p', 'u', 'x'))
           ORDER BY 1, 2""",
        (tables,),
    ).fetchall()
    drop: list[Statement] = []
    create: list[Statement] = []
    fks = [c for c in cons if c[3] == "f"]
    uniques = [c for c in cons if c[3] == "u"]
    for table, name, _definition, _kind in fks + uniques:
        drop.append(
            (
                f"drop {name}",
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}")
                .format(sql.Identifier(table), sql.Identifier(name))
                .as_string(conn),
            )
        )
    for _table, name, _definition in idx:
        drop.append(
            (f"drop {name}", sql.SQL("DROP INDEX {}").format(sql.Identifier(name)).as_string(conn))
        )
    for table, name, definition in idx:
        create.append((f"index {table}.{name}", definition))
    for table, name, definition, kind in uniques + fks:
        what = "unique" if kind == "u" else "foreign key"
        create.append(
            (
                f"{what} {table}.{name}",
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ")
                .format(sql.Identifier(table), sql.Identifier(name))
                .as_string(conn)
                + definition,
            )
        )
    return drop, create


def copy_lines(cur: psycopg.Cursor[Any], table: str, lines: Sequence[str]) -> None:
    cols = sql.SQL(", ").join(map(sql.Identifier, TABLES[table]))
    stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), cols)
    with cur.copy(stmt) as copy:
        for start in range(0, len(lines), CHUNK):
            copy.write("".join(lines[start : start + CHUNK]))


def check_invariants(conn: psycopg.Connection[Any], today: dt.date) -> list[tuple[str, int]]:
    """Counts of rows that break a rule the services keep; all must be 0."""
    checks = {
        "participant without trajectory, contact details or programme consent": """
            SELECT count(*) FROM people_participant p
            WHERE NOT EXISTS (SELECT 1 FROM trajectories_trajectory t WHERE t.participant_id = p.id)
               OR NOT EXISTS (SELECT 1 FROM people_contactdetails c WHERE c.participant_id = p.id)
               OR NOT EXISTS (SELECT 1 FROM people_consent c WHERE c.participant_id = p.id
                              AND c.purpose = 'programme' AND c.given_on = p.intake_date)""",
        "birth date not before intake, or birth year not its year": """
            SELECT count(*) FROM people_participant
            WHERE birth_date >= intake_date OR birth_year <> extract(year FROM birth_date)""",
        "contract ends before notice": """
            SELECT count(*) FROM people_participant WHERE contract_end_date < notice_date""",
        "trajectory started_on is not the intake date": """
            SELECT count(*) FROM trajectories_trajectory t
            JOIN people_participant p ON p.id = t.participant_id
            WHERE t.started_on <> p.intake_date""",
        "mediator not on the staff of the participant's project": """
            SELECT count(*) FROM trajectories_trajectory t
            JOIN people_participant p ON p.id = t.participant_id
            LEFT JOIN accounts_user u ON u.id = t.mediator_id
            WHERE t.mediator_id IS NOT NULL AND (u.role <> 'mediator' OR NOT EXISTS (
                SELECT 1 FROM projects_project_staff s
                WHERE s.project_id = p.project_id AND s.user_id = t.mediator_id))""",
        "status and outcome disagree (final status <-> outcome with its code)": """
            SELECT count(*) FROM trajectories_trajectory t
            LEFT JOIN trajectories_outcome o ON o.trajectory_id = t.id
            WHERE (t.status IN ('intake', 'active')) <> (o.id IS NULL)
               OR o.outcome <> CASE t.status WHEN 'placed' THEN 'work' ELSE t.status END""",
        "last status change is not the current status, or a move the table forbids": """
            SELECT count(*) FROM (
                SELECT t.status, s.to_status, s.from_status,
                       row_number() OVER (PARTITION BY s.trajectory_id
                                          ORDER BY s.changed_at DESC) AS n
                FROM trajectories_statuschange s
                JOIN trajectories_trajectory t ON t.id = s.trajectory_id) x
            WHERE (n = 1 AND status <> to_status)
               OR NOT ((from_status = '' AND to_status = 'intake')
                       OR (from_status = 'intake' AND to_status IN ('active', 'dropout'))
                       OR (from_status = 'active' AND to_status NOT IN ('intake', 'active')))""",
        "outcome date before the intake or after today": """
            SELECT count(*) FROM trajectories_outcome o
            JOIN trajectories_trajectory t ON t.id = o.trajectory_id
            WHERE o.date < t.started_on OR o.date > %(today)s""",
        "transition without its 3 follow-ups at 3/6/12 months, or follow-ups without one": """
            SELECT count(*) FROM trajectories_trajectory t
            LEFT JOIN trajectories_outcome o ON o.trajectory_id = t.id
            LEFT JOIN LATERAL (
                SELECT count(*) AS n,
                       count(*) FILTER (
                           WHERE f.due_on <> (o.date + make_interval(months => f.months))::date
                              OR f.months NOT IN (3, 6, 12)) AS wrong
                FROM trajectories_followup f WHERE f.trajectory_id = t.id) f ON true
            WHERE (coalesce(o.outcome, '') IN ('work', 'learn_work', 'self_employed'))
                  <> (f.n = 3) OR f.wrong > 0""",
        "follow-up checked before the placement or in the future": """
            SELECT count(*) FROM trajectories_followup f
            JOIN trajectories_outcome o ON o.trajectory_id = f.trajectory_id
            WHERE f.checked_on < o.date OR f.checked_on > %(today)s
               OR (f.checked_on IS NULL) <> (f.in_work IS NULL)""",
        "next_follow_up_on is not the earliest unchecked due date": """
            SELECT count(*) FROM trajectories_trajectory t
            LEFT JOIN (SELECT trajectory_id, min(due_on) AS due FROM trajectories_followup
                       WHERE checked_on IS NULL GROUP BY trajectory_id) f
                   ON f.trajectory_id = t.id
            WHERE t.next_follow_up_on IS DISTINCT FROM f.due""",
        "last_contact_on is not the latest contact": """
            SELECT count(*) FROM trajectories_trajectory t
            LEFT JOIN (SELECT trajectory_id, max("on") AS m FROM trajectories_statuschange
                       GROUP BY trajectory_id) s ON s.trajectory_id = t.id
            LEFT JOIN (SELECT trajectory_id, max(start_date) AS m FROM trajectories_activity
                       WHERE start_date <= %(today)s GROUP BY trajectory_id) a
                   ON a.trajectory_id = t.id
            LEFT JOIN (SELECT trajectory_id, max(checked_on) AS m FROM trajectories_followup
                       GROUP BY trajectory_id) f ON f.trajectory_id = t.id
            WHERE t.last_contact_on IS DISTINCT FROM greatest(t.started_on, s.m, a.m, f.m)""",
        "activity before the intake": """
            SELECT count(*) FROM trajectories_activity a
            JOIN trajectories_trajectory t ON t.id = a.trajectory_id
            WHERE a.start_date < t.started_on""",
    }
    results = []
    for name, query in checks.items():
        params = {"today": today} if "%(today)s" in query else None
        results.append((name, conn.execute(query, params).fetchone()[0]))  # type: ignore[index]
    return results


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


class Timer:
    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []
        self.t0 = time.perf_counter()

    def step(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.steps.append((name, now - since))
        log(f"  {name}: {now - since:.1f} s")
        return now


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Load the benchmark delivery into PostgreSQL as live data (users, "
        "participants with contact details, trajectories, history, outcomes, activities, "
        "follow-ups) for the web benchmark bench/web_live.py.",
    )
    parser.add_argument(
        "--participants",
        type=int,
        default=1_000_000,
        help="size of the delivery (default 1,000,000; e.g. 100000 for a quick run)",
    )
    parser.add_argument("--projects", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1, help="seed of the live additions")
    parser.add_argument("--delivery-seed", type=int, default=1, help="seed of the delivery")
    parser.add_argument("--db", default=DEFAULT_DB, help=f"database (default {DEFAULT_DB})")
    parser.add_argument(
        "--pg-url", default=DEFAULT_PG_URL, help=f"server (default {DEFAULT_PG_URL})"
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=clock.today(),
        help="the date the delivery date is moved to (default today)",
    )
    parser.add_argument(
        "--caseload", type=int, default=40, help="participants per mediator (default 40)"
    )
    parser.add_argument(
        "--password",
        default=DEFAULT_PASSWORD,
        help=f"every user's password (default {DEFAULT_PASSWORD})",
    )
    parser.add_argument("--no-check", action="store_true", help="skip the invariant checks")
    args = parser.parse_args(argv)

    timer = Timer()
    t = time.perf_counter()
    outcomes_n = args.participants * 7 // 10
    delivery = delivery_dir(args.participants, args.delivery_seed)
    if args.projects != 1_000:
        delivery = delivery.with_name(delivery.name + f"-p{args.projects}")
    log(f"delivery {delivery}")
    ensure_delivery(
        delivery, args.projects, args.participants, outcomes_n, args.delivery_seed, False
    )
    t = timer.step("delivery (generate or reuse)", t)

    db_url = f"{args.pg_url}/{args.db}"
    data_dir = tempfile.mkdtemp(prefix="werkbrug-bench-live-")
    env = werkbrug_env(db_url, data_dir)
    pg_version = recreate_database(args.pg_url, args.db)
    mig = werkbrug_run(env, "migrate", "-v", "0")
    if mig.returncode != 0:
        log(mig.stdout + mig.stderr)
        return 1
    t = timer.step(f"create {args.db} and migrate", t)

    setup_django(env)
    from django.conf import settings
    from django.contrib.auth.hashers import make_password

    from werkbrug.taxonomy import EDUCATION

    password_hash = make_password(args.password)
    rng = random.Random(args.seed)
    today = args.today.toordinal()
    shift = today - DELIVERED_ON.toordinal()

    # Small tables, from the delivery (projects need their participant counts for staffing).
    project_lines, projects = project_rows(delivery, shift)
    code_of = {info.code: info for info in projects.values()}
    for row in read_csv(delivery / "participants.csv"):
        code_of[row["project"]].participants += 1
    user_lines, staff_lines = user_rows(projects, args.caseload, password_hash, rng)
    employer_lines, employers = employer_rows(delivery, projects)
    vacancy_lines = vacancy_rows(delivery, employers, shift)
    t = timer.step("read projects, employers, vacancies; make users", t)

    with psycopg.connect(db_url) as conn:
        drop, create = secondary_objects(conn)
        for _name, statement in drop:
            conn.execute(statement)
        conn.commit()
        with conn.cursor() as cur:
            for table, lines in (
                ("accounts_user", user_lines),
                ("projects_project", project_lines),
                ("projects_project_staff", staff_lines),
                ("vacancies_employer", employer_lines),
                ("vacancies_vacancy", vacancy_lines),
            ):
                copy_lines(cur, table, lines)
        conn.commit()
    t = timer.step(
        f"drop {len(drop)} indexes/constraints; COPY users, projects, staff, employers, vacancies",
        t,
    )

    ctx = Context(
        rng=rng,
        projects=code_of,
        employers=employers,
        n_employers=len(employers),
        shift=shift,
        today=today,
        year_shift=round(shift / 365.25),
        bsn_key=settings.BSN_KEY,
        education={"": "", **{c.code: c.code for c in EDUCATION}},
        given=[(g, ascii_slug(g)) for g in GIVEN],
        family=[(f, ascii_slug(f)) for f in FAMILY],
    )
    for raw in ("lbo", "mavo", "vbo", "basis", "mbo", "mbo1", "avo_onderbouw"):
        ctx.education[raw] = EDUCATION.canonical(raw) or ""
    rows_written = {table: 0 for table in LARGE}
    gen_seconds = 0.0
    with ExitStack() as stack:
        # One connection and one COPY per large table, open for the whole load: the server
        # parses and stores while this process generates the next chunk.
        copies = {}
        conns = []
        for table in LARGE:
            c = stack.enter_context(psycopg.connect(db_url))
            conns.append(c)
            cols = sql.SQL(", ").join(map(sql.Identifier, TABLES[table]))
            stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), cols)
            copies[table] = stack.enter_context(c.cursor().copy(stmt))
        next_id = 1
        for rows, found in participant_chunks(delivery, CHUNK):
            g0 = time.perf_counter()
            lines = generate_chunk(ctx, rows, found, next_id)
            gen_seconds += time.perf_counter() - g0
            next_id += len(rows)
            for table, chunk in lines.items():
                copies[table].write("".join(chunk))
                rows_written[table] += len(chunk)
            if next_id % 200_000 == 1:
                log(f"    {next_id - 1:,} participants")
        stack.close()  # ends each COPY (waits for the server), then commits
    t = timer.step(f"COPY participants and their rows (Python generation {gen_seconds:.1f} s)", t)

    with psycopg.connect(db_url) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        for name, statement in create:
            s0 = time.perf_counter()
            conn.execute(statement)
            log(f"    {name}: {time.perf_counter() - s0:.1f} s")
        for table, cols in TABLES.items():
            if cols[0] == "id":
                conn.execute(
                    sql.SQL(
                        "SELECT setval(pg_get_serial_sequence({t}, 'id'), "
                        "coalesce(max(id), 1), max(id) IS NOT NULL) FROM {i}"
                    ).format(t=sql.Literal(table), i=sql.Identifier(table))
                )
        conn.commit()
    t = timer.step(f"re-create {len(create)} indexes and constraints (checks every row)", t)

    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    t = timer.step("VACUUM (ANALYZE)", t)

    problems: list[tuple[str, int]] = []
    if not args.no_check:
        with psycopg.connect(db_url) as conn:
            problems = check_invariants(conn, args.today)
        t = timer.step("check invariants", t)
        for name, count in problems:
            log(f"    {'ok  ' if count == 0 else 'FAIL'} {count:>8,}  {name}")

    with psycopg.connect(db_url) as conn:
        counts = {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]  # type: ignore[index]
            for table in TABLES
        }
        size = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]  # type: ignore[index]
        ongoing = conn.execute(
            "SELECT count(*) FILTER (WHERE status IN ('intake', 'active')), "
            "count(*) FILTER (WHERE next_follow_up_on <= %s) FROM trajectories_trajectory",
            (args.today,),
        ).fetchone()
    total = time.perf_counter() - timer.t0
    log("")
    log(f"{'table':28} {'rows':>12}")
    for table, n in counts.items():
        log(f"{table:28} {n:>12,}")
    log(f"ongoing trajectories {ongoing[0]:,}; follow-ups due on {args.today}: {ongoing[1]:,}")  # type: ignore[index]
    log(f"database size {size}; total {total:.1f} s")
    summary = {
        "database": args.db,
        "participants": args.participants,
        "projects": len(projects),
        "today": args.today.isoformat(),
        "seed": args.seed,
        "postgres": pg_version,
        "rows": counts,
        "database_size": size,
        "steps": timer.steps,
        "total_seconds": total,
        "participant_csv_lines": count_lines(delivery / "participants.csv") - 1,
        "invariant_violations": sum(n for _name, n in problems),
        "finished_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / f"load-{args.db}.json").write_text(json.dumps(summary, indent=2))
    return 1 if any(n for _name, n in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
