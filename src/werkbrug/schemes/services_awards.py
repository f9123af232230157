"""The decision on an application: an award (whole or in part), which creates the project the
trajectories and reports use, or a refusal citing its grounds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from werkbrug import clock, grants
from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.grants.text import euro_text
from werkbrug.projects.models import Organisation, Project, ProjectPartner
from werkbrug.schemes.checks import application_checks
from werkbrug.schemes.documents import application_data, overhead_for
from werkbrug.schemes.flows import may_move
from werkbrug.schemes.models import (
    ApplicantMember,
    Application,
    AwardedMeasure,
    Call,
    Decision,
    State,
)
from werkbrug.schemes.values import CeilingExceeded, DecisionRef, GrantError, MeasureAward
from werkbrug.taxonomy import PARTNER_ROLES

ZERO = Decimal(0)
# The application file's partner roles that the project's partner list (the exchange format's
# roles) names otherwise; a municipality has no role there and is left off the project.
PROJECT_ROLE = {
    "om_fund": "sector_fund",
    "workers_organisation": "union",
    "workers_representation": "union",
}
APPLICANT_ROLE = {
    "employer": "employer",
    "employer_organisation": "employer_organisation",
    "sector_representative": "employer_organisation",
    "workers_organisation": "union",
    "om_fund": "sector_fund",
    "knowledge_centre": "knowledge_centre",
}


def _ref(decision: Decision) -> DecisionRef:
    return DecisionRef(
        decision.pk,
        decision.kind,
        decision.application_id,
        decision.maximum_eur,
        decision.committed_eur,
        decision.project_id,
    )


def committed_in(call: Call) -> Decimal:
    total = Decision.objects.filter(application__call=call).aggregate(s=Sum("committed_eur"))["s"]
    return total or ZERO


@transaction.atomic
def decision_award(
    *,
    actor: User,
    application: Application,
    maximum_eur: Decimal,
    start: dt.date,
    end: dt.date,
    measures: tuple[MeasureAward, ...],
    partial: bool = False,
    reason: str = "",
    on: dt.date | None = None,
) -> DecisionRef:
    """Award ``maximum_eur`` for ``measures`` in the period; refused (nothing stored) when it
    would take the call past its ceiling, with what is left."""
    to = State.PARTIAL if partial else State.AWARDED
    if not may_move(application.state, to):
        raise GrantError(_("Only an application under assessment can be decided."))
    # One decision at a time per call: the ceiling is read and used under the row's lock.
    call = Call.objects.select_for_update().get(pk=application.call_id)
    data = application_data(application)
    planned = {m.code: m for m in data.measures}
    if not measures:
        raise GrantError(_("An award needs at least one measure."))
    unknown = [m.code for m in measures if m.code not in planned]
    if unknown:
        raise GrantError(
            _("Not measures of this application: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    if maximum_eur <= 0:
        raise GrantError(_("The maximum amount must be above zero."))
    if end < start:
        raise GrantError(_("The period cannot end before it starts."))
    if any(m.cost_eur < 0 for m in measures) or sum(m.cost_eur for m in measures) <= 0:
        raise GrantError(_("The awarded measures' costs must add up to more than zero."))
    if not partial and maximum_eur > application.requested_eur:
        raise GrantError(_("The maximum cannot be more than was requested."))
    eligible = sum((m.cost_eur for m in measures), ZERO)
    committed = maximum_eur + overhead_for(call.scheme, eligible)
    remaining = call.ceiling_eur - committed_in(call)
    if committed > remaining:
        raise CeilingExceeded(
            _(
                "This award would commit %(committed)s, but only %(remaining)s of the call's "
                "ceiling of %(ceiling)s is left (article 1.4). Award less, or refuse."
            )
            % {
                "committed": euro_text(committed, "nl"),
                "remaining": euro_text(max(remaining, ZERO), "nl"),
                "ceiling": euro_text(call.ceiling_eur, "nl"),
            },
            max(remaining, ZERO),
        )
    decision = Decision.objects.create(
        application=application,
        kind=Decision.Kind.PARTIAL if partial else Decision.Kind.AWARD,
        decided_on=on or clock.today(),
        maximum_eur=maximum_eur,
        committed_eur=committed,
        start=start,
        end=end,
        reason=reason.strip(),
        by=actor,
    )
    for m in measures:
        plan = planned[m.code]
        AwardedMeasure.objects.create(
            decision=decision,
            code=m.code,
            name=plan.name,
            kind=plan.kind,
            applications=m.applications,
            cost_eur=m.cost_eur,
            vulnerable_hiring=plan.vulnerable_hiring,
        )
    decision.project = _project_for(actor, application, data, decision, measures)
    decision.save(update_fields=["project"])
    application.state = to
    application.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=decision,
        changes={
            "application": [None, application.reference],
            "kind": [None, decision.kind],
            "maximum_eur": [None, str(maximum_eur)],
            "committed_eur": [None, str(committed)],
        },
    )
    return _ref(decision)


def _project_for(
    actor: User,
    application: Application,
    data: grants.Application,
    decision: Decision,
    measures: tuple[MeasureAward, ...],
) -> Project:
    """The project the case data goes into: its targets, budget, own funds and subsidy are
    the award's, its staff the applicant's coordinators."""
    assert decision.start is not None
    project = Project.objects.create(
        code=application.reference,
        name=application.title,
        sector=next(iter(s for s in application.sectors.split(",") if len(s) == 1), ""),
        region=application.regions.split(",")[0] if application.regions else "",
        start_date=decision.start,
        end_date=decision.end,
        target_participants=sum(m.applications for m in measures)
        or data.plan.expected_participants
        or 0,
        target_transitions=application.target_transitions,
        budget_eur=sum((m.cost_eur for m in measures), ZERO),
        own_funds_eur=data.own_funds_eur,
        subsidy_eur=decision.maximum_eur,
        union_involved=any(p.role in ("union", "workers_organisation") for p in data.partners),
    )
    wanted = [(application.organisation.name, APPLICANT_ROLE.get(data.applicant.kind))]
    wanted += [(p.name, PROJECT_ROLE.get(p.role, p.role)) for p in data.partners]
    for name, role in wanted:
        if role is None or PARTNER_ROLES.canonical(role) is None:
            continue
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=name[:200])
        ProjectPartner.objects.get_or_create(project=project, organisation=organisation, role=role)
    members = ApplicantMember.objects.filter(organisation=application.organisation_id)
    project.staff.add(*[m.user_id for m in members])
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=project,
        changes={"code": [None, project.code], "award": [None, application.reference]},
    )
    return project


@transaction.atomic
def decision_refuse(
    *,
    actor: User,
    application: Application,
    grounds: tuple[str, ...],
    reason: str = "",
    on: dt.date | None = None,
) -> DecisionRef:
    """Refuse, citing the grounds (rule ids of failed checks or of judgements not met)."""
    if not may_move(application.state, State.REFUSED):
        raise GrantError(_("Only an application under assessment can be decided."))
    if not grounds:
        raise GrantError(_("A refusal cites at least one ground."))
    checks = application_checks(application)
    citable = {r.rule: r.article for r in checks.failed}
    citable.update({j.rule: j.article for j in application.judgements.filter(met=False)})
    unknown = [g for g in grounds if g not in citable]
    if unknown:
        raise GrantError(
            _("Only failed rules and judgements not met can be cited: %(rules)s")
            % {"rules": ", ".join(unknown)}
        )
    decision = Decision.objects.create(
        application=application,
        kind=Decision.Kind.REFUSAL,
        decided_on=on or clock.today(),
        grounds=[{"rule": g, "article": citable[g]} for g in grounds],
        reason=reason.strip(),
        by=actor,
    )
    application.state = State.REFUSED
    application.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=decision,
        changes={"kind": [None, "refusal"], "grounds": [None, ", ".join(grounds)]},
    )
    return _ref(decision)
