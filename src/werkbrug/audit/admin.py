from django.contrib import admin
from django.http import HttpRequest

from werkbrug.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the log is append-only, and the database refuses edits anyway."""

    list_display = ["at", "actor_name", "action", "object_type", "object_id", "subject"]
    list_filter = ["action", "object_type"]
    search_fields = ["subject", "actor_name", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
