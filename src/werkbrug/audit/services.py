"""Writing the audit log. Every service that touches personal data calls :func:`audit_record`
inside its own transaction, so the event and the change commit or fail together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

from werkbrug.accounts.models import User
from werkbrug.audit.models import Action, AuditEvent

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


def audit_record(
    *,
    actor: User | None,
    action: Action,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    subject: str = "",
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "",
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject=subject,
        changes=dict(changes or {}),
    )
