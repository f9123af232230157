"""The reports page: pick a delivery, an as-of date and a delivery to compare with; read the
report; download it as PDF, Excel, JSON or Markdown."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from werkbrug.deliveries import selectors
from werkbrug.reports.forms import ReportForm
from werkbrug.reports.jobs import BACKGROUND_FORMATS, BIG_DELIVERY_PROJECTS, KIND, report_params
from werkbrug.reports.presentation import build_context
from werkbrug.reports.services import (
    ReportError,
    ReportOptions,
    full_report_allowed,
    report_compute,
    report_render,
)

DOWNLOADS = (("pdf", "PDF"), ("xlsx", "Excel"), ("json", "JSON"), ("md", "Markdown"))


def full_allowed(request: HttpRequest) -> bool:
    return full_report_allowed(request.user)


def _form(request: HttpRequest) -> ReportForm:
    data = request.GET.copy()
    if "delivery" not in data:
        latest = selectors.delivery_latest()
        if latest is not None:
            data["delivery"] = latest.name
    return ReportForm(data, full_allowed=full_allowed(request))


def _options(request: HttpRequest, form: ReportForm) -> ReportOptions:
    public = form.cleaned_data.get("public", False) or not full_allowed(request)
    return ReportOptions(as_of=form.cleaned_data["as_of"], public=public)


@require_GET
@login_required
@permission_required("deliveries.view_delivery", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict[str, object] = {"form": form, "downloads": [], "error": None}
    if form.is_valid():
        delivery, other = form.cleaned_data["delivery"], form.cleaned_data["compare"]
        options = _options(request, form)
        try:
            report = report_compute(
                delivery=delivery, options=options, compare_with=other, readable=True
            )
        except ReportError as exc:
            context["error"] = str(exc)
        else:
            meta = {"content_hash": delivery.content_hash, "description": delivery.description}
            context.update(build_context(report, meta, timezone.now()))
            query = urlencode({k: v for k, v in request.GET.items() if k != "format"})
            context["downloads"] = [(f"?{query}&format={fmt}", name) for fmt, name in DOWNLOADS]
            context["background"] = [(f, n) for f, n in DOWNLOADS if f in BACKGROUND_FORMATS]
            context["background_fields"] = [
                (k, v) for k, v in request.GET.items() if k in form.fields and k != "delivery"
            ] + [("delivery", delivery.name)]
            context["big"] = delivery.project_count >= BIG_DELIVERY_PROJECTS
    return render(request, "reports/index.html", context)


@require_POST
@login_required
@permission_required("deliveries.view_delivery", raise_exception=True)
def background(request: HttpRequest) -> HttpResponse:
    """Make the PDF or Excel report in a background job and go to the job's page; the same
    request again (another click, another tab) goes to the same job."""
    from django.shortcuts import redirect

    from werkbrug.jobs.services import job_enqueue
    from werkbrug.web.forms import request_user

    form = ReportForm(request.POST, full_allowed=full_allowed(request))
    fmt = request.POST.get("format", "pdf")
    if not form.is_valid() or fmt not in BACKGROUND_FORMATS:
        return HttpResponse(status=400, content=b"Unknown delivery or format.")
    params = report_params(
        delivery=form.cleaned_data["delivery"],
        compare_with=form.cleaned_data["compare"],
        options=_options(request, form),
        fmt=fmt,
    )
    job = job_enqueue(actor=request_user(request), kind=KIND, params=params)
    return redirect("jobs:detail", pk=job.pk)


@require_GET
@login_required
@permission_required("deliveries.view_delivery", raise_exception=True)
def download(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    fmt = request.GET.get("format", "pdf")
    if not form.is_valid() or fmt not in dict(DOWNLOADS):
        return HttpResponse(status=400, content=b"Unknown delivery or format.")
    try:
        rendered = report_render(
            delivery=form.cleaned_data["delivery"],
            options=_options(request, form),
            fmt=fmt,
            compare_with=form.cleaned_data["compare"],
        )
    except ReportError as exc:
        return HttpResponse(status=400, content=str(exc).encode())
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


ANALYSIS_BOOTSTRAP = 1999  # enough for a page; the CLI defaults to 9999


@require_GET
@login_required
@permission_required("deliveries.view_delivery", raise_exception=True)
def what_worked(request: HttpRequest) -> HttpResponse:
    """Survival curves and success factors on a delivery, for researchers and funders."""
    from werkbrug.reports import analysis, loaders
    from werkbrug.reports.analysis_render import render_analysis_html
    from werkbrug.reports.labels import GROUPINGS

    form = _form(request)
    by = request.GET.get("by") or "project"
    choices = [(choice, GROUPINGS[choice]) for choice in analysis.BY_CHOICES]
    context: dict[str, object] = {"form": form, "by": by, "by_choices": choices}
    if form.is_valid() and by in analysis.BY_CHOICES:
        delivery = form.cleaned_data["delivery"]
        as_of = form.cleaned_data["as_of"]
        try:
            survival = analysis.survival_compute(delivery=delivery, as_of=as_of, by=by)
            factors = analysis.factors_compute(
                delivery=delivery, as_of=as_of, n_boot=ANALYSIS_BOOTSTRAP
            )
        except analysis.AnalysisError as exc:
            context["error"] = str(exc)
        else:
            if not full_allowed(request):
                analysis.hide_small_groups(survival, min_cell=10)
            names = loaders.project_names(delivery)
            context["survival"] = render_analysis_html(
                "survival", survival, body_only=True, project_names=names
            )
            context["factors"] = render_analysis_html(
                "factors", factors, body_only=True, project_names=names
            )
    return render(request, "reports/what_worked.html", context)


IMPACT_BOOTSTRAP = 200  # a page answers in seconds; the CLI defaults to 500


@login_required
@permission_required("deliveries.view_delivery", raise_exception=True)
def impact(request: HttpRequest) -> HttpResponse:
    """Net impact from an uploaded comparison data set (never stored)."""
    import tempfile
    from pathlib import Path

    from werkbrug.reports import analysis
    from werkbrug.reports.analysis_render import render_analysis_html
    from werkbrug.reports.forms import ImpactForm

    form = ImpactForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["datafile"]
        with tempfile.TemporaryDirectory(prefix="werkbrug-impact-") as folder:
            # A fixed name: the upload's own name is only shown in messages, never a path.
            path = Path(folder) / "upload.csv"
            with open(path, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            covariates = [
                c.strip() for c in form.cleaned_data["covariates"].split(",") if c.strip()
            ]
            try:
                result = analysis.impact_compute(
                    path=path,
                    treatment=form.cleaned_data["treatment"].strip(),
                    outcome=form.cleaned_data["outcome"].strip(),
                    covariates=covariates,
                    method=form.cleaned_data["method"],
                    n_boot=IMPACT_BOOTSTRAP,
                    name=Path(upload.name or "upload.csv").name,
                )
            except analysis.AnalysisError as exc:
                context["error"] = str(exc)
            else:
                context["result"] = render_analysis_html("impact", result, body_only=True)
    status = 400 if context.get("error") else 200
    return render(request, "reports/impact.html", context, status=status)


@login_required
def extract(request: HttpRequest) -> HttpResponse:
    """A pseudonymised participant-level extract of a delivery, for researchers: a form, and
    the file in the answer to its POST (audited; nothing is kept on the server)."""
    from django.core.exceptions import PermissionDenied

    from werkbrug import access
    from werkbrug.reports.extracts import ExtractError, extract_make
    from werkbrug.reports.forms import ExtractForm
    from werkbrug.web.forms import request_user

    user = request_user(request)
    if not access.may_extract(user):
        raise PermissionDenied
    form = ExtractForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            made = extract_make(
                delivery=form.cleaned_data["delivery"],
                fmt=form.cleaned_data["format"],
                actor=user,
                as_of=form.cleaned_data["as_of"],
            )
        except ExtractError as exc:
            context["error"] = str(exc)
        else:
            response = HttpResponse(made.data, content_type=made.content_type)
            response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
            return response
    invalid = request.method == "POST"
    return render(request, "reports/extract.html", context, status=400 if invalid else 200)
