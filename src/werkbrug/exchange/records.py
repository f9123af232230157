"""Check one record of the live data by the rules of a delivery.

werkbrug freezes its live data into a delivery by writing it out in the exchange format and
reading it back through the importer (``werkbrug.deliveries.freeze``). A live record that the
importer would refuse makes that freeze fail, long after the record was saved and in terms of
a file its user never saw. :func:`check_record` runs the importer's own rules on one record
when it is written, so that what werkbrug accepts always freezes: each value goes the way
the freeze sends it (written as a CSV cell, trimmed as the reader trims it) through the
validator's parsers and the row's cross-column and cross-record checks
(:meth:`~werkbrug.exchange.validate.DeliveryValidator.check_cells`). Pure Python, no Django:
the services call it, and forms may call it for messages on their fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from werkbrug.exchange.schema import TABLES
from werkbrug.exchange.sources import Source
from werkbrug.exchange.validate import DeliveryValidator
from werkbrug.exchange.writer import cell_text

# A source with no files: a record's validator reads only the cells it is given.
_NO_FILES = Source("live data", {}, [])


@dataclass(frozen=True)
class Finding:
    """What a delivery would say about one column of the record (``None``: the row)."""

    column: str | None
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.template).format(**self.params)


class RecordError(ValueError):
    """The record would not freeze into a valid delivery; ``findings`` say where and why."""

    def __init__(self, table: str, findings: tuple[Finding, ...]) -> None:
        super().__init__(
            "; ".join(f"{f.column}: {f.message()}" if f.column else f.message() for f in findings)
        )
        self.table = table
        self.findings = findings


def check_record(
    table: str, values: Mapping[str, object], *, intake_date: dt.date | None = None
) -> dict[str, object]:
    """The record of ``table`` (typed values by column; a missing column is empty) as a
    delivery frozen from it holds it: codes in their canonical form, a postcode's four
    digits, trimmed text. Raise :class:`RecordError` with every problem a delivery would
    report. ``intake_date`` is the intake of the participant an outcome belongs to."""
    schema = TABLES[table]
    unknown = sorted(set(values) - set(schema.column_names))
    if unknown:
        raise ValueError(f"{schema.filename} has no columns {', '.join(unknown)}")
    cells = [cell_text(values.get(name)).strip() for name in schema.column_names]
    validator = DeliveryValidator(_NO_FILES)
    intake = {}
    if table == "outcomes" and intake_date is not None:
        intake[cells[0]] = intake_date
    checked = validator.check_cells(schema, cells, intake=intake)
    if checked is None:
        findings = tuple(Finding(p.column, p.template, p.params) for p in validator.problems)
        raise RecordError(table, findings)
    return dict(zip(schema.column_names, checked, strict=True))
