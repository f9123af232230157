"""A live programme for the demo: a printing works that closes, its workers on the caseloads
of two mediators, employers in logistics, installation and care with open vacancies.

Everything is invented and generated from a fixed seed, through the same services the pages
use (so the audit log, follow-ups and contact dates are as real as in use). Dates are relative
to today, so follow-up checks fall due whenever the demo is started.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from werkbrug import clock
from werkbrug.accounts.models import Role, User
from werkbrug.demo.accounts import COLLEAGUE, demo_password
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

PROJECT_CODE = "druk-naar-logistiek"
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
# (ISCO-08 unit group, share): the printing works' jobs.
OLD_JOBS = [("7322", 5), ("7323", 2), ("8143", 2), ("4321", 1), ("3122", 1), ("7233", 1)]
EMPLOYERS = [
    # name, sector, postcode, vacancies: (title, ISCO, education, hours, contract, skills)
    ("Drukkerij Van Dam", "C", "3812", []),
    (
        "Logistiek Centrum Eemland",
        "H",
        "3821",
        [
            ("Logistiek planner", "4323", "mbo3", 38, "permanent", "planning|voorraadbeheer"),
            ("Magazijnmedewerker", "9333", "vmbo", 36, "fixed_term", "heftruck|orderpicken"),
            ("Teamleider expeditie", "4321", "mbo4", 38, "permanent", "leidinggeven|planning"),
        ],
    ),
    (
        "Installatiebedrijf Gooi",
        "F",
        "1211",
        [
            ("Monteur elektrotechniek", "7411", "mbo2", 40, "permanent", "bekabeling|storingen"),
            ("Leerling-monteur (BBL)", "7126", "vmbo", 32, "fixed_term", "installatie"),
        ],
    ),
    (
        "Zorggroep De Eem",
        "Q",
        "3817",
        [
            ("Medewerker facilitair", "5153", "vmbo", 24, "fixed_term", "schoonmaak|logistiek"),
            ("Helpende zorg (BBL)", "5322", "mbo2", 28, "fixed_term", "verzorging"),
        ],
    ),
    (
        "Verpakkingen Noord",
        "C",
        "3824",
        [
            ("Operator verpakkingslijn", "8143", "mbo2", 38, "permanent", "machinebediening"),
            ("Productieplanner", "4322", "mbo4", 36, "permanent", "planning|ERP"),
        ],
    ),
]
PARTNERS = [
    ("Drukkerij Van Dam", "employer"),
    ("FNV Media & Cultuur", "union"),
    ("Sectorfonds Grafimedia", "sector_fund"),
    ("Werkbrug Mobiliteit BV", "mediator"),
    ("ROC Midden", "training_institute"),
]


def demo_live_prepare(*, users: dict[Role, User], today: dt.date | None = None) -> bool:
    """Create the live demo programme once; False when it is already there."""
    if Project.objects.filter(code=PROJECT_CODE).exists():
        return False
    today = today or clock.today()
    with transaction.atomic():
        _build(users, today, random.Random(2011))
    return True


def _build(users: dict[Role, User], today: dt.date, rng: random.Random) -> None:
    coordinator, mediator = users[Role.COORDINATOR], users[Role.MEDIATOR]
    colleague = User.objects.filter(username=COLLEAGUE).first()
    if colleague is None:
        from werkbrug.accounts.services import user_create

        colleague = user_create(
            username=COLLEAGUE, password=demo_password(Role.MEDIATOR), role=Role.MEDIATOR
        )
    project = _project(today, [coordinator, mediator, colleague])
    employers = _employers(project, coordinator, today, users[Role.EMPLOYER])
    works = employers[0]
    for i in range(58):
        mine = i % 3 != 2  # about forty on the mediator's caseload, the rest on a colleague's
        _participant(
            rng,
            i,
            project,
            works,
            employers[1:],
            coordinator,
            mediator if mine else colleague,
            today,
        )


def _project(today: dt.date, staff: list[User]) -> Project:
    project = Project.objects.create(
        code=PROJECT_CODE,
        name="Van Druk naar Logistiek",
        network="sector",
        sector="C",
        region="amersfoort",
        start_date=today - dt.timedelta(days=330),
        end_date=today + dt.timedelta(days=400),
        target_participants=60,
        target_transitions=42,
        budget_eur=Decimal("420000"),
        own_funds_eur=Decimal("210000"),
        subsidy_eur=Decimal("210000"),
        employer_contribution=True,
        union_involved=True,
        formal_agreement="covenant",
    )
    project.staff.add(*staff)
    for name, role in PARTNERS:
        organisation, _created = Organisation.objects.get_or_create(name=name)
        ProjectPartner.objects.create(project=project, organisation=organisation, role=role)
    return project


def _employers(
    project: Project, actor: User, today: dt.date, employer_user: User
) -> list[Employer]:
    made = []
    for name, sector, postcode, vacancies in EMPLOYERS:
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
    made[0].users.add(employer_user)  # the closing printing works acts through the demo user
    return made


def _pick_job(rng: random.Random) -> str:
    return rng.choices([j for j, _ in OLD_JOBS], weights=[w for _, w in OLD_JOBS])[0]


def _participant(
    rng: random.Random,
    i: int,
    project: Project,
    works: Employer,
    employers: list[Employer],
    actor: User,
    mediator: User,
    today: dt.date,
) -> Participant:
    intake = today - dt.timedelta(days=rng.randint(20, 320))
    birth = dt.date(rng.randint(1962, 1995), rng.randint(1, 12), rng.randint(1, 28))
    consents = ["programme", "research"] + (["employer"] if rng.random() < 0.7 else [])
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
            occupation=_pick_job(rng),
            sector="C",
            postcode=rng.choice(["3812", "3813", "3814", "3821", "3831", "3768", "1211"]),
            hours_before=Decimal(rng.choice([32, 36, 38, 40])),
            employer=works,
            notice_date=intake - dt.timedelta(days=rng.randint(5, 40)),
            contract_end_date=intake + dt.timedelta(days=rng.randint(60, 180)),
        ),
        contact=ContactValues(
            given_name=GIVEN[i % len(GIVEN)],
            family_name=FAMILY[(i * 7) % len(FAMILY)],
            email=f"deelnemer{i + 1}@example.org",
            phone=f"06-{rng.randint(10000000, 99999999)}",
        ),
        consents=consents,
    )
    _progress(rng, participant, employers, mediator, today)
    return participant


def _progress(
    rng: random.Random,
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
        provider = "ROC Midden" if kind == "training" else ""
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
