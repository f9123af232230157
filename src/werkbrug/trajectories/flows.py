"""The one table of allowed status changes of a trajectory (DESIGN.md).

Final statuses may be corrected into each other or back to ``active`` (a placement that fell
through); nothing goes back to ``intake``.
"""

from __future__ import annotations

from werkbrug.trajectories.models import Status

FINAL = frozenset(
    {Status.PLACED, Status.LEARN_WORK, Status.SELF_EMPLOYED, Status.NO_WORK, Status.DROPOUT}
)

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.INTAKE: frozenset({Status.ACTIVE, Status.DROPOUT}),
    Status.ACTIVE: FINAL,
    **{final: (FINAL - {final}) | {Status.ACTIVE} for final in FINAL},
}


def can_move(current: Status, target: Status) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
