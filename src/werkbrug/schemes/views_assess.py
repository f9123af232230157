"""The funder's steps on an application: complete or send back, assess, judge, decide."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbrug import access
from werkbrug.access import GrantCan
from werkbrug.schemes import services_applications, services_awards
from werkbrug.schemes.checks import application_checks
from werkbrug.schemes.documents import application_data
from werkbrug.schemes.forms import (
    AwardForm,
    AwardMeasureRows,
    JudgementForm,
    RefusalForm,
    ReturnForm,
)
from werkbrug.schemes.models import Application, State
from werkbrug.schemes.values import CeilingExceeded, GrantError, MeasureAward
from werkbrug.schemes.views_common import application_page, lang_of, sees_grants
from werkbrug.web.forms import request_user


def _assessed(request: HttpRequest, pk: int) -> Application:
    return access.application_get(request_user(request), pk, GrantCan.ASSESS)


def _done(request: HttpRequest, application: Application, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("schemes:application", pk=application.pk)


@require_http_methods(["POST"])
@sees_grants
def application_complete(request: HttpRequest, pk: int) -> HttpResponse:
    application = _assessed(request, pk)
    try:
        services_applications.application_complete(
            actor=request_user(request), application=application
        )
    except GrantError as exc:
        messages.error(request, str(exc))
        return application_page(request, application, status=400)
    return _done(
        request, application, _("The application is complete; it takes its place in the queue.")
    )


@require_http_methods(["POST"])
@sees_grants
def application_return(request: HttpRequest, pk: int) -> HttpResponse:
    application = _assessed(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services_applications.application_return(
                actor=request_user(request),
                application=application,
                missing=form.cleaned_data["missing"],
            )
        except GrantError as exc:
            form.add_error(None, str(exc))
        else:
            return _done(request, application, _("The application has been sent back."))
    return application_page(request, application, status=400, return_form=form)


@require_http_methods(["POST"])
@sees_grants
def application_assess(request: HttpRequest, pk: int) -> HttpResponse:
    application = _assessed(request, pk)
    try:
        services_applications.application_assess(
            actor=request_user(request), application=application
        )
    except GrantError as exc:
        messages.error(request, str(exc))
        return application_page(request, application, status=400)
    return _done(request, application, _("The assessment has started."))


@require_http_methods(["POST"])
@sees_grants
def application_judge(request: HttpRequest, pk: int) -> HttpResponse:
    application = _assessed(request, pk)
    rule = request.POST.get("rule", "")
    form = JudgementForm(request.POST, prefix=request.POST.get("prefix") or None)
    if form.is_valid():
        rule = form.cleaned_data["rule"]
        try:
            services_applications.judgement_record(
                actor=request_user(request),
                application=application,
                rule=rule,
                met=form.cleaned_data["met"],
                note=form.cleaned_data["note"],
            )
        except GrantError as exc:
            messages.error(request, str(exc))
        else:
            return _done(request, application, _("The judgement has been recorded."))
    else:
        messages.error(request, _("Choose met or not met."))
    return application_page(request, application, status=400)


def _grounds(application: Application, lang: str) -> list[tuple[str, str]]:
    checks = application_checks(application)
    grounds = [(r.rule, f"{r.article} · {r.message.get(lang)}") for r in checks.failed]  # type: ignore[arg-type]
    for j in application.judgements.filter(met=False):
        grounds.append((j.rule, f"{j.article} · {j.note or _('judged not met')}"))
    return grounds


@require_http_methods(["GET", "POST"])
@sees_grants
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _assessed(request, pk)
    if application.state != State.ASSESSMENT:
        messages.error(request, _("Only an application under assessment can be decided."))
        return application_page(request, application, status=400)
    lang = lang_of(request)
    data = application_data(application)
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("decision", "")
    award = AwardForm(
        posted if which == "award" else None,
        initial={
            "kind": "award",
            "maximum_eur": application.requested_eur,
            "start": data.period.start,
            "end": data.period.end,
        },
    )
    rows = AwardMeasureRows(
        posted if which == "award" else None,
        prefix="m",
        initial=[
            {
                "code": m.code,
                "include": True,
                "applications": m.applications or 0,
                "cost_eur": m.cost_eur,
            }
            for m in data.measures
        ],
    )
    refusal = RefusalForm(
        posted if which == "refuse" else None, grounds=_grounds(application, lang)
    )
    status = 200
    remaining: Decimal | None = None
    if request.method == "POST":
        status = 400
        actor = request_user(request)
        try:
            if which == "award" and award.is_valid() and rows.is_valid():
                measures = tuple(
                    MeasureAward(
                        r.cleaned_data["code"],
                        r.cleaned_data["applications"],
                        r.cleaned_data["cost_eur"],
                    )
                    for r in rows
                    if r.cleaned_data.get("include")
                )
                ref = services_awards.decision_award(
                    actor=actor,
                    application=application,
                    maximum_eur=award.cleaned_data["maximum_eur"],
                    start=award.cleaned_data["start"],
                    end=award.cleaned_data["end"],
                    measures=measures,
                    partial=award.cleaned_data["kind"] == "partial",
                    reason=award.cleaned_data["reason"],
                )
                messages.success(request, _("The award has been made and the project created."))
                return redirect("schemes:award", pk=ref.id)
            if which == "refuse" and refusal.is_valid():
                ref = services_awards.decision_refuse(
                    actor=actor,
                    application=application,
                    grounds=tuple(refusal.cleaned_data["grounds"]),
                    reason=refusal.cleaned_data["reason"],
                )
                messages.success(request, _("The application has been refused."))
                return redirect("schemes:application", pk=application.pk)
        except CeilingExceeded as exc:
            award.add_error("maximum_eur", str(exc))
            remaining = exc.remaining_eur
        except GrantError as exc:
            (award if which == "award" else refusal).add_error(None, str(exc))
    return render(
        request,
        "schemes/decide.html",
        {
            "a": application,
            "data": data,
            "award": award,
            "rows": rows,
            "measures": dict((m.code, m) for m in data.measures),
            "refusal": refusal,
            "remaining": remaining,
        },
        status=status,
    )
