"""Deliveries in the Django admin: read-only rows, plus import (upload) and export (download)
views that call the same services as the CLI."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkbrug.accounts.models import User
from werkbrug.deliveries.forms import ImportForm
from werkbrug.deliveries.messages import problem_lines, result_summary
from werkbrug.deliveries.models import (
    Delivery,
    DeliveryEmployer,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
    DeliveryVacancy,
)
from werkbrug.deliveries.services import ImportStatus, delivery_download, delivery_import
from werkbrug.web.forms import request_user


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Delivered rows are immutable: they can be looked at, never edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "delivered_on",
        "project_count",
        "participant_count",
        "outcome_count",
        "short_hash",
        "imported_at",
        "downloads",
    )
    readonly_fields = (
        "name",
        "delivered_on",
        "description",
        "schema",
        "content_hash",
        "source",
        "imported_at",
        "imported_by_name",
        "project_count",
        "participant_count",
        "outcome_count",
    )
    exclude = ("imported_by",)
    change_list_template = "deliveries/delivery_changelist.html"

    @admin.display(description=_("content hash"))
    def short_hash(self, obj: Delivery) -> str:
        return obj.content_hash[:12]

    @admin.display(description=_("download"))
    def downloads(self, obj: Delivery) -> str:
        return format_html(
            '<a href="{}">CSV (zip)</a> · <a href="{}">Excel</a>',
            reverse("admin:deliveries_delivery_export", args=[obj.pk, "csv"]),
            reverse("admin:deliveries_delivery_export", args=[obj.pk, "xlsx"]),
        )

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="deliveries_delivery_import",
            ),
            path(
                "<int:pk>/export/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name="deliveries_delivery_export",
            ),
        ]
        return own + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("deliveries.add_delivery"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            result = self._import_upload(request, form)
            summary = result_summary(result)
            if result.status is ImportStatus.INVALID:
                messages.error(request, summary)
            else:
                messages.success(request, summary)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import a delivery"),
            "form": form,
            "result": result,
            "problems": problem_lines(result.problems) if result else [],
            "opts": self.model._meta,
        }
        return render(request, "deliveries/import.html", context)

    @staticmethod
    def _import_upload(request: HttpRequest, form: ImportForm) -> Any:
        folder = Path(tempfile.mkdtemp(prefix="werkbrug-upload-"))
        try:
            files = form.cleaned_data["upload"]
            for upload in files:
                target = folder / Path(upload.name).name  # never a path from the client
                with open(target, "wb") as handle:
                    for chunk in upload.chunks():
                        handle.write(chunk)
            single = len(files) == 1 and not files[0].name.lower().endswith(".csv")
            source = folder / Path(files[0].name).name if single else folder
            user = request.user if isinstance(request.user, User) else None
            return delivery_import(
                path=source,
                name=form.cleaned_data["name"] or None,
                delivered_on=form.cleaned_data["delivered_on"],
                dry_run=form.cleaned_data["dry_run"],
                replace=form.cleaned_data["replace"],
                actor=user,
                source_name=", ".join(f.name for f in files),
            )
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def export_view(self, request: HttpRequest, pk: int, fmt: str) -> FileResponse:
        rows_allowed = request.user.has_perm("deliveries.view_deliveryparticipant")
        if not rows_allowed or fmt not in {"csv", "xlsx"}:
            raise PermissionDenied
        delivery = get_object_or_404(Delivery, pk=pk)
        download = delivery_download(delivery=delivery, fmt=fmt, actor=request_user(request))
        return FileResponse(
            io.BytesIO(download.data),
            as_attachment=True,
            filename=download.filename,
            content_type=download.content_type,
        )


class DeliveryRowAdmin(ReadOnlyAdmin):
    list_select_related = ["delivery"]
    list_filter = ("delivery",)
    list_per_page = 50
    show_full_result_count = False  # counting a million rows per page view is slow


@admin.register(DeliveryProject)
class DeliveryProjectAdmin(DeliveryRowAdmin):
    list_display = (
        "code",
        "name",
        "delivery",
        "network",
        "target_participants",
        "target_transitions",
        "continuation",
    )
    search_fields = ("code", "name")


@admin.register(DeliveryParticipant)
class DeliveryParticipantAdmin(DeliveryRowAdmin):
    list_display = ("key", "delivery", "project", "intake_date", "education", "situation")
    list_select_related = ["delivery", "project"]
    search_fields = ("key",)


@admin.register(DeliveryOutcome)
class DeliveryOutcomeAdmin(DeliveryRowAdmin):
    list_display = ("participant_key", "delivery", "outcome", "date", "contract", "hours")
    search_fields = ("participant_key",)


@admin.register(DeliveryEmployer)
class DeliveryEmployerAdmin(DeliveryRowAdmin):
    list_display = ("key", "name", "delivery", "sector", "project_code")
    search_fields = ("key", "name")


@admin.register(DeliveryVacancy)
class DeliveryVacancyAdmin(DeliveryRowAdmin):
    list_display = ("key", "title", "delivery", "employer_key", "occupation", "positions")
    search_fields = ("key", "title")
