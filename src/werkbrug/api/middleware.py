"""Headers on every answer under /api/ (NL API Design Rules: the version in a header)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


class ApiVersionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            from werkbrug.api.main import VERSION

            response = _as_problem(request, response)
            response["API-Version"] = VERSION
            # Answers hold personal data: no cache on the way may keep them.
            response.setdefault("Cache-Control", "no-store")
        return response


def _as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Django's own 404 (no operation at this address) and 405 (no such method here) as
    problem details, like every other error of the API: a client reads one format."""
    from werkbrug.api import problems

    if response.get("Content-Type", "").startswith(problems.CONTENT_TYPE):
        return response
    if response.status_code == 404:
        problem = problems.Problem(404, _("Not found."), _("No operation has this address."))
    elif response.status_code == 405:
        allowed = response.get("Allow", "")
        problem = problems.Problem(
            405,
            _("Method not allowed."),
            _("This address allows: %(methods)s.") % {"methods": allowed},
            headers={"Allow": allowed},
        )
    else:
        return response
    return problems.response(request, problem)
