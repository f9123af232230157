"""The applicant's pages and the call pages (thin: forms in, services for writes).

Access (docs/roles.md, "Subsidy schemes"): only admin, funder and coordinator have grant
pages (403 for the others); a call or application outside :mod:`werkbrug.access`'s querysets
is 404; an action that is not the user's (a funder editing, an applicant deciding) is 403.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbrug import access, grants
from werkbrug.access import GrantCan
from werkbrug.projects.models import Organisation
from werkbrug.schemes import selectors, services_applications
from werkbrug.schemes.documents import application_data
from werkbrug.schemes.forms import (
    ApplicationForm,
    FundingRow,
    FundingRows,
    MeasureRow,
    MeasureRows,
    PartnerRow,
    PartnerRows,
    UploadForm,
    application_from_forms,
    initial_from,
)
from werkbrug.schemes.models import Application, Call
from werkbrug.schemes.values import FileRefused, GrantError, Scope
from werkbrug.schemes.views_common import application_page, lang_of, sees_grants
from werkbrug.web.forms import request_user

PLAN_FIELDS = ("design", "analysis", "approach", "organisation", "conditions", "continuation")
# An uploaded file is read whole in memory; the reader refuses more than this anyway.
UPLOAD_LIMIT = grants.DEFAULT_LIMITS.max_file_bytes


@require_http_methods(["GET"])
@sees_grants
def call_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    calls = access.calls_visible(user)
    rows = [
        (call, selectors.call_budget(call) if access.may_see_call_queue(user, call) else None)
        for call in calls
    ]
    # The applicant's own applications, in every call; the funder's are in each call's queue.
    mine = (
        access.applications_visible(user).select_related("call")
        if access.applicant_organisations(user).exists()
        else None
    )
    # The budget columns are the funder's; an applicant sees the calls without them.
    budgets = any(budget is not None for _, budget in rows)
    return render(request, "schemes/calls.html", {"rows": rows, "budgets": budgets, "mine": mine})


@require_http_methods(["GET"])
@sees_grants
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    call = get_object_or_404(access.calls_visible(user), pk=pk)
    applications = access.applications_visible(user).filter(call=call)
    funder = access.may_see_call_queue(user, call)
    queue = selectors.call_queue(applications)
    lang = lang_of(request)
    return render(
        request,
        "schemes/call.html",
        {
            "call": call,
            "scheme": grants.SCHEMES[call.scheme].name.get(lang),
            "order": grants.SCHEMES[call.scheme].order.get(lang),
            "funder": funder,
            "budget": selectors.call_budget(call) if funder else None,
            "queue": queue,
            "organisations": access.applicant_organisations(user),
        },
    )


def _organisation(request: HttpRequest) -> Organisation:
    organisations = access.applicant_organisations(request_user(request))
    if not organisations.exists():
        raise PermissionDenied
    chosen = organisations.filter(pk=request.GET.get("organisation") or 0).first()
    organisation = chosen or organisations.first()
    assert organisation is not None
    return organisation


def _form_set(
    request: HttpRequest, initial: dict[str, object] | None = None
) -> tuple[
    ApplicationForm,
    BaseFormSet[PartnerRow],
    BaseFormSet[MeasureRow],
    BaseFormSet[FundingRow],
]:
    data = request.POST if request.method == "POST" else None
    init = initial or {}
    return (
        ApplicationForm(data, initial=init.get("main")),  # type: ignore[arg-type]
        PartnerRows(data, prefix="partners", initial=init.get("partners")),  # type: ignore[arg-type]
        MeasureRows(data, prefix="measures", initial=init.get("measures")),  # type: ignore[arg-type]
        FundingRows(data, prefix="funding", initial=init.get("funding")),  # type: ignore[arg-type]
    )


def _save(
    request: HttpRequest,
    call: Call,
    organisation: Organisation,
    application: Application | None,
    initial: dict[str, object] | None = None,
) -> HttpResponse:
    main, partners, measures, funding = _form_set(request, initial)
    status = 200
    if request.method == "POST":
        status = 400
        if main.is_valid() and partners.is_valid() and measures.is_valid() and funding.is_valid():
            built = application_from_forms(
                call.scheme, organisation.name, main, partners, measures, funding
            )
            if built is not None:
                data, scope = built
                try:
                    ref = services_applications.application_save(
                        actor=request_user(request),
                        call=call,
                        organisation=organisation,
                        title=main.cleaned_data["title"],
                        data=data,
                        scope=scope,
                        target_transitions=main.cleaned_data.get("target_transitions") or 0,
                        application=application,
                    )
                except FileRefused as exc:
                    main.add_error(None, [p.render(lang_of(request)) for p in exc.problems])
                except GrantError as exc:
                    main.add_error(None, str(exc))
                else:
                    messages.success(request, _("The application has been saved as a draft."))
                    return redirect("schemes:application", pk=ref.id)
    return render(
        request,
        "schemes/application_form.html",
        {
            "call": call,
            "organisation": organisation,
            "application": application,
            "form": main,
            "partners": partners,
            "measures": measures,
            "funding": funding,
            "plan_fields": PLAN_FIELDS,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@sees_grants
def application_new(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(access.calls_visible(request_user(request)), pk=pk)
    return _save(request, call, _organisation(request), None)


@require_http_methods(["GET", "POST"])
@sees_grants
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.application_get(request_user(request), pk, GrantCan.EDIT)
    scope = Scope(
        tuple(s for s in application.sectors.split(",") if s),
        tuple(r for r in application.regions.split(",") if r),
    )
    initial = initial_from(
        application_data(application), application.title, scope, application.target_transitions
    )
    return _save(request, application.call, application.organisation, application, initial)


def _split(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


@require_http_methods(["GET", "POST"])
@sees_grants
def application_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    call = get_object_or_404(access.calls_visible(user), pk=pk)
    organisation = _organisation(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            name = upload.name or "aanvraag.json"
            # One byte past the limit is enough for the reader to refuse the file whole.
            content = upload.read(UPLOAD_LIMIT + 1)
            try:
                data = services_applications.application_read_upload(content, name)
                ref = services_applications.application_save(
                    actor=user,
                    call=call,
                    organisation=organisation,
                    title=form.cleaned_data["title"],
                    data=data,
                    scope=Scope(
                        _split(form.cleaned_data.get("sectors") or ""),
                        _split(form.cleaned_data.get("regions") or ""),
                    ),
                    target_transitions=form.cleaned_data.get("target_transitions") or 0,
                )
            except FileRefused as exc:
                problems = [p.render(lang_of(request)) for p in exc.problems]
            except GrantError as exc:
                problems = [str(exc)]
            else:
                messages.success(request, _("The file has been read and saved as a draft."))
                return redirect("schemes:application", pk=ref.id)
    return render(
        request,
        "schemes/upload.html",
        {"call": call, "organisation": organisation, "form": form, "problems": problems},
        status=status,
    )


@require_http_methods(["GET"])
@sees_grants
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return application_page(request, access.application_get(request_user(request), pk))


@require_http_methods(["GET"])
@sees_grants
def application_download(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.application_get(request_user(request), pk)
    body = json.dumps(application.document, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body.encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{application.reference}.json"'
    return response


@require_http_methods(["POST"])
@sees_grants
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.application_get(request_user(request), pk, GrantCan.SUBMIT)
    try:
        services_applications.application_submit(
            actor=request_user(request), application=application
        )
    except GrantError as exc:
        messages.error(request, str(exc))
        return application_page(request, application, status=400)
    messages.success(request, _("The application has been submitted."))
    return redirect("schemes:application", pk=application.pk)
