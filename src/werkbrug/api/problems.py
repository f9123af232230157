"""Errors as ``application/problem+json`` (RFC 9457), in the language of the request.

Every refusal of the API is a :class:`Problem`: a status, a title, a detail and, for bad
input, ``invalid_params`` naming each field (its path in the body or the query) with the
same message a form or the CLI gives. Messages of the request's shape come from pydantic;
they are said again in Django's own translated words for the same fault, so a Dutch client
reads Dutch everywhere."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

CONTENT_TYPE = "application/problem+json"


class Problem(Exception):
    """A refusal, raised anywhere below an API operation."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        invalid: Sequence[Mapping[str, str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status, self.title, self.detail = status, title, detail
        self.invalid = list(invalid)
        self.headers = dict(headers or {})


def response(request: HttpRequest, problem: Problem) -> HttpResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail or problem.title,
        "instance": request.path,
    }
    if problem.invalid:
        body["invalid_params"] = problem.invalid
    answer = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=problem.status, content_type=CONTENT_TYPE
    )
    for name, value in problem.headers.items():
        answer[name] = value
    return answer


def bad_input(invalid: Sequence[Mapping[str, str]], status: int = 400) -> Problem:
    first = invalid[0]
    return Problem(
        status,
        _("The request is not valid."),
        f"{first['name']}: {first['reason']}" if first.get("name") else first["reason"],
        invalid=invalid,
    )


def _schema_message(error: Mapping[str, Any]) -> str:
    """Django's message for the fault pydantic found (these are in Django's catalogues)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith(("date", "datetime")):
        return _("Enter a valid date.")
    if kind in {"enum", "literal_error"}:
        return _("Select a valid choice. %(value)s is not one of the available choices.") % {
            "value": str(error.get("input", ""))[:40]
        }
    if kind == "string_too_long":
        limit = int(ctx.get("max_length") or 0)
        return ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            limit,
        ) % {"limit_value": limit, "show_value": len(str(error.get("input", "")))}
    if kind.startswith("int"):
        return _("Enter a whole number.")
    if kind.startswith(("decimal", "float")):
        return _("Enter a number.")
    if kind == "greater_than_equal":
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge", "")
        }
    if kind == "less_than_equal":
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le", "")
        }
    if kind == "extra_forbidden":
        return _("This field is not known here.")
    if kind in {"json_invalid", "model_attributes_type", "dict_type"}:
        return _("The body is not a JSON object.")
    return _("Enter a valid value.")


def _where(loc: Sequence[Any]) -> str:
    # ninja's locations start with where the value came from and the parameter's name
    # ("body", "payload", "intake_date"); a client knows its fields by their own path.
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[2:] if parts[0] == "body" and len(parts) > 1 else parts[1:]
    return ".".join(parts)


def from_schema_error(exc: SchemaError) -> Problem:
    invalid = [{"name": _where(e.get("loc", ())), "reason": _schema_message(e)} for e in exc.errors]
    return bad_input(invalid or [{"name": "", "reason": _("Enter a valid value.")}])


def from_validation_error(exc: DjangoValidationError) -> Problem:
    """A service's refusal: the same messages the pages put on their forms, with 422."""
    invalid: list[dict[str, str]] = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            name = "" if field == NON_FIELD_ERRORS else field
            invalid.extend({"name": name, "reason": str(m)} for m in errors)
    else:
        invalid.extend({"name": "", "reason": str(m)} for m in exc.messages)
    return bad_input(invalid, status=422)


def install(api: NinjaAPI) -> None:
    """Every exception an operation can raise answered as a problem, never a traceback."""

    def on_problem(request: HttpRequest, exc: Problem) -> HttpResponse:
        return response(request, exc)

    def on_schema(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        return response(request, from_schema_error(exc))

    def on_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return response(request, from_validation_error(exc))

    def on_not_found(request: HttpRequest, _exc: Http404) -> HttpResponse:
        return response(request, Problem(404, _("Not found."), _("There is no such record.")))

    def on_denied(request: HttpRequest, _exc: PermissionDenied) -> HttpResponse:
        return response(request, Problem(403, _("Not allowed."), _("Your role may not do this.")))

    def on_unauthenticated(request: HttpRequest, _exc: AuthenticationError) -> HttpResponse:
        return response(
            request,
            Problem(
                401,
                _("Not signed in."),
                _("Send a valid personal access token: Authorization: Bearer <token>."),
                headers={"WWW-Authenticate": 'Bearer realm="werkbrug"'},
            ),
        )

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return response(request, Problem(exc.status_code, str(exc)))

    handlers: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
        (Problem, on_problem),
        (SchemaError, on_schema),
        (DjangoValidationError, on_validation),
        (Http404, on_not_found),
        (PermissionDenied, on_denied),
        (AuthenticationError, on_unauthenticated),
        (HttpError, on_http_error),
    ]
    for kind, handler in handlers:
        api.add_exception_handler(kind, handler)
