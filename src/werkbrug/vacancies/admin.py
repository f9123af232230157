from django.contrib import admin

from werkbrug.deliveries.rows import LiveCheckedModelForm
from werkbrug.vacancies.models import Employer, Vacancy


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = LiveCheckedModelForm  # the rules of a delivery, like every service
    list_display = ("key", "name", "sector", "postcode", "project")
    search_fields = ("key", "name")
    list_select_related = ("project",)


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = LiveCheckedModelForm  # the rules of a delivery, like every service
    list_display = ("key", "title", "employer", "occupation", "positions", "filled")
    list_filter = ("filled",)
    search_fields = ("key", "title")
    list_select_related = ("employer",)
