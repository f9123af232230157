"""Pages for employers and vacancies (thin: forms and access rules in, services for writes).

Every object is looked up in a queryset of :mod:`werkbrug.access`, so an object outside the
user's reach answers 404 and an edit page of an object the user may only see answers 404 too.
The two lists answer 403 to roles that never see a vacancy (funder, researcher).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from werkbrug import access, clock
from werkbrug.accounts.models import User
from werkbrug.vacancies import services
from werkbrug.vacancies.forms import CloseForm, EmployerForm, VacancyFilterForm, VacancyForm
from werkbrug.vacancies.models import Employer
from werkbrug.vacancies.selectors import open_q
from werkbrug.vacancies.values import EmployerValues, VacancyValues
from werkbrug.web.filters import id_filter, text_filter
from werkbrug.web.forms import apply_errors, htmx_target, request_user

PER_PAGE = 50
RESULTS = "vacancy-results"  # the id of the element the list's filter form updates


def _never_sees_vacancies(user: User) -> bool:
    """Whether the access rules give this user's role no employers at all (not merely none
    yet): ``.none()`` rather than a filter that happens to match nothing."""
    return access.employers_visible(user).query.is_empty()


def _query(request: HttpRequest) -> str:
    """The filters of the page, urlencoded and ending in ``&``, for the pagination links."""
    pairs = [(k, v) for k, v in request.GET.items() if k != "page" and v]
    return urlencode(pairs) + "&" if pairs else ""


# Vacancies


@require_GET
@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if _never_sees_vacancies(user):
        raise PermissionDenied
    form = VacancyFilterForm(request.GET, employers=access.employers_visible(user))
    today = clock.today()
    vacancies = form.filter(access.vacancies_visible(user).select_related("employer"), today=today)
    context = {
        "form": form,
        "page_obj": Paginator(vacancies, PER_PAGE).get_page(request.GET.get("page")),
        "query": _query(request),
        "today": today,
        "may_add": access.employers_editable(user).exists(),
        "results_id": RESULTS,
    }
    # The filter form asks for the results only (htmx names its target); anything else, a
    # history restore included, gets the whole page.
    partial = htmx_target(request) == RESULTS
    template = "vacancies/partials/vacancy_results.html" if partial else "vacancies/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    vacancy = access.vacancy_get(user, pk)
    context = {
        "vacancy": vacancy,
        "today": clock.today(),
        "editable": access.vacancies_editable(user).filter(pk=pk).exists(),
    }
    return render(request, "vacancies/detail.html", context)


def _vacancy_form_page(
    request: HttpRequest, form: VacancyForm, *, heading: str, cancel: str
) -> HttpResponse:
    context = {"form": form, "heading": heading, "cancel": cancel}
    return render(request, "vacancies/vacancy_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def vacancy_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    employers = access.employers_editable(user)
    if employers.query.is_empty():
        raise PermissionDenied
    initial: dict[str, object] = {}
    if (wanted := id_filter(request.GET, "employer")) is not None:
        initial["employer"] = wanted  # "New vacancy" on an employer's page
    data = request.POST if request.method == "POST" else None
    form = VacancyForm(data, employers=employers, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                actor=user,
                employer=form.cleaned_data["employer"],
                values=VacancyValues.from_mapping(form.values()),
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("The vacancy was added."))
            return redirect("vacancies:detail", pk=vacancy.pk)
    return _vacancy_form_page(
        request, form, heading=_("New vacancy"), cancel=reverse("vacancies:list")
    )


@require_http_methods(["GET", "POST"])
@login_required
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    vacancy = access.vacancy_get(user, pk, edit=True)
    # Before the form copies the input onto the vacancy.
    heading = _("Edit vacancy: %(title)s") % {"title": vacancy.title}
    data = request.POST if request.method == "POST" else None
    form = VacancyForm(data, instance=vacancy)
    if form.is_bound and form.is_valid():
        try:
            services.vacancy_update(
                actor=user,
                vacancy=vacancy,
                values=VacancyValues.of(vacancy).merged(form.values()),
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("The vacancy was saved."))
            return redirect("vacancies:detail", pk=vacancy.pk)
    cancel = reverse("vacancies:detail", kwargs={"pk": pk})
    return _vacancy_form_page(request, form, heading=heading, cancel=cancel)


def _close(request: HttpRequest, pk: int, *, filled: bool) -> HttpResponse:
    user = request_user(request)
    vacancy = access.vacancy_get(user, pk, edit=True)
    data = request.POST if request.method == "POST" else None
    form = CloseForm(data, filled=filled, initial={"on": clock.today()})
    if form.is_bound and form.is_valid():
        try:
            services.vacancy_close(
                actor=user, vacancy=vacancy, on=form.cleaned_data["on"], filled=filled
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            if filled:
                messages.success(request, _("The vacancy was marked filled."))
            else:
                messages.success(request, _("The vacancy was closed."))
            return redirect("vacancies:detail", pk=vacancy.pk)
    context = {"vacancy": vacancy, "form": form, "filled": filled}
    return render(request, "vacancies/vacancy_close.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def vacancy_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a vacancy that was withdrawn (not filled), after confirming the date."""
    return _close(request, pk, filled=False)


@require_http_methods(["GET", "POST"])
@login_required
def vacancy_fill(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a vacancy filled (by anyone) on a date, after confirming it."""
    return _close(request, pk, filled=True)


# Employers


@require_GET
@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if _never_sees_vacancies(user):
        raise PermissionDenied
    q = text_filter(request.GET, "q")
    today = clock.today()
    employers: QuerySet[Employer] = Employer.objects.filter(
        pk__in=access.employers_visible(user).values("pk")
    )
    if q:
        employers = employers.filter(name__icontains=q)
    employers = employers.annotate(
        open_vacancies=Count("vacancies", filter=open_q(today, prefix="vacancies__"))
    ).order_by("name", "pk")
    context = {
        "q": q,
        "page_obj": Paginator(employers, PER_PAGE).get_page(request.GET.get("page")),
        "query": _query(request),
        "may_add": access.can_create_employer(user),
    }
    return render(request, "vacancies/employer_list.html", context)


@require_GET
@login_required
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    employer = get_object_or_404(access.employers_visible(user).select_related("project"), pk=pk)
    project_shown = (
        employer.project_id is not None
        and access.projects_visible(user).filter(pk=employer.project_id).exists()
    )
    vacancies = employer.vacancies.order_by(F("open_date").desc(nulls_last=True), "-pk")
    context = {
        "employer": employer,
        "project": employer.project if project_shown else None,
        "vacancies": vacancies,
        "today": clock.today(),
        "editable": access.employers_editable(user).filter(pk=pk).exists(),
    }
    return render(request, "vacancies/employer_detail.html", context)


def _employer_form_page(
    request: HttpRequest, form: EmployerForm, *, heading: str, cancel: str
) -> HttpResponse:
    context = {"form": form, "heading": heading, "cancel": cancel}
    return render(request, "vacancies/employer_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def employer_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not access.can_create_employer(user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = EmployerForm(data, projects=access.projects_visible(user))
    if form.is_bound and form.is_valid():
        try:
            employer = services.employer_create(
                actor=user, values=EmployerValues.from_mapping(form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("The employer was added."))
            return redirect("vacancies:employer", pk=employer.pk)
    cancel = reverse("vacancies:employers")
    return _employer_form_page(request, form, heading=_("New employer"), cancel=cancel)


@require_http_methods(["GET", "POST"])
@login_required
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    employer = access.employer_get(user, pk, edit=True)
    heading = _("Edit employer: %(name)s") % {"name": employer.name}
    # An employer's own users change its details, not the project it belongs to.
    projects = access.projects_visible(user) if access.can_create_employer(user) else None
    data = request.POST if request.method == "POST" else None
    form = EmployerForm(data, instance=employer, projects=projects)
    if form.is_bound and form.is_valid():
        try:
            services.employer_update(
                actor=user,
                employer=employer,
                values=EmployerValues.of(employer).merged(form.cleaned_data),
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, _("The employer was saved."))
            return redirect("vacancies:employer", pk=employer.pk)
    cancel = reverse("vacancies:employer", kwargs={"pk": pk})
    return _employer_form_page(request, form, heading=heading, cancel=cancel)
