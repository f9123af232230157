from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from werkbrug.accounts.lockout import login_unlock
from werkbrug.accounts.models import User


@admin.register(User)
class WerkbrugUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "email", "role", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_active")
    fieldsets = (*(UserAdmin.fieldsets or ()), ("werkbrug", {"fields": ("role",)}))
    actions = ["unlock"]

    @admin.action(description=_("Unlock log-in after failed attempts"), permissions=["change"])
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset)
        for user in users:
            login_unlock(username=user.get_username())
        self.message_user(
            request,
            ngettext(
                "Log-in unlocked for %(count)d user.",
                "Log-in unlocked for %(count)d users.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
