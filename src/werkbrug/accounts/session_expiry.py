"""The absolute maximum of a session: ``SESSION_MAX_AGE`` seconds after the log-in.

Idle expiry is Django's own (``SESSION_COOKIE_AGE`` with ``SESSION_SAVE_EVERY_REQUEST``); a
session in steady use would be renewed for ever, so the log-in time is kept in the session and
this middleware logs out whoever logged in too long ago.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

LOGGED_IN_AT = "werkbrug_logged_in_at"


@receiver(user_logged_in, dispatch_uid="werkbrug.accounts.session_expiry")
def session_login_mark(sender: object, request: HttpRequest | None, **kwargs: Any) -> None:
    """Remember when the log-in happened (seconds since the epoch: sessions are JSON)."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGGED_IN_AT] = int(time.time())


def session_expired(session: Any, *, now: float | None = None) -> bool:
    """Whether a logged-in session is past the maximum. A session without a log-in time
    dates from before this check existed; it cannot prove its age, so it has expired."""
    logged_in_at = session.get(LOGGED_IN_AT)
    if not isinstance(logged_in_at, int | float):
        return True
    now = time.time() if now is None else now
    return bool(now - logged_in_at >= settings.SESSION_MAX_AGE)


class SessionMaxAgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Anonymous sessions (a language choice) have no log-in to expire.
        if SESSION_KEY in request.session and session_expired(request.session):
            logout(request)
        return self.get_response(request)
