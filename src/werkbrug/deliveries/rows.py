"""The live records as rows of the exchange format, and the check of every write against them.

A freeze (:mod:`werkbrug.deliveries.freeze`) writes these rows and reads them back through
the importer. The services check each record they write with :func:`live_check`, which runs
the importer's own rules on the same row (:func:`werkbrug.exchange.records.check_record`):
so what werkbrug accepts always freezes into a valid delivery, and a value the format
refuses is refused when it is entered, on the field that holds it, instead of months later
in a file the coordinator never saw.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext

from werkbrug.exchange import TABLES
from werkbrug.exchange.records import RecordError, check_record
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.models import Outcome
from werkbrug.vacancies.models import Employer, Vacancy
from werkbrug.web.forms import apply_errors

Row = dict[str, object]
LiveRecord = Project | Participant | Outcome | Employer | Vacancy


def _blank(value: object) -> object:
    # The models keep "unknown" text as "", the format as an empty cell.
    return None if value == "" else value


def _row(record: LiveRecord, table: str, **other: object) -> Row:
    """The record's row of ``table``: each column from the model field of the same name (the
    live models carry the format's columns), or from ``other`` where the model differs."""
    return {
        name: _blank(other[name] if name in other else getattr(record, name))
        for name in TABLES[table].column_names
    }


def project_row(p: Project) -> Row:
    return _row(p, "projects")


def participant_row(p: Participant) -> Row:
    return _row(p, "participants", id=p.key, project=p.project.code)


def outcome_row(o: Outcome) -> Row:
    employer = o.employer.key if o.employer else o.employer_name
    return _row(o, "outcomes", participant=o.trajectory.participant.key, employer=employer)


def employer_row(e: Employer) -> Row:
    return _row(e, "employers", id=e.key, project=e.project.code if e.project else None)


def vacancy_row(v: Vacancy) -> Row:
    return _row(v, "vacancies", id=v.key, employer=v.employer.key)


# Per model: its table, its row, and the field (of the model, the service and the forms)
# that holds a column whose name differs.
_TABLES: dict[type[Any], tuple[str, Callable[[Any], Row], Mapping[str, str]]] = {
    Project: ("projects", project_row, {}),
    Participant: ("participants", participant_row, {"id": "key"}),
    Outcome: (
        "outcomes",
        outcome_row,
        {"participant": "trajectory", "date": "on", "employer": "employer_name"},
    ),
    Employer: ("employers", employer_row, {"id": "key"}),
    Vacancy: ("vacancies", vacancy_row, {"id": "key"}),
}


class LiveRecordError(ValidationError):
    """A write that would not freeze into a valid delivery. Like any ValidationError it maps
    each field to its messages (in the active language: what is wrong and what is allowed),
    so pages show them on the field; ``findings`` keep the format's own terms."""

    def __init__(self, error: RecordError, fields: Mapping[str, str]) -> None:
        messages: dict[str, list[str]] = {}
        for finding in error.findings:
            field = fields.get(finding.column, finding.column) if finding.column else None
            messages.setdefault(field or NON_FIELD_ERRORS, []).append(finding.message(gettext))
        super().__init__(messages)
        self.table = error.table
        self.findings = error.findings


def live_check(record: LiveRecord, *, fields: Mapping[str, str] | None = None) -> None:
    """Refuse ``record`` (about to be saved) with :class:`LiveRecordError` when a delivery
    frozen from it would be refused; else put its text and codes in the form the delivery
    holds them (``c`` → ``C``, ``3511 AB`` → ``3511``, trimmed text). ``fields`` names the
    caller's field for a column, where it differs (a vacancy closed ``on`` a date)."""
    table, row_of, own_fields = _TABLES[type(record)]
    row = row_of(record)
    intake = record.trajectory.participant.intake_date if isinstance(record, Outcome) else None
    try:
        checked = check_record(table, row, intake_date=intake)
    except RecordError as exc:
        raise LiveRecordError(exc, {**own_fields, **(fields or {})}) from None
    for column, value in row.items():
        current = getattr(record, column, None)
        # Only the text fields the row took as they are (not keys, references or numbers).
        if isinstance(current, str) and _blank(current) == value and checked[column] != value:
            setattr(record, column, checked[column] or "")
    if isinstance(record, Participant) and record.pk is not None:
        _check_outcome_of(record)


def _check_outcome_of(participant: Participant) -> None:
    """An outcome may not lie before its participant's intake: a new intake date is checked
    against the outcome already recorded, with the outcome's rule, on the intake date."""
    outcome = (
        Outcome.objects.filter(trajectory__participant=participant)
        .select_related("trajectory", "employer")
        .first()
    )
    if outcome is None:
        return
    outcome.trajectory.participant = participant
    try:
        check_record("outcomes", outcome_row(outcome), intake_date=participant.intake_date)
    except RecordError as exc:
        # Only the rule across the two records; the outcome's own values are its business.
        across = tuple(f for f in exc.findings if f.column == "date")
        if across:
            error = RecordError("outcomes", across)
            raise LiveRecordError(error, {"date": "intake_date"}) from None


class LiveCheckedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form (the admin's) whose record is checked like every write of a service, so
    the admin cannot store what would not freeze either."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:  # the record is incomplete; its own errors come first
            return data
        # The form fills its instance only after clean(); check a filled copy.
        record = construct_instance(self, copy.copy(self.instance), self._meta.fields)
        try:
            live_check(record)
        except ValidationError as exc:
            apply_errors(exc, self)
        return data
