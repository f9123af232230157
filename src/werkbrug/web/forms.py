"""Helpers shared by the pages: service errors on forms, htmx partials."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from werkbrug.accounts.models import User


def apply_errors(error: ValidationError, *targets: forms.BaseForm) -> None:
    """Put each message on the form that has the field it names, others on the first form."""
    if not hasattr(error, "error_dict"):
        targets[0].add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        owner = next((f for f in targets if field in f.fields), targets[0])
        owner.add_error(field if field in owner.fields else None, messages)


def htmx_target(request: HttpRequest) -> str | None:
    """The id of the element an htmx request will swap, or None for a normal request.
    Views use it to answer with only that part of the page (one helper, as NetBox does)."""
    details = getattr(request, "htmx", None)
    return details.target if details else None


def request_user(request: HttpRequest) -> User:
    """The logged-in user of a view behind ``login_required``, typed as werkbrug's User."""
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user
