"""The participant page: what it shows and the small pages of its forms. The people app owns
the page; the trajectory's panels come from :mod:`werkbrug.trajectories.panels`, and the
trajectory actions (trajectories.views) re-render this page when a form fails."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from werkbrug import clock
from werkbrug.access import Can
from werkbrug.people import selectors
from werkbrug.people.forms import DateForm
from werkbrug.people.models import NO_NAME, Participant, display_name
from werkbrug.trajectories.panels import (
    MOVE_HINT,
    OVERDUE,
    follow_up_rows,
    mediator_choices,
    move_targets,
)


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
    checks = follow_up_rows(follow_ups, today)
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
        "follow_ups": checks,
        "overdue": [row for row in checks if row.state == OVERDUE],
        "next_check": next((f for f in follow_ups if f.checked_on is None), None),
        "timeline": selectors.participant_timeline(
            participant, follow_ups=follow_ups, consents=consents
        ),
        "today": today,
        "can_move": bool(move_targets(participant)),
        "move_hint": MOVE_HINT,
        "mediators": mediator_choices(participant) if Can.ASSIGN in allowed else [],
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


def failed_page(
    request: HttpRequest, participant: Participant, allowed: frozenset[Can], **bound: forms.Form
) -> HttpResponse:
    messages.error(request, _("Nothing was saved; see the form below."))
    context = detail_context(participant, allowed, **bound)
    return render(request, "people/detail.html", context, status=400)
