"""The one table of an application's state changes (as the trajectories' ``flows``)."""

from __future__ import annotations

from werkbrug.schemes.models import State

TRANSITIONS: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.SUBMITTED}),
    # The funder finds it complete (it arrives then, art. 1.5) or sends it back.
    State.SUBMITTED: frozenset({State.COMPLETE, State.INCOMPLETE}),
    State.INCOMPLETE: frozenset({State.SUBMITTED}),
    State.COMPLETE: frozenset({State.ASSESSMENT}),
    State.ASSESSMENT: frozenset({State.AWARDED, State.PARTIAL, State.REFUSED}),
    State.AWARDED: frozenset(),
    State.PARTIAL: frozenset(),
    State.REFUSED: frozenset(),
}

#: States in which the applicant may still change the plan.
EDITABLE = frozenset({State.DRAFT, State.INCOMPLETE})
#: States the funder sees (a draft is the applicant's own).
SENT = frozenset(State) - {State.DRAFT}
DECIDED = frozenset({State.AWARDED, State.PARTIAL, State.REFUSED})


def may_move(current: str, to: State) -> bool:
    return to in TRANSITIONS[State(current)]
