"""Writing the audit log. Every service that touches personal data calls :func:`audit_record`
inside its own transaction, so the event and the change commit or fail together.

An event about a participant (``participant=``) gets the random subject of that participant's
:class:`~werkbrug.audit.models.SubjectKey` instead of their key, and every value in its
``changes`` sealed with their secret; the field names stay readable. Erasure deletes the key
row (:func:`subject_key_destroy`), which is all it takes to make the events anonymous.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from werkbrug.accounts.models import User
from werkbrug.audit import sealing
from werkbrug.audit.models import Action, AuditEvent, SubjectKey

if TYPE_CHECKING:
    from werkbrug.people.models import Participant

# Field values never written to the log: only the fact that they changed.
HIDDEN = "•••"


def _plain(value: object) -> Any:
    if isinstance(value, dt.date | dt.datetime | Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    return value


def changes_between(
    before: Mapping[str, object], after: Mapping[str, object], *, hidden: Iterable[str] = ()
) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields that differ; hidden fields show as •••."""
    secret = set(hidden)
    diff: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        diff[name] = [HIDDEN, HIDDEN] if name in secret else [_plain(old), _plain(new)]
    return diff


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, object]:
    return {name: getattr(obj, name) for name in fields}


def subject_key(participant: Participant) -> SubjectKey:
    """The participant's key row, made at their first event."""
    key, _created = SubjectKey.objects.get_or_create(
        participant=participant,
        defaults={"subject": secrets.token_hex(16), "secret": sealing.new_secret()},
    )
    return key


def subject_key_destroy(participant: Participant) -> int:
    """Crypto-shredding: delete the key, so the participant's events say nothing any more."""
    deleted, _by_model = SubjectKey.objects.filter(participant=participant).delete()
    return deleted


def value_context(subject: str, field: str) -> str:
    """What a sealed value is bound to: it opens only in its own field of its own subject."""
    return f"{subject}/{field}"


def _seal_value(key: SubjectKey, field: str, value: Any) -> Any:
    # None ("there was no value") and ••• (a hidden value) tell nothing about the person.
    if value is None or value == HIDDEN:
        return value
    return sealing.seal(bytes(key.secret), value, context=value_context(key.subject, field))


def seal_changes(key: SubjectKey, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of ``changes`` sealed, both sides of a ``[old, new]`` pair alike."""
    sealed: dict[str, Any] = {}
    for field, value in changes.items():
        if isinstance(value, list | tuple):
            sealed[field] = [_seal_value(key, field, v) for v in value]
        else:
            sealed[field] = _seal_value(key, field, value)
    return sealed


def audit_record(
    *,
    actor: User | None,
    action: Action,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    participant: Participant | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``participant``: the person it is about; their values are sealed."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    values = dict(changes or {})
    subject = ""
    if participant is not None:
        key = subject_key(participant)
        subject, values = key.subject, seal_changes(key, values)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject=subject,
        changes=values,
    )
