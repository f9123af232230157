"""Pages (thin: forms and selectors in, services for writes).

Access (docs/roles.md, "Projects"): roles that see no projects at all (researcher, employer)
get 403 on every page here; a project outside :func:`werkbrug.access.projects_visible` is
404; a project the user may see but not manage (:func:`werkbrug.access.projects_managed`)
is 403 on the pages that change it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbrug import access
from werkbrug.deliveries.freeze import delivery_freeze
from werkbrug.deliveries.messages import problem_lines, result_summary
from werkbrug.deliveries.models import Delivery
from werkbrug.deliveries.services import ImportStatus
from werkbrug.projects import selectors, services
from werkbrug.projects.forms import FreezeForm, PartnerForm, PlanForm, StaffForm
from werkbrug.projects.models import Project, ProjectPartner
from werkbrug.projects.values import ProjectPlan
from werkbrug.reports.presentation import code_label
from werkbrug.taxonomy import OUTCOMES, PARTNER_ROLES
from werkbrug.trajectories.models import Status
from werkbrug.web.filters import id_filter, text_filter
from werkbrug.web.forms import apply_errors, request_user

View = Callable[..., HttpResponse]


def _sees_projects(view: View) -> View:
    """Log-in required; 403 for roles to which no project is visible."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if access.projects_visible(request_user(request)).query.is_empty():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@require_http_methods(["GET"])
@_sees_projects
def project_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    full = user.has_perm("deliveries.view_full_report")
    rows = selectors.project_rows(selectors.project_list(user), full=full)
    return render(
        request,
        "projects/list.html",
        {"rows": rows, "min_cell": selectors.MIN_CELL},
    )


@require_http_methods(["GET"])
@_sees_projects
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.project_get(request_user(request), pk)
    dashboard = selectors.project_dashboard(project)
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "d": dashboard,
            "show_small": selectors.shows_small_counts(request_user(request), project),
            "can_manage": access.may_manage(request_user(request), project),
            "partners": [(p, code_label(PARTNER_ROLES, p.role)) for p in dashboard.partners],
            "outcomes": [
                (code, code_label(OUTCOMES, code), figure) for code, figure in dashboard.outcomes
            ],
            "ongoing": [
                (_status_label(key), figure) for key, figure in dashboard.ongoing_by_status
            ],
        },
    )


def _status_label(key: str) -> str:
    return str(Status(key).label) if key else _("No trajectory")


@require_http_methods(["GET", "POST"])
@_sees_projects
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.project_get(request_user(request), pk, manage=True)
    form = PlanForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                actor=request_user(request),
                project=project,
                plan=ProjectPlan.from_mapping(form.cleaned_data),
            )
        except ValidationError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/edit.html", {"project": project, "form": form})


def _removed(request: HttpRequest) -> int:
    """The id of the row to remove; 0, which matches nothing (404), when it is no valid id."""
    return id_filter(request.POST, "remove") or 0


@require_http_methods(["GET", "POST"])
@_sees_projects
def project_partners(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.project_get(request_user(request), pk, manage=True)
    actor = request_user(request)
    form = PartnerForm(request.POST if "add" in request.POST else None)
    if request.method == "POST":
        if "remove" in request.POST:
            partner = get_object_or_404(
                ProjectPartner.objects.select_related("organisation"),
                pk=_removed(request),
                project=project,
            )
            services.partner_remove(actor=actor, project=project, partner=partner)
            messages.success(
                request,
                _("%(organisation)s is no longer a partner as %(role)s.")
                % {
                    "organisation": partner.organisation.name,
                    "role": code_label(PARTNER_ROLES, partner.role),
                },
            )
            return redirect("projects:partners", pk=project.pk)
        if form.is_valid():
            try:
                added = services.partner_add(
                    actor=actor,
                    project=project,
                    organisation_name=form.cleaned_data["organisation"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as exc:
                apply_errors(exc, form)
            else:
                messages.success(
                    request,
                    _("%(organisation)s has been added as %(role)s.")
                    % {
                        "organisation": added.organisation.name,
                        "role": code_label(PARTNER_ROLES, added.role),
                    },
                )
                return redirect("projects:partners", pk=project.pk)
    partners = [
        (p, code_label(PARTNER_ROLES, p.role))
        for p in project.partnerships.select_related("organisation").order_by(
            "organisation__name", "role"
        )
    ]
    return render(
        request,
        "projects/partners.html",
        {
            "project": project,
            "form": form,
            "partners": partners,
            "organisations": PartnerForm.known_organisations(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@_sees_projects
def project_staff(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.project_get(request_user(request), pk, manage=True)
    actor = request_user(request)
    form = StaffForm(request.POST if "add" in request.POST else None, actor=actor, project=project)
    error: str | None = None
    if request.method == "POST":
        if "remove" in request.POST:
            member = get_object_or_404(project.staff.all(), pk=_removed(request))
            try:
                released = services.staff_remove(actor=actor, project=project, user=member)
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                text = _("%(user)s no longer works in this project.") % {
                    "user": member.get_username()
                }
                if released:
                    text += " " + _(
                        "%(n)d of their participants now have no mediator; assign another."
                    ) % {"n": released}
                messages.success(request, text)
                return redirect("projects:staff", pk=project.pk)
        elif form.is_valid():
            member = form.cleaned_data["user"]
            try:
                services.staff_add(actor=actor, project=project, user=member)
            except ValidationError as exc:
                apply_errors(exc, form)
            else:
                messages.success(
                    request,
                    _("%(user)s now works in this project.") % {"user": member.get_username()},
                )
                return redirect("projects:staff", pk=project.pk)
    staff = project.staff.order_by("role", "username")
    return render(
        request,
        "projects/staff.html",
        {"project": project, "form": form, "staff": staff, "error": error},
        status=400 if error or (form.is_bound and form.errors) else 200,
    )


@require_http_methods(["GET", "POST"])
@_sees_projects
def project_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    """Freeze the project's live data into a delivery; nothing is written on a problem."""
    project = access.project_get(request_user(request), pk, manage=True)
    form = FreezeForm(request.POST or None)
    context: dict[str, object] = {"project": project, "form": form, "problems": []}
    if request.method == "POST" and form.is_valid():
        result = delivery_freeze(
            actor=request_user(request),
            projects=Project.objects.filter(pk=project.pk),
            name=form.cleaned_data["name"],
            delivered_on=form.cleaned_data["delivered_on"],
            description=form.cleaned_data["description"],
        )
        if result.status is ImportStatus.IMPORTED and result.delivery is not None:
            messages.success(request, result_summary(result))
            query = urlencode({"frozen": result.delivery.name})
            return redirect(reverse("projects:freeze", kwargs={"pk": project.pk}) + "?" + query)
        context["summary"] = result_summary(result)
        context["problems"] = problem_lines(result.problems)
    elif request.method == "GET" and (frozen_name := text_filter(request.GET, "frozen")):
        frozen = Delivery.objects.filter(name=frozen_name).first()
        if frozen is not None:
            context["frozen"] = frozen
            context["report_url"] = (
                reverse("reports:index") + "?" + urlencode({"delivery": frozen.name})
            )
    failed = request.method == "POST"  # a successful POST redirected above
    return render(request, "projects/freeze.html", context, status=400 if failed else 200)
