"""GDPR: export everything about one participant; erase them while every frozen delivery
keeps giving the same report."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.urls import reverse

from tests.live.conftest import JOB, World
from werkbrug import personal_data
from werkbrug.audit.models import AuditEvent
from werkbrug.audit.selectors import events_about
from werkbrug.deliveries.freeze import delivery_freeze
from werkbrug.deliveries.models import DeliveryParticipant
from werkbrug.matches.services import profile_save, suggestion_decide
from werkbrug.matches.values import ProfileValues
from werkbrug.people.models import ContactDetails, Participant
from werkbrug.projects.models import Project
from werkbrug.reports.services import ReportOptions, report_compute
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import activity_add, trajectory_move
from werkbrug.vacancies.services import vacancy_create
from werkbrug.vacancies.values import VacancyValues

OPTIONS = ReportOptions(as_of=dt.date(2026, 6, 1), factors=False)


def test_export_gives_everything_about_one_participant_and_is_logged(world: World) -> None:
    activity_add(
        actor=world.users["mediator"],
        trajectory=world.alice.trajectory,
        kind="coaching",
        start_date=dt.date(2026, 3, 4),
        note="talked about logistics",
    )
    response = world.client("mediator").post(
        reverse("people:export", kwargs={"pk": world.alice.pk})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["key"] == world.alice.key
    assert data["contact"]["family_name"] == "Aalders"
    assert {c["purpose"] for c in data["consents"]} == {"programme", "employer"}
    assert data["activities"][0]["note"] == "talked about logistics"
    assert data["trajectory"]["status"] == "intake"
    assert any(e["action"] == "create" for e in data["audit"])
    assert events_about(world.alice).filter(action="export").count() == 1


def test_export_has_the_matching_profile_the_suggestions_and_the_deliveries(world: World) -> None:
    """Issue 12: the export lacked the matching profile and the suggestions."""
    mediator = world.users["mediator"]
    profile_save(
        actor=mediator, participant=world.alice, values=ProfileValues(skills="heftruck|EHBO")
    )
    vacancy = vacancy_create(
        actor=mediator, employer=world.employer, values=VacancyValues(title="Drukker")
    )
    suggestion_decide(
        actor=mediator,
        participant=world.alice,
        vacancy=vacancy,
        decision="rejected",
        reason="Alice wants no night shifts",
    )
    delivery_freeze(
        actor=world.users["coordinator"],
        projects=Project.objects.filter(pk=world.own.pk),
        name="frozen",
        delivered_on=dt.date(2026, 6, 1),
    )
    url = reverse("people:export", kwargs={"pk": world.alice.pk})
    data = json.loads(world.client("mediator").post(url).content)
    assert data["matching_profile"]["skills"] == "heftruck|EHBO"
    [suggestion] = data["suggestions"]
    assert (suggestion["vacancy"], suggestion["decision"]) == (vacancy.key, "rejected")
    assert suggestion["reason"] == "Alice wants no night shifts"
    assert [row["delivery"] for row in data["delivered_participants"]] == ["frozen"]
    # The audit section opens the participant's sealed values.
    profile_event = next(e for e in data["audit"] if e["what"] == "matches.profile")
    assert profile_event["changes"]["skills"] == ["", "heftruck|EHBO"]
    # Every entry of the registry has its say: a section, or why there is none.
    names = {entry.name for entry in personal_data.entries()}
    assert names <= set(data) | set(data["not_exported"])


def test_erasure_removes_what_identifies_and_keeps_frozen_reports(world: World) -> None:
    coordinator = world.users["coordinator"]
    trajectory_move(
        actor=coordinator,
        trajectory=world.alice.trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 3, 5),
        note="Alice called from home",
    )
    trajectory_move(
        actor=coordinator,
        trajectory=world.alice.trajectory,
        to=Status.PLACED,
        on=dt.date(2026, 5, 1),
        placement=JOB,
    )
    projects = Project.objects.filter(pk=world.own.pk)
    frozen = delivery_freeze(
        actor=coordinator,
        projects=projects,
        name="before-erasure",
        delivered_on=dt.date(2026, 6, 1),
    )
    assert frozen.ok
    assert frozen.delivery is not None
    report_before = report_compute(delivery=frozen.delivery, options=OPTIONS)
    old_key = world.alice.key

    url = reverse("people:erase", kwargs={"pk": world.alice.pk})
    refused = world.client("coordinator").post(url, {"confirm": "wrong"})
    assert refused.status_code == 400
    assert ContactDetails.objects.filter(participant=world.alice).exists()
    assert world.client("coordinator").post(url, {"confirm": old_key}).status_code == 302

    erased = Participant.objects.get(pk=world.alice.pk)
    assert erased.key != old_key
    assert erased.birth_date is None
    assert erased.postcode == ""
    assert not ContactDetails.objects.filter(participant=erased).exists()
    assert not erased.consents.exists()
    assert not erased.trajectory.history.exclude(note="").exists()
    assert erased.trajectory.status == "placed"
    # The frozen delivery keeps its row, under a new key of its own, and its report.
    rows = DeliveryParticipant.objects.filter(delivery=frozen.delivery)
    assert rows.count() == 2
    assert not rows.filter(key__in=[old_key, erased.key]).exists()
    report_after = report_compute(delivery=frozen.delivery, options=OPTIONS)
    assert report_after == report_before
    # The erased participant disappears from every page.
    detail = reverse("people:detail", kwargs={"pk": erased.pk})
    assert world.client("coordinator").get(detail).status_code == 404
    # The erase event says who erased which record and how much, and names no key.
    event = AuditEvent.objects.get(action="erase")
    assert (event.actor_name, event.object_id, event.subject) == (
        "coordinator",
        str(erased.pk),
        "",
    )
    assert event.changes["contact"] == 1
    assert old_key not in json.dumps(event.changes)
    assert erased.key not in json.dumps(event.changes)
    assert not events_about(erased).exists()


def test_a_new_freeze_after_erasure_gives_the_same_aggregates(world: World) -> None:
    coordinator = world.users["coordinator"]
    projects = Project.objects.filter(pk=world.own.pk)
    first = delivery_freeze(
        actor=coordinator, projects=projects, name="one", delivered_on=dt.date(2026, 6, 1)
    )
    world.client("coordinator").post(
        reverse("people:erase", kwargs={"pk": world.bob.pk}), {"confirm": world.bob.key}
    )
    second = delivery_freeze(
        actor=coordinator, projects=projects, name="two", delivered_on=dt.date(2026, 6, 1)
    )
    assert first.delivery is not None
    assert second.delivery is not None
    a = report_compute(delivery=first.delivery, options=OPTIONS)
    b = report_compute(delivery=second.delivery, options=OPTIONS)
    a.pop("delivery", None)
    b.pop("delivery", None)
    assert a == b


def test_the_erase_page_says_what_erasure_does_in_both_languages(world: World) -> None:
    url = reverse("people:erase", kwargs={"pk": world.alice.pk})
    english = world.client("coordinator").get(url).text
    assert "makes their entries in the audit log unreadable" in english
    dutch = Client(headers={"Accept-Language": "nl"})
    dutch.force_login(world.users["coordinator"])
    assert "regels in het auditlog onleesbaar" in dutch.get(url).text
