from django.contrib import admin

from werkbrug.deliveries.rows import LiveCheckedModelForm
from werkbrug.people.models import ContactDetails, Participant


class ContactInline(admin.StackedInline):  # type: ignore[type-arg]
    model = ContactDetails
    exclude = ("bsn_hash",)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = LiveCheckedModelForm  # the rules of a delivery, like every service
    list_display = ("key", "project", "intake_date", "education", "situation")
    list_filter = ("project",)
    list_select_related = ("project",)
    search_fields = ("key",)
    inlines = [ContactInline]
