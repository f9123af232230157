"""Participant pages: caseload, intake, the participant page, consent and GDPR requests.

Views stay thin: forms check the input, selectors decide what the user may see (404 for
anyone else's participant), services do every write and the audit log.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from werkbrug import access, clock
from werkbrug.access import Can
from werkbrug.accounts.models import User
from werkbrug.people import selectors, services
from werkbrug.people.caseload_rows import caseload_row
from werkbrug.people.forms import (
    ConsentForm,
    ContactForm,
    DateForm,
    IntakeForm,
    ProfileForm,
    SearchForm,
)
from werkbrug.people.page import detail_context, form_page, participant_label
from werkbrug.people.values import PROFILE_FIELDS, ContactValues, ParticipantProfile
from werkbrug.projects.models import Project
from werkbrug.trajectories.models import Status
from werkbrug.web.filters import id_filter
from werkbrug.web.forms import apply_errors, htmx_target, request_user

PAGE_SIZE = 25
SEARCH_KEY = "caseload_search"  # the search term lives in the session, never in a URL
# A filter link (such as "show" the checks that are due) starts a new list: with this in its
# address the search term is forgotten, so it cannot silently narrow the list linked to.
FRESH = "new"


# The choices of the filter on days without contact (days, label).
CONTACT_DAYS = (
    (14, gettext_lazy("2 weeks")),
    (30, gettext_lazy("a month")),
    (60, gettext_lazy("2 months")),
)


def _filters(
    request: HttpRequest, *, projects: list[Project], mediators: list[User]
) -> selectors.CaseloadFilters:
    """The filters in the address; a value the page does not offer resets its filter."""
    status = request.GET.get("status", "")
    valid = {"", "ongoing", *Status.values}
    return selectors.CaseloadFilters(
        status=status if status in valid else "",
        contact_days=id_filter(request.GET, "contact", allowed={d for d, _l in CONTACT_DAYS}),
        follow_ups_due=request.GET.get("due") == "1",
        mediator=id_filter(request.GET, "mediator", allowed={m.pk for m in mediators}),
        project=id_filter(request.GET, "project", allowed={p.pk for p in projects}),
        search=request.session.get(SEARCH_KEY, ""),
    )


def _query(request: HttpRequest) -> str:
    kept = request.GET.copy()
    kept.pop("page", None)
    for name in [k for k, v in kept.items() if not v]:
        kept.pop(name)
    return kept.urlencode() + "&" if kept else ""


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not access.sees_participant_list(user):
        raise PermissionDenied
    if FRESH in request.GET:
        request.session.pop(SEARCH_KEY, None)
        kept = request.GET.copy()
        kept.pop(FRESH)
        query = kept.urlencode()
        return redirect(reverse("people:caseload") + (f"?{query}" if query else ""))
    today = clock.today()
    # Without the record (the employer) the list has the name and status columns only, and
    # only the filters that tell nothing more (selectors.caseload applies the same rule).
    record = Can.VIEW_RECORD in access.participants_allow(user)
    projects = list(access.projects_for_intake(user))
    mediators = list(access.mediators_of(access.projects_managed(user)))
    filters = _filters(request, projects=projects, mediators=mediators)
    rows = selectors.caseload(user, filters, today=today)
    page = Paginator(rows.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    values = selectors.caseload_rows(list(page.object_list))
    shown = [caseload_row(v, today=today, record=record) for v in values]
    page.object_list = shown  # type: ignore[assignment]
    context: dict[str, Any] = {
        "page_obj": page,
        "filters": filters,
        "query": _query(request),
        "fresh": FRESH,
        "statuses": Status.choices,
        "contact_choices": CONTACT_DAYS,
        "projects": projects,
        "mediators": mediators,
        "due_count": selectors.follow_ups_due_count(user, today=today) if record else 0,
        "today": today,
        "record": record,
        "search_form": SearchForm(initial={"q": filters.search}),
        "may_intake": bool(projects),
        "shows_names": Can.VIEW_NAME in access.participants_allow(user),
    }
    if htmx_target(request) == "caseload-results":
        return render(request, "people/partials/caseload_table.html", context)
    return render(request, "people/caseload.html", context)


@login_required
@require_POST
def caseload_search(request: HttpRequest) -> HttpResponse:
    if not access.sees_participant_list(request_user(request)):
        raise PermissionDenied  # no search term of anyone's is kept for a list they cannot see
    form = SearchForm(request.POST)
    term = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if term and "clear" not in request.POST:
        request.session[SEARCH_KEY] = term
    else:
        request.session.pop(SEARCH_KEY, None)
    return redirect("people:caseload")


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    projects = access.projects_for_intake(user)
    if not projects.exists():
        raise PermissionDenied
    employers = access.employers_visible(user).filter(project__in=projects)
    data = request.POST if request.method == "POST" else None
    placement = IntakeForm(data, user=user, projects=projects, prefix="intake")
    profile = ProfileForm(
        data, employers=employers, prefix="profile", initial={"intake_date": clock.today()}
    )
    contact = ContactForm(data, prefix="contact")
    forms = (placement, profile, contact)
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            participant = services.participant_intake(
                actor=user,
                project=placement.cleaned_data["project"],
                mediator=placement.cleaned_data["mediator"],
                profile=ParticipantProfile.from_mapping(profile.cleaned_data),
                contact=ContactValues.from_mapping(contact.cleaned_data),
                bsn=contact.cleaned_data["bsn"],
                consents=placement.cleaned_data["consents"],
            )
        except ValidationError as exc:
            apply_errors(exc, profile, contact, placement)
        else:
            messages.success(request, _("The participant has been taken in."))
            return redirect("people:detail", pk=participant.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/intake.html",
        {"placement": placement, "profile": profile, "contact": contact},
        status=status,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant, allowed = access.participant_get(request_user(request), pk, Can.VIEW)

    if Can.VIEW_RECORD not in allowed:
        # The employer: a page of its own with the name and the status, so that no field of
        # the full page can reach it by a forgotten condition in the template.
        context = {
            "who": participant_label(participant, allowed),
            "status": participant.trajectory.get_status_display(),
        }
        return render(request, "people/detail_name_status.html", context)
    return render(request, "people/detail.html", detail_context(participant, allowed))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _allowed = access.participant_get(request_user(request), pk, Can.EDIT)
    user = request_user(request)
    data = request.POST if request.method == "POST" else None
    employers = access.employers_visible(user).filter(project=participant.project)
    profile = ProfileForm(data, instance=participant, employers=employers, prefix="profile")
    contact_details = getattr(participant, "contact", None)
    contact = ContactForm(data, instance=contact_details, prefix="contact")
    if request.method == "POST" and profile.is_valid() and contact.is_valid():
        try:
            with transaction.atomic():
                # The forms were bound to the instances; read the values, then reload them so
                # the services compare against what is stored.
                participant.refresh_from_db()
                services.participant_update(
                    actor=user,
                    participant=participant,
                    profile=replace(
                        ParticipantProfile.of(participant),
                        **{k: v for k, v in profile.cleaned_data.items() if k in PROFILE_FIELDS},
                    ),
                )
                services.contact_update(
                    actor=user,
                    participant=participant,
                    contact=ContactValues.from_mapping(contact.cleaned_data),
                    bsn=contact.cleaned_data["bsn"],
                )
        except ValidationError as exc:
            apply_errors(exc, profile, contact)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:detail", pk=participant.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "people/edit.html",
        {"participant": participant, "profile": profile, "contact": contact},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant, allowed = access.participant_get(request_user(request), pk, Can.EDIT)
    if request.method == "GET":
        return form_page(
            request,
            participant,
            allowed,
            form=ConsentForm(prefix="consent", initial={"on": clock.today()}),
            action=reverse("people:consent_add", kwargs={"pk": pk}),
            title=_("Record a consent"),
            submit=_("Record consent"),
        )
    form = ConsentForm(request.POST, prefix="consent")
    if form.is_valid():
        try:
            services.consent_give(
                actor=request_user(request),
                participant=participant,
                purpose=form.cleaned_data["purpose"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The consent has been recorded."))
    else:
        messages.error(request, _("Choose a purpose and a date."))
    return redirect("people:detail", pk=participant.pk)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    participant, _allowed = access.participant_get(request_user(request), pk, Can.EDIT)
    consent = get_object_or_404(participant.consents, pk=consent_pk)
    form = DateForm(request.POST, prefix=f"withdraw-{consent.pk}")
    if form.is_valid():
        try:
            services.consent_withdraw(
                actor=request_user(request), consent=consent, on=form.cleaned_data["on"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The consent has been withdrawn."))
    else:
        messages.error(request, _("Enter the date of withdrawal."))
    return redirect("people:detail", pk=participant.pk)


@login_required
@require_POST
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """GDPR access request: everything about one participant as a JSON file. A POST, so that
    a link cannot trigger it and every export is a deliberate, logged act."""
    participant, _allowed = access.participant_get(request_user(request), pk, Can.EXPORT)
    data = services.participant_export(actor=request_user(request), participant=participant)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="werkbrug-{participant.key}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _allowed = access.participant_get(request_user(request), pk, Can.ERASE)
    if request.method == "POST":
        if request.POST.get("confirm") == participant.key:
            services.participant_erase(
                actor=request_user(request),
                participant=participant,
                on=clock.today(),
                session=request.session,
            )
            messages.success(request, _("The participant's personal data have been erased."))
            return HttpResponseRedirect(reverse("people:caseload"))
        messages.error(request, _("Type the participant's key exactly to confirm."))
        return render(request, "people/erase.html", {"participant": participant}, status=400)
    return render(request, "people/erase.html", {"participant": participant})
