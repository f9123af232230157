"""What a coordinator plans and reports on (projects.services.project_update); the code, the
name and the rest are set by an administrator or by an award."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from werkbrug.typed import Values


@dataclass(frozen=True)
class ProjectPlan(Values):
    start_date: dt.date
    target_participants: int
    target_transitions: int
    end_date: dt.date | None = None
    budget_eur: Decimal | None = None
    own_funds_eur: Decimal | None = None
    subsidy_eur: Decimal | None = None
    individual_contribution: bool | None = None
    employer_contribution: bool | None = None
    union_involved: bool | None = None
    formal_agreement: str = ""
    continuation: str = ""
