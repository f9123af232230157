"""Writing the grant files: what the web pages' download buttons give, and what the readers
read back to the same data.

Amounts are written as texts with two decimals (``"250000.00"``), the spelling every reader
takes and no binary float can spoil; dates as ``YYYY-MM-DD``; every field, optional ones too,
so a file shows what it leaves empty.
"""

from __future__ import annotations

from decimal import Decimal

from werkbrug.grants.amounts import CENT
from werkbrug.grants.formats import APPLICATION_FORMAT, AWARD_FORMAT, DECLARATION_FORMAT
from werkbrug.grants.model import Application, Award, Declaration

__all__ = ["application_json", "award_json", "declaration_json"]


def _amount(value: Decimal) -> str:
    return f"{value.quantize(CENT):f}"


def _optional_amount(value: Decimal | None) -> str | None:
    return None if value is None else _amount(value)


def application_json(application: Application) -> dict[str, object]:
    a, plan = application.applicant, application.plan
    return {
        "format": APPLICATION_FORMAT,
        "scheme": application.scheme,
        "submitted_on": application.submitted_on.isoformat(),
        "complete_on": application.complete_on.isoformat() if application.complete_on else None,
        "applicant": {
            "name": a.name,
            "kind": a.kind,
            "legal_entity": a.legal_entity,
            "public_sector": a.public_sector,
            "equity_eur": _amount(a.equity_eur),
        },
        "partners": [{"name": p.name, "role": p.role} for p in application.partners],
        "agreement_signed": application.agreement_signed,
        "mandate_signed": application.mandate_signed,
        "guarantee_eur": _amount(application.guarantee_eur),
        "period": {
            "start": application.period.start.isoformat(),
            "end": application.period.end.isoformat(),
        },
        "plan": {
            "expected_participants": plan.expected_participants,
            "design": plan.design,
            "analysis": plan.analysis,
            "approach": plan.approach,
            "organisation": plan.organisation,
            "conditions": plan.conditions,
            "continuation": plan.continuation,
        },
        "measures": [
            {
                "code": m.code,
                "name": m.name,
                "theme": m.theme,
                "kind": m.kind,
                "applications": m.applications,
                "cost_eur": _amount(m.cost_eur),
                "vulnerable_hiring": m.vulnerable_hiring,
            }
            for m in application.measures
        ],
        "funding": [
            {"source": f.source, "amount_eur": _amount(f.amount_eur)} for f in application.funding
        ],
        "requested_eur": _amount(application.requested_eur),
    }


def award_json(award: Award) -> dict[str, object]:
    return {
        "format": AWARD_FORMAT,
        "scheme": award.scheme,
        "id": award.id,
        "maximum_eur": _amount(award.maximum_eur),
        "measures": [
            {
                "code": m.code,
                "applications": m.applications,
                "cost_eur": _amount(m.cost_eur),
                "vulnerable_hiring": m.vulnerable_hiring,
            }
            for m in award.measures
        ],
    }


def declaration_json(declaration: Declaration) -> dict[str, object]:
    return {
        "format": DECLARATION_FORMAT,
        "kind": declaration.kind,
        "award": declaration.award,
        "as_of": declaration.as_of.isoformat(),
        "measures": [
            {
                "code": m.code,
                "applications": m.applications,
                "eligible_cost_eur": _amount(m.eligible_cost_eur),
                "wage_costs_eur": _optional_amount(m.wage_costs_eur),
            }
            for m in declaration.measures
        ],
        "own_funds_eur": _amount(declaration.own_funds_eur),
        "advances_paid_eur": _amount(declaration.advances_paid_eur),
    }
