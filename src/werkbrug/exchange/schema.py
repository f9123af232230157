"""The tables and columns of ``werkbrug-exchange/1`` (docs/exchange-format.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from werkbrug.exchange import cells
from werkbrug.taxonomy import (
    CONTINUATIONS,
    CONTRACTS,
    EDUCATION,
    FORMAL_AGREEMENTS,
    GENDERS,
    NETWORKS,
    OUTCOMES,
    REGIONS,
    SBI_SECTIONS,
    SITUATIONS,
)

FORMAT = "werkbrug-exchange/1"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    parse: cells.Parser | None = None
    # Number columns take a factory instead: the decimal comma depends on the file.
    decimal: Callable[[bool], cells.Parser] | None = None
    # The value of an empty cell, when the format gives one (positions: 1).
    default: object = None

    def parser(self, decimal_comma: bool) -> cells.Parser:
        if self.decimal is not None:
            return self.decimal(decimal_comma)
        assert self.parse is not None, self.name
        return self.parse


@dataclass(frozen=True)
class Table:
    name: str
    required: bool
    columns: tuple[Column, ...]
    key: str | None = None  # the column whose values must be unique

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def index(self, column: str) -> int:
        return self.column_names.index(column)


#: The most weekly hours a job can have. A job has more than 0 (``hours`` of an outcome or a
#: vacancy); the job a participant leaves may have had 0 (``hours_before``, e.g. on call).
MAX_WEEKLY_HOURS: Final = 80


def weekly_hours_ok(hours: Decimal | float, *, zero_allowed: bool = False) -> bool:
    """Whether ``hours`` are weekly hours the format accepts (see :data:`MAX_WEEKLY_HOURS`)."""
    enough = hours >= 0 if zero_allowed else hours > 0
    return enough and hours <= MAX_WEEKLY_HOURS


_HOURS = cells.decimal(Decimal(0), Decimal(MAX_WEEKLY_HOURS), exclusive_minimum=True)
_HOURS_BEFORE = cells.decimal(Decimal(0), Decimal(MAX_WEEKLY_HOURS))
_MONEY = cells.decimal(Decimal(0), Decimal("999999999999"))
_SECTOR = cells.code(SBI_SECTIONS)
_CONTRACT = cells.code(CONTRACTS)
_EDUCATION = cells.code(EDUCATION)

DELIVERY = Table(
    "delivery",
    required=False,
    columns=(
        Column("name", required=True, parse=cells.text(100)),
        Column("delivered_on", parse=cells.parse_date),
        Column("description", parse=cells.text(10_000)),
    ),
)

PROJECTS = Table(
    "projects",
    required=True,
    key="code",
    columns=(
        Column("code", required=True, parse=cells.text(40)),
        Column("name", required=True, parse=cells.text(200)),
        Column("network", parse=cells.code(NETWORKS)),
        Column("sector", parse=_SECTOR),
        Column("region", parse=cells.code(REGIONS)),
        Column("start_date", required=True, parse=cells.parse_date),
        Column("end_date", parse=cells.parse_date),
        Column("target_participants", required=True, parse=cells.integer(0)),
        Column("target_transitions", required=True, parse=cells.integer(0)),
        Column("budget_eur", decimal=_MONEY),
        Column("own_funds_eur", decimal=_MONEY),
        Column("subsidy_eur", decimal=_MONEY),
        Column("individual_contribution", parse=cells.parse_bool),
        Column("employer_contribution", parse=cells.parse_bool),
        Column("union_involved", parse=cells.parse_bool),
        Column("formal_agreement", parse=cells.code(FORMAL_AGREEMENTS)),
        Column("continuation", parse=cells.code(CONTINUATIONS)),
    ),
)

PARTICIPANTS = Table(
    "participants",
    required=True,
    key="id",
    columns=(
        Column("id", required=True, parse=cells.text(64)),
        Column("project", required=True, parse=cells.text(40)),
        Column("intake_date", required=True, parse=cells.parse_date),
        Column("birth_date", parse=cells.parse_date),
        Column("birth_year", parse=cells.integer(1900, 2100)),
        Column("gender", parse=cells.code(GENDERS)),
        Column("education", parse=_EDUCATION),
        Column("situation", parse=cells.code(SITUATIONS)),
        Column("occupation", parse=cells.occupation),
        Column("sector", parse=_SECTOR),
        Column("postcode", parse=cells.postcode),
        Column("hours_before", decimal=_HOURS_BEFORE),
    ),
)

OUTCOMES_TABLE = Table(
    "outcomes",
    required=False,
    key="participant",
    columns=(
        Column("participant", required=True, parse=cells.text(64)),
        Column("outcome", required=True, parse=cells.code(OUTCOMES)),
        Column("date", required=True, parse=cells.parse_date),
        Column("contract", parse=_CONTRACT),
        Column("hours", decimal=_HOURS),
        Column("employer", parse=cells.text(200)),
        Column("sector", parse=_SECTOR),
        Column("occupation", parse=cells.occupation),
        Column("benefit_days", parse=cells.integer(0)),
    ),
)

EMPLOYERS = Table(
    "employers",
    required=False,
    key="id",
    columns=(
        Column("id", required=True, parse=cells.text(64)),
        Column("name", required=True, parse=cells.text(200)),
        Column("sector", parse=_SECTOR),
        Column("postcode", parse=cells.postcode),
        Column("project", parse=cells.text(40)),
    ),
)

VACANCIES = Table(
    "vacancies",
    required=False,
    key="id",
    columns=(
        Column("id", required=True, parse=cells.text(64)),
        Column("employer", parse=cells.text(64)),
        Column("title", required=True, parse=cells.text(200)),
        Column("occupation", parse=cells.occupation),
        Column("sector", parse=_SECTOR),
        Column("postcode", parse=cells.postcode),
        Column("min_education", parse=_EDUCATION),
        Column("hours", decimal=_HOURS),
        Column("contract", parse=_CONTRACT),
        Column("positions", parse=cells.integer(1), default=1),
        Column("skills", parse=cells.skills),
        Column("open_date", parse=cells.parse_date),
        Column("close_date", parse=cells.parse_date),
    ),
)

# The order in which tables are read: every table only refers to tables read before it.
TABLE_ORDER = ("delivery", "projects", "employers", "participants", "outcomes", "vacancies")
TABLES: dict[str, Table] = {
    t.name: t for t in (DELIVERY, PROJECTS, EMPLOYERS, PARTICIPANTS, OUTCOMES_TABLE, VACANCIES)
}
