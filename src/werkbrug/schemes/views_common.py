"""What the grant pages share: the access decorator and the application page's context."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from werkbrug import access, grants
from werkbrug.access import GrantCan
from werkbrug.grants import Status
from werkbrug.schemes.checks import application_checks, decision_due
from werkbrug.schemes.documents import application_data
from werkbrug.schemes.forms import JudgementForm, ReturnForm
from werkbrug.schemes.models import Application, State
from werkbrug.web.forms import request_user

View = Callable[..., HttpResponse]


def sees_grants(view: View) -> View:
    """Log-in required; 403 for the roles that have no grant pages at all."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not access.sees_grant_pages(request_user(request)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def lang_of(request: HttpRequest) -> grants.Lang:
    return "en" if (getattr(request, "LANGUAGE_CODE", "nl") or "nl").startswith("en") else "nl"


STATUS_CLASS = {Status.PASSED: "ok", Status.FAILED: "warn", Status.JUDGEMENT: "due"}


def application_page(
    request: HttpRequest, application: Application, *, status: int = 200, **extra: object
) -> HttpResponse:
    user = request_user(request)
    lang = lang_of(request)
    can = access.application_allows(user, application)
    data = application_data(application)
    checks = application_checks(application)
    judged = {j.rule: j for j in application.judgements.all()}
    rows = [
        {
            "rule": r.rule,
            "article": r.article,
            "status": r.status.value,
            "css": STATUS_CLASS[r.status],
            "message": r.message.get(lang),
            "judged": judged.get(r.rule),
            "form": JudgementForm(initial={"rule": r.rule}, prefix=r.rule.replace(".", "-"))
            if r.status is Status.JUDGEMENT and GrantCan.ASSESS in can
            else None,
        }
        for r in checks.rows
    ]
    decision = getattr(application, "decision", None)
    context: dict[str, object] = {
        "a": application,
        "data": data,
        "rows": rows,
        "failed": len(checks.failed),
        "judgements": len(checks.judgements),
        "can_edit": GrantCan.EDIT in can,
        "can_assess": GrantCan.ASSESS in can,
        "due": decision_due(application),
        "decision": decision,
        "return_form": ReturnForm(),
        "states": State,
        "own_funds": data.own_funds_eur,
        "total_cost": data.total_cost_eur,
    }
    context.update(extra)
    return render(request, "schemes/application.html", context, status=status)
