"""Issue 12, "Done when": after a coordinator erases a participant on the web page, the whole
database holds none of the person's identifying data or of the free text written about them,
and every report of every delivery reads byte for byte as before.

Every place that can hold something about the person holds it before the erasure: contact
details with a BSN, consents, an earlier birth date and postcode corrected later (both in the
audit log's change events), activities, status changes and a follow-up with notes, a placement
at their own firm, a matching profile with free text, a rejected suggestion whose reason names
them, two frozen deliveries, caseload searches for their name in two sessions (one of them
expired) and the audit events of all of it, including an export.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests.live.conftest import VALID_BSN, World, make_project
from tests.live.dump import everything, tokens
from werkbrug.deliveries.freeze import delivery_freeze
from werkbrug.deliveries.models import Delivery
from werkbrug.matches.services import profile_save, suggestion_decide
from werkbrug.matches.values import ProfileValues
from werkbrug.people.bsn import bsn_hash
from werkbrug.people.models import Participant
from werkbrug.people.services import contact_update, participant_intake, participant_update
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.projects.models import Project
from werkbrug.reports.analysis import factors_compute, survival_compute
from werkbrug.reports.services import ReportOptions, report_render
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import (
    Placement,
    activity_add,
    follow_up_record,
    trajectory_move,
)
from werkbrug.vacancies.services import employer_create, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues

NOW = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.UTC)
EDUCATION = ["vmbo", "mbo2", "mbo4", "hbo", "wo", ""]
FINAL = [Status.PLACED, Status.NO_WORK, Status.LEARN_WORK, Status.DROPOUT, None]


@dataclass(frozen=True)
class Person:
    """What identifies Wilhelmina, and what was written about her."""

    key: str
    names: tuple[str, ...] = ("Wilhelmina", "Zwanenburg")
    email: str = "w.zwanenburg@example.org"
    phone: str = "06-98765432"
    address: str = "Lindenlaan 7, Groningen"
    birth_dates: tuple[str, ...] = ("1968-04-22", "1968-04-23")
    postcodes: tuple[str, ...] = ("9741", "9743")
    texts: tuple[str, ...] = (
        "Wilhelmina Zwanenburg belde over haar rugklachten",
        "Zwanenburg begint bij de haven",
        "Nog steeds bij Klusbedrijf W. Zwanenburg, tevreden",
        "Klusbedrijf W. Zwanenburg",
        "heftruck rijden|tolk Gronings dialect",
        "Mevrouw Zwanenburg heeft geen rijbewijs",
    )


def _projects(world: World) -> list[Project]:
    """Six projects that differ in the success factors' project attributes."""
    projects = [world.own, world.other, *(make_project(f"p{i}") for i in range(4))]
    for i, project in enumerate(projects):
        project.network = ("sector", "region")[i % 2]
        project.union_involved = i % 3 == 0
        project.formal_agreement = ("none", "covenant", "both")[i % 3]
        project.individual_contribution = False
        project.employer_contribution = True
        project.save()
    return projects


def _crowd(world: World, projects: list[Project]) -> None:
    """Sixty other participants in six projects, so that the reports (and the success
    factors' models) have something to compute."""
    mediator = world.users["coordinator"]
    for i in range(60):
        project = projects[i % len(projects)]
        person = participant_intake(
            actor=mediator,
            project=project,
            profile=ParticipantProfile(
                intake_date=dt.date(2026, 1, 1 + i % 28),
                birth_date=dt.date(1960 + i % 25, 1 + i % 12, 1 + i % 27),
                gender="fm"[(i // 6) % 2],
                education=EDUCATION[i % len(EDUCATION)],
                situation="threatened",
                postcode=f"{1000 + i}",
                hours_before=Decimal(30 + i % 10),
            ),
            contact=ContactValues(given_name=f"Mens{i}", family_name=f"Anders{i}"),
        )
        final = FINAL[i % len(FINAL)]
        if final is None:
            continue
        trajectory_move(
            actor=mediator, trajectory=person.trajectory, to=Status.ACTIVE, on=dt.date(2026, 2, 1)
        )
        trajectory_move(
            actor=mediator,
            trajectory=person.trajectory,
            to=final,
            on=dt.date(2026, 3, 1) + dt.timedelta(days=3 * i),
            placement=Placement(
                employer_name="Haven BV",
                contract="fixed_term",
                hours=Decimal(20 + i),
                occupation="8344",
            ),
        )


def _wilhelmina(world: World) -> Participant:
    """The person to erase, with something in every place that can hold it."""
    coordinator, mediator = world.users["coordinator"], world.users["mediator"]
    person = participant_intake(
        actor=mediator,
        project=world.own,
        profile=ParticipantProfile(
            intake_date=dt.date(2026, 1, 12),
            birth_date=dt.date(1968, 4, 22),
            gender="f",
            education="mbo2",
            situation="threatened",
            postcode="9741",
            occupation="7322",
            hours_before=Decimal(32),
        ),
        contact=ContactValues(
            given_name="Wilhelmina", family_name="Zwanenburg", email="x@example.org"
        ),
        bsn=VALID_BSN,
        consents=["programme", "research"],
    )
    # Corrections: the old and the new values are both in the change events.
    participant_update(
        actor=mediator,
        participant=person,
        profile=replace(
            ParticipantProfile.of(person), birth_date=dt.date(1968, 4, 23), postcode="9743"
        ),
    )
    contact_update(
        actor=mediator,
        participant=person,
        contact=ContactValues(
            given_name="Wilhelmina",
            family_name="Zwanenburg",
            email="w.zwanenburg@example.org",
            phone="06-98765432",
            address="Lindenlaan 7, Groningen",
        ),
    )
    trajectory = person.trajectory
    activity_add(
        actor=mediator,
        trajectory=trajectory,
        kind="conversation",
        start_date=dt.date(2026, 1, 20),
        provider="Loopbaanbureau Noord",
        note="Wilhelmina Zwanenburg belde over haar rugklachten",
    )
    trajectory_move(
        actor=mediator,
        trajectory=trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 1, 21),
        note="Zwanenburg begint bij de haven",
    )
    profile_save(
        actor=mediator,
        participant=person,
        values=ProfileValues(skills="heftruck rijden|tolk Gronings dialect", max_distance_km=25),
    )
    employer = employer_create(
        actor=coordinator,
        values=EmployerValues(
            name="Haven Delfzijl", sector="H", postcode="9934", project=world.own
        ),
    )
    vacancy = vacancy_create(
        actor=coordinator,
        employer=employer,
        values=VacancyValues(title="Heftruckchauffeur", occupation="8344", hours=Decimal(36)),
    )
    suggestion_decide(
        actor=mediator,
        participant=person,
        vacancy=vacancy,
        decision="rejected",
        reason="Mevrouw Zwanenburg heeft geen rijbewijs",
    )
    trajectory_move(
        actor=mediator,
        trajectory=trajectory,
        to=Status.SELF_EMPLOYED,
        on=dt.date(2026, 2, 2),
        placement=Placement(employer_name="Klusbedrijf W. Zwanenburg", hours=Decimal(40)),
    )
    follow_up_record(
        actor=mediator,
        follow_up=trajectory.follow_ups.get(months=3),
        checked_on=dt.date(2026, 5, 4),
        in_work=True,
        note="Nog steeds bij Klusbedrijf W. Zwanenburg, tevreden",
    )
    return Participant.objects.get(pk=person.pk)


def _search(client: Client, term: str) -> None:
    response = client.post(reverse("people:caseload_search"), {"q": term})
    assert response.status_code == 302
    assert term in client.get(reverse("people:caseload")).text


def _reports() -> dict[str, bytes]:
    """Every report of every delivery: the JSON, Markdown and HTML reports (the readable ones
    with the success factors), and the survival and success-factor analyses."""
    out: dict[str, bytes] = {}
    for delivery in Delivery.objects.order_by("name"):
        for fmt in ("json", "md", "html"):
            out[f"{delivery.name}.{fmt}"] = report_render(
                delivery=delivery, options=ReportOptions(), fmt=fmt, now=NOW
            ).content
        for name, compute in (("survival", survival_compute), ("factors", factors_compute)):
            result = compute(delivery=delivery)  # type: ignore[operator]
            out[f"{delivery.name}.{name}"] = json.dumps(result, sort_keys=True).encode()
    return out


@pytest.fixture
def erased(world: World) -> tuple[Person, dict[str, bytes], dict[str, bytes]]:
    """Wilhelmina's data everywhere, then erased by the coordinator on the page; the
    reports before and after."""
    _crowd(world, _projects(world))
    person = _wilhelmina(world)
    everyone = Project.objects.all()
    for name, day in (("tussen", dt.date(2026, 3, 1)), ("eind", dt.date(2026, 6, 1))):
        frozen = delivery_freeze(
            actor=world.users["coordinator"], projects=everyone, name=name, delivered_on=day
        )
        assert frozen.ok, frozen.problems
    coordinator = world.client("coordinator")
    _search(coordinator, "Zwanenburg")
    mediator = world.client("mediator")
    _search(mediator, "wilhelmina zwanenburg")
    # A session that has expired but was not purged yet still holds its search.
    stale = world.client("mediator1b")
    _search(stale, "w.zwanenburg@example.org")
    Session.objects.filter(session_key=stale.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(days=1)
    )
    export = mediator.post(reverse("people:export", kwargs={"pk": person.pk}))
    assert export.status_code == 200

    facts = Person(key=person.key)
    # The test data is really there: in the tables, or (sealed) in the audit log, whose page
    # opens the values while the person's key exists.
    audit = world.client("admin").get("/audit/", {"participant": person.key})
    before_text = everything() + audit.text
    for value in (person.key, *facts.names, facts.email, facts.phone, *facts.texts):
        assert value.lower() in before_text.lower(), value
    assert set(facts.postcodes) <= tokens(before_text)
    # The audit page writes the changed birth dates out, in the page's language (English here).
    with translation.override("en"):
        written = [date_format(dt.date.fromisoformat(d), "DATE_FORMAT") for d in facts.birth_dates]
    assert all(day in audit.text for day in written), written
    before = _reports()

    page = reverse("people:erase", kwargs={"pk": person.pk})
    response = coordinator.post(page, {"confirm": person.key})
    assert response.status_code == 302
    return facts, before, _reports()


def test_the_database_holds_nothing_of_the_erased_person(
    erased: tuple[Person, dict[str, bytes], dict[str, bytes]],
) -> None:
    person, _before, _after = erased
    text = everything()
    lowered = text.lower()
    found = [
        value
        for value in (
            person.key,
            *person.names,
            person.email,
            person.phone,
            person.address,
            *person.birth_dates,
            bsn_hash(VALID_BSN, key=settings.BSN_KEY),
            VALID_BSN,
            *person.texts,
        )
        if value.lower() in lowered
    ]
    found += [p for p in person.postcodes if p in tokens(text)]
    assert found == []


def test_every_report_of_every_delivery_reads_as_before(
    erased: tuple[Person, dict[str, bytes], dict[str, bytes]],
) -> None:
    _person, before, after = erased
    assert set(before) == {
        f"{d}.{kind}"
        for d in ("eind", "tussen")
        for kind in ("json", "md", "html", "survival", "factors")
    }
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []
