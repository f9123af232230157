"""A participant's follow-up checks and consents: reading them, recording a check's outcome
(trajectories.services.follow_up_record), giving and withdrawing a consent
(people.services.consent_give, consent_withdraw), with the access the pages ask for
(werkbrug.access: the record to read, ``Can.WORK`` for a check, ``Can.EDIT`` for consent).

Follow-ups are planned by a move to work (3, 6 and 12 months after the placement); like the
pages, the API plans none by hand."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router

from werkbrug.access import Can
from werkbrug.api import care_schemas as docs
from werkbrug.api import care_shapes as shapes
from werkbrug.api import schemas
from werkbrug.api.auth import granted
from werkbrug.api.http import each, require_match, respond, write
from werkbrug.api.participants import ERRORS, _record
from werkbrug.api.trajectories import _trajectory
from werkbrug.api.types import PathId
from werkbrug.audit.models import Action
from werkbrug.people.models import Consent
from werkbrug.trajectories.models import FollowUp

router = Router(tags=["care"])


def follow_up_location(pk: int, follow_up_pk: int) -> str:
    return f"/api/v1/participants/{pk}/follow-ups/{follow_up_pk}"


def consent_location(pk: int, consent_pk: int) -> str:
    return f"/api/v1/participants/{pk}/consents/{consent_pk}"


def _follow_up(request: HttpRequest, pk: int, follow_up_pk: int, need: Can) -> FollowUp:
    trajectory = _trajectory(request, pk, need)
    found: FollowUp = get_object_or_404(
        trajectory.follow_ups.select_related("trajectory__participant"), pk=follow_up_pk
    )
    return found


@router.get(
    "/participants/{pk}/follow-ups",
    response={200: docs.FollowUpList, ERRORS: schemas.Problem},
)
def follow_up_list(request: HttpRequest, pk: PathId) -> HttpResponse:
    """The follow-up checks planned after a placement, done and due, by months."""
    granted(request, "trajectories:read")
    trajectory = _trajectory(request, pk, Can.VIEW_RECORD)
    return respond(
        {"results": each(trajectory.follow_ups.all(), lambda f: shapes.follow_up(f, pk))}
    )


@router.get(
    "/participants/{pk}/follow-ups/{follow_up_pk}",
    response={200: docs.FollowUp, ERRORS: schemas.Problem},
)
def follow_up_read(request: HttpRequest, pk: PathId, follow_up_pk: PathId) -> HttpResponse:
    granted(request, "trajectories:read")
    return respond(shapes.follow_up(_follow_up(request, pk, follow_up_pk, Can.VIEW_RECORD), pk))


@router.patch(
    "/participants/{pk}/follow-ups/{follow_up_pk}",
    response={200: docs.FollowUp, ERRORS: schemas.Problem},
)
def follow_up_check(
    request: HttpRequest, pk: PathId, follow_up_pk: PathId, payload: docs.FollowUpCheck
) -> HttpResponse:
    """Record the check: when, and whether the participant is still in work (as the
    follow-up form does; recording again corrects it). Needs ``If-Match``."""
    from werkbrug.trajectories.services import follow_up_record

    user = granted(request, "trajectories:write")

    def check() -> HttpResponse:
        follow_up = _follow_up(request, pk, follow_up_pk, Can.WORK)
        require_match(request, shapes.follow_up(follow_up, pk))
        stored = follow_up_record(
            actor=user,
            follow_up=follow_up,
            checked_on=payload.checked_on,
            in_work=payload.in_work,
            note=payload.note,
        )
        return respond(shapes.follow_up(stored, pk))

    return write(request, Action.CHANGE, check)


def _consent(request: HttpRequest, pk: int, consent_pk: int, need: Can) -> Consent:
    participant = _record(request, pk, need).participant
    found: Consent = get_object_or_404(participant.consents.all(), pk=consent_pk)
    return found


@router.get(
    "/participants/{pk}/consents",
    response={200: docs.ConsentList, ERRORS: schemas.Problem},
)
def consent_list(request: HttpRequest, pk: PathId) -> HttpResponse:
    """Every consent given, withdrawn ones included (a withdrawal keeps when and what)."""
    granted(request, "participants:read")
    participant = _record(request, pk, Can.VIEW_RECORD).participant
    return respond({"results": each(participant.consents.all(), shapes.consent)})


@router.get(
    "/participants/{pk}/consents/{consent_pk}",
    response={200: docs.Consent, ERRORS: schemas.Problem},
)
def consent_read(request: HttpRequest, pk: PathId, consent_pk: PathId) -> HttpResponse:
    granted(request, "participants:read")
    return respond(shapes.consent(_consent(request, pk, consent_pk, Can.VIEW_RECORD)))


@router.post(
    "/participants/{pk}/consents",
    response={201: docs.Consent, ERRORS: schemas.Problem},
)
def consent_create(request: HttpRequest, pk: PathId, payload: docs.ConsentGive) -> HttpResponse:
    """Record a consent for a purpose, given on a date (422 while the same one is active)."""
    from werkbrug.people.services import consent_give

    user = granted(request, "participants:write")

    def give() -> HttpResponse:
        participant = _record(request, pk, Can.EDIT).participant
        consent = consent_give(
            actor=user, participant=participant, purpose=payload.purpose, on=payload.on
        )
        return respond(
            shapes.consent(consent), status=201, location=consent_location(pk, consent.pk)
        )

    return write(request, Action.CREATE, give)


@router.post(
    "/participants/{pk}/consents/{consent_pk}/withdrawal",
    response={200: docs.Consent, ERRORS: schemas.Problem},
)
def consent_withdrawal(
    request: HttpRequest, pk: PathId, consent_pk: PathId, payload: docs.ConsentWithdraw
) -> HttpResponse:
    """Withdraw a consent on a date (an action; ``If-Match`` with the consent's ETag is
    honoured when sent). Its effects are those of the page: without the employer consent
    the employer no longer sees the participant."""
    from werkbrug.people.services import consent_withdraw

    user = granted(request, "participants:write")

    def withdraw() -> HttpResponse:
        consent = _consent(request, pk, consent_pk, Can.EDIT)
        if request.headers.get("If-Match"):
            require_match(request, shapes.consent(consent))
        stored = consent_withdraw(actor=user, consent=consent, on=payload.on)
        return respond(shapes.consent(stored))

    return write(request, Action.CHANGE, withdraw)
