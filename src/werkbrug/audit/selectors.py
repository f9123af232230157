"""Reads for the audit log page: the filtered events and their changes in readable form."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from werkbrug.audit import sealing
from werkbrug.audit.models import Action, AuditEvent, SubjectKey
from werkbrug.audit.services import value_context

if TYPE_CHECKING:
    from werkbrug.people.models import Participant

# Actions whose changes are written as {field: [old, new]}; an export lists plain values.
PAIRED = frozenset({Action.CREATE.value, Action.CHANGE.value, Action.DELETE.value})
NOTHING = "–"


@dataclass(frozen=True)
class Subject:
    """Whom an event is about, as far as the log can still tell: the participant's key and
    secret while their SubjectKey exists; after the erasure neither (``erased``)."""

    token: str
    key: str = ""
    secret: bytes | None = None

    @property
    def erased(self) -> bool:
        return bool(self.token) and self.secret is None

    def open(self, field: str, value: Any) -> Any:
        """A sealed value opened, or :data:`ERASED` once the key is gone."""
        if not sealing.is_sealed(value):
            return value
        if self.secret is None:
            return ERASED
        try:
            return sealing.unseal(self.secret, value, context=value_context(self.token, field))
        except sealing.SealError:
            return ERASED


class _Erased:
    """A sealed value whose key was destroyed: shown as "erased", never as data."""

    def __str__(self) -> str:
        return _("erased")


ERASED = _Erased()
NOBODY = Subject("")


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
        tokens = SubjectKey.objects.filter(participant__key__iexact=key).values("subject")
        events = events.filter(subject__in=tokens)
    if filters.get("date_from"):
        events = events.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(at__lt=_start_of(filters["date_to"] + dt.timedelta(days=1)))
    return events


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the site's time zone (the index on ``at`` serves)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def events_about(participant: Participant) -> QuerySet[AuditEvent]:
    """The events about one participant, oldest first; none once they are erased."""
    tokens = SubjectKey.objects.filter(participant=participant).values("subject")
    return AuditEvent.objects.filter(subject__in=tokens).order_by("at", "id")


def subjects(events: Iterable[AuditEvent]) -> dict[str, Subject]:
    """Whom each event's subject stands for, in one query for a page of events."""
    tokens = {e.subject for e in events if e.subject}
    found = {
        token: Subject(token, key, bytes(secret))
        for token, key, secret in SubjectKey.objects.filter(subject__in=tokens).values_list(
            "subject", "participant__key", "secret"
        )
    }
    return {token: found.get(token, Subject(token)) for token in tokens}


def opened_changes(changes: Mapping[str, Any] | Any, subject: Subject) -> Any:
    """``changes`` with every sealed value opened (or :data:`ERASED`)."""
    if not isinstance(changes, Mapping):
        return changes
    opened: dict[str, Any] = {}
    for name, value in changes.items():
        if isinstance(value, list | tuple):
            opened[name] = [subject.open(str(name), v) for v in value]
        else:
            opened[name] = subject.open(str(name), value)
    return opened


def opened(event: AuditEvent) -> Any:
    """One event's changes with its sealed values opened (for a single event; a page of
    them uses :func:`subjects` once)."""
    return opened_changes(event.changes, subjects([event]).get(event.subject, NOBODY))


def model_of(object_type: str) -> type[models.Model] | None:
    """The model an event's object type names (``trajectories.trajectory``), if it exists."""
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


# Names in the log that are not a field of the event's model (a move's date, an export's
# project codes), with the label a reader sees.
_OTHER_NAMES: Mapping[str, Any] = {
    "on": gettext_lazy("date"),
    "projects": gettext_lazy("projects"),
    "staff": gettext_lazy("staff"),
    "decision": gettext_lazy("decision"),
    "vacancy": gettext_lazy("vacancy"),
    "purpose": gettext_lazy("purpose"),
    "given_on": gettext_lazy("given on"),
    "withdrawn_on": gettext_lazy("withdrawn on"),
    "password": gettext_lazy("password"),
}


def _field(model: type[models.Model] | None, name: str) -> Any:
    """The model's field ``name``, or that of a model it has one of (a participant's event
    also logs the contact details: ``given_name``)."""
    if model is None:
        return None
    owners = [model] + [
        rel.related_model
        for rel in model._meta.related_objects
        if rel.one_to_one and isinstance(rel.related_model, type)
    ]
    for owner in owners:
        try:
            return owner._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """A logged field by its label (``status`` → ``Status``), not its name in the code."""
    found = _field(model, name)
    label = getattr(found, "verbose_name", None) or _OTHER_NAMES.get(name)
    return capfirst(str(label)) if label else name


def readable_changes(
    action: str,
    changes: Mapping[str, Any] | Any,
    subject: Subject = NOBODY,
    model: type[models.Model] | None = None,
) -> list[Change]:
    """``changes`` as Field: old → new (or Field: value for an export), sealed values opened
    with the subject's key or shown as "erased". With the event's ``model``, fields are
    shown by their labels and coded values by their choices (``Status: actief →
    geplaatst``), dates as a reader writes them."""
    changes = opened_changes(changes, subject)
    if not isinstance(changes, Mapping):
        return [Change("", None, _text(changes))] if changes else []
    out = []
    for name, value in changes.items():
        field = _field(model, str(name))
        label = field_label(model, str(name))
        if action in PAIRED and isinstance(value, list | tuple) and len(value) == 2:
            out.append(Change(label, _text(value[0], field), _text(value[1], field)))
        else:
            out.append(Change(label, None, _text(value, field)))
    return out


def _text(value: Any, field: Any = None) -> str:
    if value is ERASED:
        return str(ERASED)
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return pgettext("answer", "yes") if value else pgettext("answer", "no")
    if isinstance(value, list | tuple):
        return ", ".join(_text(v, field) for v in value) or NOTHING
    if isinstance(value, dict):
        # A whole document (an application's file): its keys are names in the code, and the
        # object itself shows it readably; the log only says that it was recorded.
        return _("(recorded, see the object itself)")
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    return str(value)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def object_type_label(label: str, names: Mapping[str, str]) -> str:
    return names.get(label) or label or _("unknown")
