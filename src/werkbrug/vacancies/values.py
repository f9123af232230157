"""The values the employer and vacancy services take (the rules are those of
``employers.csv`` and ``vacancies.csv``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from werkbrug.typed import Values

if TYPE_CHECKING:
    from werkbrug.projects.models import Project


@dataclass(frozen=True)
class EmployerValues(Values):
    name: str
    sector: str = ""
    postcode: str = ""
    project: Project | None = None


@dataclass(frozen=True)
class VacancyValues(Values):
    """A vacancy's fields; an empty sector or postcode takes the employer's, no open date
    means today (vacancy_create)."""

    title: str
    occupation: str = ""
    sector: str = ""
    postcode: str = ""
    min_education: str = ""
    hours: Decimal | None = None
    contract: str = ""
    positions: int = 1
    skills: str = ""
    open_date: dt.date | None = None
    close_date: dt.date | None = None
