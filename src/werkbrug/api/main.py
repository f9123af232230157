"""The API at /api/v1/: its operations, its OpenAPI 3.1 document and the interactive docs
(Swagger UI from django-ninja's own static files: no CDN, and no inline script, so the
site's Content Security Policy holds there too)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError, ValidationErrorContext

from werkbrug.api import (
    care,
    participants,
    problems,
    projects,
    suggestions,
    trajectories,
    vacancies,
    vacancy_writes,  # noqa: F401 (adds its operations to vacancies.router)
)
from werkbrug.api.auth import TokenAuth

VERSION = "1.0.0"

SEARCHES = "/api/v1/search/"
# The headers of the rules for lost updates and retries (http.require_match, http.write).
HEADERS: dict[str, list[dict[str, Any]]] = {
    "patch": [
        {
            "in": "header",
            "name": "If-Match",
            "required": True,
            "description": "The ETag of the record as last read (428 without it, 412 when stale).",
            "schema": {"type": "string", "minLength": 1},
        }
    ],
    "post": [
        {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "description": "A retry with the same key gets the first answer, not a second record.",
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
        }
    ],
}


class Api(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        """As django-ninja's, but keeping the value that was refused: the message names it
        (problems.schema_message), as a form's does."""
        errors: list[dict[str, Any]] = []
        for context in error_contexts:
            model = context.model
            flat = model.__ninja_flatten_map_reverse__
            for error in context.pydantic_validation_error.errors(include_url=False):
                loc = (model.__ninja_param_source__, *flat.get(error["loc"], error["loc"]))
                ctx = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
                errors.append({**error, "loc": loc, "ctx": ctx})
        return ValidationError(errors)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Errors are documented as what they are: application/problem+json."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for path, item in schema.get("paths", {}).items():
            for method, operation in item.items():
                # A search is a read in a POST body (no names in URLs), not a write.
                if not path.startswith(SEARCHES):
                    operation.setdefault("parameters", []).extend(HEADERS.get(method, []))
                for code, answer in operation.get("responses", {}).items():
                    content = answer.get("content", {})
                    if str(code).startswith(("4", "5")) and "application/json" in content:
                        answer["content"] = {problems.CONTENT_TYPE: content["application/json"]}
        return schema


api = Api(
    title="werkbrug API",
    version=VERSION,
    description="The HTTP API of werkbrug; see docs/api.md.",
    urls_namespace="api",
    auth=TokenAuth(),
    docs=Swagger(settings={"persistAuthorization": False}),
)
problems.install(api)
api.add_router("", participants.router)
api.add_router("", trajectories.router)
api.add_router("", projects.router)
api.add_router("", vacancies.router)
api.add_router("", care.router)
api.add_router("", suggestions.router)
