"""Reads for the audit log page: the filtered events and their changes in readable form."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from werkbrug.audit.models import Action, AuditEvent

# Actions whose changes are written as {field: [old, new]}; an export lists plain values.
PAIRED = frozenset({Action.CREATE.value, Action.CHANGE.value, Action.DELETE.value})
NOTHING = "–"


@dataclass(frozen=True)
class Change:
    field: str
    old: str | None  # None: a plain value, not a change (shown as "field: new")
    new: str


def object_types() -> list[tuple[str, str]]:
    """(label, readable name) of werkbrug's models, the object types the log can hold."""
    found = [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in apps.get_models()
        if model.__module__.startswith("werkbrug.")
    ]
    return sorted(found, key=lambda item: item[1].lower())


def audit_events(filters: Mapping[str, Any]) -> QuerySet[AuditEvent]:
    """The events matching ``filters`` (the cleaned filter form), newest first."""
    events = AuditEvent.objects.order_by("-at", "-id")
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("user"):
        events = events.filter(actor_name__icontains=filters["user"])
    key = (filters.get("participant") or "").strip()
    if key:
        events = events.filter(Q(subject=key) | Q(subject=key.upper()))
    if filters.get("date_from"):
        events = events.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(at__lt=_start_of(filters["date_to"] + dt.timedelta(days=1)))
    return events


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the site's time zone (the index on ``at`` serves)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def readable_changes(action: str, changes: Mapping[str, Any] | Any) -> list[Change]:
    """``changes`` as field: old → new (or field: value for an export)."""
    if not isinstance(changes, Mapping):
        return [Change("", None, _text(changes))] if changes else []
    out = []
    for name, value in changes.items():
        if action in PAIRED and isinstance(value, list | tuple) and len(value) == 2:
            out.append(Change(str(name), _text(value[0]), _text(value[1])))
        else:
            out.append(Change(str(name), None, _text(value)))
    return out


def _text(value: Any) -> str:
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return pgettext("answer", "yes") if value else pgettext("answer", "no")
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or NOTHING
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def object_type_label(label: str, names: Mapping[str, str]) -> str:
    return names.get(label) or label or _("unknown")
