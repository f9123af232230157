"""Reading a ``werkbrug-declaration/1`` file: a progress report or a final declaration.

``{"format", "kind", "award", "as_of", "measures": [{"code", "applications",
"eligible_cost_eur", "wage_costs_eur"}], "own_funds_eur", "advances_paid_eur"}``. Required:
all but ``applications`` and ``wage_costs_eur`` (both may be null; a vulnerable-hiring
measure needs its wage costs, which the determination checks against the award). The own
funds and the advances are required because the determination depends on them: a missing
advance would pay it twice. Unknown fields are ignored with a warning.
"""

from __future__ import annotations

from pathlib import Path

from werkbrug.grants.codes import DECLARATION_KINDS
from werkbrug.grants.formats import (
    DECLARATION_FORMAT,
    format_matches,
    new_reader,
    read_file,
    unique_codes,
)
from werkbrug.grants.jsonfile import JsonObject
from werkbrug.grants.limits import DEFAULT_LIMITS, Limits
from werkbrug.grants.model import Declaration, DeclaredMeasure
from werkbrug.grants.problems import Result

__all__ = ["DECLARATION_FIELDS", "declaration_from_json", "read_declaration"]

DECLARATION_FIELDS = (
    "format",
    "kind",
    "award",
    "as_of",
    "measures",
    "own_funds_eur",
    "advances_paid_eur",
)
_MEASURE_FIELDS = ("code", "applications", "eligible_cost_eur", "wage_costs_eur")


def read_declaration(path: Path, limits: Limits = DEFAULT_LIMITS) -> Result[Declaration]:
    return read_file(path, declaration_from_json, limits)


def declaration_from_json(
    data: JsonObject, file: str, limits: Limits = DEFAULT_LIMITS
) -> Result[Declaration]:
    reader = new_reader(file, limits)
    if not format_matches(reader, data, DECLARATION_FORMAT):
        return reader.problems.result(None)
    reader.known(data, "", DECLARATION_FIELDS)
    measures = [
        (
            path,
            DeclaredMeasure(
                code=reader.text(item, path, "code"),
                eligible_cost_eur=reader.amount(item, path, "eligible_cost_eur"),
                applications=reader.count_or_none(item, path, "applications"),
                wage_costs_eur=reader.amount_or_none(item, path, "wage_costs_eur"),
            ),
        )
        for path, item in reader.objects(data, "", "measures", _MEASURE_FIELDS)
    ]
    unique_codes(reader, "measures", [(path, m.code) for path, m in measures])
    declaration = Declaration(
        kind=reader.code(data, "", "kind", DECLARATION_KINDS),
        award=reader.text(data, "", "award"),
        as_of=reader.date(data, "", "as_of"),
        measures=tuple(m for _, m in measures),
        own_funds_eur=reader.amount(data, "", "own_funds_eur"),
        advances_paid_eur=reader.amount(data, "", "advances_paid_eur"),
    )
    return reader.problems.result(declaration)
