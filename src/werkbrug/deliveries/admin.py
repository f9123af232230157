"""Deliveries in the Django admin, for management only: read-only rows. Import and download
are pages of the app (deliveries.views)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from werkbrug.deliveries.models import (
    Delivery,
    DeliveryEmployer,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
    DeliveryVacancy,
)


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

    @admin.display(description=_("content hash"))
    def short_hash(self, obj: Delivery) -> str:
        return obj.content_hash[:12]


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
