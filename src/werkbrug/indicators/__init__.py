"""The monitoring indicators ``werkbrug-report/1``: pure Python, no Django, no database.

Two steps: the rows of a delivery become per-project :class:`ProjectFacts` (counters for one
as-of date and one full-time threshold; :func:`facts_from_rows` on plain rows, the database
with ``GROUP BY``), and :func:`build_report` turns facts into the machine-readable report.
:func:`compare` adds an earlier delivery, :func:`suppress` makes a report fit for
publication, :func:`percent` rounds the way the letter does and :func:`wilson_interval` gives
the confidence interval of a rate.
"""

from werkbrug.indicators.facts import age_at, counts_on, facts_from_rows
from werkbrug.indicators.model import (
    AGE_BANDS,
    CONTRACT_CODES,
    EDUCATION_LEVELS,
    OUTCOME_CODES,
    OutcomeRow,
    ParticipantRow,
    ProjectFacts,
    ProjectInfo,
    ReportSettings,
)
from werkbrug.indicators.numbers import exact, percent, round_half_up, wilson_interval
from werkbrug.indicators.report import (
    CHANGE_KEYS,
    DEFINITIONS_VERSION,
    Report,
    age_band,
    build_report,
    changes,
    compare,
    mean_age_band,
    reach_class,
)
from werkbrug.indicators.suppression import (
    COUNT_PATHS,
    DERIVED_PATHS,
    ROW_PARTITIONS,
    get_path,
    suppress,
)

__all__ = [
    "AGE_BANDS",
    "CHANGE_KEYS",
    "CONTRACT_CODES",
    "COUNT_PATHS",
    "DEFINITIONS_VERSION",
    "DERIVED_PATHS",
    "EDUCATION_LEVELS",
    "OUTCOME_CODES",
    "ROW_PARTITIONS",
    "OutcomeRow",
    "ParticipantRow",
    "ProjectFacts",
    "ProjectInfo",
    "Report",
    "ReportSettings",
    "age_at",
    "age_band",
    "build_report",
    "changes",
    "compare",
    "counts_on",
    "exact",
    "facts_from_rows",
    "get_path",
    "mean_age_band",
    "percent",
    "reach_class",
    "round_half_up",
    "suppress",
    "wilson_interval",
]
