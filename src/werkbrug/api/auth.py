"""Who is calling: the bearer token, its rate limit, and the scopes an operation needs.

What the token's user may see and do is werkbrug.access's decision, as on the pages; a
scope only narrows it."""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from pydantic import BaseModel

from werkbrug.accounts.models import User
from werkbrug.api.http import token_of
from werkbrug.api.models import ApiToken
from werkbrug.api.problems import Problem, bad_input
from werkbrug.api.tokens import token_find

WINDOW_SECONDS = 60


def rate_limit(token: ApiToken) -> None:
    """At most ``settings.API_RATE_PER_MINUTE`` requests per token in each minute of the
    clock (a fixed window in Django's cache, per process unless the cache is shared)."""
    limit: int = settings.API_RATE_PER_MINUTE
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"werkbrug-api-rate:{token.pk}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    if count > limit:
        wait = max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))
        raise Problem(
            429,
            _("Too many requests."),
            _("This token may make %(limit)d requests a minute; retry in %(wait)d seconds.")
            % {"limit": limit, "wait": wait},
            headers={"Retry-After": str(wait)},
        )


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_find(token)
        if found is None:
            return None
        rate_limit(found)
        # The API knows only the token; a browser's session never counts here.
        request.user = found.user
        return found


def granted(request: HttpRequest, scope: str, *, query: type[BaseModel] | None = None) -> User:
    """The token's user, when the token carries ``scope`` (403 otherwise). ``query``: the
    operation's query parameters; any other is refused (400), as a misspelt filter must not
    silently give the unfiltered list."""
    unknown = sorted(set(request.GET) - set(query.model_fields if query else ()))
    if unknown:
        raise bad_input(
            [{"name": name, "reason": _("This field is not known here.")} for name in unknown]
        )
    token = token_of(request)
    if scope not in token.scopes:
        raise Problem(
            403,
            _("The token lacks a scope."),
            _("This call needs a token with the scope “%(scope)s”.") % {"scope": scope},
        )
    return token.user
