"""The one table of allowed status changes of a trajectory (DESIGN.md), and the one
definition of the status groups.

Final statuses may be corrected into each other or back to ``active`` (a placement that fell
through); nothing goes back to ``intake``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from werkbrug.taxonomy import TRANSITION_OUTCOMES
from werkbrug.trajectories.models import Status

#: The outcome code of ``outcomes.csv`` that each final status is delivered as.
OUTCOME_OF: Final[Mapping[Status, str]] = MappingProxyType(
    {
        Status.PLACED: "work",
        Status.LEARN_WORK: "learn_work",
        Status.SELF_EMPLOYED: "self_employed",
        Status.NO_WORK: "no_work",
        Status.DROPOUT: "dropout",
    }
)
#: Ended trajectories: those with an outcome.
FINAL: Final = frozenset(OUTCOME_OF)
#: Trajectories still running (intake, active), in the order of :class:`Status`.
ONGOING: Final = tuple(status for status in Status if status not in FINAL)
#: Transitions to work (the exchange format's transition outcomes); they get follow-ups.
TO_WORK: Final = frozenset(s for s, outcome in OUTCOME_OF.items() if outcome in TRANSITION_OUTCOMES)

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.INTAKE: frozenset({Status.ACTIVE, Status.DROPOUT}),
    Status.ACTIVE: FINAL,
    **{final: (FINAL - {final}) | {Status.ACTIVE} for final in FINAL},
}


def can_move(current: Status, target: Status) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


#: The details of a placement, in the order the status form shows them.
PLACEMENT_DETAILS: Final = ("employer", "contract", "hours", "occupation")
#: The details that apply to a move: the status form shows only these for it, and the
#: service keeps only these (an employer typed in before choosing "ended without work" is
#: not recorded). The self-employed have no employment contract; their "employer" is their
#: own business.
DETAILS_APPLY: Final[Mapping[Status, tuple[str, ...]]] = MappingProxyType(
    {
        Status.PLACED: PLACEMENT_DETAILS,
        Status.LEARN_WORK: PLACEMENT_DETAILS,
        Status.SELF_EMPLOYED: ("employer", "hours", "occupation"),
    }
)
#: The details a move cannot do without: a placement in work is reported with its employer,
#: contract, hours and occupation (the occupation as an ISCO-08 unit group).
DETAILS_REQUIRED: Final[Mapping[Status, tuple[str, ...]]] = MappingProxyType(
    {Status.PLACED: PLACEMENT_DETAILS}
)


def details_missing(target: Status, given: Mapping[str, bool]) -> list[str]:
    """The required details of a move to ``target`` that ``given`` (detail → filled in)
    lacks, in the order of :data:`PLACEMENT_DETAILS`."""
    return [d for d in DETAILS_REQUIRED.get(target, ()) if not given.get(d, False)]
