"""What the services take and give: frozen dataclasses (the HTTP API publishes them as they
are), never the models themselves or loose dictionaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from werkbrug.grants import FileProblem


@dataclass(frozen=True)
class CallRef:
    id: int
    code: str
    scheme: str
    ceiling_eur: Decimal


@dataclass(frozen=True)
class ApplicationRef:
    id: int
    reference: str
    state: str
    call_id: int


@dataclass(frozen=True)
class Scope:
    """The sectors (SBI sections) and regions a plan is for (2013 art. 2.3.4)."""

    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeasureAward:
    """One measure as the funder awards it."""

    code: str
    applications: int
    cost_eur: Decimal


@dataclass(frozen=True)
class DecisionRef:
    id: int
    kind: str
    application_id: int
    maximum_eur: Decimal
    committed_eur: Decimal
    project_id: int | None


@dataclass(frozen=True)
class AdvanceRef:
    id: int
    decision_id: int
    number: int
    amount_eur: Decimal
    paid_on: dt.date


@dataclass(frozen=True)
class CostLineRef:
    id: int
    decision_id: int
    measure: str
    amount_eur: Decimal


@dataclass(frozen=True)
class DeclarationRef:
    id: int
    decision_id: int
    kind: str
    as_of: dt.date


@dataclass(frozen=True)
class DeterminationRef:
    id: int
    decision_id: int
    outcome: str
    subsidy_eur: Decimal
    balance_eur: Decimal


class GrantError(Exception):
    """A step that cannot be taken; the message says why, in the user's language."""


class FileRefused(GrantError):
    """An uploaded file was refused whole; nothing was stored."""

    def __init__(self, problems: tuple[FileProblem, ...]) -> None:
        super().__init__("; ".join(p.render("en") for p in problems[:3]))
        self.problems = problems


class CeilingExceeded(GrantError):
    def __init__(self, message: str, remaining_eur: Decimal) -> None:
        super().__init__(message)
        self.remaining_eur = remaining_eur
