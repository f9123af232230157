"""Reading a ``werkbrug-application/1`` file (SCHEMES.md §5) into an :class:`Application`.

Required: ``format``, ``scheme``, ``submitted_on``, ``applicant`` (``name``, ``kind``,
``legal_entity``, ``public_sector``), ``period`` and ``requested_eur``. Everything the rules
judge may be missing and then fails the rule that needs it, with the rule's article, rather
than the file: a missing design, no measures, no funding lines, a missing equity (0), unsigned
agreements. Unknown fields are ignored with a warning.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from werkbrug.grants.codes import (
    APPLICANT_KINDS,
    FUNDING_SOURCES,
    MEASURE_KINDS,
    PARTNER_ROLE_LABELS,
    THEMES,
)
from werkbrug.grants.fields import PLACEHOLDER_DATE, FieldReader
from werkbrug.grants.formats import (
    APPLICATION_FORMAT,
    format_matches,
    new_reader,
    read_file,
    unique_codes,
)
from werkbrug.grants.jsonfile import JsonObject
from werkbrug.grants.limits import DEFAULT_LIMITS, Limits
from werkbrug.grants.model import (
    Applicant,
    Application,
    FundingLine,
    Measure,
    Partner,
    Period,
    Plan,
)
from werkbrug.grants.problems import Result
from werkbrug.grants.schemes import SCHEMES
from werkbrug.grants.text import Text, say

__all__ = ["APPLICATION_FIELDS", "application_from_json", "read_application"]

APPLICATION_FIELDS = (
    "format",
    "scheme",
    "submitted_on",
    "complete_on",
    "applicant",
    "partners",
    "agreement_signed",
    "mandate_signed",
    "guarantee_eur",
    "period",
    "plan",
    "measures",
    "funding",
    "requested_eur",
)
_APPLICANT_FIELDS = ("name", "kind", "legal_entity", "public_sector", "equity_eur")
_PARTNER_FIELDS = ("name", "role")
_PERIOD_FIELDS = ("start", "end")
_PLAN_FIELDS = (
    "expected_participants",
    "design",
    "analysis",
    "approach",
    "organisation",
    "conditions",
    "continuation",
)
_MEASURE_FIELDS = ("code", "name", "theme", "kind", "applications", "cost_eur", "vulnerable_hiring")
_FUNDING_FIELDS = ("source", "amount_eur")
_SCHEME_NAMES = {scheme_id: Text(scheme_id, scheme_id) for scheme_id in SCHEMES}


def read_application(path: Path, limits: Limits = DEFAULT_LIMITS) -> Result[Application]:
    return read_file(path, application_from_json, limits)


def application_from_json(
    data: JsonObject, file: str, limits: Limits = DEFAULT_LIMITS
) -> Result[Application]:
    reader = new_reader(file, limits)
    if not format_matches(reader, data, APPLICATION_FORMAT):
        return reader.problems.result(None)
    reader.known(data, "", APPLICATION_FIELDS)
    submitted_on = reader.date(data, "", "submitted_on")
    complete_on = reader.date_or_none(data, "", "complete_on")
    if complete_on is not None and complete_on < submitted_on:
        reader.problems.error(
            "complete_on",
            say(
                "een aanvraag kan niet compleet zijn vóór zij is ingediend ({day})",
                "an application cannot be complete before it was submitted ({day})",
                day=submitted_on,
            ),
        )
    measures = _measures(reader, data)
    unique_codes(reader, "measures", [(path, m.code) for path, m in measures])
    application = Application(
        scheme=reader.code(data, "", "scheme", _SCHEME_NAMES),
        submitted_on=submitted_on,
        complete_on=complete_on,
        applicant=_applicant(reader, data),
        partners=_partners(reader, data),
        agreement_signed=reader.flag_or(data, "", "agreement_signed", False) is True,
        mandate_signed=reader.flag_or(data, "", "mandate_signed", False) is True,
        guarantee_eur=reader.amount_or_none(data, "", "guarantee_eur") or Decimal(0),
        period=_period(reader, data),
        plan=_plan(reader, data),
        measures=tuple(m for _, m in measures),
        funding=_funding(reader, data),
        requested_eur=reader.amount(data, "", "requested_eur"),
    )
    return reader.problems.result(application)


def _applicant(reader: FieldReader, data: JsonObject) -> Applicant:
    part = reader.section(data, "", "applicant", _APPLICANT_FIELDS, required=True)
    if part is None:
        return Applicant("", "other", legal_entity=False, public_sector=False)
    return Applicant(
        name=reader.text(part, "applicant", "name"),
        kind=reader.code(part, "applicant", "kind", APPLICANT_KINDS) or "other",
        legal_entity=reader.flag(part, "applicant", "legal_entity"),
        public_sector=reader.flag(part, "applicant", "public_sector"),
        equity_eur=reader.amount_or_none(part, "applicant", "equity_eur") or Decimal(0),
    )


def _partners(reader: FieldReader, data: JsonObject) -> tuple[Partner, ...]:
    return tuple(
        Partner(
            name=reader.text(item, path, "name"),
            role=reader.code(item, path, "role", PARTNER_ROLE_LABELS),
        )
        for path, item in reader.objects(data, "", "partners", _PARTNER_FIELDS)
    )


def _period(reader: FieldReader, data: JsonObject) -> Period:
    part = reader.section(data, "", "period", _PERIOD_FIELDS, required=True)
    if part is None:
        return Period(PLACEHOLDER_DATE, PLACEHOLDER_DATE)
    period = Period(reader.date(part, "period", "start"), reader.date(part, "period", "end"))
    if period.end < period.start:
        reader.problems.error(
            "period.end",
            say(
                "het einde ligt vóór het begin ({start})",
                "the end lies before the start ({start})",
                start=period.start,
            ),
        )
    return period


def _plan(reader: FieldReader, data: JsonObject) -> Plan:
    # Missing: an application without a plan, which the plan rules then fail.
    part = reader.section(data, "", "plan", _PLAN_FIELDS, required=False)
    if part is None:
        return Plan()
    texts = {key: reader.text_or_empty(part, "plan", key, long=True) for key in _PLAN_FIELDS[1:]}
    return Plan(
        expected_participants=reader.count_or_none(part, "plan", "expected_participants"),
        **texts,
    )


def _measures(reader: FieldReader, data: JsonObject) -> list[tuple[str, Measure]]:
    return [
        (
            path,
            Measure(
                code=reader.text(item, path, "code"),
                name=reader.text_or_empty(item, path, "name"),
                kind=reader.code(item, path, "kind", MEASURE_KINDS),
                cost_eur=reader.amount(item, path, "cost_eur"),
                theme=reader.code_or_none(item, path, "theme", THEMES),
                applications=reader.count_or_none(item, path, "applications"),
                vulnerable_hiring=reader.flag_or(item, path, "vulnerable_hiring", False) is True,
            ),
        )
        for path, item in reader.objects(data, "", "measures", _MEASURE_FIELDS)
    ]


def _funding(reader: FieldReader, data: JsonObject) -> tuple[FundingLine, ...]:
    return tuple(
        FundingLine(
            source=reader.code(item, path, "source", FUNDING_SOURCES),
            amount_eur=reader.amount(item, path, "amount_eur"),
        )
        for path, item in reader.objects(data, "", "funding", _FUNDING_FIELDS)
    )
