"""Adding and changing employers and vacancies, and closing a vacancy, as the employer and
vacancy pages allow (werkbrug.access: can_create_employer, employers_editable,
vacancies_editable) through werkbrug.vacancies.services. A record the user may see but not
change answers 404, as its edit page does."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from werkbrug import access
from werkbrug.accounts.models import User
from werkbrug.api import care_schemas as docs
from werkbrug.api import schemas, shapes
from werkbrug.api.auth import granted
from werkbrug.api.http import require_match, respond, write
from werkbrug.api.participants import ERRORS
from werkbrug.api.problems import Problem
from werkbrug.api.types import PathId
from werkbrug.api.vacancies import router
from werkbrug.audit.models import Action
from werkbrug.projects.models import Project
from werkbrug.vacancies.models import Employer
from werkbrug.vacancies.values import EmployerValues, VacancyValues

SCOPE = "vacancies:write"


def employer_location(pk: int) -> str:
    return f"/api/v1/employers/{pk}"


def vacancy_location(pk: int) -> str:
    return f"/api/v1/vacancies/{pk}"


def _project(user: User, pk: int | None) -> Project | None:
    """The project an employer goes in: one the user sees, as the employer form offers."""
    if pk is None:
        return None
    found = access.projects_visible(user).filter(pk=pk).first()
    if found is None:
        raise ValidationError({"project": _("There is no such project.")})
    return found


def _employer_data(payload: docs.EmployerFields, user: User) -> dict[str, Any]:
    sent = payload.model_fields_set
    if "project" in sent and not access.can_create_employer(user):
        # An employer's own users change its details, not the project it belongs to.
        raise Problem(403, _("Not allowed."), _("Your role may not change the project."))
    data: dict[str, Any] = {name: getattr(payload, name) for name in sent}
    if "project" in data:
        data["project"] = _project(user, data["project"])
    return data


@router.post("/employers", response={201: schemas.Employer, ERRORS: schemas.Problem})
def employer_create(request: HttpRequest, payload: docs.EmployerCreate) -> HttpResponse:
    from werkbrug.vacancies.services import employer_create as create_employer

    user = granted(request, SCOPE)
    if not access.can_create_employer(user):
        raise Problem(403, _("Not allowed."), _("Your role may not add employers."))

    def create() -> HttpResponse:
        values = EmployerValues.from_mapping(
            {"name": payload.name, **_employer_data(payload, user)}
        )
        employer = create_employer(actor=user, values=values)
        return respond(
            shapes.employer(employer), status=201, location=employer_location(employer.pk)
        )

    return write(request, Action.CREATE, create)


@router.patch("/employers/{pk}", response={200: schemas.Employer, ERRORS: schemas.Problem})
def employer_change(request: HttpRequest, pk: PathId, payload: docs.EmployerChange) -> HttpResponse:
    """Change the fields sent; needs ``If-Match``."""
    from werkbrug.vacancies.services import employer_update

    user = granted(request, SCOPE)

    def change() -> HttpResponse:
        employer = access.employer_get(user, pk, edit=True)
        require_match(request, shapes.employer(employer))
        values = EmployerValues.of(employer).merged(_employer_data(payload, user))
        return respond(
            shapes.employer(employer_update(actor=user, employer=employer, values=values))
        )

    return write(request, Action.CHANGE, change)


def _vacancy_data(payload: docs.VacancyFields) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: getattr(payload, name) for name in payload.model_fields_set if name != "employer"
    }
    if "skills" in data:
        data["skills"] = "|".join(s.strip() for s in data["skills"] if s.strip())
    if data.get("hours") is not None:
        data["hours"] = Decimal(str(data["hours"]))
    return data


def _editable_employer(user: User, pk: int) -> Employer:
    found = access.employers_editable(user).filter(pk=pk).first()
    if found is None:
        raise ValidationError({"employer": _("There is no such employer.")})
    return found


@router.post("/vacancies", response={201: schemas.Vacancy, ERRORS: schemas.Problem})
def vacancy_create(request: HttpRequest, payload: docs.VacancyCreate) -> HttpResponse:
    """Add a vacancy to an employer the user may change; an empty sector or postcode takes
    the employer's, no ``open_date`` means today."""
    from werkbrug.vacancies.services import vacancy_create as create_vacancy

    user = granted(request, SCOPE)
    if access.employers_editable(user).query.is_empty():
        raise Problem(403, _("Not allowed."), _("Your role may not add vacancies."))

    def create() -> HttpResponse:
        employer = _editable_employer(user, payload.employer)
        values = VacancyValues.from_mapping(
            {"title": payload.title, "positions": payload.positions, **_vacancy_data(payload)}
        )
        vacancy = create_vacancy(actor=user, employer=employer, values=values)
        return respond(shapes.vacancy(vacancy), status=201, location=vacancy_location(vacancy.pk))

    return write(request, Action.CREATE, create)


@router.patch("/vacancies/{pk}", response={200: schemas.Vacancy, ERRORS: schemas.Problem})
def vacancy_change(request: HttpRequest, pk: PathId, payload: docs.VacancyChange) -> HttpResponse:
    """Change the fields sent; needs ``If-Match``. Clearing ``close_date`` reopens it."""
    from werkbrug.vacancies.services import vacancy_update

    user = granted(request, SCOPE)

    def change() -> HttpResponse:
        vacancy = access.vacancy_get(user, pk, edit=True)
        require_match(request, shapes.vacancy(vacancy))
        values = VacancyValues.of(vacancy).merged(_vacancy_data(payload))
        return respond(shapes.vacancy(vacancy_update(actor=user, vacancy=vacancy, values=values)))

    return write(request, Action.CHANGE, change)


@router.post("/vacancies/{pk}/closing", response={200: schemas.Vacancy, ERRORS: schemas.Problem})
def vacancy_closing(request: HttpRequest, pk: PathId, payload: docs.VacancyClose) -> HttpResponse:
    """Close a vacancy on a date, withdrawn or (``filled``) filled; closing again moves the
    date. ``If-Match`` with the vacancy's ETag is honoured when sent."""
    from werkbrug.vacancies.services import vacancy_close

    user = granted(request, SCOPE)

    def close() -> HttpResponse:
        vacancy = access.vacancy_get(user, pk, edit=True)
        if request.headers.get("If-Match"):
            require_match(request, shapes.vacancy(vacancy))
        closed = vacancy_close(actor=user, vacancy=vacancy, on=payload.on, filled=payload.filled)
        return respond(shapes.vacancy(closed))

    return write(request, Action.CHANGE, close)
