"""Reads for the pages and commands: a call's queue and budget, double-funding flags.

The querysets they start from come from :mod:`werkbrug.access`; these functions only shape
what the user may see anyway."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from werkbrug.schemes.checks import Checks, application_checks, decision_due
from werkbrug.schemes.models import Advance, Application, Call, Decision, Declaration, Determination

ZERO = Decimal(0)


@dataclass(frozen=True)
class Budget:
    ceiling_eur: Decimal
    committed_eur: Decimal
    advanced_eur: Decimal
    determined_eur: Decimal
    #: Advances above the determined subsidy, to be paid back.
    recovered_eur: Decimal
    #: Determined subsidy still to pay after the advances.
    to_pay_eur: Decimal

    @property
    def remaining_eur(self) -> Decimal:
        return self.ceiling_eur - self.committed_eur

    @property
    def used_share(self) -> Decimal:
        return self.committed_eur / self.ceiling_eur if self.ceiling_eur else ZERO


def call_budget(call: Call) -> Budget:
    decisions = Decision.objects.filter(application__call=call)
    determinations = Determination.objects.filter(decision__in=decisions)

    advances = Advance.objects.filter(decision__in=decisions)

    def total(
        qs: QuerySet[Decision] | QuerySet[Determination] | QuerySet[Advance], field: str
    ) -> Decimal:
        found: Decimal | None = qs.aggregate(s=Sum(field))["s"]
        return found or ZERO

    return Budget(
        ceiling_eur=call.ceiling_eur,
        committed_eur=total(decisions, "committed_eur"),
        advanced_eur=total(advances, "amount_eur"),
        determined_eur=total(determinations, "subsidy_eur"),
        recovered_eur=-total(determinations.filter(balance_eur__lt=0), "balance_eur"),
        to_pay_eur=total(determinations.filter(balance_eur__gt=0), "balance_eur"),
    )


@dataclass(frozen=True)
class QueueRow:
    application: Application
    position: int | None
    checks: Checks

    @property
    def due(self) -> object:
        return decision_due(self.application)


def call_queue(applications: QuerySet[Application]) -> list[QueueRow]:
    """The call's applications in the order of art. 1.5 (complete first, by the day they were
    complete), each with its checks; the position counts the complete ones only."""
    rows = list(applications.select_related("call", "organisation", "decision"))
    # Art. 2.3.4 compares an application only with its lead applicant's others in the call.
    by_applicant: dict[tuple[int, int], list[Application]] = defaultdict(list)
    for a in rows:
        by_applicant[(a.call_id, a.organisation_id)].append(a)
    out = []
    position = 0
    for a in rows:
        numbered = a.complete_on is not None
        position += numbered
        out.append(
            QueueRow(
                a,
                position if numbered else None,
                application_checks(a, by_applicant[(a.call_id, a.organisation_id)]),
            )
        )
    return out


@dataclass(frozen=True)
class DoubleFunding:
    key: str
    measure: str
    #: Where else the same keyed BSN hash was counted: (project code, participant key).
    elsewhere: tuple[tuple[str, str], ...]


def double_funding(record: Declaration) -> list[DoubleFunding]:
    """Participants of this declaration whose keyed BSN hash is counted again: twice in this
    declaration, or in another project's latest declaration. Shows keys and projects only."""
    mine: dict[str, list[tuple[str, str]]] = defaultdict(list)  # hash -> [(measure, key)]
    for measure, people in record.participants.items():
        for key, bsn_hash in people:
            if bsn_hash:
                mine[bsn_hash].append((measure, key))
    others: dict[str, set[tuple[str, str]]] = defaultdict(set)
    latest = _latest_per_decision(record)
    for other in latest:
        code = other.decision.application.reference
        for people in other.participants.values():
            for key, bsn_hash in people:
                if bsn_hash in mine:
                    others[bsn_hash].add((code, key))
    own_code = record.decision.application.reference
    flags = []
    for bsn_hash, places in mine.items():
        keys = {k for _, k in places}
        elsewhere = set(others.get(bsn_hash, set()))
        if len(keys) > 1:
            elsewhere |= {(own_code, k) for k in keys}
        if not elsewhere:
            continue
        for measure, key in places:
            where = tuple(sorted(p for p in elsewhere if p != (own_code, key)))
            if where:
                flags.append(DoubleFunding(key, measure, where))
    return sorted(flags, key=lambda f: (f.key, f.measure))


def _latest_per_decision(record: Declaration) -> list[Declaration]:
    seen: set[int] = set()
    out = []
    for d in (
        Declaration.objects.exclude(decision=record.decision_id)
        .select_related("decision__application")
        .order_by("decision", "-submitted_on", "-id")
    ):
        if d.decision_id not in seen:
            seen.add(d.decision_id)
            out.append(d)
    return out
