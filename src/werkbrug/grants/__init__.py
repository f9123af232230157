"""Subsidy schemes: their rules, the check of an application, and the determination.

Pure Python (no Django, no database): plain data in (frozen dataclasses, ``Decimal`` euros,
``datetime.date``), plain data out. SCHEMES.md is the specification; ``docs/schemes.md`` the
user's guide.

- Files: :func:`read_application`, :func:`read_award`, :func:`read_declaration` (from disk),
  and the ``*_from_json`` functions (from decoded JSON) give a :class:`Result`: the value, or
  the problems (``FILE: field.path: message``) that kept it from being made.
- Check: :func:`check_application` applies every rule of the application's scheme
  (:data:`SCHEMES`) and gives a :class:`CheckReport`.
- Determination: :func:`determine` sets the subsidy from an award and a final declaration.
- Writing: :func:`application_json`, :func:`award_json`, :func:`declaration_json` give the
  files' JSON, which the readers read back to the same data.
"""

from werkbrug.grants.amounts import AmountError, cents, parse_amount
from werkbrug.grants.application_file import application_from_json, read_application
from werkbrug.grants.award_file import award_from_json, read_award
from werkbrug.grants.check import CheckReport, RuleResult, call_terms, check_application
from werkbrug.grants.declaration_file import declaration_from_json, read_declaration
from werkbrug.grants.determine import Determination, determine
from werkbrug.grants.formats import APPLICATION_FORMAT, AWARD_FORMAT, DECLARATION_FORMAT
from werkbrug.grants.formula import Outcome, overhead_lump_sum
from werkbrug.grants.limits import DEFAULT_LIMITS, Limits
from werkbrug.grants.model import (
    Applicant,
    Application,
    Award,
    AwardMeasure,
    Declaration,
    DeclaredMeasure,
    FundingLine,
    Measure,
    Partner,
    Period,
    Plan,
)
from werkbrug.grants.problems import FileProblem, Result, Severity
from werkbrug.grants.reasons import Reason
from werkbrug.grants.rules import CallTerms, Finding, Rule, Status
from werkbrug.grants.schemes import (
    SCHEMES,
    SECTORPLANNEN_2013,
    TIJDELIJK_BESLUIT_2010,
    Scheme,
    SubsidyTerms,
    scheme_get,
)
from werkbrug.grants.text import Lang, Text
from werkbrug.grants.writers import application_json, award_json, declaration_json

__all__ = [
    "APPLICATION_FORMAT",
    "AWARD_FORMAT",
    "DECLARATION_FORMAT",
    "DEFAULT_LIMITS",
    "SCHEMES",
    "SECTORPLANNEN_2013",
    "TIJDELIJK_BESLUIT_2010",
    "AmountError",
    "Applicant",
    "Application",
    "Award",
    "AwardMeasure",
    "CallTerms",
    "CheckReport",
    "Declaration",
    "DeclaredMeasure",
    "Determination",
    "FileProblem",
    "Finding",
    "FundingLine",
    "Lang",
    "Limits",
    "Measure",
    "Outcome",
    "Partner",
    "Period",
    "Plan",
    "Reason",
    "Result",
    "Rule",
    "RuleResult",
    "Scheme",
    "Severity",
    "Status",
    "SubsidyTerms",
    "Text",
    "application_from_json",
    "application_json",
    "award_from_json",
    "award_json",
    "call_terms",
    "cents",
    "check_application",
    "declaration_from_json",
    "declaration_json",
    "determine",
    "overhead_lump_sum",
    "parse_amount",
    "read_application",
    "read_award",
    "read_declaration",
    "scheme_get",
]
