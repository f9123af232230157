"""Who may see and do what: object-level access decided in one place.

Every page, API endpoint and CLI command that reads live data asks these functions for the
querysets a user may see, and for what they may do with one object. Objects outside those
querysets answer 404 (a user must not learn that another project's participant exists).

| role        | participants                         | projects  | vacancies and employers        |
|-------------|--------------------------------------|-----------|--------------------------------|
| admin       | all                                  | all       | all                            |
| coordinator | of their projects                    | their own | of their projects (and edit)   |
| mediator    | their caseload                       | their own | all to match; edit own project |
| employer    | own employees who consented: name    | none      | their own (and edit)           |
|             | and trajectory status only           |           |                                |
| funder      | none (aggregates only)               | all, read | none                           |
| researcher  | none (pseudonymised deliveries only) | none      | none                           |
"""

from __future__ import annotations

import enum

from django.db.models import Q, QuerySet

from werkbrug.accounts.models import Role, User
from werkbrug.people.models import Consent, Participant
from werkbrug.projects.models import Project
from werkbrug.vacancies.models import Employer, Vacancy


class Can(enum.Enum):
    """Actions on one participant."""

    VIEW = "view"  # the page with the trajectory status: all an employer may see, with the name
    VIEW_NAME = "view_name"
    # The pseudonymous record: key, project, mediator, profile, dates, outcome, follow-ups,
    # consents and the timeline. Not for employers (docs/roles.md: name and status only).
    VIEW_RECORD = "view_record"
    VIEW_CONTACT = "view_contact"  # names, phone, address
    EDIT = "edit"  # intake data, contact details, consent
    WORK = "work"  # trajectory status, activities, placement, follow-ups
    EXPORT = "export"  # GDPR: everything about this participant
    ERASE = "erase"
    ASSIGN = "assign"  # move the participant to another mediator's caseload


def _role(user: User) -> Role | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    try:
        return Role(user.role)
    except ValueError:
        return None


def projects_visible(user: User) -> QuerySet[Project]:
    role = _role(user)
    if role in (Role.ADMIN, Role.FUNDER):
        return Project.objects.all()
    if role in (Role.COORDINATOR, Role.MEDIATOR):
        return Project.objects.filter(staff=user)
    return Project.objects.none()


def projects_managed(user: User) -> QuerySet[Project]:
    """Projects whose plan, partners and deliveries the user may change."""
    role = _role(user)
    if role == Role.ADMIN:
        return Project.objects.all()
    if role == Role.COORDINATOR:
        return Project.objects.filter(staff=user)
    return Project.objects.none()


def staff_addable(user: User, project: Project) -> QuerySet[User]:
    """The users ``user`` may add to the project's staff: every active coordinator and
    mediator, for those who manage the project. The staff page finds one of them by the exact
    user name or e-mail address typed in, and never lists them: a coordinator must not learn
    who works in other projects (docs/roles.md, "Plan, partners and staff")."""
    if not projects_managed(user).filter(pk=project.pk).exists():
        return User.objects.none()
    return User.objects.filter(role__in=(Role.COORDINATOR, Role.MEDIATOR), is_active=True)


def projects_for_intake(user: User) -> QuerySet[Project]:
    role = _role(user)
    if role == Role.ADMIN:
        return Project.objects.all()
    if role in (Role.COORDINATOR, Role.MEDIATOR):
        return Project.objects.filter(staff=user)
    return Project.objects.none()


def participants_visible(user: User) -> QuerySet[Participant]:
    role = _role(user)
    live = Participant.objects.filter(erased_on__isnull=True)
    if role == Role.ADMIN:
        return live
    if role == Role.COORDINATOR:
        return live.filter(project__staff=user)
    if role == Role.MEDIATOR:
        return live.filter(trajectory__mediator=user)
    if role == Role.EMPLOYER:
        consented = Consent.objects.filter(
            purpose=Consent.Purpose.EMPLOYER, withdrawn_on__isnull=True
        ).values("participant")
        return live.filter(employer__users=user, pk__in=consented)
    return Participant.objects.none()


def participant_allows(user: User, participant: Participant) -> frozenset[Can]:  # noqa: ARG001
    """What the user may do with a participant they can see (see participants_visible).

    Asked per participant so that views need not change when the answer does; today it
    depends on the role alone."""
    return participants_allow(user)


def participants_allow(user: User) -> frozenset[Can]:
    """What the user may do with every participant on their list; it depends on the role
    alone, so a list (the caseload) decides its columns, filters and search with it."""
    role = _role(user)
    if role in (Role.ADMIN, Role.COORDINATOR):
        return frozenset(Can)
    if role == Role.MEDIATOR:
        return frozenset(Can) - {Can.ERASE, Can.ASSIGN}
    if role == Role.EMPLOYER:
        return frozenset({Can.VIEW, Can.VIEW_NAME})
    return frozenset()


def employers_visible(user: User) -> QuerySet[Employer]:
    role = _role(user)
    if role in (Role.ADMIN, Role.MEDIATOR):
        return Employer.objects.all()
    if role == Role.COORDINATOR:
        return Employer.objects.filter(Q(project__staff=user) | Q(project__isnull=True)).distinct()
    if role == Role.EMPLOYER:
        return Employer.objects.filter(users=user)
    return Employer.objects.none()


def employers_editable(user: User) -> QuerySet[Employer]:
    """Employers whose details and vacancies the user may change."""
    role = _role(user)
    if role == Role.ADMIN:
        return Employer.objects.all()
    if role in (Role.COORDINATOR, Role.MEDIATOR):
        return Employer.objects.filter(Q(project__staff=user) | Q(project__isnull=True)).distinct()
    if role == Role.EMPLOYER:
        return Employer.objects.filter(users=user)
    return Employer.objects.none()


def vacancies_visible(user: User) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(employer__in=employers_visible(user))


def vacancies_editable(user: User) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(employer__in=employers_editable(user))


def can_create_employer(user: User) -> bool:
    return _role(user) in (Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)


def sees_audit_log(user: User) -> bool:
    return _role(user) == Role.ADMIN


def sees_caseload(user: User) -> bool:
    return _role(user) in (Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)
