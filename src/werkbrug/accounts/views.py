"""Logging in, and the user's own account: changing the password, for every role (mediators
and employers do not use the admin, so the admin's own page is not for them)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from werkbrug.accounts.forms import LoginForm
from werkbrug.accounts.oidc import oidc_settings
from werkbrug.accounts.services import user_password_change
from werkbrug.web.forms import request_user


class PasswordChange(PasswordChangeView):
    """Django's view (sign-in required, CSRF, no caching, the password rules) in the app's own
    look; the write goes through the service, so it is in the audit log."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        user = request_user(self.request)
        user_password_change(
            actor=user, user=form.user, new_password=form.cleaned_data["new_password1"]
        )
        # The new hash would otherwise end this session too; other sessions of the user end.
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password has been changed."))
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        context: dict[str, Any] = self.get_context_data(form=form)
        return self.render_to_response(context, status=400)


class Login(LoginView):
    """Django's log-in page with the lockout (LoginForm), and "Log in with …" when an OpenID
    Connect provider is configured (werkbrug.accounts.oidc)."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        config = oidc_settings()
        context["oidc_label"] = config.label if config is not None else ""
        return context
