"""The first middleware: request id, metrics, access log, and the operational endpoints.

``/healthz``, ``/readyz`` and ``/metrics`` are answered here, before Django's host check and
HTTPS redirect: monitoring calls them on the server's own address over plain HTTP. Each
answer says nothing about the data: which check failed and the fix, or the metrics.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from werkbrug.ops import health, logs, metrics

log = logging.getLogger("werkbrug.request")

Endpoint = Callable[[HttpRequest], HttpResponse]


def healthz(request: HttpRequest) -> HttpResponse:  # noqa: ARG001 (every endpoint's signature)
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def readyz(request: HttpRequest) -> HttpResponse:  # noqa: ARG001 (every endpoint's signature)
    outcomes = health.readiness()
    ready = all(outcome.ok for outcome in outcomes)
    body = {
        "ready": ready,
        "checks": {outcome.name: outcome.problem or "ok" for outcome in outcomes},
    }
    return HttpResponse(
        json.dumps(body, indent=2) + "\n",
        status=200 if ready else 503,
        content_type="application/json",
    )


def metrics_view(request: HttpRequest) -> HttpResponse:
    from werkbrug.access import may_read_metrics
    from werkbrug.accounts.lockout import client_ip

    address = client_ip(request)
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if not may_read_metrics(None if address is None else str(address), authorization):
        return HttpResponse(
            "Forbidden: /metrics is open to WERKBRUG_METRICS_ADDRESSES or with the bearer "
            "token WERKBRUG_METRICS_TOKEN (docs/deployment.md).\n",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(metrics.exposition(), content_type=metrics.CONTENT_TYPE)


ENDPOINTS: dict[str, tuple[str, Endpoint]] = {
    "/healthz": ("healthz", healthz),
    "/readyz": ("readyz", readyz),
    "/metrics": ("metrics", metrics_view),
}


def _route(request: HttpRequest) -> tuple[str, bool]:
    """The route's name for metrics and logs, and whether the path may be logged: only a path
    that matched a route (numeric ids at most), never whatever a client typed."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "unnamed", True
    if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return "static", True
    return "unmatched", False


class OpsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = logs.request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        token = logs.bind_request_id(request_id)
        started = time.perf_counter()
        try:
            endpoint = ENDPOINTS.get(request.path_info)
            if endpoint is not None:
                route, path_loggable = endpoint[0], True
                response = endpoint[1](request)
                response["Cache-Control"] = "no-store"
            else:
                response = self.get_response(request)
                route, path_loggable = _route(request)
            seconds = time.perf_counter() - started
            metrics.record_request(route, request.method or "-", response.status_code, seconds)
            response["X-Request-ID"] = request_id
            log.info(
                "%s %s %s",
                request.method,
                request.path if path_loggable else "-",
                response.status_code,
                extra={
                    "method": request.method,
                    "route": route,
                    "path": request.path if path_loggable else None,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                },
            )
            return response
        finally:
            logs.unbind_request_id(token)
