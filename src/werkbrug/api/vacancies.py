"""Employers and vacancies the token's user may see (werkbrug.access.employers_visible,
vacancies_visible). Adding, changing and closing them: api/vacancy_writes.py, on this
router."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from pydantic import BaseModel, Field

from werkbrug import access
from werkbrug.api import schemas, shapes
from werkbrug.api.auth import granted
from werkbrug.api.http import paginate, respond
from werkbrug.api.participants import ERRORS
from werkbrug.api.types import PathId

router = Router(tags=["vacancies"])


class PageQuery(BaseModel):
    page: int = Field(default=1, ge=1, le=10**6)
    page_size: int = Field(default=20, ge=1, le=100)


class VacancyQuery(PageQuery):
    employer: PathId | None = None
    open: bool | None = Field(default=None, description="true: only vacancies not filled")


@router.get("/employers", response={200: schemas.EmployerPage, ERRORS: schemas.Problem})
def employer_list(request: HttpRequest, query: Query[PageQuery]) -> HttpResponse:
    user = granted(request, "vacancies:read", query=PageQuery)
    items = access.employers_visible(user).order_by("name", "id")
    return paginate(
        request, items, page=query.page, page_size=query.page_size, show=shapes.employer
    )


@router.get("/employers/{pk}", response={200: schemas.Employer, ERRORS: schemas.Problem})
def employer_read(request: HttpRequest, pk: PathId) -> HttpResponse:
    user = granted(request, "vacancies:read")
    return respond(shapes.employer(access.employer_get(user, pk)))


@router.get("/vacancies", response={200: schemas.VacancyPage, ERRORS: schemas.Problem})
def vacancy_list(request: HttpRequest, query: Query[VacancyQuery]) -> HttpResponse:
    """Filter by employer, and with ``open=true`` the vacancies not yet filled."""
    user = granted(request, "vacancies:read", query=VacancyQuery)
    items = access.vacancies_visible(user)
    if query.employer is not None:
        items = items.filter(employer_id=query.employer)
    if query.open is not None:
        items = items.filter(filled=not query.open)
    items = items.order_by("title", "id")
    return paginate(request, items, page=query.page, page_size=query.page_size, show=shapes.vacancy)


@router.get("/vacancies/{pk}", response={200: schemas.Vacancy, ERRORS: schemas.Problem})
def vacancy_read(request: HttpRequest, pk: PathId) -> HttpResponse:
    user = granted(request, "vacancies:read")
    return respond(shapes.vacancy(get_object_or_404(access.vacancies_visible(user), pk=pk)))
