"""Bring an existing installation's audit log and earlier erasures in line with issue 12.

Until now events named a participant by their key and held their values in plain text, and
an erasure left the key in every event (its own erase event linked the old key to the
record), the matching profile, suggestion reasons, the outcome's employer and every frozen
delivery's rows behind. This migration, once:

1. gives every participant who is not erased a key row (audit.SubjectKey);
2. rewrites each event about a participant: about a participant who is not erased, its
   subject becomes their key row's token and its values are sealed with their secret, so
   the audit page shows what it showed; about anyone else (an erased participant, or a key
   that no longer exists) its subject is emptied and its values are sealed with a key that
   is thrown away at once, so they read "erased";
3. finishes the earlier erasures (found through their erase events, the only place that
   still links an old key to a record): the rows of every delivery with the old key get a
   new random key and lose what the reports do not read, the matching profile and the
   consents are deleted, suggestion reasons and snapshots, the outcome's employer and the
   record's remaining details are emptied.

The log is append-only, so the UPDATEs of step 2 run with the triggers of migration 0002
lifted for this migration only; they are put back before it ends, in the same transaction.
What an earlier erasure left in a session cannot be found any more (the names are gone), but
no session outlives the maximum session length, and `werkbrug clearsessions` removes them.
"""

from __future__ import annotations

import importlib
import secrets
from typing import Any

from django.db import migrations

from werkbrug.audit.sealing import new_secret, seal

HIDDEN = "•••"
_CHUNK = 1000
_TRIGGERS = importlib.import_module("werkbrug.audit.migrations.0002_append_only")


def _seal(secret: bytes, subject: str, field: str, value: Any) -> Any:
    if value is None or value == HIDDEN:
        return value
    return seal(secret, value, context=f"{subject}/{field}")


def _sealed(changes: Any, subject: str, secret: bytes) -> Any:
    if not isinstance(changes, dict):
        return changes
    return {
        field: [_seal(secret, subject, field, v) for v in value]
        if isinstance(value, list)
        else _seal(secret, subject, field, value)
        for field, value in changes.items()
    }


def _lift(schema_editor: Any, install: bool) -> None:
    vendor = schema_editor.connection.vendor
    reverse = {"sqlite": _TRIGGERS.SQLITE_REVERSE, "postgresql": _TRIGGERS.POSTGRES_REVERSE}
    forward = {"sqlite": _TRIGGERS.SQLITE, "postgresql": _TRIGGERS.POSTGRES}
    for sql in (forward if install else reverse).get(vendor, []):
        schema_editor.execute(sql)


def _erased_key() -> str:
    return "ERASED-" + secrets.token_hex(6).upper()


def _finish_erasure(apps: Any, old_key: str, pk: int) -> None:
    participant = apps.get_model("people", "Participant").objects.filter(pk=pk).first()
    if participant is None or participant.erased_on is None:
        return
    delivered = apps.get_model("deliveries", "DeliveryParticipant")
    outcomes = apps.get_model("deliveries", "DeliveryOutcome")
    for row in delivered.objects.filter(key=old_key):
        new = _erased_key()
        while delivered.objects.filter(delivery_id=row.delivery_id, key=new).exists():
            new = _erased_key()
        outcomes.objects.filter(delivery_id=row.delivery_id, participant_key=old_key).update(
            participant_key=new, employer="", sector="", occupation="", benefit_days=None
        )
        age = row.age_at_intake
        row.birth_year = None if age is None else row.intake_date.year - age
        row.key, row.birth_date, row.hours_before = new, None, None
        row.occupation = row.sector = row.postcode = ""
        row.save()
    apps.get_model("matches", "Profile").objects.filter(participant_id=pk).delete()
    apps.get_model("matches", "Suggestion").objects.filter(participant_id=pk).update(
        reason="", snapshot={}, decided_snapshot=None
    )
    apps.get_model("people", "Consent").objects.filter(participant_id=pk).delete()
    apps.get_model("trajectories", "Outcome").objects.filter(trajectory__participant_id=pk).update(
        employer=None, employer_name="", sector="", occupation="", benefit_days=None
    )
    participant.occupation = participant.sector = ""
    participant.hours_before = None
    participant.notice_date = participant.contract_end_date = None
    participant.benefit_start_date = None
    participant.save()


def forwards(apps: Any, schema_editor: Any) -> None:
    participants = apps.get_model("people", "Participant")
    keys = apps.get_model("audit", "SubjectKey")
    events = apps.get_model("audit", "AuditEvent")
    live: dict[str, tuple[str, bytes]] = {}
    for pk, key in participants.objects.filter(erased_on__isnull=True).values_list("pk", "key"):
        row = keys.objects.filter(participant_id=pk).first()
        if row is None:
            row = keys.objects.create(
                participant_id=pk, subject=secrets.token_hex(16), secret=new_secret()
            )
        live[key] = (row.subject, bytes(row.secret))
    tokens = {token for token, _secret in live.values()}
    erasures = dict(
        events.objects.filter(action="erase", object_type="people.participant")
        .exclude(subject="")
        .values_list("subject", "object_id")
    )
    # The ids first: rows are rewritten while they are read, in chunks.
    ids = list(events.objects.exclude(subject="").order_by("id").values_list("id", flat=True))
    _lift(schema_editor, install=False)
    for start in range(0, len(ids), _CHUNK):
        for event in events.objects.filter(id__in=ids[start : start + _CHUNK]):
            if event.subject in tokens:
                continue  # written after migration 0003 already, sealed
            if event.subject in live:
                token, secret = live[event.subject]
                event.changes = _sealed(event.changes, token, secret)
                event.subject = token
            else:
                event.changes = _sealed(event.changes, "", new_secret())
                event.subject = ""
            event.save(update_fields=["subject", "changes"])
    _lift(schema_editor, install=True)
    for old_key, object_id in erasures.items():
        if str(object_id).isdigit():
            _finish_erasure(apps, old_key, int(object_id))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_subject_key"),
        ("deliveries", "0003_derived_report_columns"),
        ("matches", "0001_initial"),
        ("people", "0003_caseload_indexes"),
        ("trajectories", "0004_caseload_indexes"),
    ]

    # Going back leaves the events sealed: their keys stay in audit.SubjectKey until
    # migration 0003 is reversed too, and there is no reason to write names back.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
