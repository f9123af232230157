"""Explained vacancy suggestions for a participant and the mediator's decision on one,
through the same matching shell as the participant's suggestions page
(matches.services.suggest_for_participant, suggestion_decide): advice, never a decision.

Asking counts as the page's asking does: a mediator's request marks the suggestions as
suggested for the fairness monitor; a coordinator or administrator is browsing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from werkbrug import access
from werkbrug.access import Can
from werkbrug.api import care_schemas as docs
from werkbrug.api import care_shapes as shapes
from werkbrug.api import schemas
from werkbrug.api.auth import granted
from werkbrug.api.http import plain, respond, write
from werkbrug.api.participants import ERRORS
from werkbrug.api.types import PathId
from werkbrug.audit.models import Action

router = Router(tags=["suggestions"])


def suggestions_location(pk: int) -> str:
    return f"/api/v1/participants/{pk}/suggestions"


@router.get(
    "/participants/{pk}/suggestions",
    response={200: docs.SuggestionList, ERRORS: schemas.Problem},
)
def suggestion_list(request: HttpRequest, pk: PathId) -> HttpResponse:
    """The ten open vacancies within reach that fit the participant best, best first, each
    with its score, the parts of the score and the explanation, and any decision taken."""
    from werkbrug.matches.services import suggest_for_participant

    user = granted(request, "suggestions:read")
    participant = access.participant_get(user, pk, Can.WORK).participant
    shown = suggest_for_participant(actor=user, participant=participant)
    return respond({"results": [plain(shapes.suggestion(s)) for s in shown]})


@router.post(
    "/participants/{pk}/suggestions/{vacancy_pk}/decision",
    response={200: docs.Decision, ERRORS: schemas.Problem},
)
def suggestion_decision(
    request: HttpRequest, pk: PathId, vacancy_pk: PathId, payload: docs.DecisionCreate
) -> HttpResponse:
    """Accept or reject a vacancy for the participant (a reason is needed to reject);
    deciding again replaces the decision, as on the page."""
    from werkbrug.matches.services import suggestion_decide

    user = granted(request, "suggestions:write")

    def decide() -> HttpResponse:
        participant = access.participant_get(user, pk, Can.WORK).participant
        vacancy = access.vacancy_get(user, vacancy_pk)
        stored = suggestion_decide(
            actor=user,
            participant=participant,
            vacancy=vacancy,
            decision=payload.decision,
            reason=payload.reason,
        )
        return respond(shapes.decision(stored), location=suggestions_location(pk))

    return write(request, Action.CHANGE, decide)
