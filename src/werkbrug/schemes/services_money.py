"""After the award: advances, cost lines, declarations and the determination."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from werkbrug import clock, grants
from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.grants.advances import ADVANCE_TERMS
from werkbrug.grants.text import euro_text
from werkbrug.schemes.casedata import declaration_compute
from werkbrug.schemes.documents import award_data
from werkbrug.schemes.models import Advance, CostLine, Decision, Declaration, Determination
from werkbrug.schemes.schedule import next_advance
from werkbrug.schemes.values import (
    AdvanceRef,
    CostLineRef,
    DeclarationRef,
    DeterminationRef,
    GrantError,
)

ZERO = Decimal(0)


def _award_only(decision: Decision) -> None:
    if decision.kind == Decision.Kind.REFUSAL:
        raise GrantError(_("A refused application has no award."))
    if hasattr(decision, "determination"):
        raise GrantError(_("The subsidy has been determined; the award is closed."))


def paid_on(decision: Decision) -> Decimal:
    return decision.advances.aggregate(s=Sum("amount_eur"))["s"] or ZERO


@transaction.atomic
def advance_pay(
    *,
    actor: User,
    decision: Decision,
    on: dt.date | None = None,
    amount_eur: Decimal | None = None,
) -> AdvanceRef:
    """Pay the next advance: under a scheme with an advance schedule, the amount it says is
    due (art. 5.3); under one without, the amount given, and never past the maximum."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _award_only(decision)
    day = on or clock.today()
    terms = ADVANCE_TERMS.get(decision.application.call.scheme)
    already = paid_on(decision)
    if terms is not None:
        step = next_advance(decision, day)
        if step is None:
            raise GrantError(_("No advance is due on this date."))
        amount = step.amount_eur if amount_eur is None else amount_eur
        if amount > step.amount_eur:
            raise GrantError(
                _("At most %(amount)s is due now.") % {"amount": euro_text(step.amount_eur, "nl")}
            )
    else:
        if amount_eur is None:
            raise GrantError(_("Give the amount of the advance."))
        amount = amount_eur
        if already + amount > decision.maximum_eur:
            raise GrantError(
                _("The advances would exceed the maximum of %(maximum)s.")
                % {"maximum": euro_text(decision.maximum_eur, "nl")}
            )
    if amount <= 0:
        raise GrantError(_("An advance must be above zero."))
    number = decision.advances.count() + 1
    advance = Advance.objects.create(
        decision=decision, number=number, paid_on=day, amount_eur=amount, by=actor
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=advance,
        changes={
            "award": [None, decision.application.reference],
            "amount_eur": [None, str(amount)],
        },
    )
    return AdvanceRef(advance.pk, decision.pk, number, amount, day)


@transaction.atomic
def cost_line_add(
    *,
    actor: User,
    decision: Decision,
    measure: str,
    on: dt.date,
    description: str,
    amount_eur: Decimal,
    kind: str = CostLine.Kind.COST,
) -> CostLineRef:
    _award_only(decision)
    if not decision.measures.filter(code=measure).exists():
        raise GrantError(_("Choose one of the awarded measures."))
    if (
        kind == CostLine.Kind.WAGES
        and not decision.measures.filter(code=measure, vulnerable_hiring=True).exists()
    ):
        raise GrantError(_("Wage costs are entered only for a measure hiring vulnerable workers."))
    if amount_eur <= 0:
        raise GrantError(_("The amount must be above zero."))
    if not description.strip():
        raise GrantError(_("Describe the cost."))
    line = CostLine.objects.create(
        decision=decision,
        measure=measure,
        kind=kind,
        on=on,
        description=description.strip()[:200],
        amount_eur=amount_eur,
        by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=line,
        changes={"measure": [None, measure], "amount_eur": [None, str(amount_eur)]},
    )
    return CostLineRef(line.pk, decision.pk, measure, amount_eur)


@transaction.atomic
def cost_line_remove(*, actor: User, decision: Decision, line_id: int) -> None:
    _award_only(decision)
    line = decision.cost_lines.filter(pk=line_id).first()
    if line is None:
        raise GrantError(_("This cost line does not exist."))
    audit_record(
        actor=actor,
        action=Action.DELETE,
        obj=line,
        changes={"measure": [line.measure, None], "amount_eur": [str(line.amount_eur), None]},
    )
    line.delete()


@transaction.atomic
def declaration_submit(
    *,
    actor: User,
    decision: Decision,
    kind: str,
    as_of: dt.date,
    own_funds_eur: Decimal,
    on: dt.date | None = None,
) -> DeclarationRef:
    """Compute the declaration from the case data as of ``as_of`` and submit it as it is: what
    the applicant reviewed is what is stored."""
    _award_only(decision)
    if kind not in ("progress", "final"):
        raise GrantError(_("A declaration is a progress report or a final declaration."))
    if own_funds_eur < 0:
        raise GrantError(_("Own funds cannot be negative."))
    assert decision.start is not None
    if as_of < decision.start:
        raise GrantError(_("The date lies before the award's period."))
    on = on or clock.today()
    if as_of > on:
        raise GrantError(_("A declaration cannot be made as of a date still to come."))
    computed = declaration_compute(decision, kind=kind, as_of=as_of, own_funds_eur=own_funds_eur)
    record = Declaration.objects.create(
        decision=decision,
        kind=kind,
        as_of=as_of,
        document=grants.declaration_json(computed.declaration),
        participants={
            code: [[c.key, c.bsn_hash] for c in people]
            for code, people in computed.participants.items()
        },
        submitted_on=on,
        by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=record,
        changes={"award": [None, decision.application.reference], "kind": [None, kind]},
    )
    return DeclarationRef(record.pk, decision.pk, kind, as_of)


def declaration_data(record: Declaration) -> grants.Declaration:
    read = grants.declaration_from_json(dict(record.document), f"declaration {record.pk}")
    if read.value is None:  # stored by declaration_submit, so never
        raise GrantError("; ".join(p.render("en") for p in read.errors))
    return read.value


@transaction.atomic
def determination_make(
    *,
    actor: User,
    decision: Decision,
    declaration: Declaration,
    reduce: bool = False,
    reason: str = "",
    on: dt.date | None = None,
) -> DeterminationRef:
    """Set the subsidy from the final declaration (``grants.determine``), with every advance
    paid so far; ``reduce`` is the funder's choice under 2013 art. 5.1.4 and needs a reason."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _award_only(decision)
    if declaration.decision_id != decision.pk:
        raise GrantError(_("This declaration belongs to another award."))
    if declaration.kind != "final":
        raise GrantError(_("The subsidy is determined on the final declaration."))
    if reduce and not reason.strip():
        raise GrantError(_("Give the reason for reducing instead of setting the subsidy at nil."))
    data = dataclasses.replace(declaration_data(declaration), advances_paid_eur=paid_on(decision))
    result = grants.determine(award_data(decision), data, reduce=reduce)
    if result.value is None:
        raise GrantError("; ".join(p.render("nl") for p in result.errors))
    found = result.value
    record = Determination.objects.create(
        decision=decision,
        declaration=declaration,
        result=found.as_json(),
        outcome=found.outcome.value,
        subsidy_eur=found.subsidy_eur,
        balance_eur=found.balance_eur,
        reduced_because=reason.strip() if reduce else "",
        decided_on=on or clock.today(),
        by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=record,
        changes={
            "award": [None, decision.application.reference],
            "outcome": [None, found.outcome.value],
            "subsidy_eur": [None, str(found.subsidy_eur)],
            "balance_eur": [None, str(found.balance_eur)],
        },
    )
    return DeterminationRef(
        record.pk, decision.pk, record.outcome, found.subsidy_eur, found.balance_eur
    )
