"""Writes for employers and vacancies: create, edit, close, mark filled.

Like every write service they take the acting user (DESIGN.md); employers and vacancies hold
no personal data, so nothing is written to the audit log and ``actor`` is not used yet.
Every record obeys the rules of ``employers.csv`` and ``vacancies.csv`` (``live_check``)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from werkbrug import clock
from werkbrug.accounts.models import User
from werkbrug.deliveries.rows import live_check
from werkbrug.vacancies.models import Employer, Vacancy
from werkbrug.vacancies.values import EmployerValues, VacancyValues

EMPLOYER_FIELDS = EmployerValues.field_names()
VACANCY_FIELDS = VacancyValues.field_names()


def _new_key(prefix: str, model: type[Employer] | type[Vacancy]) -> str:
    while True:
        key = f"{prefix}-{secrets.token_hex(4).upper()}"
        if not model.objects.filter(key=key).exists():
            return key


def _apply(obj: Employer | Vacancy, values: EmployerValues | VacancyValues) -> None:
    for name, value in values.as_dict().items():
        setattr(obj, name, value)


def _save(obj: Employer | Vacancy) -> None:
    live_check(obj)  # the rules of employers.csv and vacancies.csv
    obj.full_clean()
    obj.save()


@transaction.atomic
def employer_create(*, actor: User, values: EmployerValues) -> Employer:
    employer = Employer(key=_new_key("E", Employer))
    return employer_update(actor=actor, employer=employer, values=values)


@transaction.atomic
def employer_update(*, actor: User, employer: Employer, values: EmployerValues) -> Employer:
    _apply(employer, values)
    _save(employer)
    return employer


@transaction.atomic
def vacancy_create(*, actor: User, employer: Employer, values: VacancyValues) -> Vacancy:
    vacancy = Vacancy(key=_new_key("V", Vacancy), employer=employer)
    _apply(vacancy, values)
    if vacancy.open_date is None:
        vacancy.open_date = clock.today()
    if not vacancy.sector:
        vacancy.sector = employer.sector
    if not vacancy.postcode:
        vacancy.postcode = employer.postcode
    _save(vacancy)
    return vacancy


@transaction.atomic
def vacancy_update(*, actor: User, vacancy: Vacancy, values: VacancyValues) -> Vacancy:
    """Change a vacancy's fields. Clearing the close date reopens it: a vacancy without a close
    date is no longer filled either."""
    _apply(vacancy, values)
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
