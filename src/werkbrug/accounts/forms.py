"""The log-in forms of the site and of the admin, both with the lockout check."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import ngettext

from werkbrug.accounts import lockout


def locked_message(minutes: int) -> str:
    """Plain words, the same whether or not the account exists."""
    return ngettext(
        "Too many failed log-ins. For safety, logging in with this username or "
        "from this network is paused. Try again in %(minutes)d minute, or ask an "
        "administrator to unlock it.",
        "Too many failed log-ins. For safety, logging in with this username or "
        "from this network is paused. Try again in %(minutes)d minutes, or ask an "
        "administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def locked_message_until(until: dt.datetime) -> str:
    """The message while a lock lasts until ``until``."""
    return locked_message(max(1, math.ceil((until - timezone.now()).total_seconds() / 60)))


def _locked_error(until: dt.datetime) -> ValidationError:
    return ValidationError(locked_message_until(until), code="locked")


def clean_with_lockout(
    form: AuthenticationForm, authenticate: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Run the form's own authentication unless the username or address is locked, and
    count a wrong password towards a lock.

    Only a failed authentication counts: a right password refused for another reason (an
    admin log-in by a user without staff status) is no guess at the password.
    """
    username = form.cleaned_data.get("username")
    if username is None or not form.cleaned_data.get("password"):
        return authenticate()  # a field is missing: nothing was tried, nothing to count
    address = lockout.client_address(form.request)
    until = lockout.login_locked_until(username=username, address=address)
    if until is not None:
        raise _locked_error(until)
    try:
        cleaned = authenticate()
    except ValidationError:
        if form.get_user() is None:
            lockout.login_failure_record(username=username, address=address)
            until = lockout.login_locked_until(username=username, address=address)
            if until is not None:
                raise _locked_error(until) from None
        raise
    lockout.login_failures_clear(username=username)
    return cleaned


class LoginForm(AuthenticationForm):
    """The site's log-in form (/login/)."""

    def clean(self) -> dict[str, Any]:
        return clean_with_lockout(self, super().clean)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's log-in form (/admin/login/): the same lockout, so the admin is no way
    around it."""

    def clean(self) -> dict[str, Any]:
        return clean_with_lockout(self, super().clean)
