"""What the participant page shows of the trajectory and offers to do with it: the moves the
one transition table allows from the current status, the mediators a coordinator may assign.
Used by the page (people.page) and by the trajectory actions (trajectories.views)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from werkbrug import access
from werkbrug.accounts.models import User
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.flows import TRANSITIONS
from werkbrug.trajectories.models import Status

MOVE_HINT = gettext_lazy(
    "A placement in work needs the employer, contract, weekly hours and occupation; "
    "learn-work may have them, self-employment the hours and occupation."
)


def move_targets(participant: Participant) -> list[Status]:
    current = Status(participant.trajectory.status)
    return sorted(TRANSITIONS.get(current, frozenset()), key=list(Status).index)


def mediator_choices(participant: Participant) -> list[User]:
    return list(access.mediators_of(Project.objects.filter(pk=participant.project_id)))
