"""What the trajectories app holds about a participant (werkbrug.personal_data): the
trajectory, its status changes, activities, outcome and follow-ups.

The trajectory's course (statuses, dates, the outcome's kind, contract and hours) is what the
dashboards and a later freeze count, so erasure keeps it; free text, which may name anyone,
and the employer of the outcome (their own firm, for the self-employed) go.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from werkbrug.people.models import Participant
from werkbrug.personal_data import Entry, Erasure, register, rows_of
from werkbrug.trajectories.models import Activity, FollowUp, Outcome, StatusChange, Trajectory

THROUGH = "trajectory__participant"


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal(value: Any) -> str | None:
    return str(value) if value is not None else None


def _export_trajectory(participant: Participant) -> dict[str, Any] | None:
    trajectory = Trajectory.objects.filter(participant=participant).first()
    if trajectory is None:
        return None
    return {
        "status": trajectory.status,
        "started_on": _iso(trajectory.started_on),
        "mediator": trajectory.mediator.get_username() if trajectory.mediator else None,
        "last_contact_on": _iso(trajectory.last_contact_on),
        "next_follow_up_on": _iso(trajectory.next_follow_up_on),
    }


def _export_history(participant: Participant) -> list[dict[str, Any]]:
    return [
        {"from": c.from_status, "to": c.to_status, "on": _iso(c.on), "note": c.note}
        for c in StatusChange.objects.filter(**{THROUGH: participant}).order_by("changed_at", "id")
    ]


def _export_activities(participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "kind": a.kind,
            "start_date": _iso(a.start_date),
            "end_date": _iso(a.end_date),
            "provider": a.provider,
            "cost_eur": _decimal(a.cost_eur),
            "note": a.note,
        }
        for a in Activity.objects.filter(**{THROUGH: participant})
    ]


def _export_outcome(participant: Participant) -> dict[str, Any] | None:
    outcome = Outcome.objects.filter(**{THROUGH: participant}).select_related("employer").first()
    if outcome is None:
        return None
    return {
        "outcome": outcome.outcome,
        "date": _iso(outcome.date),
        "contract": outcome.contract,
        "hours": _decimal(outcome.hours),
        "employer": outcome.employer.name if outcome.employer else outcome.employer_name,
        "sector": outcome.sector,
        "occupation": outcome.occupation,
        "benefit_days": outcome.benefit_days,
    }


def _export_follow_ups(participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "months": f.months,
            "due_on": _iso(f.due_on),
            "checked_on": _iso(f.checked_on),
            "in_work": f.in_work,
            "note": f.note,
        }
        for f in FollowUp.objects.filter(**{THROUGH: participant})
    ]


def _keep(_erasure: Erasure) -> int:
    return 0


def _empty(entry_name: str, **values: Any) -> Any:
    def erase(erasure: Erasure) -> int:
        return rows_of(ENTRIES[entry_name], erasure.participant).update(**values)

    return erase


ENTRIES = {
    "trajectory": register(
        Entry(
            name="trajectory",
            model=Trajectory,
            link="participant",
            fields=("status", "mediator", "started_on", "last_contact_on", "next_follow_up_on"),
            export=_export_trajectory,
            erase=_keep,
            treatment="kept: statuses and dates are what the dashboards count",
        )
    ),
    "status_changes": register(
        Entry(
            name="status_changes",
            model=StatusChange,
            link=THROUGH,
            fields=("note",),
            export=_export_history,
            erase=_empty("status_changes", note=""),
            treatment="notes emptied",
        )
    ),
    "activities": register(
        Entry(
            name="activities",
            model=Activity,
            link=THROUGH,
            fields=("note",),
            export=_export_activities,
            erase=_empty("activities", note=""),
            treatment="notes emptied; kind, dates, provider and cost kept",
        )
    ),
    "outcome": register(
        Entry(
            name="outcome",
            model=Outcome,
            link=THROUGH,
            fields=("employer", "employer_name", "sector", "occupation", "benefit_days"),
            export=_export_outcome,
            erase=_empty(
                "outcome",
                employer=None,
                employer_name="",
                sector="",
                occupation="",
                benefit_days=None,
            ),
            treatment="employer, sector, occupation and benefit days removed; kind, date, "
            "contract and hours kept",
        )
    ),
    "follow_ups": register(
        Entry(
            name="follow_ups",
            model=FollowUp,
            link=THROUGH,
            fields=("note",),
            export=_export_follow_ups,
            erase=_empty("follow_ups", note=""),
            treatment="notes emptied",
        )
    ),
}
