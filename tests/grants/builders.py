"""Grant files to start from: applications that pass every rule of their scheme, an award and
a final declaration, as the JSON a user would write, and helpers to read and change them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from werkbrug.grants import (
    Application,
    Award,
    Declaration,
    application_from_json,
    award_from_json,
    declaration_from_json,
)


def application_2010() -> dict[str, Any]:
    """SCHEMES.md's example: € 240.000 of costs, € 140.000 own funds (58,3%), € 100.000
    requested (= 240.000 − 140.000), one year less a day, complete ten days before the window
    closes."""
    return {
        "format": "werkbrug-application/1",
        "scheme": "tijdelijk-besluit-2010",
        "submitted_on": "2010-10-20",
        "complete_on": "2010-10-20",
        "applicant": {
            "name": "Stichting Voorbeeld",
            "kind": "employer_organisation",
            "legal_entity": True,
            "public_sector": False,
            "equity_eur": "120000",
        },
        "partners": [{"name": "FNV", "role": "union"}, {"name": "Mediair BV", "role": "mediator"}],
        "agreement_signed": True,
        "mandate_signed": True,
        "guarantee_eur": "0",
        "period": {"start": "2010-12-01", "end": "2011-11-30"},
        "plan": {
            "expected_participants": 80,
            "design": "Bemiddeling van werk naar werk in de grafische sector.",
            "analysis": "",
            "approach": "",
            "organisation": "",
            "conditions": "",
            "continuation": "",
        },
        "measures": [
            {
                "code": "M1",
                "name": "Bemiddeling",
                "theme": "f",
                "kind": "mediation",
                "applications": 80,
                "cost_eur": "240000",
                "vulnerable_hiring": False,
            }
        ],
        "funding": [
            {"source": "employers", "amount_eur": "120000"},
            {"source": "staff_wages", "amount_eur": "20000"},
        ],
        "requested_eur": "100000",
    }


def application_2013() -> dict[str, Any]:
    """A sector plan: measures of € 500.000 (theme f) + € 300.000 (theme a) + € 100.000
    (vulnerable hiring, theme f); the rate allows 50% × 800.000 + 100% × 100.000 = € 500.000,
    € 450.000 is requested (≥ € 250.000); equity € 500.000 ≥ 80% × 450.000 = € 360.000 (and
    ≥ 80% of the rate's € 500.000, so that asking too much fails only the rate); two years
    less a day. The applicant is an employers' organisation and another one is a partner, so
    that changing the applicant's kind fails only the lead-applicant rule."""
    return {
        "format": "werkbrug-application/1",
        "scheme": "sectorplannen-2013",
        "submitted_on": "2014-03-01",
        "complete_on": "2014-03-15",
        "applicant": {
            "name": "Werkgeversvereniging Techniek",
            "kind": "employer_organisation",
            "legal_entity": True,
            "public_sector": False,
            "equity_eur": "500000",
        },
        "partners": [
            {"name": "FNV Metaal", "role": "union"},
            {"name": "Koninklijke Metaalunie", "role": "employer_organisation"},
            {"name": "OOM", "role": "om_fund"},
        ],
        "agreement_signed": True,
        "mandate_signed": True,
        "guarantee_eur": "0",
        "period": {"start": "2014-07-01", "end": "2016-06-30"},
        "plan": {
            "expected_participants": 320,
            "design": "Sectorplan techniek",
            "analysis": "Krimp in de metaal, tekorten in de installatietechniek.",
            "approach": "Van werk naar werk, scholing en instroom van kwetsbare werknemers.",
            "organisation": "Stuurgroep van sociale partners; uitvoering door het O&O-fonds.",
            "conditions": "Deelname is vrijwillig en zonder eigen bijdrage.",
            "continuation": "Het mobiliteitscentrum wordt uit het O&O-fonds voortgezet.",
        },
        "measures": [
            {
                "code": "M1",
                "name": "Van werk naar werk",
                "theme": "f",
                "kind": "mediation",
                "applications": 200,
                "cost_eur": "500000",
                "vulnerable_hiring": False,
            },
            {
                "code": "M2",
                "name": "Scholing",
                "theme": "a",
                "kind": "training",
                "applications": 100,
                "cost_eur": "300000",
                "vulnerable_hiring": False,
            },
            {
                "code": "M3",
                "name": "Instroom kwetsbare werknemers",
                "theme": "f",
                "kind": "learn_work",
                "applications": 20,
                "cost_eur": "100000",
                "vulnerable_hiring": True,
            },
        ],
        "funding": [
            {"source": "employers", "amount_eur": "300000"},
            {"source": "sector_fund", "amount_eur": "150000"},
        ],
        "requested_eur": "450000",
    }


def award_2013() -> dict[str, Any]:
    """The award of the sector plan: the measures as applied for, maximum € 450.000."""
    return {
        "format": "werkbrug-award/1",
        "scheme": "sectorplannen-2013",
        "id": "SP-2013-017",
        "maximum_eur": "450000",
        "measures": [
            {"code": "M1", "applications": 200, "cost_eur": "500000", "vulnerable_hiring": False},
            {"code": "M2", "applications": 100, "cost_eur": "300000", "vulnerable_hiring": False},
            {"code": "M3", "applications": 20, "cost_eur": "100000", "vulnerable_hiring": True},
        ],
    }


def declaration_2013() -> dict[str, Any]:
    return {
        "format": "werkbrug-declaration/1",
        "kind": "final",
        "award": "SP-2013-017",
        "as_of": "2016-06-30",
        "measures": [
            {"code": "M1", "applications": 180, "eligible_cost_eur": "420000.00"},
            {"code": "M2", "applications": 90, "eligible_cost_eur": "250000.00"},
            {
                "code": "M3",
                "applications": 18,
                "eligible_cost_eur": "95000.00",
                "wage_costs_eur": "400000.00",
            },
        ],
        "own_funds_eur": "400000",
        "advances_paid_eur": "80000",
    }


def award_2010() -> dict[str, Any]:
    return {
        "format": "werkbrug-award/1",
        "scheme": "tijdelijk-besluit-2010",
        "id": "TB-2010-003",
        "maximum_eur": "100000",
        "measures": [{"code": "M1", "applications": 80, "cost_eur": "240000"}],
    }


def declaration_2010() -> dict[str, Any]:
    return {
        "format": "werkbrug-declaration/1",
        "kind": "final",
        "award": "TB-2010-003",
        "as_of": "2011-11-30",
        "measures": [{"code": "M1", "applications": 75, "eligible_cost_eur": "230000"}],
        "own_funds_eur": "140000",
        "advances_paid_eur": "50000",
    }


def changed(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``data`` with the field at ``path`` (``measures.0.cost_eur``) set to
    ``value``; the special value :data:`DELETE` removes the field."""
    result = copy.deepcopy(data)
    *parents, last = path.split(".")
    target: Any = result
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    key: Any = int(last) if isinstance(target, list) else last
    if value is DELETE:
        del target[key]
    else:
        target[key] = value
    return result


DELETE = object()


def as_application(data: dict[str, Any]) -> Application:
    result = application_from_json(data, "application.json")
    assert result.value is not None, [p.render("en") for p in result.problems]
    return result.value


def as_award(data: dict[str, Any]) -> Award:
    result = award_from_json(data, "award.json")
    assert result.value is not None, [p.render("en") for p in result.problems]
    return result.value


def as_declaration(data: dict[str, Any]) -> Declaration:
    result = declaration_from_json(data, "declaration.json")
    assert result.value is not None, [p.render("en") for p in result.problems]
    return result.value


def write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
