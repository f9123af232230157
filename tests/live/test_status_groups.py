"""The status groups have one definition (werkbrug.trajectories.flows), in the terms of the
exchange format's outcomes."""

from __future__ import annotations

from werkbrug.taxonomy import OUTCOMES, TRANSITION_OUTCOMES
from werkbrug.trajectories.flows import FINAL, ONGOING, OUTCOME_OF, TO_WORK, TRANSITIONS
from werkbrug.trajectories.models import Status


def test_every_status_is_ongoing_or_final_and_never_both() -> None:
    assert set(ONGOING) | FINAL == set(Status)
    assert not set(ONGOING) & FINAL
    assert ONGOING == (Status.INTAKE, Status.ACTIVE)


def test_each_final_status_is_delivered_as_its_own_outcome() -> None:
    assert sorted(OUTCOME_OF.values()) == sorted(OUTCOMES.codes)
    assert {OUTCOME_OF[s] for s in TO_WORK} == TRANSITION_OUTCOMES


def test_only_ongoing_trajectories_can_end() -> None:
    # Every final status is reached from an ongoing one; none goes back to intake.
    for final in FINAL:
        assert any(final in TRANSITIONS[s] for s in ONGOING)
        assert Status.INTAKE not in TRANSITIONS[final]
