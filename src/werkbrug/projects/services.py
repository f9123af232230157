"""Writes for projects: the plan, the partners and the staff. Each function runs in one
transaction and writes the audit log; who may call it is decided by the pages
(:func:`werkbrug.access.projects_managed`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug import access
from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record, changes_between, snapshot
from werkbrug.deliveries.rows import live_check
from werkbrug.projects.models import Organisation, Project, ProjectPartner
from werkbrug.projects.values import ProjectPlan
from werkbrug.taxonomy import PARTNER_ROLES

# What a coordinator plans and reports on; code, name and the rest are set by an administrator.
PLAN_FIELDS = ProjectPlan.field_names()
# The roles that work in a project (see werkbrug.access).


@transaction.atomic
def project_update(*, actor: User, project: Project, plan: ProjectPlan) -> Project:
    """Store the project's plan as ``plan`` gives it; nothing else of the project changes."""
    before = snapshot(project, PLAN_FIELDS)
    for name, value in plan.as_dict().items():
        setattr(project, name, value)
    try:
        live_check(project)  # the rules of projects.csv, so that the project freezes
        project.full_clean()
    except ValidationError:
        for name, value in before.items():
            setattr(project, name, value)
        raise
    diff = changes_between(before, snapshot(project, PLAN_FIELDS))
    if diff:
        project.save(update_fields=list(diff))
        audit_record(actor=actor, action=Action.CHANGE, obj=project, changes=diff)
    return project


@transaction.atomic
def partner_add(
    *, actor: User, project: Project, organisation_name: str, role: str
) -> ProjectPartner:
    """Add an organisation in a role; an organisation not known by this name is created."""
    name = " ".join(organisation_name.split())
    if not name:
        raise ValidationError({"organisation": _("Give the organisation's name.")})
    if len(name) > Organisation._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ValidationError({"organisation": _("The name is too long.")})
    code = PARTNER_ROLES.canonical(role)
    if code is None:
        raise ValidationError({"role": _("Choose one of the partner roles.")})
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation.objects.create(name=name)
        audit_record(
            actor=actor, action=Action.CREATE, obj=organisation, changes={"name": [None, name]}
        )
    if ProjectPartner.objects.filter(
        project=project, organisation=organisation, role=code
    ).exists():
        raise ValidationError(
            _("%(organisation)s is already a partner in this role.")
            % {"organisation": organisation.name}
        )
    partner = ProjectPartner.objects.create(project=project, organisation=organisation, role=code)
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=partner,
        changes={
            "project": [None, project.code],
            "organisation": [None, organisation.name],
            "role": [None, code],
        },
    )
    return partner


@transaction.atomic
def partner_remove(*, actor: User, project: Project, partner: ProjectPartner) -> None:
    """Take an organisation's role out of the project (the organisation itself stays)."""
    if partner.project_id != project.pk:
        raise ValidationError(_("This partner belongs to another project."))
    audit_record(
        actor=actor,
        action=Action.DELETE,
        obj=partner,
        changes={
            "project": [project.code, None],
            "organisation": [partner.organisation.name, None],
            "role": [partner.role, None],
        },
    )
    partner.delete()


@transaction.atomic
def staff_add(*, actor: User, project: Project, user: User) -> None:
    """Let a coordinator or mediator work in the project."""
    if not access.may_be_staff(user):
        raise ValidationError({"user": _("Only active coordinators and mediators can be added.")})
    if project.staff.filter(pk=user.pk).exists():
        raise ValidationError({"user": _("This user already works in the project.")})
    project.staff.add(user)
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=project,
        changes={"staff": [None, user.get_username()]},
    )


@transaction.atomic
def staff_remove(*, actor: User, project: Project, user: User) -> int:
    """Take a user off the project. A mediator also loses the project's participants from
    their caseload (they get no mediator until one is assigned), or they would still see
    them. Returns how many participants lost their mediator. Nobody removes themselves: a
    project must not lose its last coordinator by accident."""
    from werkbrug.trajectories.models import Trajectory
    from werkbrug.trajectories.services import trajectory_assign

    if user.pk == actor.pk:
        raise ValidationError(_("You cannot take yourself off a project; ask an administrator."))
    if not project.staff.filter(pk=user.pk).exists():
        raise ValidationError(_("This user does not work in the project."))
    caseload = Trajectory.objects.filter(participant__project=project, mediator=user)
    released = 0
    for trajectory in caseload.select_related("participant__project", "mediator"):
        trajectory_assign(actor=actor, trajectory=trajectory, mediator=None)
        released += 1
    project.staff.remove(user)
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=project,
        changes={"staff": [user.get_username(), None]},
    )
    return released
