"""The trajectory actions on the participant page: status changes (with the placement),
activities, follow-up checks and the choice of mediator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from werkbrug import access, clock
from werkbrug.access import Can
from werkbrug.accounts.models import User
from werkbrug.people import selectors
from werkbrug.people.forms import ActivityForm, DateForm, FollowUpForm, MoveForm
from werkbrug.people.models import NO_NAME, Participant, display_name
from werkbrug.projects.models import Project
from werkbrug.trajectories import services
from werkbrug.trajectories.flows import TRANSITIONS
from werkbrug.trajectories.models import Status
from werkbrug.web.forms import apply_errors, request_user

MOVE_HINT = gettext_lazy(
    "Employer, contract, hours and occupation apply to placed in work, learn-work and "
    "self-employed."
)


def _targets(participant: Participant) -> list[Status]:
    current = Status(participant.trajectory.status)
    return sorted(TRANSITIONS.get(current, frozenset()), key=list(Status).index)


def _move_form(request: HttpRequest, participant: Participant, data: Any = None) -> MoveForm:
    targets = _targets(participant)
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


def _mediator_choices(participant: Participant) -> list[User]:
    return list(access.mediators_of(Project.objects.filter(pk=participant.project_id)))


def participant_label(participant: Participant, allowed: frozenset[Can]) -> str:
    """The name for those who may see it, else the pseudonymous key; a user who may see
    neither key nor record (the employer) gets a placeholder instead of the key."""
    contact = getattr(participant, "contact", None)
    if Can.VIEW_NAME in allowed and contact is not None and contact.family_name:
        return display_name(contact.given_name, contact.family_name, participant.key)
    if Can.VIEW_RECORD in allowed:
        return participant.key
    return str(NO_NAME)


def detail_context(
    request: HttpRequest,  # noqa: ARG001 (the views' common first argument; kept while they move)
    participant: Participant,
    allowed: frozenset[Can],
    **bound: forms.Form,
) -> dict[str, Any]:
    """Everything the participant page shows; ``bound`` is a form that failed, shown open
    with its errors. The other forms are fetched when their panel opens (:func:`form_page`):
    rendering four unbound forms on every view of the page cost more than the rest of it
    (bench/README.md, "Web app on live data")."""
    trajectory = participant.trajectory
    today = clock.today()
    follow_ups = list(trajectory.follow_ups.all())
    consents = list(participant.consents.all())
    return {
        "participant": participant,
        "who": participant_label(participant, allowed),
        "trajectory": trajectory,
        "allowed": {c.value for c in allowed},
        "contact": getattr(participant, "contact", None),
        "outcome": getattr(trajectory, "outcome", None),
        "consents": [
            (c, DateForm(prefix=f"withdraw-{c.pk}", initial={"on": today})) for c in consents
        ],
        "follow_ups": follow_ups,
        "next_check": next((f for f in follow_ups if f.checked_on is None), None),
        "timeline": selectors.participant_timeline(
            participant, follow_ups=follow_ups, consents=consents
        ),
        "today": today,
        "can_move": bool(_targets(participant)),
        "move_hint": MOVE_HINT,
        "mediators": _mediator_choices(participant) if Can.ASSIGN in allowed else [],
        **bound,
    }


def form_page(
    request: HttpRequest,
    participant: Participant,
    allowed: frozenset[Can],
    *,
    form: forms.Form,
    action: str,
    title: str,
    submit: str,
    hint: str = "",
) -> HttpResponse:
    """One unbound form of the participant page: only the form for htmx (the panel that was
    opened), a page of its own for a browser without JavaScript."""
    context = {
        "participant": participant,
        "who": participant_label(participant, allowed),
        "form": form,
        "action": action,
        "title": title,
        "submit": submit,
        "hint": hint,
    }
    if getattr(request, "htmx", False):
        return render(request, "people/partials/action_form.html", context)
    return render(request, "people/action.html", context)


def _failed(
    request: HttpRequest, participant: Participant, allowed: frozenset[Can], **bound: forms.Form
) -> HttpResponse:
    messages.error(request, _("Nothing was saved; see the form below."))
    context = detail_context(request, participant, allowed, **bound)
    return render(request, "people/detail.html", context, status=400)


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
            action=reverse("people:move", kwargs={"pk": pk}),
            title=_("Change status"),
            submit=_("Change status"),
            hint=str(MOVE_HINT),
        )
    form = _move_form(request, participant, request.POST)
    if not form.is_valid():
        return _failed(request, participant, allowed, move_form=form)
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
        return _failed(request, participant, allowed, move_form=form)
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
            action=reverse("people:activity", kwargs={"pk": pk}),
            title=_("Record an activity or a conversation"),
            submit=_("Record"),
        )
    form = ActivityForm(request.POST, prefix="activity")
    if not form.is_valid():
        return _failed(request, participant, allowed, activity_form=form)
    try:
        services.activity_add(
            actor=request_user(request), trajectory=participant.trajectory, **form.cleaned_data
        )
    except ValidationError as exc:
        apply_errors(exc, form)
        return _failed(request, participant, allowed, activity_form=form)
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
            action=reverse("people:follow_up", kwargs={"pk": pk, "follow_up_pk": follow_up_pk}),
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
        return _failed(request, participant, allowed, follow_up_form=form)
    try:
        services.follow_up_record(actor=request_user(request), follow_up=check, **form.cleaned_data)
    except ValidationError as exc:
        apply_errors(exc, form)
        return _failed(request, participant, allowed, follow_up_form=form)
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
        mediator = next((m for m in _mediator_choices(participant) if str(m.pk) == chosen), None)
        if mediator is None:
            messages.error(request, _("Choose a mediator of this project."))
            return redirect("people:detail", pk=participant.pk)
    services.trajectory_assign(
        actor=request_user(request), trajectory=participant.trajectory, mediator=mediator
    )
    messages.success(request, _("The participant has been assigned."))
    return redirect("people:detail", pk=participant.pk)
