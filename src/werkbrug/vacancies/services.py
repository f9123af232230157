"""Writes for employers and vacancies: create, edit, close, mark filled.

Like every write service they take the acting user (DESIGN.md); employers and vacancies hold
no personal data, so nothing is written to the audit log and ``actor`` is not used yet.
Every record obeys the rules of ``employers.csv`` and ``vacancies.csv`` (``live_check``)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from werkbrug import clock
from werkbrug.accounts.models import User
from werkbrug.deliveries.rows import live_check
from werkbrug.vacancies.models import Employer, Vacancy

EMPLOYER_FIELDS = ("name", "sector", "postcode", "project")
VACANCY_FIELDS = (
    "title",
    "occupation",
    "sector",
    "postcode",
    "min_education",
    "hours",
    "contract",
    "positions",
    "skills",
    "open_date",
    "close_date",
)


def _new_key(prefix: str, model: type[Employer] | type[Vacancy]) -> str:
    while True:
        key = f"{prefix}-{secrets.token_hex(4).upper()}"
        if not model.objects.filter(key=key).exists():
            return key


def _apply(obj: Employer | Vacancy, fields: tuple[str, ...], values: Mapping[str, Any]) -> None:
    for name in fields:
        if name in values:
            setattr(obj, name, values[name])


def _save(obj: Employer | Vacancy) -> None:
    live_check(obj)  # the rules of employers.csv and vacancies.csv
    obj.full_clean()
    obj.save()


@transaction.atomic
def employer_create(*, actor: User, values: Mapping[str, Any]) -> Employer:
    employer = Employer(key=_new_key("E", Employer))
    return employer_update(actor=actor, employer=employer, values=values)


@transaction.atomic
def employer_update(*, actor: User, employer: Employer, values: Mapping[str, Any]) -> Employer:
    _apply(employer, EMPLOYER_FIELDS, values)
    _save(employer)
    return employer


@transaction.atomic
def vacancy_create(*, actor: User, employer: Employer, values: Mapping[str, Any]) -> Vacancy:
    vacancy = Vacancy(key=_new_key("V", Vacancy), employer=employer)
    _apply(vacancy, VACANCY_FIELDS, values)
    if vacancy.open_date is None:
        vacancy.open_date = clock.today()
    if not vacancy.sector:
        vacancy.sector = employer.sector
    if not vacancy.postcode:
        vacancy.postcode = employer.postcode
    _save(vacancy)
    return vacancy


@transaction.atomic
def vacancy_update(*, actor: User, vacancy: Vacancy, values: Mapping[str, Any]) -> Vacancy:
    """Change a vacancy's fields. Clearing the close date reopens it: a vacancy without a close
    date is no longer filled either."""
    _apply(vacancy, VACANCY_FIELDS, values)
    if vacancy.close_date is None:
        vacancy.filled = False
    _save(vacancy)
    return vacancy


@transaction.atomic
def vacancy_close(*, actor: User, vacancy: Vacancy, on: dt.date, filled: bool = False) -> Vacancy:
    """Close a vacancy on a date; ``filled`` says it was filled (by anyone) rather than
    withdrawn. Closing again moves the date; reopening is an edit of the close date."""
    before = vacancy.close_date, vacancy.filled
    vacancy.close_date, vacancy.filled = on, filled
    try:
        live_check(vacancy, fields={"close_date": "on"})
    except ValidationError:
        vacancy.close_date, vacancy.filled = before
        raise
    vacancy.save(update_fields=["close_date", "filled"])
    return vacancy
