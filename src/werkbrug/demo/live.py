"""The demo's live programmes, two projects with staff of their own:

- "Van Druk naar Logistiek": a printing works that closes, its workers on the caseloads of two
  mediators (`mediator` and their colleague `mediator1b`), employers in logistics,
  installation and care with open vacancies; coordinated by `coordinator`.
- "Van Winkel naar Zorg": a fashion chain that closes its shops, its staff on the caseload of
  `mediator2`, employers in care, child care and customer service; coordinated by
  `coordinator2`.

Neither project's staff can see the other's participants: the separation can be tried.
Everything is invented and generated from a fixed seed per project, through the same services
the pages use (so the audit log, follow-ups and contact dates are as real as in use). Dates are
relative to today, so follow-up checks fall due whenever the demo is started.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from werkbrug import clock
from werkbrug.accounts.models import User
from werkbrug.demo.accounts import COLLEAGUE, FIRST_PROJECT, SECOND_PROJECT
from werkbrug.people.models import Participant
from werkbrug.people.services import participant_intake
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.projects.models import Organisation, Project, ProjectPartner
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import (
    Placement,
    activity_add,
    follow_up_record,
    trajectory_move,
)
from werkbrug.vacancies.models import Employer
from werkbrug.vacancies.services import employer_create, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues

GIVEN = [
    "Anouk",
    "Bram",
    "Carla",
    "Dennis",
    "Esra",
    "Frank",
    "Gerda",
    "Hasan",
    "Ilse",
    "Jeroen",
    "Karin",
    "Lucas",
    "Mirjam",
    "Nordin",
    "Olga",
    "Pieter",
    "Rianne",
    "Sander",
    "Tineke",
    "Umut",
    "Vera",
    "Wouter",
    "Yvonne",
    "Zeynep",
    "Arjen",
    "Bianca",
    "Cor",
    "Dewi",
]
FAMILY = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kok",
    "Verhoeven",
    "Koster",
    "Prins",
    "Huisman",
]
Vacancy = tuple[str, str, str, int, str, str]  # title, ISCO, education, hours, contract, skills


@dataclass(frozen=True)
class LiveProject:
    """What differs between the demo's live projects; the rest is generated alike."""

    code: str
    name: str
    sector: str  # SBI section of the closing employer and of the project
    region: str
    seed: int
    participants: int
    days_running: int  # since the start; the project runs 730 days in all
    target_participants: int
    target_transitions: int
    budget_eur: int
    coordinator: str  # usernames
    mediators: tuple[str, ...]  # participant i is on the caseload of mediators[weights[i % n]]
    caseload_pattern: tuple[int, ...]
    old_jobs: tuple[tuple[str, int], ...]  # (ISCO-08 unit group, share) of the closing employer
    # name, sector, postcode, vacancies; the first is the employer that closes.
    employers: tuple[tuple[str, str, str, tuple[Vacancy, ...]], ...]
    partners: tuple[tuple[str, str], ...]
    trainer: str  # who gives the trainings
    postcodes: tuple[str, ...]  # where the participants live
    names_from: int  # where in GIVEN/FAMILY the names start, so the projects' people differ
    email_prefix: str
    employer_account: str | None  # the demo user who acts for the closing employer, if any


PRINTING = LiveProject(
    code=FIRST_PROJECT,
    name="Van Druk naar Logistiek",
    sector="C",
    region="amersfoort",
    seed=2011,
    participants=58,
    days_running=330,
    target_participants=60,
    target_transitions=42,
    budget_eur=420000,
    coordinator="coordinator",
    mediators=("mediator", COLLEAGUE),
    # About forty on the mediator's caseload, the rest on the colleague's.
    caseload_pattern=(0, 0, 1),
    old_jobs=(("7322", 5), ("7323", 2), ("8143", 2), ("4321", 1), ("3122", 1), ("7233", 1)),
    employers=(
        ("Drukkerij Van Dam", "C", "3812", ()),
        (
            "Logistiek Centrum Eemland",
            "H",
            "3821",
            (
                ("Logistiek planner", "4323", "mbo3", 38, "permanent", "planning|voorraadbeheer"),
                ("Magazijnmedewerker", "9333", "vmbo", 36, "fixed_term", "heftruck|orderpicken"),
                ("Teamleider expeditie", "4321", "mbo4", 38, "permanent", "leidinggeven|planning"),
            ),
        ),
        (
            "Installatiebedrijf Gooi",
            "F",
            "1211",
            (
                (
                    "Monteur elektrotechniek",
                    "7411",
                    "mbo2",
                    40,
                    "permanent",
                    "bekabeling|storingen",
                ),
                ("Leerling-monteur (BBL)", "7126", "vmbo", 32, "fixed_term", "installatie"),
            ),
        ),
        (
            "Zorggroep De Eem",
            "Q",
            "3817",
            (
                ("Medewerker facilitair", "5153", "vmbo", 24, "fixed_term", "schoonmaak|logistiek"),
                ("Helpende zorg (BBL)", "5322", "mbo2", 28, "fixed_term", "verzorging"),
            ),
        ),
        (
            "Verpakkingen Noord",
            "C",
            "3824",
            (
                ("Operator verpakkingslijn", "8143", "mbo2", 38, "permanent", "machinebediening"),
                ("Productieplanner", "4322", "mbo4", 36, "permanent", "planning|ERP"),
            ),
        ),
    ),
    partners=(
        ("Drukkerij Van Dam", "employer"),
        ("FNV Media & Cultuur", "union"),
        ("Sectorfonds Grafimedia", "sector_fund"),
        ("Werkbrug Mobiliteit BV", "mediator"),
        ("ROC Midden", "training_institute"),
    ),
    trainer="ROC Midden",
    postcodes=("3812", "3813", "3814", "3821", "3831", "3768", "1211"),
    names_from=0,
    email_prefix="deelnemer",
    employer_account="employer",
)

RETAIL = LiveProject(
    code=SECOND_PROJECT,
    name="Van Winkel naar Zorg",
    sector="G",
    region="midden-utrecht",
    seed=2013,
    participants=26,
    days_running=250,
    target_participants=30,
    target_transitions=21,
    budget_eur=180000,
    coordinator="coordinator2",
    mediators=("mediator2",),
    caseload_pattern=(0,),
    old_jobs=(("5223", 6), ("5230", 2), ("5222", 1), ("4321", 1)),
    employers=(
        ("Modehuis Lindeman", "G", "3511", ()),
        (
            "Zorgcentrum Oudwijk",
            "Q",
            "3581",
            (
                ("Helpende zorg (BBL)", "5321", "mbo2", 28, "fixed_term", "verzorging"),
                ("Medewerker receptie", "4226", "mbo2", 24, "permanent", "klantcontact"),
            ),
        ),
        (
            "Kinderopvang De Vlinder",
            "Q",
            "3552",
            (("Pedagogisch medewerker (BBL)", "5311", "mbo3", 24, "fixed_term", "kinderopvang"),),
        ),
        (
            "Klantenservice Utrecht",
            "N",
            "3526",
            (("Klantenservicemedewerker", "4222", "mbo2", 32, "permanent", "klantcontact"),),
        ),
    ),
    partners=(
        ("Modehuis Lindeman", "employer"),
        ("FNV Handel", "union"),
        ("Loopbaanhuis Utrecht", "mediator"),
        ("ROC Utrecht", "training_institute"),
    ),
    trainer="ROC Utrecht",
    postcodes=("3511", "3512", "3521", "3531", "3552", "3581", "3701"),
    names_from=11,
    email_prefix="winkel",
    employer_account=None,
)

LIVE_PROJECTS = (PRINTING, RETAIL)


def demo_live_prepare(*, users: dict[str, User], today: dt.date | None = None) -> list[LiveProject]:
    """Create each live demo project that is not there yet (by code); the ones created.

    ``users`` holds the demo's accounts by username (werkbrug.demo.accounts); the closing
    printing works acts through the ``employer`` account.
    """
    today = today or clock.today()
    made = []
    for spec in LIVE_PROJECTS:
        if Project.objects.filter(code=spec.code).exists():
            continue
        with transaction.atomic():
            _build(spec, users, today, random.Random(spec.seed))
        made.append(spec)
    return made


def _build(spec: LiveProject, users: dict[str, User], today: dt.date, rng: random.Random) -> None:
    coordinator = users[spec.coordinator]
    mediators = [users[name] for name in spec.mediators]
    project = _project(spec, today, [coordinator, *mediators])
    employer_user = users[spec.employer_account] if spec.employer_account else None
    employers = _employers(spec, project, coordinator, today, employer_user)
    closing = employers[0]
    for i in range(spec.participants):
        mediator = mediators[spec.caseload_pattern[i % len(spec.caseload_pattern)]]
        _participant(rng, spec, i, project, closing, employers[1:], coordinator, mediator, today)


def _project(spec: LiveProject, today: dt.date, staff: list[User]) -> Project:
    half = Decimal(spec.budget_eur) / 2
    project = Project.objects.create(
        code=spec.code,
        name=spec.name,
        network="sector",
        sector=spec.sector,
        region=spec.region,
        start_date=today - dt.timedelta(days=spec.days_running),
        end_date=today + dt.timedelta(days=730 - spec.days_running),
        target_participants=spec.target_participants,
        target_transitions=spec.target_transitions,
        budget_eur=Decimal(spec.budget_eur),
        own_funds_eur=half,
        subsidy_eur=half,
        employer_contribution=True,
        union_involved=True,
        formal_agreement="covenant",
    )
    project.staff.add(*staff)
    for name, role in spec.partners:
        organisation, _created = Organisation.objects.get_or_create(name=name)
        ProjectPartner.objects.create(project=project, organisation=organisation, role=role)
    return project


def _employers(
    spec: LiveProject,
    project: Project,
    actor: User,
    today: dt.date,
    employer_user: User | None,
) -> list[Employer]:
    made = []
    for name, sector, postcode, vacancies in spec.employers:
        employer = employer_create(
            actor=actor,
            values=EmployerValues(name=name, sector=sector, postcode=postcode, project=project),
        )
        for title, isco, education, hours, contract, skills in vacancies:
            vacancy_create(
                actor=actor,
                employer=employer,
                values=VacancyValues(
                    title=title,
                    occupation=isco,
                    min_education=education,
                    hours=Decimal(hours),
                    contract=contract,
                    positions=2 if "BBL" in title else 1,
                    skills=skills,
                    open_date=today - dt.timedelta(days=40),
                ),
            )
        made.append(employer)
    if employer_user is not None:
        made[0].users.add(employer_user)  # the closing employer acts through the demo user
    return made


def _pick_job(rng: random.Random, spec: LiveProject) -> str:
    jobs = spec.old_jobs
    return rng.choices([j for j, _ in jobs], weights=[w for _, w in jobs])[0]


def _participant(
    rng: random.Random,
    spec: LiveProject,
    i: int,
    project: Project,
    works: Employer,
    employers: list[Employer],
    actor: User,
    mediator: User,
    today: dt.date,
) -> Participant:
    intake = today - dt.timedelta(days=rng.randint(20, spec.days_running - 10))
    birth = dt.date(rng.randint(1962, 1995), rng.randint(1, 12), rng.randint(1, 28))
    consents = ["programme", "research"] + (["employer"] if rng.random() < 0.7 else [])
    n = spec.names_from + i
    participant = participant_intake(
        actor=actor,
        project=project,
        mediator=mediator,
        profile=ParticipantProfile(
            intake_date=intake,
            birth_date=birth,
            gender=rng.choice(["m", "m", "f", "f", "x"] if i % 17 == 0 else ["m", "f"]),
            education=rng.choice(["vmbo", "mbo2", "mbo2", "mbo3", "mbo4", "havo", "hbo"]),
            situation="threatened",
            occupation=_pick_job(rng, spec),
            sector=spec.sector,
            postcode=rng.choice(spec.postcodes),
            hours_before=Decimal(rng.choice([32, 36, 38, 40])),
            employer=works,
            notice_date=intake - dt.timedelta(days=rng.randint(5, 40)),
            contract_end_date=intake + dt.timedelta(days=rng.randint(60, 180)),
        ),
        contact=ContactValues(
            given_name=GIVEN[n % len(GIVEN)],
            family_name=FAMILY[(n * 7) % len(FAMILY)],
            email=f"{spec.email_prefix}{i + 1}@example.org",
            phone=f"06-{rng.randint(10000000, 99999999)}",
        ),
        consents=consents,
    )
    _progress(rng, spec, participant, employers, mediator, today)
    return participant


def _progress(
    rng: random.Random,
    spec: LiveProject,
    participant: Participant,
    employers: list[Employer],
    mediator: User,
    today: dt.date,
) -> None:
    trajectory = participant.trajectory
    age = (today - participant.intake_date).days
    if age < 30 and rng.random() < 0.6:
        return  # still in intake
    started = participant.intake_date + dt.timedelta(days=rng.randint(3, 14))
    trajectory_move(actor=mediator, trajectory=trajectory, to=Status.ACTIVE, on=started)
    kinds = ["conversation", "assessment", "training", "application_support", "mediation"]
    day = started
    for kind in kinds[: rng.randint(1, len(kinds))]:
        day = min(today, day + dt.timedelta(days=rng.randint(5, 30)))
        cost = Decimal(rng.choice([0, 450, 1200, 2400])) if kind == "training" else None
        provider = spec.trainer if kind == "training" else ""
        activity_add(
            actor=mediator,
            trajectory=trajectory,
            kind=kind,
            start_date=day,
            provider=provider,
            cost_eur=cost,
        )
    roll = rng.random()
    if age < 90 or roll < 0.25:
        return  # still active
    ended = min(today, day + dt.timedelta(days=rng.randint(10, 60)))
    if roll < 0.8:
        employer = rng.choice(employers)
        openings = list(employer.vacancies.order_by("key"))
        vacancy = rng.choice(openings) if openings else None
        trajectory_move(
            actor=mediator,
            trajectory=trajectory,
            to=Status.PLACED if roll < 0.72 else Status.LEARN_WORK,
            on=ended,
            placement=Placement(
                employer=employer,
                contract=vacancy.contract if vacancy else "fixed_term",
                hours=vacancy.hours if vacancy else Decimal(32),
                occupation=vacancy.occupation if vacancy else participant.occupation,
            ),
        )
        for check in trajectory.follow_ups.filter(due_on__lte=today - dt.timedelta(days=7)):
            if rng.random() < 0.8:
                checked_on = check.due_on + dt.timedelta(days=rng.randint(0, 6))
                in_work = rng.random() < 0.88
                follow_up_record(
                    actor=mediator, follow_up=check, in_work=in_work, checked_on=checked_on
                )
        return
    final = Status.NO_WORK if roll < 0.92 else Status.DROPOUT
    trajectory_move(actor=mediator, trajectory=trajectory, to=final, on=ended)
