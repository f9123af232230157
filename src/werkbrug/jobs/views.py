"""A job's page: its state and progress bar (htmx polls the bar; without JavaScript the page
reloads itself), the error, and the download when done."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from werkbrug import access
from werkbrug.jobs.services import job_result_path
from werkbrug.web.forms import request_user

POLL_SECONDS = 2


@require_GET
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.job_get(request_user(request), pk)
    context = {"job": job, "poll_seconds": POLL_SECONDS}
    if getattr(request, "htmx", False):
        return render(request, "jobs/_progress.html", context)
    return render(request, "jobs/detail.html", context)


@require_GET
@login_required
def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = access.job_get(request_user(request), pk)
    path = job_result_path(job)
    if path is None or not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_type or "application/octet-stream",
    )
