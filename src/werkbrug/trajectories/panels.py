"""What the participant page shows of the trajectory and offers to do with it: the moves the
one transition table allows from the current status, the mediators a coordinator may assign.
Used by the page (people.page) and by the trajectory actions (trajectories.views)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy

from werkbrug import access
from werkbrug.accounts.models import User
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.flows import TRANSITIONS
from werkbrug.trajectories.models import FollowUp, Status

MOVE_HINT = gettext_lazy(
    "A placement in work needs the employer, contract, weekly hours and occupation; "
    "learn-work may have them, self-employment the hours and occupation."
)


def move_targets(participant: Participant) -> list[Status]:
    current = Status(participant.trajectory.status)
    return sorted(TRANSITIONS.get(current, frozenset()), key=list(Status).index)


def mediator_choices(participant: Participant) -> list[User]:
    return list(access.mediators_of(Project.objects.filter(pk=participant.project_id)))


# A check not yet done is *overdue* once its day has passed, *due* on the day itself, and
# *open* before. The caseload's order asks the same of the database
# (people.selectors.caseload: next_follow_up_on before today).
OVERDUE, DUE, OPEN, DONE = "overdue", "due", "open", "done"


def follow_up_state(due_on: dt.date | None, checked_on: dt.date | None, today: dt.date) -> str:
    if checked_on is not None:
        return DONE
    if due_on is None:
        return OPEN
    if due_on < today:
        return OVERDUE
    return DUE if due_on == today else OPEN


@dataclass(frozen=True)
class FollowUpRow:
    check: FollowUp
    state: str
    late: str  # how long overdue ("5 months"), "" unless overdue


def follow_up_rows(follow_ups: Iterable[FollowUp], today: dt.date) -> list[FollowUpRow]:
    """The participant's checks as the page lists them: overdue ones first, the longest
    overdue on top, then the others by months after placement."""
    rows = []
    for check in follow_ups:
        state = follow_up_state(check.due_on, check.checked_on, today)
        late = timesince(check.due_on, today, depth=1) if state == OVERDUE else ""
        rows.append(FollowUpRow(check, state, late))

    def order(row: FollowUpRow) -> tuple[int, int, int]:
        if row.state == OVERDUE:
            return (0, row.check.due_on.toordinal(), row.check.months)
        return (1, 0, row.check.months)

    return sorted(rows, key=order)
