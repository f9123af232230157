"""What the audit log holds about a participant (werkbrug.personal_data).

The events themselves are never changed (the database refuses it). They name the
participant only by the random subject of the participant's key row and hold their values
only sealed with its secret, so erasure deletes that one row (crypto-shredding) and leaves
the events as they were: who did what to which kind of record when, and which fields.
"""

from __future__ import annotations

from typing import Any

from werkbrug.audit import selectors
from werkbrug.audit.models import AuditEvent, SubjectKey
from werkbrug.audit.services import subject_key_destroy
from werkbrug.people.models import Participant
from werkbrug.personal_data import Entry, Erasure, register


def _export_events(participant: Participant) -> list[dict[str, Any]]:
    events = list(selectors.events_about(participant))
    whom = selectors.subjects(events)
    return [
        {
            "at": e.at.isoformat(),
            "who": e.actor_name,
            "action": e.action,
            "what": e.object_type,
            "changes": _plain(selectors.opened_changes(e.changes, whom[e.subject])),
        }
        for e in events
    ]


def _plain(value: Any) -> Any:
    """JSON for the export: a value that does not open reads "erased"."""
    if value is selectors.ERASED:
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _leave(_erasure: Erasure) -> int:
    return 0


def _shred(erasure: Erasure) -> int:
    return subject_key_destroy(erasure.participant)


ENTRIES = {
    "audit": register(
        Entry(
            name="audit",
            model=AuditEvent,
            link="",
            fields=("subject", "changes"),
            export=_export_events,
            erase=_leave,
            treatment="left as they are: without the key their subject stands for nobody and "
            "their values no longer open",
        )
    ),
    "audit_key": register(
        Entry(
            name="audit_key",
            model=SubjectKey,
            link="participant",
            fields=("subject", "secret"),
            erase=_shred,
            treatment="deleted (crypto-shredding)",
            note="the key that seals your values in the audit log; it is not data about you",
        )
    ),
}
