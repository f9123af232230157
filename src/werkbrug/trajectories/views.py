"""The trajectory actions on the participant page: status changes (with the placement),
activities, follow-up checks and the choice of mediator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from werkbrug import access, clock
from werkbrug.access import Can
from werkbrug.people.models import Participant
from werkbrug.people.page import failed_page, form_page
from werkbrug.trajectories import services
from werkbrug.trajectories.forms import ActivityForm, FollowUpForm, MoveForm
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.panels import MOVE_HINT, mediator_choices, move_targets
from werkbrug.web.forms import apply_errors, request_user


def _move_form(request: HttpRequest, participant: Participant, data: Any = None) -> MoveForm:
    targets = move_targets(participant)
    return MoveForm(
        data,
        targets=targets,
        # The project's own employers: a national list would make a select of thousands.
        employers=access.employers_visible(request_user(request)).filter(
            project=participant.project
        ),
        prefix="move",
        initial={"on": clock.today()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, pk: int) -> HttpResponse:
    participant, allowed = access.participant_get(request_user(request), pk, Can.WORK)
    if request.method == "GET":
        return form_page(
            request,
            participant,
            allowed,
            form=_move_form(request, participant),
            action=reverse("trajectories:move", kwargs={"pk": pk}),
            title=_("Change status"),
            submit=_("Change status"),
            hint=str(MOVE_HINT),
        )
    form = _move_form(request, participant, request.POST)
    if not form.is_valid():
        return failed_page(request, participant, allowed, move_form=form)
    data = form.cleaned_data
    placement = services.Placement(
        employer=data["employer"],
        employer_name=data["employer_name"],
        contract=data["contract"],
        hours=data["hours"],
        occupation=data["occupation"],
    )
    try:
        services.trajectory_move(
            actor=request_user(request),
            trajectory=participant.trajectory,
            to=Status(data["to"]),
            on=data["on"],
            note=data["note"],
            placement=placement,
        )
    except ValidationError as exc:
        apply_errors(exc, form)
        participant.trajectory.refresh_from_db()
        return failed_page(request, participant, allowed, move_form=form)
    messages.success(request, _("The status has been changed."))
    return redirect("people:detail", pk=participant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    participant, allowed = access.participant_get(request_user(request), pk, Can.WORK)
    if request.method == "GET":
        return form_page(
            request,
            participant,
            allowed,
            form=ActivityForm(prefix="activity", initial={"start_date": clock.today()}),
            action=reverse("trajectories:activity", kwargs={"pk": pk}),
            title=_("Record an activity or a conversation"),
            submit=_("Record"),
        )
    form = ActivityForm(request.POST, prefix="activity")
    if not form.is_valid():
        return failed_page(request, participant, allowed, activity_form=form)
    try:
        services.activity_add(
            actor=request_user(request), trajectory=participant.trajectory, **form.cleaned_data
        )
    except ValidationError as exc:
        apply_errors(exc, form)
        return failed_page(request, participant, allowed, activity_form=form)
    messages.success(request, _("The activity has been recorded."))
    return redirect("people:detail", pk=participant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    participant, allowed = access.participant_get(request_user(request), pk, Can.WORK)
    check = get_object_or_404(participant.trajectory.follow_ups, pk=follow_up_pk)
    if request.method == "GET":
        return form_page(
            request,
            participant,
            allowed,
            form=FollowUpForm(prefix="follow_up", initial={"checked_on": clock.today()}),
            action=reverse(
                "trajectories:follow_up", kwargs={"pk": pk, "follow_up_pk": follow_up_pk}
            ),
            title=ngettext(  # the same message as the panel's summary on the page
                "Record the check after %(counter)s month",
                "Record the check after %(counter)s months",
                check.months,
            )
            % {"counter": check.months},
            submit=_("Record"),
        )
    form = FollowUpForm(request.POST, prefix="follow_up")
    if not form.is_valid():
        return failed_page(request, participant, allowed, follow_up_form=form)
    try:
        services.follow_up_record(actor=request_user(request), follow_up=check, **form.cleaned_data)
    except ValidationError as exc:
        apply_errors(exc, form)
        return failed_page(request, participant, allowed, follow_up_form=form)
    messages.success(request, _("The follow-up has been recorded."))
    return redirect("people:detail", pk=participant.pk)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator moves a participant to another mediator's caseload."""
    participant, _allowed = access.participant_get(request_user(request), pk, Can.ASSIGN)
    chosen = request.POST.get("mediator", "")
    mediator = None
    if chosen:
        mediator = next((m for m in mediator_choices(participant) if str(m.pk) == chosen), None)
        if mediator is None:
            messages.error(request, _("Choose a mediator of this project."))
            return redirect("people:detail", pk=participant.pk)
    services.trajectory_assign(
        actor=request_user(request), trajectory=participant.trajectory, mediator=mediator
    )
    messages.success(request, _("The participant has been assigned."))
    return redirect("people:detail", pk=participant.pk)
