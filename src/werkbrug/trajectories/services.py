"""Writes for trajectories: status changes through the one transition table, activities,
placements and their follow-ups. Each runs in one transaction and writes the audit log. What
the GDPR export gives and erasure removes of a trajectory: trajectories/personal_data.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbrug import clock
from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.deliveries.rows import live_check
from werkbrug.indicators.retention import add_months
from werkbrug.people.models import Participant
from werkbrug.taxonomy import is_isco_unit_group
from werkbrug.trajectories.flows import (
    DETAILS_APPLY,
    FINAL,
    OUTCOME_OF,
    TO_WORK,
    can_move,
    details_missing,
)
from werkbrug.trajectories.models import (
    FOLLOW_UP_MONTHS,
    Activity,
    FollowUp,
    Outcome,
    Status,
    StatusChange,
    Trajectory,
)
from werkbrug.vacancies.models import Employer


@dataclass(frozen=True)
class Placement:
    """Details of the new job. Which apply to a move, and which it requires, is decided by
    the transition table (flows.DETAILS_APPLY, flows.DETAILS_REQUIRED)."""

    employer: Employer | None = None
    employer_name: str = ""
    contract: str = ""
    hours: Decimal | None = None
    sector: str = ""
    occupation: str = ""
    benefit_days: int | None = None


def _touch_contact(trajectory: Trajectory, on: dt.date) -> None:
    if trajectory.last_contact_on is None or on > trajectory.last_contact_on:
        trajectory.last_contact_on = on


def _refresh_next_follow_up(trajectory: Trajectory) -> None:
    trajectory.next_follow_up_on = trajectory.follow_ups.filter(checked_on__isnull=True).aggregate(
        due=Min("due_on")
    )["due"]


@transaction.atomic
def trajectory_open(*, actor: User, participant: Participant, mediator: User | None) -> Trajectory:
    trajectory = Trajectory.objects.create(
        participant=participant,
        status=Status.INTAKE,
        mediator=mediator,
        started_on=participant.intake_date,
        last_contact_on=participant.intake_date,
    )
    StatusChange.objects.create(
        trajectory=trajectory,
        from_status="",
        to_status=Status.INTAKE,
        on=participant.intake_date,
        changed_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=trajectory,
        participant=participant,
        changes={"status": [None, Status.INTAKE.value]},
    )
    return trajectory


@transaction.atomic
def trajectory_assign(*, actor: User, trajectory: Trajectory, mediator: User | None) -> Trajectory:
    if (
        mediator is not None
        and not trajectory.participant.project.staff.filter(pk=mediator.pk).exists()
    ):
        raise ValidationError(
            {"mediator": _("This mediator does not work in the participant's project.")}
        )
    old = trajectory.mediator.get_username() if trajectory.mediator else None
    trajectory.mediator = mediator
    trajectory.save(update_fields=["mediator"])
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=trajectory,
        participant=trajectory.participant,
        changes={"mediator": [old, mediator.get_username() if mediator else None]},
    )
    return trajectory


def _check_move(trajectory: Trajectory, target: Status, on: dt.date) -> None:
    current = Status(trajectory.status)
    if not can_move(current, target):
        raise ValidationError(
            {
                "status": _("A trajectory cannot go from “%(from)s” to “%(to)s”.")
                % {"from": current.label, "to": target.label}
            }
        )
    if on < trajectory.participant.intake_date:
        raise ValidationError({"on": _("The date lies before the intake.")})


# Why a required detail is missing, named by the form field that holds it.
_MISSING = {
    "employer": gettext_lazy(
        "A placement in work needs the employer: choose one from the list or type its name."
    ),
    "contract": gettext_lazy("A placement in work needs the kind of contract."),
    "hours": gettext_lazy("A placement in work needs the weekly hours."),
    "occupation": gettext_lazy(
        "A placement in work needs the occupation: choose it from the ISCO-08 list."
    ),
}


def _details_checked(target: Status, job: Placement) -> Placement:
    """The placement with only the details that apply to the move; a ValidationError naming
    every required detail that is missing (flows.DETAILS_REQUIRED)."""
    applies = DETAILS_APPLY.get(target, ())
    kept = Placement(
        employer=job.employer if "employer" in applies else None,
        employer_name=job.employer_name.strip() if "employer" in applies else "",
        contract=job.contract if "contract" in applies else "",
        hours=job.hours if "hours" in applies else None,
        sector=job.sector if applies else "",
        occupation=job.occupation.strip() if "occupation" in applies else "",
        benefit_days=job.benefit_days,
    )
    given = {
        "employer": kept.employer is not None or bool(kept.employer_name),
        "contract": bool(kept.contract),
        "hours": kept.hours is not None and kept.hours > 0,
        "occupation": is_isco_unit_group(kept.occupation),
    }
    missing = details_missing(target, given)
    if missing:
        raise ValidationError({detail: str(_MISSING[detail]) for detail in missing})
    return kept


def _outcome(trajectory: Trajectory, target: Status, on: dt.date, job: Placement) -> Outcome:
    """The outcome a move to a final status records, checked and not yet saved."""
    outcome = Outcome.objects.filter(trajectory=trajectory).first() or Outcome(
        trajectory=trajectory
    )
    outcome.outcome = OUTCOME_OF[target]
    outcome.date = on
    outcome.contract = job.contract
    outcome.hours = job.hours
    outcome.employer = job.employer
    outcome.employer_name = job.employer_name or (job.employer.name if job.employer else "")
    outcome.sector = job.sector or (job.employer.sector if job.employer else "")
    outcome.occupation = job.occupation
    outcome.benefit_days = job.benefit_days
    live_check(outcome)
    return outcome


def _schedule_follow_ups(trajectory: Trajectory, placed_on: dt.date) -> None:
    trajectory.follow_ups.filter(checked_on__isnull=True).delete()
    done = set(trajectory.follow_ups.values_list("months", flat=True))
    FollowUp.objects.bulk_create(
        FollowUp(trajectory=trajectory, months=m, due_on=add_months(placed_on, m))
        for m in FOLLOW_UP_MONTHS
        if m not in done
    )


@transaction.atomic
def trajectory_move(
    *,
    actor: User,
    trajectory: Trajectory,
    to: Status,
    on: dt.date,
    note: str = "",
    placement: Placement | None = None,
) -> Trajectory:
    """Change the status through the transition table; a final status records the outcome
    (and for a transition to work the follow-ups at 3, 6 and 12 months); going back to
    active removes the outcome and the follow-ups not yet done."""
    _check_move(trajectory, to, on)
    # Checked before anything is written: the outcome obeys the rules of outcomes.csv.
    job = _details_checked(to, placement or Placement())
    outcome = _outcome(trajectory, to, on, job) if to in FINAL else None
    before = Status(trajectory.status)
    StatusChange.objects.create(
        trajectory=trajectory, from_status=before, to_status=to, on=on, changed_by=actor, note=note
    )
    trajectory.status = to
    if outcome is not None:
        outcome.save()
    else:
        Outcome.objects.filter(trajectory=trajectory).delete()
    if to in TO_WORK:
        _schedule_follow_ups(trajectory, on)
    else:
        trajectory.follow_ups.filter(checked_on__isnull=True).delete()
    _refresh_next_follow_up(trajectory)
    _touch_contact(trajectory, on)
    trajectory.save()
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=trajectory,
        participant=trajectory.participant,
        changes={"status": [before.value, to.value], "on": [None, on.isoformat()]},
    )
    return trajectory


@transaction.atomic
def activity_add(
    *,
    actor: User,
    trajectory: Trajectory,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    provider: str = "",
    cost_eur: Decimal | None = None,
    note: str = "",
) -> Activity:
    if start_date < trajectory.participant.intake_date:
        raise ValidationError({"start_date": _("The activity cannot start before the intake.")})
    activity = Activity(
        trajectory=trajectory,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        provider=provider,
        cost_eur=cost_eur,
        note=note,
        created_by=actor,
    )
    activity.full_clean()
    activity.save()
    if start_date <= clock.today():
        _touch_contact(trajectory, start_date)
        trajectory.save(update_fields=["last_contact_on"])
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=activity,
        participant=trajectory.participant,
        changes={"kind": [None, kind], "start_date": [None, start_date.isoformat()]},
    )
    return activity


@transaction.atomic
def follow_up_record(
    *, actor: User, follow_up: FollowUp, checked_on: dt.date, in_work: bool, note: str = ""
) -> FollowUp:
    trajectory = follow_up.trajectory
    placed = Outcome.objects.filter(trajectory=trajectory).values_list("date", flat=True).first()
    if placed is not None and checked_on < placed:
        raise ValidationError({"checked_on": _("The check cannot lie before the placement.")})
    follow_up.checked_on, follow_up.in_work, follow_up.note = checked_on, in_work, note
    follow_up.save()
    _refresh_next_follow_up(trajectory)
    _touch_contact(trajectory, checked_on)
    trajectory.save(update_fields=["next_follow_up_on", "last_contact_on"])
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=follow_up,
        participant=trajectory.participant,
        changes={"in_work": [None, in_work], "checked_on": [None, checked_on.isoformat()]},
    )
    return follow_up
