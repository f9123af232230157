"""Headers on every answer under /api/ (NL API Design Rules: the version in a header)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"


class ApiVersionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            from werkbrug.api.main import VERSION

            response["API-Version"] = VERSION
            # Answers hold personal data: no cache on the way may keep them.
            response.setdefault("Cache-Control", "no-store")
        return response
