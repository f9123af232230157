from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from werkbrug.accounts.models import User


@admin.register(User)
class WerkbrugUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "email", "role", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_active")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("werkbrug", {"fields": ("role",)}))
