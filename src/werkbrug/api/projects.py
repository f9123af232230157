"""Projects the token's user may see (werkbrug.access.projects_visible)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from werkbrug import access
from werkbrug.api import schemas, shapes
from werkbrug.api.auth import granted
from werkbrug.api.http import each, respond
from werkbrug.api.participants import ERRORS
from werkbrug.api.types import PathId

router = Router(tags=["projects"])


@router.get("/projects", response={200: schemas.ProjectList, ERRORS: schemas.Problem})
def project_list(request: HttpRequest) -> HttpResponse:
    user = granted(request, "projects:read")
    return respond(
        {"results": each(access.projects_visible(user).order_by("code"), shapes.project)}
    )


@router.get("/projects/{pk}", response={200: schemas.Project, ERRORS: schemas.Problem})
def project_read(request: HttpRequest, pk: PathId) -> HttpResponse:
    user = granted(request, "projects:read")
    return respond(shapes.project(access.project_get(user, pk)))
