"""Jobs in the Django admin, to look at (state, attempts, errors); they are asked for on the
app's pages and changed only by workers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from werkbrug.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "kind", "owner", "state", "done", "total", "attempts", "created_at")
    list_filter = ("state", "kind")
    # The parameters are ids and options, never personal data; the owner is the user.
    readonly_fields = [f.name for f in Job._meta.get_fields() if f.concrete]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
