from django.contrib import admin

from werkbrug.deliveries.rows import LiveCheckedModelForm
from werkbrug.projects.models import Organisation, Project, ProjectPartner


class PartnerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProjectPartner
    extra = 1


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = LiveCheckedModelForm  # the rules of a delivery, like every service
    list_display = (
        "code",
        "name",
        "network",
        "start_date",
        "target_participants",
        "target_transitions",
        "continuation",
    )
    search_fields = ("code", "name")
    inlines = [PartnerInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "sector", "postcode")
    search_fields = ("name",)
