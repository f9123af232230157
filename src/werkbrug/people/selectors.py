"""Reads of participants for the pages: the caseload and one participant's timeline.

Every read starts from :func:`werkbrug.access.participants_visible`, so a page can only show
what its user may see; an id outside it answers 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkbrug import access, formats
from werkbrug.accounts.models import User
from werkbrug.people.models import Consent, Participant
from werkbrug.trajectories.flows import ONGOING
from werkbrug.trajectories.models import FollowUp, Status


@dataclass(frozen=True)
class CaseloadFilters:
    status: str = ""  # a Status value, "ongoing" (intake or active), or "" for all
    contact_days: int | None = None  # no contact for at least this many days
    follow_ups_due: bool = False
    mediator: int | None = None  # a user id; coordinators look at one mediator's caseload
    project: int | None = None
    search: str = ""  # name, key or e-mail; kept in the session, never in the URL


def caseload(user: User, filters: CaseloadFilters, *, today: dt.date) -> QuerySet[Participant]:
    """The participants on the user's list, in the caseload's order. Page it on the ids, then
    read the page with :func:`caseload_rows`: a project of thousands is then sorted on the
    narrow columns the order needs, not joined in full for 25 rows (bench/README.md)."""
    rows = access.participants_visible(user)
    if access.Can.VIEW_RECORD not in access.participants_allow(user):
        return _names_and_statuses(rows, filters)
    if filters.status == "ongoing":
        rows = rows.filter(trajectory__status__in=ONGOING)
    elif filters.status:
        rows = rows.filter(trajectory__status=filters.status)
    if filters.contact_days is not None:
        cutoff = today - dt.timedelta(days=filters.contact_days)
        rows = rows.filter(
            Q(trajectory__last_contact_on__lte=cutoff) | Q(trajectory__last_contact_on=None)
        )
    if filters.follow_ups_due:
        rows = rows.filter(trajectory__next_follow_up_on__lte=today)
    if filters.mediator is not None:
        rows = rows.filter(trajectory__mediator_id=filters.mediator)
    if filters.project is not None:
        rows = rows.filter(project_id=filters.project)
    if filters.search:
        rows = rows.filter(_search(filters.search))
    # Who needs attention first: overdue follow-up checks, the longest overdue on top
    # (trajectories.panels.OVERDUE: due before today); then ongoing trajectories and checks
    # due today, each longest without contact first; finished trajectories after them.
    overdue = Q(trajectory__next_follow_up_on__lt=today)
    attention = Case(
        When(overdue, then=Value(0)),
        When(trajectory__status__in=ONGOING, then=Value(1)),
        When(trajectory__next_follow_up_on=today, then=Value(1)),
        default=Value(2),
    )
    overdue_since = Case(When(overdue, then=F("trajectory__next_follow_up_on")), default=None)
    return rows.order_by(
        attention,
        overdue_since.asc(nulls_last=True),
        F("trajectory__last_contact_on").asc(nulls_first=True),
        "key",
    )


def _names_and_statuses(
    rows: QuerySet[Participant], filters: CaseloadFilters
) -> QuerySet[Participant]:
    """The list of a user who sees only names and statuses (the employer). Only the status
    filter and a search by name apply, and the order is by name: every other filter, the
    key or e-mail in the search, and the caseload's order by last contact would each tell
    what the list does not show (docs/roles.md)."""
    if filters.status == "ongoing":
        rows = rows.filter(trajectory__status__in=ONGOING)
    elif filters.status:
        rows = rows.filter(trajectory__status=filters.status)
    for word in filters.search.split():
        rows = rows.filter(
            Q(contact__family_name__icontains=word) | Q(contact__given_name__icontains=word)
        )
    return rows.order_by("contact__family_name", "contact__given_name", "key")


CASELOAD_COLUMNS = (
    "pk",
    "key",
    "intake_date",
    "contact__given_name",
    "contact__family_name",
    "trajectory__status",
    "trajectory__last_contact_on",
    "trajectory__next_follow_up_on",
    "trajectory__mediator__username",
)


def caseload_rows(ids: list[int]) -> list[dict[str, Any]]:
    """The columns one caseload page shows (:data:`CASELOAD_COLUMNS`), in the order of
    ``ids``. The ids come from :func:`caseload`, so they are already within what the user
    may see. Plain values, not model instances: building four models per row cost more
    than the query (bench/README.md)."""
    found = {
        row["pk"]: row
        for row in Participant.objects.filter(pk__in=ids).order_by().values(*CASELOAD_COLUMNS)
    }
    # A participant erased between the two queries is left out rather than failing the page.
    return [found[pk] for pk in ids if pk in found]


def _search(text: str) -> Q:
    query = Q(key__iexact=text.strip())
    for word in text.split():
        query |= (
            Q(contact__family_name__icontains=word)
            | Q(contact__given_name__icontains=word)
            | Q(contact__email__iexact=word)
        )
    return query


def follow_ups_due_count(user: User, *, today: dt.date) -> int:
    return (
        access.participants_visible(user).filter(trajectory__next_follow_up_on__lte=today).count()
    )


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str  # status, activity, follow_up, consent, outcome
    title: str
    detail: str = ""
    by: str = ""


def participant_timeline(
    participant: Participant,
    *,
    follow_ups: Iterable[FollowUp] | None = None,
    consents: Iterable[Consent] | None = None,
) -> list[TimelineEntry]:
    """Everything that happened, newest first. A page that has already read the follow-ups
    and consents passes them, so they are not read twice."""
    trajectory = participant.trajectory
    if follow_ups is None:
        follow_ups = trajectory.follow_ups.all()
    if consents is None:
        consents = participant.consents.all()
    entries: list[TimelineEntry] = []
    for change in trajectory.history.select_related("changed_by"):
        entries.append(
            TimelineEntry(
                on=change.on,
                kind="status",
                title=_("Status: %(status)s") % {"status": Status(change.to_status).label},
                detail=change.note,
                by=change.changed_by.get_username() if change.changed_by else "",
            )
        )
    for activity in trajectory.activities.select_related("created_by"):
        extra = [activity.provider] if activity.provider else []
        if activity.end_date:
            extra.append(_("until %(date)s") % {"date": date_format(activity.end_date)})
        if activity.cost_eur is not None:
            extra.append(formats.euro(activity.cost_eur, formats.lang_of(get_language())))
        entries.append(
            TimelineEntry(
                on=activity.start_date,
                kind="activity",
                title=activity.get_kind_display(),
                detail=" · ".join([*extra, activity.note] if activity.note else extra),
                by=activity.created_by.get_username() if activity.created_by else "",
            )
        )
    for check in follow_ups:
        if check.checked_on is None:
            continue
        entries.append(
            TimelineEntry(
                on=check.checked_on,
                kind="follow_up",
                title=_("Follow-up after %(months)s months: %(answer)s")
                % {
                    "months": check.months,
                    "answer": _("still in work") if check.in_work else _("no longer in work"),
                },
                detail=check.note,
            )
        )
    for consent in consents:
        entries.append(
            TimelineEntry(
                on=consent.given_on,
                kind="consent",
                title=_("Consent given: %(purpose)s") % {"purpose": consent.get_purpose_display()},
            )
        )
        if consent.withdrawn_on:
            entries.append(
                TimelineEntry(
                    on=consent.withdrawn_on,
                    kind="consent",
                    title=_("Consent withdrawn: %(purpose)s")
                    % {"purpose": consent.get_purpose_display()},
                )
            )
    kinds = {"status": 0, "activity": 1, "follow_up": 2, "consent": 3}
    return sorted(entries, key=lambda e: (e.on, -kinds[e.kind]), reverse=True)


def consents_active(participant: Participant) -> QuerySet[Consent]:
    return participant.consents.filter(withdrawn_on__isnull=True)


def participants_named(user: User, text: str) -> QuerySet[Participant]:
    """The participants the user may see whose name, e-mail address or key matches ``text``
    (the caseload's search), for the API's search by name in a request body."""
    return (
        access.participants_visible(user)
        .filter(_search(text))
        .select_related("contact")
        .distinct()
        .order_by("key")
    )
