"""Fast bulk writes of validated delivery rows: ``COPY`` on PostgreSQL, ``executemany`` on
SQLite. The ORM's ``bulk_create`` builds a model instance per row, which costs more than the
whole validation for a million participants; these writers send the typed values straight to
the driver, inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import Any

from django.db import connection, models

from werkbrug.deliveries.models import (
    Delivery,
    DeliveryEmployer,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
    DeliveryVacancy,
)
from werkbrug.exchange import Table
from werkbrug.indicators import age_at
from werkbrug.taxonomy import education_level

BATCH = 10_000


@dataclass(frozen=True)
class Mapping:
    """How one exchange table lands in one model: the model field for each column, in the
    schema's column order."""

    model: type[models.Model]
    fields: tuple[str, ...]
    # Columns derived from the row (and earlier tables) at import, for fast reports.
    derived: tuple[str, ...] = ()

    def text_positions(self) -> frozenset[int]:
        text = (models.CharField, models.TextField)
        return frozenset(
            i
            for i, name in enumerate(self.fields)
            if isinstance(self.model._meta.get_field(name), text)
        )


MAPPINGS: dict[str, Mapping] = {
    "projects": Mapping(
        DeliveryProject,
        (
            "code",
            "name",
            "network",
            "sector",
            "region",
            "start_date",
            "end_date",
            "target_participants",
            "target_transitions",
            "budget_eur",
            "own_funds_eur",
            "subsidy_eur",
            "individual_contribution",
            "employer_contribution",
            "union_involved",
            "formal_agreement",
            "continuation",
        ),
    ),
    "employers": Mapping(DeliveryEmployer, ("key", "name", "sector", "postcode", "project_code")),
    "participants": Mapping(
        DeliveryParticipant,
        (
            "key",
            "project",
            "intake_date",
            "birth_date",
            "birth_year",
            "gender",
            "education",
            "situation",
            "occupation",
            "sector",
            "postcode",
            "hours_before",
        ),
        derived=("age_at_intake", "education_level"),
    ),
    "outcomes": Mapping(
        DeliveryOutcome,
        (
            "participant_key",
            "outcome",
            "date",
            "contract",
            "hours",
            "employer",
            "sector",
            "occupation",
            "benefit_days",
        ),
        derived=("project", "intake_date"),
    ),
    "vacancies": Mapping(
        DeliveryVacancy,
        (
            "key",
            "employer_key",
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
        ),
    ),
}


class RowSink:
    """Writes the rows of one delivery. ``stop`` is asked before each batch: once it says yes
    (the validator found an error), rows are still consumed, so validation goes on, but no
    longer written; the caller then rolls the transaction back."""

    def __init__(self, delivery: Delivery, stop: Callable[[], bool]) -> None:
        self.delivery = delivery
        self.stop = stop
        self.project_ids: dict[str, int] = {}
        # Each participant's project and intake date, copied onto their outcome.
        self.participants: dict[str, tuple[int | None, Any]] = {}

    def write(self, table: Table, rows: Iterable[list[Any]]) -> None:
        if table.name == "projects":
            self._write_projects(rows)
            return
        mapping = MAPPINGS[table.name]
        prepared = self._prepare(table.name, mapping, rows)
        if connection.vendor == "postgresql":
            self._copy(mapping, prepared)
        else:
            self._executemany(mapping, prepared)

    def _write_projects(self, rows: Iterable[list[Any]]) -> None:
        mapping = MAPPINGS["projects"]
        text = mapping.text_positions()
        objects = []
        for row in rows:
            values = {
                name: ("" if value is None and i in text else value)
                for i, (name, value) in enumerate(zip(mapping.fields, row, strict=True))
            }
            objects.append(DeliveryProject(delivery=self.delivery, **values))
        if self.stop():
            return
        for project in DeliveryProject.objects.bulk_create(objects, batch_size=1000):
            self.project_ids[project.code] = project.pk

    def _prepare(
        self, table: str, mapping: Mapping, rows: Iterable[list[Any]]
    ) -> Iterator[list[Any]]:
        text = mapping.text_positions()
        delivery_id = self.delivery.pk
        project_ids = self.project_ids
        is_participants = table == "participants"
        is_outcomes = table == "outcomes"
        is_vacancies = table == "vacancies"
        participants = self.participants
        for row in rows:
            if is_participants:
                project_id = project_ids.get(row[1])
                participants[row[0]] = (project_id, row[2])
                level = education_level(row[6]) if row[6] else None
                row[1] = project_id
                row += [age_at(row[2], row[3], row[4]), level or ""]
            elif is_outcomes:
                row += list(participants.get(row[0], (None, None)))
            elif is_vacancies and row[9] is None:
                row[9] = 1  # positions defaults to one
            for i in text:
                if row[i] is None:
                    row[i] = ""
            row.append(delivery_id)
            yield row

    @staticmethod
    def _columns(mapping: Mapping) -> list[str]:
        meta = mapping.model._meta
        fields = [*mapping.fields, *mapping.derived, "delivery"]
        concrete = [meta.get_field(name) for name in fields]
        return [f.column for f in concrete if isinstance(f, models.Field) and f.column]

    def _copy(self, mapping: Mapping, rows: Iterator[list[Any]]) -> None:
        quoted = ", ".join(connection.ops.quote_name(c) for c in self._columns(mapping))
        table = connection.ops.quote_name(mapping.model._meta.db_table)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for batch in _batches(rows):
                    if self.stop():
                        break
                    for row in batch:
                        copy.write_row(row)
        for _row in rows:  # keep validating after a stop
            pass

    def _executemany(self, mapping: Mapping, rows: Iterator[list[Any]]) -> None:
        columns = self._columns(mapping)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        table = connection.ops.quote_name(mapping.model._meta.db_table)
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})"
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None
        for batch in _batches(rows):
            if self.stop():
                continue
            raw.executemany(sql, [[_sqlite_value(v) for v in row] for row in batch])


def _batches(rows: Iterator[list[Any]]) -> Iterator[list[list[Any]]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def _sqlite_value(value: Any) -> Any:
    # The forms Django itself stores in SQLite for these field types.
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
