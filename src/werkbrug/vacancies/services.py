"""Writes for employers and vacancies: create, edit, close, mark filled.

Like every write service they take the acting user (DESIGN.md); employers and vacancies hold
no personal data, so nothing is written to the audit log and ``actor`` is not used yet."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug import clock
from werkbrug.accounts.models import User
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


@transaction.atomic
def employer_create(
    *,
    actor: User,  # noqa: ARG001 (see the module docstring)
    values: Mapping[str, Any],
) -> Employer:
    employer = Employer(key=_new_key("E", Employer))
    _apply(employer, EMPLOYER_FIELDS, values)
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def employer_update(
    *,
    actor: User,  # noqa: ARG001 (see the module docstring)
    employer: Employer,
    values: Mapping[str, Any],
) -> Employer:
    _apply(employer, EMPLOYER_FIELDS, values)
    employer.full_clean()
    employer.save()
    return employer


def _check_vacancy(vacancy: Vacancy) -> None:
    if vacancy.open_date and vacancy.close_date and vacancy.close_date < vacancy.open_date:
        raise ValidationError({"close_date": _("The vacancy cannot close before it opens.")})
    if vacancy.hours is not None and not 0 < vacancy.hours <= 80:
        raise ValidationError({"hours": _("Weekly hours lie between 0 and 80.")})
    if vacancy.positions < 1:
        raise ValidationError({"positions": _("A vacancy has at least one position.")})


@transaction.atomic
def vacancy_create(
    *,
    actor: User,  # noqa: ARG001 (see the module docstring)
    employer: Employer,
    values: Mapping[str, Any],
) -> Vacancy:
    vacancy = Vacancy(key=_new_key("V", Vacancy), employer=employer)
    _apply(vacancy, VACANCY_FIELDS, values)
    if vacancy.open_date is None:
        vacancy.open_date = clock.today()
    if not vacancy.sector:
        vacancy.sector = employer.sector
    if not vacancy.postcode:
        vacancy.postcode = employer.postcode
    _check_vacancy(vacancy)
    vacancy.full_clean()
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_update(
    *,
    actor: User,  # noqa: ARG001 (see the module docstring)
    vacancy: Vacancy,
    values: Mapping[str, Any],
) -> Vacancy:
    """Change a vacancy's fields. Clearing the close date reopens it: a vacancy without a close
    date is no longer filled either."""
    _apply(vacancy, VACANCY_FIELDS, values)
    if vacancy.close_date is None:
        vacancy.filled = False
    _check_vacancy(vacancy)
    vacancy.full_clean()
    vacancy.save()
    return vacancy


@transaction.atomic
def vacancy_close(
    *,
    actor: User,  # noqa: ARG001 (see the module docstring)
    vacancy: Vacancy,
    on: dt.date,
    filled: bool = False,
) -> Vacancy:
    """Close a vacancy on a date; ``filled`` says it was filled (by anyone) rather than
    withdrawn. Closing again moves the date; reopening is an edit of the close date."""
    if vacancy.open_date and on < vacancy.open_date:
        raise ValidationError({"on": _("The vacancy cannot close before it opens.")})
    vacancy.close_date = on
    vacancy.filled = filled
    vacancy.save(update_fields=["close_date", "filled"])
    return vacancy
