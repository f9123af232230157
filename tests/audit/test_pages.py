"""The audit log page: administrators only, filters, readable changes, pagination, a fixed
number of queries; and the log itself refuses UPDATE and DELETE in the database."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from werkbrug import clock
from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
from werkbrug.audit.models import Action, AuditEvent
from werkbrug.audit.selectors import Change, opened_changes, readable_changes, subjects
from werkbrug.audit.services import audit_record, subject_key_destroy
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db

PAGE = "/audit/"


def make_user(username: str, role: Role) -> User:
    return user_create(username=username, password="x-Secret-123", role=role)


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def admin() -> User:
    return make_user("admin", Role.ADMIN)


def person(key: str = "WB-0000000001") -> Participant:
    project = Project.objects.get_or_create(
        code="p", defaults={"name": "P", "start_date": dt.date(2025, 1, 1)} | TARGETS
    )[0]
    return Participant.objects.create(key=key, project=project, intake_date=dt.date(2025, 2, 1))


TARGETS = {"target_participants": 1, "target_transitions": 1}


def record(actor: User | None, n: int = 1, **fields: Any) -> None:
    values: dict[str, Any] = {
        "action": Action.CHANGE,
        "object_type": "people.participant",
        "object_id": "1",
        "changes": {"postcode": ["3511", "3512"]},
    }
    values.update(fields)
    if "participant" not in values:
        values["participant"] = Participant.objects.filter(key="WB-0000000001").first() or person()
    for _ in range(n):
        audit_record(actor=actor, **values)


@pytest.mark.parametrize(
    "role", [Role.FUNDER, Role.COORDINATOR, Role.MEDIATOR, Role.EMPLOYER, Role.RESEARCHER]
)
def test_only_administrators_see_the_log(role: Role) -> None:
    assert client_for(make_user(role.value, role)).get(PAGE).status_code == 403


def test_an_administrator_sees_the_log(admin: User) -> None:
    record(admin)
    response = client_for(admin).get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1>") == 1
    assert "WB-0000000001" in page
    assert "Postcode: 3511 → 3512" in page


def test_an_anonymous_visitor_is_sent_to_log_in() -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_menu_links_to_the_log_for_administrators_only(admin: User) -> None:
    assert 'href="/audit/"' in client_for(admin).get("/").content.decode()
    funder = make_user("funder", Role.FUNDER)
    assert 'href="/audit/"' not in client_for(funder).get("/").content.decode()


def test_the_filters(admin: User) -> None:
    jansen = make_user("jansen", Role.COORDINATOR)
    record(admin, participant=person("WB-AAAAAAAAAA"))
    record(jansen, participant=person("WB-BBBBBBBBBB"), action=Action.EXPORT, changes={})
    record(jansen, object_type="projects.project", participant=None, changes={"staff": [None, "x"]})
    client = client_for(admin)

    def shown(**filters: str) -> int:
        response = client.get(PAGE, filters)
        assert response.status_code == 200
        return int(response.context["page_obj"].paginator.count)

    assert shown() == 3
    assert shown(action="export") == 1
    assert shown(object_type="projects.project") == 1
    assert shown(user="jans") == 2
    assert shown(participant="wb-aaaaaaaaaa") == 1  # typed in lower case
    today = clock.today()
    assert shown(date_from=today.isoformat(), date_to=today.isoformat()) == 3
    assert shown(date_to=(today - dt.timedelta(days=1)).isoformat()) == 0
    assert shown(date_from=(today + dt.timedelta(days=1)).isoformat()) == 0


def test_a_bad_filter_says_so(admin: User) -> None:
    record(admin)
    response = client_for(admin).get(PAGE, {"date_from": "2025-02-01", "date_to": "2025-01-01"})
    assert response.status_code == 200
    assert "The end of the period lies before its start." in response.content.decode()


def test_fifty_events_a_page_and_the_filters_stay_in_the_links(admin: User) -> None:
    record(admin, n=60)
    client = client_for(admin)
    first = client.get(PAGE, {"action": "change"})
    assert len(first.context["rows"]) == 50
    assert 'href="?action=change&amp;page=2"' in first.content.decode()
    second = client.get(PAGE, {"action": "change", "page": "2"})
    assert len(second.context["rows"]) == 10


def test_the_list_costs_the_same_queries_for_3_and_30_events(admin: User) -> None:
    client = client_for(admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    record(admin, n=3)
    queries()  # the first page of a process also reads the menu's permissions
    few = queries()
    record(admin, n=27)
    assert AuditEvent.objects.count() == 30
    assert queries() == few


@translation.override("en")
def test_changes_read_as_field_old_to_new() -> None:
    assert readable_changes(
        "change", {"status": ["intake", "active"], "on": [None, "2025-01-01"]}
    ) == [
        Change("status", "intake", "active"),
        Change("Date", "–", "Jan. 1, 2025"),
    ]
    # Hidden values stay hidden; an export lists plain values, even two of them.
    assert readable_changes("change", {"email": ["•••", "•••"]}) == [Change("email", "•••", "•••")]
    assert readable_changes("export", {"projects": ["bouw", "zorg"]}) == [
        Change("Projects", None, "bouw, zorg")
    ]
    assert readable_changes("change", {"in_work": [None, True]}) == [Change("in_work", "–", "yes")]


def test_changes_name_the_field_and_the_value_as_the_page_does() -> None:
    """The log shows labels in the reader's language, never the names in the code."""
    with translation.override("nl"):
        assert readable_changes(
            "change", {"status": ["active", "placed"], "on": [None, "2026-03-01"]}, model=Trajectory
        ) == [
            Change("Status", "Actief", "Geplaatst op een baan"),
            Change("Datum", "–", "1 maart 2026"),
        ]
    with translation.override("en"):
        assert readable_changes("change", {"status": ["active", "placed"]}, model=Trajectory) == [
            Change("Status", "Active", "Placed in work")
        ]


def test_the_log_refuses_update_and_delete_in_the_database(admin: User) -> None:
    """Database triggers (migration audit 0002) on SQLite and PostgreSQL alike."""
    record(admin)
    events = AuditEvent.objects.filter(actor_name="admin")
    with pytest.raises(DatabaseError), transaction.atomic():
        events.update(actor_name="someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        events.delete()
    event = events.get()
    subject = event.subject
    event.subject = "WB-CHANGED"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    assert AuditEvent.objects.get().subject == subject
    assert connection.vendor in {"sqlite", "postgresql"}


def test_values_about_a_participant_are_sealed_and_read_erased_after_their_key_is_gone(
    admin: User,
) -> None:
    """Crypto-shredding: the page opens the values with the participant's key; once the key
    row is deleted the same events read "erased", and nothing else about them changed."""
    record(admin)
    event = AuditEvent.objects.get()
    assert "3511" not in json.dumps(event.changes)
    assert event.subject
    assert event.subject != "WB-0000000001"
    client = client_for(admin)
    assert "Postcode: 3511 → 3512" in client.get(PAGE).text

    subject_key_destroy(Participant.objects.get(key="WB-0000000001"))
    page = client.get(PAGE).text
    assert "3511" not in page
    assert "WB-0000000001" not in page
    assert "Postcode: erased → erased" in page
    assert AuditEvent.objects.get().changes == event.changes  # the log itself is untouched
    assert client.get(PAGE, {"participant": "WB-0000000001"}).context["rows"] == []


def test_a_sealed_value_opens_only_in_its_own_field() -> None:
    participant = person()
    record(None, participant=participant, changes={"postcode": [None, "3511"]})
    event = AuditEvent.objects.get()
    moved = {"occupation": event.changes["postcode"]}
    subject = subjects([event])[event.subject]
    assert opened_changes(event.changes, subject) == {"postcode": [None, "3511"]}
    assert str(opened_changes(moved, subject)["occupation"][1]) == "erased"


def test_a_recorded_document_is_not_shown_as_code() -> None:
    # Observed: the log showed an application's whole file as {'format': ..., 'complete_on':
    # None, 'legal_entity': True, ...} next to the Dutch labels.
    document = {"format": "werkbrug-application/1", "complete_on": None, "public_sector": False}
    with translation.override("nl"):
        [change] = readable_changes("change", {"document": [None, document]})
    assert change.new == "(vastgelegd, zie het object zelf)"
    assert change.old == "–"
