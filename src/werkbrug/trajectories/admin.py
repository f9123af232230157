from django.contrib import admin

from werkbrug.deliveries.rows import LiveCheckedModelForm
from werkbrug.trajectories.models import Outcome, StatusChange, Trajectory


class HistoryInline(admin.TabularInline):  # type: ignore[type-arg]
    model = StatusChange
    extra = 0
    readonly_fields = ("from_status", "to_status", "on", "changed_at", "changed_by", "note")
    can_delete = False


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("participant", "status", "mediator", "started_on")
    list_filter = ("status",)
    list_select_related = ("participant", "mediator")
    readonly_fields = ("status",)  # changes go through the transition table, not this form
    inlines = [HistoryInline]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = LiveCheckedModelForm  # the rules of a delivery, like every service
    list_display = ("trajectory", "outcome", "date", "contract", "hours")
    list_select_related = ("trajectory__participant",)
