"""Pages (thin: forms and selectors in, services for writes)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from werkbrug import access
from werkbrug.accounts.models import User
from werkbrug.audit import selectors
from werkbrug.audit.forms import AuditFilterForm

PAGE_SIZE = 50


@require_GET
@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit log, filtered and 50 events a page; for administrators only."""
    user = request.user
    if not isinstance(user, User) or not access.sees_audit_log(user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET)
    form.is_valid()  # filter on the fields that are valid; the others show their error
    events = selectors.audit_events(form.cleaned_data)
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    names = dict(selectors.object_types())
    # Sealed values open with the participant's key while it exists; "erased" after that.
    whom = selectors.subjects(page_obj)
    rows = [
        (
            event,
            selectors.object_type_label(event.object_type, names),
            selectors.readable_changes(
                event.action,
                event.changes,
                whom.get(event.subject, selectors.NOBODY),
                selectors.model_of(event.object_type),
            ),
            whom.get(event.subject, selectors.NOBODY),
        )
        for event in page_obj
    ]
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    query = urlencode(params) + "&" if params else ""
    return render(
        request,
        "audit/list.html",
        {"form": form, "rows": rows, "page_obj": page_obj, "query": query},
    )
