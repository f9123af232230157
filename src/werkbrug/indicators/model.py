"""The rows the indicators read and the per-project facts they are computed from.

A report is built in two steps. First the rows of one delivery are reduced to
:class:`ProjectFacts`: plain counters for one as-of date and one full-time threshold. The
database does this with ``GROUP BY`` queries for a million participants;
:func:`~werkbrug.indicators.facts.facts_from_rows` is the reference implementation on plain rows.
Then :func:`~werkbrug.indicators.report.build_report` turns the facts into the report, with no
further access to the rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from werkbrug.indicators.retention import RETENTION_MONTHS
from werkbrug.taxonomy import CONTRACTS, OUTCOMES, TRANSITION_OUTCOMES

__all__ = [
    "AGE_BANDS",
    "CONTRACT_CODES",
    "EDUCATION_LEVELS",
    "OUTCOME_CODES",
    "OutcomeRow",
    "ParticipantRow",
    "ProjectFacts",
    "ProjectInfo",
    "ReportSettings",
]

#: The outcome kinds, in the order of the exchange format.
OUTCOME_CODES: tuple[str, ...] = tuple(c.code for c in OUTCOMES)
#: The contract kinds, in the order of the exchange format.
CONTRACT_CODES: tuple[str, ...] = tuple(c.code for c in CONTRACTS)
#: The education levels (CBS SOI 2021), from low to high.
EDUCATION_LEVELS: tuple[str, ...] = ("low", "middle", "high")
#: The age bands of the report: (key, lowest age, first age above the band); None is open.
AGE_BANDS: tuple[tuple[str, int | None, int | None], ...] = (
    ("under_25", None, 25),
    ("25_34", 25, 35),
    ("35_44", 35, 45),
    ("45_54", 45, 55),
    ("55_plus", 55, None),
)


@dataclass(frozen=True)
class ProjectInfo:
    """A project as delivered: its targets and the attributes of the success-factor table."""

    code: str
    name: str
    target_participants: int
    target_transitions: int
    network: str | None = None
    sector: str | None = None
    region: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    individual_contribution: bool | None = None
    employer_contribution: bool | None = None
    union_involved: bool | None = None
    formal_agreement: str | None = None
    continuation: str | None = None
    budget_eur: Decimal | None = None
    own_funds_eur: Decimal | None = None
    subsidy_eur: Decimal | None = None


@dataclass(frozen=True)
class ParticipantRow:
    """A participant: ``key`` is the delivery's id, ``education`` a canonical education code."""

    key: str
    project: str
    intake_date: dt.date
    birth_date: dt.date | None = None
    birth_year: int | None = None
    education: str | None = None
    gender: str | None = None


@dataclass(frozen=True)
class OutcomeRow:
    """A participant's outcome: ``outcome`` is an outcome code, ``hours`` per week."""

    participant: str
    outcome: str
    date: dt.date
    contract: str | None = None
    hours: Decimal | None = None


@dataclass(frozen=True)
class ReportSettings:
    """The settings of a report; ``as_of`` None counts every row of the delivery."""

    as_of: dt.date | None = None
    fulltime_hours: Decimal = Decimal(36)
    near_threshold: Decimal = Decimal("0.9")
    public: bool = False
    min_cell: int = 10


@dataclass
class ProjectFacts:
    """Everything the indicators need of one project, as counters.

    Valid for one as-of date and one full-time threshold (those of the settings the facts were
    computed with):

    - ``reached``: participants with ``intake_date <= as_of``;
    - ``by_outcome``: reached participants per *counted* outcome (``date <= as_of``);
    - ``ages``: reached participants per completed age in years at intake (known ages only);
    - ``education``: reached participants per level ``low``/``middle``/``high`` (known only);
    - ``contract``: transitions per contract code (known contracts only);
    - ``fulltime`` / ``parttime``: transitions with known hours at or above / below the
      full-time threshold;
    - ``lasting``: transitions per ``lasting`` / ``not_lasting`` / ``unknown``
      (:func:`~werkbrug.indicators.retention.lasting`);
    - ``retention``: per months after the placement, the due placements per ``in_work`` /
      ``left`` / ``unchecked`` (:func:`~werkbrug.indicators.retention.retention_state`).
    """

    reached: int = 0
    by_outcome: Counter[str] = field(default_factory=Counter)
    ages: Counter[int] = field(default_factory=Counter)
    education: Counter[str] = field(default_factory=Counter)
    contract: Counter[str] = field(default_factory=Counter)
    fulltime: int = 0
    parttime: int = 0
    lasting: Counter[str] = field(default_factory=Counter)
    retention: dict[int, Counter[str]] = field(
        default_factory=lambda: {months: Counter() for months in RETENTION_MONTHS}
    )

    def retention_at(self, months: int) -> Counter[str]:
        """The retention counter of the ``months`` point (created empty when absent)."""
        return self.retention.setdefault(months, Counter())

    @property
    def transitions(self) -> int:
        """Reached participants whose counted outcome is a transition."""
        return sum(self.by_outcome[kind] for kind in TRANSITION_OUTCOMES)

    @property
    def finished(self) -> int:
        """Reached participants with a counted outcome of any kind."""
        return sum(self.by_outcome[kind] for kind in OUTCOME_CODES)

    @property
    def ongoing(self) -> int:
        """Reached participants without a counted outcome."""
        return self.reached - self.finished

    @property
    def hours_known(self) -> int:
        """Transitions with known hours."""
        return self.fulltime + self.parttime

    def add(self, other: ProjectFacts) -> None:
        """Add ``other``'s counts to these (to sum projects into totals)."""
        self.reached += other.reached
        self.by_outcome.update(other.by_outcome)
        self.ages.update(other.ages)
        self.education.update(other.education)
        self.contract.update(other.contract)
        self.fulltime += other.fulltime
        self.parttime += other.parttime
        self.lasting.update(other.lasting)
        for months, counts in other.retention.items():
            self.retention_at(months).update(counts)

    @classmethod
    def total(cls, facts: Iterable[ProjectFacts]) -> ProjectFacts:
        """The sum of several projects' facts."""
        result = cls()
        for item in facts:
            result.add(item)
        return result
