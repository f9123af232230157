"""Session expiry: after ``SESSION_COOKIE_AGE`` seconds without a request, and at the latest
``SESSION_MAX_AGE`` seconds after the log-in.

Idle expiry is Django's own: saving a session moves its expiry ``SESSION_COOKIE_AGE`` seconds
forward. Saving it on every request would cost every page a database write (a transaction and
an UPDATE of the session row), so this middleware renews a logged-in session only when the
last renewal is ``SESSION_RENEW_SECONDS`` or more ago: the idle limit then holds to within
that minute. A session in steady use would be renewed for ever, so the log-in time is kept in
the session too and whoever logged in too long ago is logged out.
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
RENEWED_AT = "werkbrug_renewed_at"


@receiver(user_logged_in, dispatch_uid="werkbrug.accounts.session_expiry")
# A signal receiver's signature; the sender (the user model) does not matter here.
def session_login_mark(sender: object, request: HttpRequest | None, **kwargs: Any) -> None:  # noqa: ARG001
    """Remember when the log-in happened (seconds since the epoch: sessions are JSON)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGGED_IN_AT] = now
        request.session[RENEWED_AT] = now


def session_expired(session: Any, *, now: float | None = None) -> bool:
    """Whether a logged-in session is past the maximum. A session without a log-in time
    dates from before this check existed; it cannot prove its age, so it has expired."""
    logged_in_at = session.get(LOGGED_IN_AT)
    if not isinstance(logged_in_at, int | float):
        return True
    now = time.time() if now is None else now
    return bool(now - logged_in_at >= settings.SESSION_MAX_AGE)


def session_due_for_renewal(session: Any, *, now: float | None = None) -> bool:
    """Whether the idle expiry should move forward now (see the module docstring)."""
    renewed_at = session.get(RENEWED_AT)
    if not isinstance(renewed_at, int | float):
        return True
    now = time.time() if now is None else now
    return bool(now - renewed_at >= settings.SESSION_RENEW_SECONDS)


class SessionMaxAgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Anonymous sessions (a language choice) have no log-in to expire.
        if SESSION_KEY in request.session and session_expired(request.session):
            logout(request)
        response = self.get_response(request)
        # Marking the session modified makes SessionMiddleware save it, which sets the new
        # expiry; a logout or log-in in this request has already replaced the session.
        session = request.session
        if SESSION_KEY in session and session_due_for_renewal(session):
            session[RENEWED_AT] = int(time.time())
        return response
