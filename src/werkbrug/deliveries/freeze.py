"""Freeze a delivery from the live data: what a project sends the funder.

The live records are written out in the exchange format (the rows of
:mod:`werkbrug.deliveries.rows`) and read back through the same import as any delivery, so a
frozen delivery is validated by the same rules, stored in the same snapshot tables, and
appears in the reports exactly like an imported one. Later changes to the live data (or the
erasure of a participant) never change it. Every write to the live data is checked by these
rules already; a problem can only come from records stored before that, and names the
record.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.deliveries.rows import (
    Row,
    employer_row,
    outcome_row,
    participant_row,
    project_row,
    vacancy_row,
)
from werkbrug.deliveries.services import ImportResult, delivery_import
from werkbrug.exchange import (
    TABLES,
    DeliveryMeta,
    Problems,
    SourceError,
    Table,
    open_source,
    write_csv_folder,
)
from werkbrug.exchange.problems import PLACE_CHARS, gettext_noop
from werkbrug.exchange.validate import Values
from werkbrug.exchange.writer import TableRows
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.textsafe import printable
from werkbrug.trajectories.models import Outcome
from werkbrug.vacancies.models import Employer, Vacancy

CHUNK = 2000  # rows per database round trip for the large tables


def _table(
    name: str, row_of: Callable[[Any], Row], records: Iterable[Any]
) -> tuple[Table, Iterator[Values]]:
    table = TABLES[name]
    return table, ([row[column] for column in table.column_names] for row in map(row_of, records))


def _tables(projects: QuerySet[Project], employers: QuerySet[Employer]) -> TableRows:
    participants = Participant.objects.filter(project__in=projects).select_related("project")
    outcomes = Outcome.objects.filter(trajectory__participant__in=participants).select_related(
        "trajectory__participant", "employer"
    )
    vacancies = Vacancy.objects.filter(employer__in=employers).select_related("employer")
    return [
        _table("projects", project_row, projects.order_by("code")),
        _table("participants", participant_row, participants.order_by("key").iterator(CHUNK)),
        _table(
            "outcomes",
            outcome_row,
            outcomes.order_by("trajectory__participant__key").iterator(CHUNK),
        ),
        _table("employers", employer_row, employers.select_related("project").order_by("key")),
        _table("vacancies", vacancy_row, vacancies.order_by("key")),
    ]


# How a problem names the record it is about: the coordinator knows participants, not the
# lines of files that only exist while the freeze runs.
_RECORD_NAMES = {
    "projects": gettext_noop("project {key}"),
    "participants": gettext_noop("participant {key}"),
    "outcomes": gettext_noop("outcome of participant {key}"),
    "employers": gettext_noop("employer {key}"),
    "vacancies": gettext_noop("vacancy {key}"),
}


def _by_record(problems: Problems, folder: Path) -> None:
    """Name each row in the import's problems by its record ("participant WB-…") instead
    of its line in the written files. Rows break the rules only when they were stored before
    the services checked every write (werkbrug.deliveries.rows); the pages show such a record
    as it is, and its edit page asks for a valid value."""
    places = {(p.file, p.line) for p in problems if p.line is not None}
    keys: dict[tuple[str, int], tuple[str, str]] = {}
    try:
        with open_source(folder) as source:
            for name, table_input in source.tables.items():
                key = TABLES[name].key
                if key is None or not any(file == table_input.display for file, _ in places):
                    continue
                position = TABLES[name].index(key)  # the freeze writes the schema's order
                for line, cells in table_input.rows():
                    if (table_input.display, line) in places:
                        keys[(table_input.display, line)] = (name, cells[position])
    except SourceError:
        return  # a file that cannot be read at all (a NUL byte in old data): as reported
    # The problems' texts were made safe when they were found; only the place changes.
    for index, problem in enumerate(problems.items):
        found = keys.get((problem.file, problem.line or 0))
        if found is not None:
            table, key = found
            place = printable(_(_RECORD_NAMES[table]).format(key=key), PLACE_CHARS)
            problems.items[index] = replace(problem, file=place, line=None)


def delivery_freeze(
    *,
    actor: User,
    projects: QuerySet[Project],
    name: str,
    delivered_on: dt.date,
    description: str = "",
) -> ImportResult:
    """Freeze the live data of ``projects`` into a delivery called ``name``."""
    participants = Participant.objects.filter(project__in=projects)
    outcomes = Outcome.objects.filter(trajectory__participant__in=participants)
    employers = Employer.objects.filter(project__in=projects) | Employer.objects.filter(
        pk__in=outcomes.exclude(employer=None).values("employer")
    )
    employers = employers.distinct()
    meta = DeliveryMeta(name=name, delivered_on=delivered_on, description=description)
    with tempfile.TemporaryDirectory(prefix="werkbrug-freeze-") as tmp:
        folder = Path(tmp) / "delivery"
        write_csv_folder(folder, meta, _tables(projects, employers))
        result = delivery_import(path=folder, name=name, delivered_on=delivered_on, actor=actor)
        if not result.ok:
            _by_record(result.problems, folder)
    if result.ok and result.delivery is not None:
        audit_record(
            actor=actor,
            action=Action.EXPORT,
            obj=result.delivery,
            changes={"projects": sorted(projects.values_list("code", flat=True))},
        )
    return result
