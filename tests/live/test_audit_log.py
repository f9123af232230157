"""The audit log is append-only in the database itself, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from tests.live.conftest import World
from werkbrug.audit.models import AuditEvent


@pytest.mark.usefixtures("world")
def test_audit_events_cannot_be_changed() -> None:
    assert AuditEvent.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(actor_name="someone else")
    assert not AuditEvent.objects.filter(actor_name="someone else").exists()


@pytest.mark.usefixtures("world")
def test_audit_events_cannot_be_deleted() -> None:
    count = AuditEvent.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == count


def test_deleting_a_user_keeps_their_events(world: World) -> None:
    mediator = world.users["mediator1b"]
    events = AuditEvent.objects.filter(actor_name="mediator1b").count()
    assert events > 0
    mediator.delete()
    assert AuditEvent.objects.filter(actor_name="mediator1b").count() == events
