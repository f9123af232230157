"""Participants: the pseudonymous record, and their contact details as a resource of their
own (scope ``contact:…``). Fetched through werkbrug.access like the pages: a participant
out of reach answers 404."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import BaseModel, Field

from werkbrug import access
from werkbrug.access import Can
from werkbrug.api import schemas, shapes
from werkbrug.api.auth import granted
from werkbrug.api.http import paginate, require_match, respond, write
from werkbrug.api.problems import Problem
from werkbrug.api.types import PathId, StatusCode
from werkbrug.audit.models import Action
from werkbrug.people.models import ContactDetails, Participant
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.vacancies.models import Employer

router = Router(tags=["participants"])
ERRORS = frozenset({400, 401, 403, 404, 412, 422, 428, 429})

SORTS = {"key": "key", "-key": "-key", "intake_date": "intake_date", "-intake_date": "-intake_date"}


class ListQuery(BaseModel):
    page: int = Field(default=1, ge=1, le=10**6)
    page_size: int = Field(default=20, ge=1, le=100)
    project: PathId | None = None
    status: StatusCode | None = None
    sort: Literal["key", "-key", "intake_date", "-intake_date"] = "key"


def location(pk: int) -> str:
    return f"/api/v1/participants/{pk}"


def _record(request: HttpRequest, pk: int, need: Can) -> access.Allowed:
    allowed = access.participant_get(request.user, pk, need)  # type: ignore[arg-type]
    if Can.VIEW_RECORD not in allowed.can:
        raise Problem(403, _("Not allowed."), _("Your role may not see this record."))
    return allowed


@router.get("/participants", response={200: schemas.ParticipantPage, ERRORS: schemas.Problem})
def participant_list(request: HttpRequest, query: Query[ListQuery]) -> HttpResponse:
    """The participants the token's user may see (a mediator: their caseload), a page at a
    time; filter by project and status, sort by key or intake date (``-`` descending)."""
    user = granted(request, "participants:read", query=ListQuery)
    if Can.VIEW_RECORD not in access.participants_allow(user):
        raise Problem(403, _("Not allowed."), _("Your role may not see these records."))
    items = access.participants_visible(user).select_related("trajectory__mediator")
    if query.project is not None:
        items = items.filter(project_id=query.project)
    if query.status is not None:
        items = items.filter(trajectory__status=query.status)
    items = items.order_by(SORTS[query.sort], "id")
    return paginate(
        request, items, page=query.page, page_size=query.page_size, show=shapes.participant
    )


@router.get("/participants/{pk}", response={200: schemas.Participant, ERRORS: schemas.Problem})
def participant_read(request: HttpRequest, pk: PathId) -> HttpResponse:
    granted(request, "participants:read")
    return respond(shapes.participant(_record(request, pk, Can.VIEW_RECORD).participant))


def _employer(user: Any, pk: int | None) -> Employer | None:
    if pk is None:
        return None
    found = access.employers_visible(user).filter(pk=pk).first()
    if found is None:
        raise ValidationError({"employer": _("There is no such employer.")})
    return found


def _profile_data(payload: schemas.ProfileFields, fields: set[str], user: Any) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(payload, name) for name in fields}
    if "employer" in data:
        data["employer"] = _employer(user, data["employer"])
    if data.get("hours_before") is not None:
        data["hours_before"] = Decimal(str(data["hours_before"]))
    return data


@router.post("/participants", response={201: schemas.Participant, ERRORS: schemas.Problem})
def participant_create(request: HttpRequest, payload: schemas.ParticipantCreate) -> HttpResponse:
    """Register a participant: the record, the trajectory (status intake, on the caseload of
    the mediator who registers) and the consents given; the name and contact details with
    the scope ``contact:write``."""
    from werkbrug.people.services import participant_intake

    user = granted(request, "participants:write")
    if payload.contact is not None:
        granted(request, "contact:write")
    project = get_object_or_404(access.projects_for_intake(user), pk=payload.project)

    def create() -> HttpResponse:
        fields = set(ParticipantProfile.field_names()) - {"intake_date"}
        profile = ParticipantProfile(
            intake_date=payload.intake_date, **_profile_data(payload, fields, user)
        )
        contact = ContactValues(**(payload.contact.model_dump() if payload.contact else {}))
        # The contact details obey the model's rules (a valid e-mail address) before intake.
        ContactDetails(**contact.as_dict()).full_clean(exclude=["participant"])
        participant = participant_intake(
            actor=user,
            project=project,
            profile=profile,
            contact=contact,
            consents=list(dict.fromkeys(payload.consents)),
        )
        fresh = access.participant_get(user, participant.pk, Can.VIEW).participant
        return respond(shapes.participant(fresh), status=201, location=location(fresh.pk))

    return write(request, Action.CREATE, create)


@router.patch("/participants/{pk}", response={200: schemas.Participant, ERRORS: schemas.Problem})
def participant_change(
    request: HttpRequest, pk: PathId, payload: schemas.ParticipantChange
) -> HttpResponse:
    """Change the fields sent; the others keep their stored values. Needs ``If-Match``."""
    from werkbrug.people.services import participant_update

    user = granted(request, "participants:write")

    def change() -> HttpResponse:
        participant = _record(request, pk, Can.EDIT).participant
        require_match(request, shapes.participant(participant))
        sent = payload.model_fields_set
        if "intake_date" in sent and payload.intake_date is None:
            raise ValidationError({"intake_date": _("This field is required.")})
        profile = dataclasses.replace(
            ParticipantProfile.of(participant), **_profile_data(payload, sent, user)
        )
        participant_update(actor=user, participant=participant, profile=profile)
        fresh = access.participant_get(user, pk, Can.VIEW).participant
        return respond(shapes.participant(fresh))

    return write(request, Action.CHANGE, change)


def _contact(request: HttpRequest, pk: int) -> tuple[Participant, ContactDetails | None]:
    participant = access.participant_get(request.user, pk, Can.VIEW_CONTACT).participant  # type: ignore[arg-type]
    return participant, ContactDetails.objects.filter(participant=participant).first()


@router.get("/participants/{pk}/contact", response={200: schemas.Contact, ERRORS: schemas.Problem})
def contact_read(request: HttpRequest, pk: PathId) -> HttpResponse:
    granted(request, "contact:read")
    return respond(shapes.contact(*_contact(request, pk)))


@router.patch(
    "/participants/{pk}/contact", response={200: schemas.Contact, ERRORS: schemas.Problem}
)
def contact_change(
    request: HttpRequest, pk: PathId, payload: schemas.ContactFields
) -> HttpResponse:
    """Change the name and contact details sent; needs ``If-Match``."""
    from werkbrug.people.services import contact_update

    user = granted(request, "contact:write")

    def change() -> HttpResponse:
        participant, details = _contact(request, pk)
        if Can.EDIT not in access.participant_allows(user, participant):
            raise Problem(403, _("Not allowed."), _("Your role may not do this."))
        require_match(request, shapes.contact(participant, details))
        values = ContactValues.of(details).merged(
            payload.model_dump(include=payload.model_fields_set)
        )
        stored = contact_update(actor=user, participant=participant, contact=values)
        return respond(shapes.contact(participant, stored))

    return write(request, Action.CHANGE, change)


@router.post("/search/participants", response={200: schemas.ContactList, ERRORS: schemas.Problem})
def participant_search(request: HttpRequest, payload: schemas.NameSearch) -> HttpResponse:
    """Find participants by name, e-mail address or key. The name goes in the body, never in
    a URL (URLs end up in logs). At most 50 answers."""
    from werkbrug.people.selectors import participants_named

    user = granted(request, "contact:read")
    if Can.VIEW_CONTACT not in access.participants_allow(user):
        raise Problem(403, _("Not allowed."), _("Your role may not see names."))
    found = participants_named(user, payload.name)[:50]
    results = [shapes.contact(p, getattr(p, "contact", None)) for p in found]
    return respond(schemas.ContactList(results=results), etag=False)
