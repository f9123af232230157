"""What one row of the caseload shows, prepared in Python.

The caseload is the page mediators open most. Formatting its 25 rows here (dates in the
user's locale, the time since the last contact) instead of through template lookups and
filters roughly halves the cost of rendering the table (bench/README.md, "Web app on live
data"); the template only prints these strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timesince import timesince

from werkbrug.people.models import NO_NAME, display_name
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.panels import DUE, OVERDUE, follow_up_state


@dataclass(frozen=True)
class CaseloadRow:
    url: str
    name: str  # the name, or the key when no name is recorded
    key: str
    status: str
    intake: str
    last_contact: str  # "" when there has been none
    since_contact: str
    follow_up: str  # "" when no check is open
    follow_up_due: bool  # due today or overdue
    follow_up_overdue: str  # how long overdue ("5 months"), "" when not overdue
    mediator: str


def _short(day: dt.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def caseload_row(row: dict[str, Any], *, today: dt.date, record: bool = True) -> CaseloadRow:
    """One row from the values of :func:`werkbrug.people.selectors.caseload_rows`. Without
    ``record`` (``Can.VIEW_RECORD``, which the employer lacks) the row holds the name and the
    status only: the other fields stay empty, and a missing name is not replaced by the key."""
    if not record:
        return CaseloadRow(
            url=reverse("people:detail", kwargs={"pk": row["pk"]}),
            name=display_name(
                row["contact__given_name"] or "", row["contact__family_name"] or "", ""
            )
            or str(NO_NAME),
            key="",
            status=str(Status(row["trajectory__status"]).label),
            intake="",
            last_contact="",
            since_contact="",
            follow_up="",
            follow_up_due=False,
            follow_up_overdue="",
            mediator="",
        )
    last = row["trajectory__last_contact_on"]
    next_check = row["trajectory__next_follow_up_on"]
    state = follow_up_state(next_check, None, today)
    return CaseloadRow(
        url=reverse("people:detail", kwargs={"pk": row["pk"]}),
        name=display_name(
            row["contact__given_name"] or "", row["contact__family_name"] or "", row["key"]
        ),
        key=row["key"],
        status=str(Status(row["trajectory__status"]).label),
        intake=_short(row["intake_date"]),
        last_contact=_short(last),
        since_contact=timesince(last, today) if last else "",
        follow_up=_short(next_check),
        follow_up_due=state in (DUE, OVERDUE),
        follow_up_overdue=timesince(next_check, today, depth=1) if state == OVERDUE else "",
        mediator=row["trajectory__mediator__username"] or "",
    )
