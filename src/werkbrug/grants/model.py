"""The grant files as plain data: an application, an award and a declaration.

Amounts are :class:`~decimal.Decimal` euros exactly as written in the file (whole cents at
most); nothing here rounds. The Django app builds the same objects from its tables, so the
rules and the determination do not care where the data came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from werkbrug.grants.codes import NOT_OWN_SOURCES, PUBLIC_SOURCES

__all__ = [
    "Applicant",
    "Application",
    "Award",
    "AwardMeasure",
    "Declaration",
    "DeclaredMeasure",
    "FundingLine",
    "Measure",
    "Partner",
    "Period",
    "Plan",
]


@dataclass(frozen=True)
class Applicant:
    name: str
    kind: str
    legal_entity: bool
    public_sector: bool
    equity_eur: Decimal = Decimal(0)


@dataclass(frozen=True)
class Partner:
    name: str
    role: str


@dataclass(frozen=True)
class Period:
    """From ``start`` up to and including ``end``."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Plan:
    """The project plan's parts; an empty text is a part the application does not hold."""

    expected_participants: int | None = None
    design: str = ""
    analysis: str = ""
    approach: str = ""
    organisation: str = ""
    conditions: str = ""
    continuation: str = ""


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    kind: str
    cost_eur: Decimal
    theme: str | None = None
    #: Planned number of applications (participants) of the measure (2013 art. 2.3.5).
    applications: int | None = None
    #: Hiring vulnerable workers: funded at 100% (2013 art. 5.1.2, 4.4).
    vulnerable_hiring: bool = False


@dataclass(frozen=True)
class FundingLine:
    source: str
    amount_eur: Decimal


@dataclass(frozen=True)
class Application:
    scheme: str
    submitted_on: dt.date
    applicant: Applicant
    period: Period
    requested_eur: Decimal
    complete_on: dt.date | None = None
    partners: tuple[Partner, ...] = ()
    agreement_signed: bool = False
    mandate_signed: bool = False
    guarantee_eur: Decimal = Decimal(0)
    plan: Plan = Plan()
    measures: tuple[Measure, ...] = ()
    funding: tuple[FundingLine, ...] = ()

    @property
    def arrived_on(self) -> dt.date:
        """When the application counts as received: when it was complete (2013 art. 1.5),
        or when it was submitted if the file does not say."""
        return self.complete_on or self.submitted_on

    @property
    def total_cost_eur(self) -> Decimal:
        """The project's total cost: the sum of its measures' costs."""
        return sum((m.cost_eur for m in self.measures), Decimal(0))

    @property
    def own_funds_eur(self) -> Decimal:
        """Funding that is neither public money nor the participants' own wages."""
        return sum(
            (f.amount_eur for f in self.funding if f.source not in NOT_OWN_SOURCES), Decimal(0)
        )

    @property
    def public_funds_eur(self) -> Decimal:
        return sum((f.amount_eur for f in self.funding if f.source in PUBLIC_SOURCES), Decimal(0))


@dataclass(frozen=True)
class AwardMeasure:
    """A measure as awarded: its cost is the eligible cost the award is based on."""

    code: str
    cost_eur: Decimal
    applications: int = 0
    vulnerable_hiring: bool = False


@dataclass(frozen=True)
class Award:
    id: str
    scheme: str
    #: The awarded maximum for the measures, excluding the overhead lump sum (2013 art. 5.6).
    maximum_eur: Decimal
    measures: tuple[AwardMeasure, ...]

    @property
    def eligible_eur(self) -> Decimal:
        """The total eligible costs in the award (2013 art. 5.1.3's 'totale subsidiabele
        kosten')."""
        return sum((m.cost_eur for m in self.measures), Decimal(0))


@dataclass(frozen=True)
class DeclaredMeasure:
    code: str
    eligible_cost_eur: Decimal
    applications: int | None = None
    #: Wage costs of the vulnerable workers hired (gross wage + 32%); caps a vulnerable-hiring
    #: measure's eligible cost at 20% of it (2013 art. 4.4).
    wage_costs_eur: Decimal | None = None


@dataclass(frozen=True)
class Declaration:
    kind: str  # "progress" or "final"
    award: str
    as_of: dt.date
    measures: tuple[DeclaredMeasure, ...]
    own_funds_eur: Decimal
    advances_paid_eur: Decimal
