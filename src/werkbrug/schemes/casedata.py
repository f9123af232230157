"""A progress report or final declaration computed from the case data (SCHEMES.md §4).

A measure's realised applications are the project's participants with at least one activity
of the measure's kind in the award's period, up to the as-of date: a measure's kind *is* an
activity kind (``werkbrug.taxonomy.ACTIVITY_KINDS``), so the mapping is one to one. Its costs
are those activities' costs plus the project's cost lines for the measure dated by then; the
wage costs of a vulnerable-hiring measure (art. 4.4) are its cost lines of the wage kind. When
two measures have the same kind, an activity counts for the first of them (in the award's
order), so no cost is declared twice.

The participants are listed per measure by pseudonymous key and, where a BSN was recorded, by
its keyed hash, for the funder's check on double funding; no BSN is ever read here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from werkbrug import grants
from werkbrug.schemes.models import CostLine, Decision
from werkbrug.trajectories.models import Activity

ZERO = Decimal(0)


@dataclass(frozen=True)
class Counted:
    """One participant counted for a measure."""

    key: str
    bsn_hash: str


@dataclass(frozen=True)
class MeasureFigures:
    code: str
    name: str
    kind: str
    planned_applications: int
    planned_cost_eur: Decimal
    applications: int
    activity_cost_eur: Decimal
    cost_lines_eur: Decimal
    wage_costs_eur: Decimal | None

    @property
    def cost_eur(self) -> Decimal:
        return self.activity_cost_eur + self.cost_lines_eur


@dataclass(frozen=True)
class ComputedDeclaration:
    declaration: grants.Declaration
    measures: tuple[MeasureFigures, ...]
    participants: dict[str, tuple[Counted, ...]]
    #: (date, cost) of every counted cost, for the spending per half-year.
    costs: tuple[tuple[dt.date, Decimal], ...]


def declaration_compute(
    decision: Decision, *, kind: str, as_of: dt.date, own_funds_eur: Decimal
) -> ComputedDeclaration:
    # An award has a period.
    assert decision.start is not None
    assert decision.end is not None
    end = min(as_of, decision.end)
    measures = list(decision.measures.all())
    first_of_kind: dict[str, str] = {}
    for m in measures:
        first_of_kind.setdefault(m.kind, m.code)
    rows = (
        Activity.objects.filter(
            trajectory__participant__project=decision.project_id,
            trajectory__participant__erased_on__isnull=True,
            kind__in=list(first_of_kind),
            start_date__gte=decision.start,
            start_date__lte=end,
        )
        .values_list(
            "kind",
            "start_date",
            "cost_eur",
            "trajectory__participant__key",
            "trajectory__participant__contact__bsn_hash",
        )
        .order_by("trajectory__participant__key", "start_date", "id")
        .iterator(chunk_size=5000)
    )
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    activity_cost: dict[str, Decimal] = defaultdict(lambda: ZERO)
    costs: list[tuple[dt.date, Decimal]] = []
    for activity_kind, day, cost, key, bsn_hash in rows:
        code = first_of_kind[activity_kind]
        seen[code].setdefault(key, bsn_hash or "")
        if cost:
            activity_cost[code] += cost
            costs.append((day, cost))
    lines = CostLine.objects.filter(decision=decision, on__lte=as_of)
    line_sums = {
        (m, k): s for m, k, s in lines.values_list("measure", "kind").annotate(s=Sum("amount_eur"))
    }
    costs.extend(lines.filter(kind=CostLine.Kind.COST).values_list("on", "amount_eur"))
    figures = tuple(
        MeasureFigures(
            code=m.code,
            name=m.name,
            kind=m.kind,
            planned_applications=m.applications,
            planned_cost_eur=m.cost_eur,
            applications=len(seen[m.code]),
            activity_cost_eur=activity_cost[m.code],
            cost_lines_eur=line_sums.get((m.code, CostLine.Kind.COST), ZERO),
            wage_costs_eur=(
                line_sums.get((m.code, CostLine.Kind.WAGES), ZERO) if m.vulnerable_hiring else None
            ),
        )
        for m in measures
    )
    # What the project has received so far; the determination reads the same sum again.
    advances = decision.advances.aggregate(s=Sum("amount_eur"))["s"]
    declaration = grants.Declaration(
        kind=kind,
        award=decision.application.reference,
        as_of=as_of,
        measures=tuple(
            grants.DeclaredMeasure(
                code=f.code,
                eligible_cost_eur=f.cost_eur,
                applications=f.applications,
                wage_costs_eur=f.wage_costs_eur,
            )
            for f in figures
        ),
        own_funds_eur=own_funds_eur,
        advances_paid_eur=advances or ZERO,
    )
    participants = {
        code: tuple(Counted(k, h) for k, h in sorted(people.items()))
        for code, people in seen.items()
    }
    return ComputedDeclaration(declaration, figures, participants, tuple(costs))
