"""A participant's trajectory: reading it, status moves as actions through the one
transition table (werkbrug.trajectories.flows, checked by the service), and activities."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from werkbrug import access
from werkbrug.access import Can
from werkbrug.api import schemas, shapes
from werkbrug.api.auth import granted
from werkbrug.api.http import each, respond, write
from werkbrug.api.participants import ERRORS
from werkbrug.api.problems import Problem
from werkbrug.api.types import PathId
from werkbrug.audit.models import Action
from werkbrug.trajectories.models import Status, Trajectory

router = Router(tags=["trajectories"])


def _trajectory(request: HttpRequest, pk: int, need: Can) -> Trajectory:
    allowed = access.participant_get(request.user, pk, need)  # type: ignore[arg-type]
    if Can.VIEW_RECORD not in allowed.can:
        raise Problem(403, _("Not allowed."), _("Your role may not see this record."))
    return Trajectory.objects.select_related("participant", "mediator").get(
        participant=allowed.participant
    )


def trajectory_location(pk: int) -> str:
    return f"/api/v1/participants/{pk}/trajectory"


@router.get(
    "/participants/{pk}/trajectory",
    response={200: schemas.Trajectory, ERRORS: schemas.Problem},
)
def trajectory_read(request: HttpRequest, pk: PathId) -> HttpResponse:
    """The status, the moves the transition table allows from it, the outcome and history."""
    granted(request, "trajectories:read")
    return respond(shapes.trajectory(_trajectory(request, pk, Can.VIEW_RECORD)))


@router.post(
    "/participants/{pk}/trajectory/moves",
    response={201: schemas.Trajectory, ERRORS: schemas.Problem},
)
def trajectory_move(request: HttpRequest, pk: PathId, payload: schemas.Move) -> HttpResponse:
    """Move the status (an action; ``If-Match`` with the trajectory's ETag is honoured when
    sent). A final status records the outcome from the placement fields."""
    from werkbrug.api.http import require_match
    from werkbrug.trajectories.services import Placement
    from werkbrug.trajectories.services import trajectory_move as move

    user = granted(request, "trajectories:write")

    def act() -> HttpResponse:
        trajectory = _trajectory(request, pk, Can.WORK)
        if request.headers.get("If-Match"):
            require_match(request, shapes.trajectory(trajectory))
        employer = None
        if payload.employer is not None:
            employer = access.employers_visible(user).filter(pk=payload.employer).first()
            if employer is None:
                raise ValidationError({"employer": _("There is no such employer.")})
        placement = Placement(
            employer=employer,
            employer_name=payload.employer_name,
            contract=payload.contract,
            hours=None if payload.hours is None else Decimal(str(payload.hours)),
            sector=payload.sector,
            occupation=payload.occupation,
            benefit_days=payload.benefit_days,
        )
        moved = move(
            actor=user,
            trajectory=trajectory,
            to=Status(payload.to),
            on=payload.on,
            note=payload.note,
            placement=placement,
        )
        return respond(shapes.trajectory(moved), status=201, location=trajectory_location(pk))

    return write(request, Action.CHANGE, act)


@router.get(
    "/participants/{pk}/activities",
    response={200: schemas.ActivityList, ERRORS: schemas.Problem},
)
def activity_list(request: HttpRequest, pk: PathId) -> HttpResponse:
    granted(request, "trajectories:read")
    trajectory = _trajectory(request, pk, Can.VIEW_RECORD)
    results = each(trajectory.activities.all(), lambda a: shapes.activity(a, pk))
    return respond({"results": results})


@router.post(
    "/participants/{pk}/activities",
    response={201: schemas.Activity, ERRORS: schemas.Problem},
)
def activity_create(
    request: HttpRequest, pk: PathId, payload: schemas.ActivityCreate
) -> HttpResponse:
    from werkbrug.trajectories.services import activity_add

    user = granted(request, "trajectories:write")

    def create() -> HttpResponse:
        trajectory = _trajectory(request, pk, Can.WORK)
        activity = activity_add(
            actor=user,
            trajectory=trajectory,
            kind=payload.kind,
            start_date=payload.start_date,
            end_date=payload.end_date,
            provider=payload.provider,
            cost_eur=None if payload.cost_eur is None else Decimal(str(payload.cost_eur)),
            note=payload.note,
        )
        return respond(
            shapes.activity(activity, pk),
            status=201,
            location=f"/api/v1/participants/{pk}/activities",
        )

    return write(request, Action.CREATE, create)
