"""Delivery pages: the list of deliveries with their downloads, the import (upload) with its
validation report and next steps. They call the same services as the CLI (``werkbrug
import``, ``werkbrug export``); who may do what is decided in werkbrug.access."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from werkbrug import access
from werkbrug.accounts.models import User
from werkbrug.deliveries import selectors
from werkbrug.deliveries.forms import ImportForm
from werkbrug.deliveries.messages import problem_lines, result_summary
from werkbrug.deliveries.models import Delivery
from werkbrug.deliveries.services import (
    ImportResult,
    ImportStatus,
    delivery_download,
    delivery_import,
)
from werkbrug.web.forms import request_user

FORMATS = ("csv", "xlsx")
PAGE_SIZE = 50


@login_required
def delivery_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not access.sees_deliveries(user):
        raise PermissionDenied
    page = Paginator(selectors.delivery_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "query": "",
        "may_import": access.may_import_deliveries(user),
        "may_download": access.may_download_deliveries(user),
    }
    return render(request, "deliveries/list.html", context)


def _import_upload(form: ImportForm, user: User) -> ImportResult:
    """Write the uploaded files to a temporary folder of their own, import from there and
    remove it; only the base name of each file is used, never a path from the client."""
    folder = Path(tempfile.mkdtemp(prefix="werkbrug-upload-"))
    try:
        files = form.cleaned_data["upload"]
        for upload in files:
            with open(folder / Path(upload.name).name, "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
        single = len(files) == 1 and not files[0].name.lower().endswith(".csv")
        return delivery_import(
            path=folder / Path(files[0].name).name if single else folder,
            name=form.cleaned_data["name"] or None,
            delivered_on=form.cleaned_data["delivered_on"],
            dry_run=form.cleaned_data["dry_run"],
            replace=form.cleaned_data["replace"],
            actor=user,
            source_name=", ".join(f.name for f in files),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@login_required
@require_http_methods(["GET", "POST"])
def delivery_import_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not access.may_import_deliveries(user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = _import_upload(form, user)
        context = {
            "result": result,
            "summary": result_summary(result),
            "problems": problem_lines(result.problems),
            "stored": result.status
            in (ImportStatus.IMPORTED, ImportStatus.REPLACED, ImportStatus.UNCHANGED),
            "status": result.status.value,
            "may_download": access.may_download_deliveries(user),
            # The form again, with what was typed (a file must be chosen anew).
            "form": ImportForm(
                initial={k: form.cleaned_data[k] for k in ("name", "delivered_on", "replace")}
            ),
        }
        return render(request, "deliveries/result.html", context, status=200 if result.ok else 400)
    status = 400 if request.method == "POST" else 200
    return render(request, "deliveries/import.html", {"form": form}, status=status)


@login_required
def delivery_export(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    user = request_user(request)
    if not access.may_download_deliveries(user):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    delivery = get_object_or_404(Delivery, pk=pk)
    download = delivery_download(delivery=delivery, fmt=fmt, actor=user)
    return FileResponse(
        io.BytesIO(download.data),
        as_attachment=True,
        filename=download.filename,
        content_type=download.content_type,
    )
