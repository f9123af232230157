"""Migration audit 0004 on an installation that has events and an erasure from before issue
12: the events of a participant are sealed with their new key and read as before; an earlier
erasure no longer leaves its old key, its values or its rows behind."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from tests.live.dump import everything
from werkbrug.audit.models import AuditEvent, SubjectKey
from werkbrug.audit.selectors import events_about, opened
from werkbrug.deliveries.models import Delivery, DeliveryOutcome, DeliveryParticipant
from werkbrug.matches.models import Profile
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project

BEFORE = [("audit", "0003_subject_key")]
AFTER = [("audit", "0004_seal_existing_events")]


def _migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def _old_event(subject: str, object_id: int, action: str = "change", **changes: object) -> None:
    # As the services wrote them before: the key as subject, the values in plain text.
    AuditEvent.objects.create(
        action=action,
        object_type="people.participant",
        object_id=str(object_id),
        subject=subject,
        changes=changes,
    )


@pytest.mark.usefixtures("committed")
def test_events_and_earlier_erasures_are_brought_in_line() -> None:
    _migrate(BEFORE)
    project = Project.objects.create(
        code="p",
        name="P",
        start_date=dt.date(2025, 1, 1),
        target_participants=2,
        target_transitions=1,
    )
    kept = Participant.objects.create(
        key="WB-KEPT000001", project=project, intake_date=dt.date(2025, 2, 1)
    )
    gone = Participant.objects.create(
        key="ERASED-000000000001",
        project=project,
        intake_date=dt.date(2025, 2, 3),
        birth_year=1970,
        occupation="7322",
        erased_on=dt.date(2025, 6, 1),
    )
    _old_event(kept.key, kept.pk, postcode=[None, "3511"], family_name=["•••", "•••"])
    _old_event("WB-GONE000001", gone.pk, action="create", postcode=[None, "9743"])
    _old_event("WB-GONE000001", gone.pk, action="erase")
    Profile.objects.create(participant=gone, skills="tolk Gronings")
    delivery = Delivery.objects.create(name="d", content_hash="0" * 64)
    row_project = delivery.projects.create(
        code="p",
        name="P",
        start_date=dt.date(2025, 1, 1),
        target_participants=2,
        target_transitions=1,
    )
    DeliveryParticipant.objects.create(
        delivery=delivery,
        key="WB-GONE000001",
        project=row_project,
        intake_date=dt.date(2025, 2, 3),
        birth_date=dt.date(1970, 8, 9),
        birth_year=1970,
        postcode="9743",
        age_at_intake=54,
    )
    DeliveryOutcome.objects.create(
        delivery=delivery,
        participant_key="WB-GONE000001",
        outcome="self_employed",
        date=dt.date(2025, 4, 1),
        employer="Klusbedrijf Gone",
    )

    _migrate(AFTER)

    assert SubjectKey.objects.filter(participant=kept).exists()
    assert not SubjectKey.objects.filter(participant=gone).exists()
    [event] = events_about(kept)
    assert opened(event) == {"postcode": [None, "3511"], "family_name": ["•••", "•••"]}
    assert "3511" not in json.dumps(event.changes)
    text = everything()
    for left in ("WB-GONE000001", "9743", "1970-08-09", "tolk Gronings", "Klusbedrijf Gone"):
        assert left not in text, left
    row = DeliveryParticipant.objects.get()
    assert (row.birth_year, row.age_at_intake) == (2025 - 54, 54)
    assert DeliveryOutcome.objects.get().participant_key == row.key
    assert AuditEvent.objects.filter(subject="").count() == 2
    # Still append-only.
    with pytest.raises(DatabaseError, match="append-only"):
        AuditEvent.objects.update(actor_name="x")
