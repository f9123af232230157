"""Outcomes that last: lasting placements and retention after 6 and 12 months (pure).

Two indicators over the transitions (placements) of a report:

- **Lasting placement** (VDAB's "duurzame job"): self-employment, a permanent contract, or a
  fixed-term contract of at least :data:`LASTING_MIN_MONTHS` months. Agency work, on-call
  work and other contracts are not lasting. Unknown: a placement without a contract, and a
  fixed-term contract whose length is not recorded (the exchange format
  ``werkbrug-exchange/1`` has no contract length, so from a delivery every fixed-term
  contract is unknown). The share is over the placements whose answer is known.
- **Still in work after m months** (:data:`RETENTION_MONTHS`: the follow-up checks' points
  3, 6 and 12; the headline indicators are 6 and 12): a placement is *due* when its
  m-month point (the placement date plus m months, :func:`add_months`) lies on or before the
  day of the report; it is *checked* when a follow-up check at m months, made on or before
  that day, recorded whether the person is in work. *Unchecked* are the due placements
  without such an answer (no check, a later check, or a check without an answer). The share
  is in work / checked: an unchecked placement counts neither as in work nor as out of work,
  and is reported as a count of its own so the reader sees how much is unknown. Each point
  stands on its own: a check at 12 months says nothing about the 6-month point.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from werkbrug.taxonomy import TRANSITION_OUTCOMES

__all__ = [
    "LASTING_MIN_MONTHS",
    "RETENTION_MONTHS",
    "FollowUpCheck",
    "add_months",
    "lasting",
    "latest_due_placement",
    "retention_day",
    "retention_state",
]

#: The follow-up points the report publishes, in months after the placement; the live
#: follow-up checks are scheduled at the same points (trajectories.models.FOLLOW_UP_MONTHS).
RETENTION_MONTHS: tuple[int, ...] = (3, 6, 12)
#: The shortest fixed-term contract that counts as a lasting placement.
LASTING_MIN_MONTHS = 6

#: The keys of a lasting counter and of a retention counter.
LASTING_KEYS = ("lasting", "not_lasting", "unknown")
RETENTION_KEYS = ("in_work", "left", "unchecked")


@dataclass(frozen=True)
class FollowUpCheck:
    """A follow-up check of a participant's placement ``months`` after it."""

    participant: str
    months: int
    checked_on: dt.date | None
    in_work: bool | None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def lasting(outcome: str, contract: str | None, contract_months: int | None = None) -> str:
    """``lasting``, ``not_lasting`` or ``unknown`` for one transition (see the module notes)."""
    if outcome == "self_employed" or contract == "permanent":
        return "lasting"
    if contract == "fixed_term":
        if contract_months is None:
            return "unknown"
        return "lasting" if contract_months >= LASTING_MIN_MONTHS else "not_lasting"
    if contract in ("agency", "on_call", "other"):
        return "not_lasting"
    return "unknown"


def retention_day(as_of: dt.date | None, delivered_on: dt.date | None) -> dt.date | None:
    """The day the follow-up points are placed against: the as-of date, else the delivery's
    date; ``None`` (neither known) means no point is known to have passed."""
    return as_of if as_of is not None else delivered_on


def latest_due_placement(day: dt.date, months: int) -> dt.date:
    """The latest placement date whose ``months`` point has passed on ``day``.

    ``add_months`` never decreases with its day, so the placements that are due are exactly
    those up to this date (a database can filter on it). At a month's end several days map to
    the same point (31 January + 1 month = 28 February), hence the steps forward.
    """
    month_index = day.month - 1 - months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    candidate = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    while add_months(candidate + dt.timedelta(days=1), months) <= day:
        candidate += dt.timedelta(days=1)
    return candidate


def retention_state(
    placed_on: dt.date, months: int, day: dt.date | None, check: FollowUpCheck | None
) -> str | None:
    """``in_work``, ``left`` or ``unchecked`` for a due placement; ``None`` when not due."""
    if day is None or add_months(placed_on, months) > day:
        return None
    if check is None or check.checked_on is None or check.checked_on > day:
        return "unchecked"
    if check.in_work is None:
        return "unchecked"
    return "in_work" if check.in_work else "left"


def count_lasting(counter: Counter[str], outcome: str, contract: str | None, n: int = 1) -> None:
    """Add ``n`` transitions of this outcome and contract to a lasting counter."""
    if outcome in TRANSITION_OUTCOMES:
        counter[lasting(outcome, contract)] += n
