"""A small live programme: two projects, one user per role, participants on both sides.

`own` is the project the coordinator and mediator work in; `other` belongs to somebody else,
so every page can be checked for what must stay out of reach.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
from werkbrug.people.models import Participant
from werkbrug.people.services import participant_intake
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.projects.models import Project
from werkbrug.trajectories.services import Placement
from werkbrug.vacancies.models import Employer
from werkbrug.vacancies.services import employer_create
from werkbrug.vacancies.values import EmployerValues

PASSWORD = "a long test password 42"
VALID_BSN = "111222333"  # passes the 11-proef
# A placement in work with every detail it needs (trajectories/flows.DETAILS_REQUIRED).
JOB = Placement(
    employer_name="Logistiek BV", contract="permanent", hours=Decimal(32), occupation="4321"
)


@dataclass
class World:
    users: dict[str, User]
    own: Project
    other: Project
    employer: Employer
    alice: Participant  # own project, on the mediator's caseload, consented to the employer
    bob: Participant  # own project, another mediator's caseload
    carol: Participant  # the other project

    def client(self, role: str) -> Client:
        """A logged-in client that reads the pages in English (the tests' language)."""
        client = Client(headers={"Accept-Language": "en"})
        client.force_login(self.users[role])
        return client


def make_project(code: str) -> Project:
    return Project.objects.create(
        code=code,
        name=f"Project {code}",
        start_date=dt.date(2025, 1, 1),
        target_participants=10,
        target_transitions=6,
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is slow by design; eight users per test would make this suite crawl.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:  # noqa: ARG001 (requested for the database)
    users = {
        role.value: user_create(username=role.value, password=PASSWORD, role=role) for role in Role
    }
    users["mediator1b"] = user_create(username="mediator1b", password=PASSWORD, role=Role.MEDIATOR)
    users["outsider"] = user_create(username="outsider", password=PASSWORD, role=Role.COORDINATOR)
    own, other = make_project("own"), make_project("other")
    own.staff.add(users["coordinator"], users["mediator"], users["mediator1b"])
    other.staff.add(users["outsider"])
    employer = employer_create(
        actor=users["coordinator"],
        values=EmployerValues(name="Drukkerij De Pers", sector="C", postcode="3511", project=own),
    )
    employer.users.add(users["employer"])
    alice = participant_intake(
        actor=users["mediator"],
        project=own,
        profile=ParticipantProfile(intake_date=dt.date(2026, 3, 1), gender="f", employer=employer),
        contact=ContactValues(given_name="Alice", family_name="Aalders", email="alice@example.org"),
        consents=["programme", "employer"],
    )
    bob = participant_intake(
        actor=users["mediator1b"],
        project=own,
        profile=ParticipantProfile(intake_date=dt.date(2026, 3, 2), gender="m", employer=employer),
        contact=ContactValues(given_name="Bob", family_name="Bakker"),
        consents=["programme"],
    )
    carol = participant_intake(
        actor=users["outsider"],
        project=other,
        profile=ParticipantProfile(intake_date=dt.date(2026, 3, 3), gender="f"),
        contact=ContactValues(given_name="Carol", family_name="Claassen"),
        consents=["programme", "employer"],
    )
    return World(users, own, other, employer, alice, bob, carol)
