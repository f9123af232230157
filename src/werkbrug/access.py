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

Researchers (and administrators) may also take a pseudonymised extract of a delivery
(:func:`may_extract`).
"""

from __future__ import annotations

import enum
import hmac
import ipaddress
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from werkbrug.accounts.models import Role, User
from werkbrug.jobs.models import Job
from werkbrug.people.models import Consent, Participant
from werkbrug.projects.models import Organisation, Project
from werkbrug.schemes.flows import EDITABLE, SENT
from werkbrug.schemes.models import Application as GrantApplication
from werkbrug.schemes.models import Call, Decision, SchemeAssessor
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


# The roles that work in a project as its staff.
STAFF_ROLES = (Role.COORDINATOR, Role.MEDIATOR)


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
    return User.objects.filter(role__in=STAFF_ROLES, is_active=True)


def may_be_staff(user: User) -> bool:
    """Whether the user can work in a project at all (active coordinator or mediator)."""
    return user.is_active and user.role in STAFF_ROLES


def mediators_of(projects: QuerySet[Project]) -> QuerySet[User]:
    """The active mediators who work in any of ``projects``: whom a caseload may be given."""
    return (
        User.objects.filter(role=Role.MEDIATOR, projects__in=projects, is_active=True)
        .distinct()
        .order_by("username")
    )


def is_mediator(user: User) -> bool:
    return _role(user) == Role.MEDIATOR


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


# --- deliveries: frozen, pseudonymised snapshots in the exchange format ----------------------
#
# Model permissions of the role groups (accounts.services.ROLE_PERMISSIONS) decide, so an
# installation can change them per group; the pages ask only these functions
# (docs/roles.md, "Deliveries"): the list for funder, coordinator, researcher and admin;
# downloads (the delivered rows) for coordinator, researcher and admin; import for the
# coordinator and admin.


def sees_deliveries(user: User) -> bool:
    return _role(user) is not None and user.has_perm("deliveries.view_delivery")


def may_download_deliveries(user: User) -> bool:
    return sees_deliveries(user) and user.has_perm("deliveries.view_deliveryparticipant")


def may_import_deliveries(user: User) -> bool:
    return sees_deliveries(user) and user.has_perm("deliveries.add_delivery")


def sees_audit_log(user: User) -> bool:
    return _role(user) == Role.ADMIN


def sees_caseload(user: User) -> bool:
    return _role(user) in (Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR)


def sees_employees(user: User) -> bool:
    """The employer's list of their own consenting (former) employees."""
    return _role(user) == Role.EMPLOYER


def sees_participant_list(user: User) -> bool:
    """A caseload of one's own, or the employer's list of employees."""
    return sees_caseload(user) or sees_employees(user)


def sees_project_pages(user: User) -> bool:
    return _role(user) in (Role.ADMIN, Role.FUNDER, Role.COORDINATOR, Role.MEDIATOR)


def may_extract(user: User) -> bool:
    """Pseudonymised participant-level extracts of a delivery (docs/extracts.md): what the
    researcher role is for; the administrator may do everything."""
    return _role(user) in (Role.ADMIN, Role.RESEARCHER)


def sees_vacancy_pages(user: User) -> bool:
    return _role(user) in (Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR, Role.EMPLOYER)


# --- one object for one user ----------------------------------------------------------------
#
# Pages, commands, the API and jobs fetch a record through these: a record outside the user's
# reach raises Http404 (as if it did not exist), a record they may see but an action that is
# not theirs raises PermissionDenied (403).


class Allowed(NamedTuple):
    """A participant and what the user may do with them."""

    participant: Participant
    can: frozenset[Can]


def participant_get(user: User, pk: int, need: Can = Can.VIEW) -> Allowed:
    """The participant with what ``user`` may do; 404 when not visible, 403 when visible but
    ``need`` is not among the user's actions."""
    visible = participants_visible(user).select_related(
        "project",
        "employer",
        "trajectory",
        "trajectory__mediator",
        "trajectory__outcome",
        "contact",
    )
    participant = get_object_or_404(visible, pk=pk)
    allowed = participant_allows(user, participant)
    if need not in allowed:
        raise PermissionDenied
    return Allowed(participant, allowed)


def project_get(user: User, pk: int, *, manage: bool = False) -> Project:
    """A project the user may see; with ``manage``, 403 unless they may also change it."""
    project = get_object_or_404(projects_visible(user), pk=pk)
    if manage and not projects_managed(user).filter(pk=project.pk).exists():
        raise PermissionDenied
    return project


def may_manage(user: User, project: Project) -> bool:
    return projects_managed(user).filter(pk=project.pk).exists()


def projects_managed_or_403(user: User) -> QuerySet[Project]:
    """The projects the user manages, for pages that exist only for them (403 otherwise)."""
    projects = projects_managed(user)
    if not projects.exists():
        raise PermissionDenied
    return projects


def employer_get(user: User, pk: int, *, edit: bool = False) -> Employer:
    """An employer the user may see (404 otherwise); with ``edit``, one they may change."""
    if edit:
        return get_object_or_404(employers_editable(user), pk=pk)
    return get_object_or_404(employers_visible(user), pk=pk)


def vacancy_get(user: User, pk: int, *, edit: bool = False) -> Vacancy:
    """A vacancy the user may see (404 otherwise); with ``edit``, one they may change."""
    vacancies = vacancies_editable(user) if edit else vacancies_visible(user)
    return get_object_or_404(vacancies.select_related("employer"), pk=pk)


# --- subsidy schemes: calls, applications, awards -----------------------------------------
#
# - admin: every call, every sent application and award (read);
# - funder: the calls of the schemes they assess (SchemeAssessor), their sent applications
#   (complete, send back, judge, decide) and awards (advances, determination);
# - coordinator: every call (to apply); the applications and awards of the organisations they
#   apply for (ApplicantMember): fill in, upload, submit; cost lines and declarations;
# - others: nothing (the pages answer 403).


class GrantCan(enum.Enum):
    EDIT = "edit"  # the applicant changes a draft or a returned application
    SUBMIT = "submit"
    ASSESS = "assess"  # the funder: complete, send back, judge, decide
    DECLARE = "declare"  # the project: cost lines, declarations
    PAY = "pay"  # the funder: advances
    DETERMINE = "determine"


def sees_grant_pages(user: User) -> bool:
    return _role(user) in (Role.ADMIN, Role.FUNDER, Role.COORDINATOR)


def _assessed_schemes(user: User) -> QuerySet[SchemeAssessor, Any]:
    return SchemeAssessor.objects.filter(user=user).values("scheme")


def applicant_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations the user applies for: a coordinator who is their member."""
    if _role(user) != Role.COORDINATOR:
        return Organisation.objects.none()
    return Organisation.objects.filter(applicant_members__user=user)


def calls_visible(user: User) -> QuerySet[Call]:
    role = _role(user)
    if role in (Role.ADMIN, Role.COORDINATOR):
        return Call.objects.all()
    if role == Role.FUNDER:
        return Call.objects.filter(scheme__in=_assessed_schemes(user))
    return Call.objects.none()


def assesses(user: User, call: Call) -> bool:
    return _role(user) == Role.FUNDER and calls_visible(user).filter(pk=call.pk).exists()


def applications_visible(user: User) -> QuerySet[GrantApplication]:
    role = _role(user)
    if role in (Role.ADMIN, Role.FUNDER):
        return GrantApplication.objects.filter(
            call__in=calls_visible(user), state__in=[s.value for s in SENT]
        )
    if role == Role.COORDINATOR:
        return GrantApplication.objects.filter(organisation__in=applicant_organisations(user))
    return GrantApplication.objects.none()


def application_allows(user: User, application: GrantApplication) -> frozenset[GrantCan]:
    role = _role(user)
    if role == Role.FUNDER and assesses(user, application.call):
        return frozenset({GrantCan.ASSESS})
    if (
        role == Role.COORDINATOR
        and applicant_organisations(user).filter(pk=application.organisation_id).exists()
    ):
        return (
            frozenset({GrantCan.EDIT, GrantCan.SUBMIT})
            if application.state in EDITABLE
            else frozenset()
        )
    return frozenset()


def application_get(user: User, pk: int, need: GrantCan | None = None) -> GrantApplication:
    """An application the user may see (404 otherwise); 403 when ``need`` is not theirs."""
    application = get_object_or_404(
        applications_visible(user).select_related("call", "organisation"), pk=pk
    )
    if need is not None and need not in application_allows(user, application):
        raise PermissionDenied
    return application


def decisions_visible(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(application__in=applications_visible(user))


def decision_allows(user: User, decision: Decision) -> frozenset[GrantCan]:
    role = _role(user)
    if role == Role.FUNDER and assesses(user, decision.application.call):
        return frozenset({GrantCan.PAY, GrantCan.DETERMINE})
    if (
        role == Role.COORDINATOR
        and applicant_organisations(user).filter(pk=decision.application.organisation_id).exists()
    ):
        return frozenset({GrantCan.DECLARE})
    return frozenset()


def decision_get(user: User, pk: int, need: GrantCan | None = None) -> Decision:
    decision = get_object_or_404(
        decisions_visible(user).select_related(
            "application", "application__call", "application__organisation", "project"
        ),
        pk=pk,
    )
    if need is not None and need not in decision_allows(user, decision):
        raise PermissionDenied
    return decision


def sees_double_funding(user: User, decision: Decision) -> bool:
    """Only the funder (and the admin) compares BSN hashes across projects."""
    return _role(user) == Role.ADMIN or GrantCan.DETERMINE in decision_allows(user, decision)


def may_see_call_queue(user: User, call: Call) -> bool:
    return _role(user) == Role.ADMIN or assesses(user, call)


def may_read_metrics(address: str | None, authorization: str) -> bool:
    """``/metrics`` is for the installation's monitoring, not for users: a client at one of
    WERKBRUG_METRICS_ADDRESSES (the client's address behind a trusted proxy, so a request
    through the reverse proxy is not "from this machine"), or one that sends
    ``Authorization: Bearer <WERKBRUG_METRICS_TOKEN>``."""
    token: str = settings.METRICS_TOKEN
    scheme, _space, given = authorization.partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token):
        return True
    if address is None:
        return False
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(client in ipaddress.ip_network(n) for n in settings.METRICS_NETWORKS)


# Background jobs: a job is its owner's (and administrators see every job, to help); anyone
# else gets 404, as for a record out of reach.


def jobs_visible(user: User) -> QuerySet[Job]:
    role = _role(user)
    if role is None:
        return Job.objects.none()
    if role == Role.ADMIN:
        return Job.objects.all()
    return Job.objects.filter(owner=user)


def job_get(user: User, pk: int) -> Job:
    return get_object_or_404(jobs_visible(user), pk=pk)
