"""Reading a ``werkbrug-award/1`` file: the award a determination is based on.

``{"format", "scheme", "id", "maximum_eur", "measures": [{"code", "applications", "cost_eur",
"vulnerable_hiring"}]}``; all required except ``applications`` (0) and ``vulnerable_hiring``
(false). The measures' costs are the eligible costs of the award; they must add up to more than
nothing, since the realised share is measured against them. Unknown fields are ignored with a
warning.
"""

from __future__ import annotations

from pathlib import Path

from werkbrug.grants.formats import (
    AWARD_FORMAT,
    format_matches,
    new_reader,
    read_file,
    unique_codes,
)
from werkbrug.grants.jsonfile import JsonObject
from werkbrug.grants.limits import DEFAULT_LIMITS, Limits
from werkbrug.grants.model import Award, AwardMeasure
from werkbrug.grants.problems import Result
from werkbrug.grants.schemes import SCHEMES
from werkbrug.grants.text import Text, say

__all__ = ["AWARD_FIELDS", "award_from_json", "read_award"]

AWARD_FIELDS = ("format", "scheme", "id", "maximum_eur", "measures")
_MEASURE_FIELDS = ("code", "applications", "cost_eur", "vulnerable_hiring")
_SCHEME_NAMES = {scheme_id: Text(scheme_id, scheme_id) for scheme_id in SCHEMES}


def read_award(path: Path, limits: Limits = DEFAULT_LIMITS) -> Result[Award]:
    return read_file(path, award_from_json, limits)


def award_from_json(data: JsonObject, file: str, limits: Limits = DEFAULT_LIMITS) -> Result[Award]:
    reader = new_reader(file, limits)
    if not format_matches(reader, data, AWARD_FORMAT):
        return reader.problems.result(None)
    reader.known(data, "", AWARD_FIELDS)
    measures = [
        (
            path,
            AwardMeasure(
                code=reader.text(item, path, "code"),
                cost_eur=reader.amount(item, path, "cost_eur"),
                applications=reader.count_or_none(item, path, "applications") or 0,
                vulnerable_hiring=reader.flag_or(item, path, "vulnerable_hiring", False) is True,
            ),
        )
        for path, item in reader.objects(data, "", "measures", _MEASURE_FIELDS)
    ]
    unique_codes(reader, "measures", [(path, m.code) for path, m in measures])
    award = Award(
        id=reader.text(data, "", "id"),
        scheme=reader.code(data, "", "scheme", _SCHEME_NAMES),
        maximum_eur=reader.amount(data, "", "maximum_eur"),
        measures=tuple(m for _, m in measures),
    )
    if not reader.problems.has_errors and award.eligible_eur <= 0:
        reader.problems.error(
            "measures",
            say(
                "de beschikking moet maatregelen met kosten bevatten: het gerealiseerde "
                "aandeel wordt gemeten aan de subsidiabele kosten in de beschikking",
                "the award must hold measures with costs: the realised share is measured "
                "against the eligible costs in the award",
            ),
        )
    return reader.problems.result(award)
