"""The one "today" of werkbrug: the date in Europe/Amsterdam.

Every programme werkbrug serves is Dutch, so a day starts at midnight in Amsterdam, whatever
zone the server runs in. ``datetime.date.today()`` reads the process's zone and Django's
``timezone.localdate()`` the active one: on a UTC server the two differ for an hour or two
after midnight, and an intake, an activity or a vacancy would be dated yesterday. Pure Python
(no Django), so the CLI, the demo and the benchmarks use it too; ``settings.TIME_ZONE`` names
the same zone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _utc_now() -> dt.datetime:
    # The one place that reads the system clock (tests replace it to travel in time).
    return dt.datetime.now(dt.UTC)


def date_of(moment: dt.datetime) -> dt.date:
    """The date in Amsterdam at ``moment`` (an aware datetime)."""
    return moment.astimezone(AMSTERDAM).date()


def today() -> dt.date:
    """Today's date in Amsterdam."""
    return date_of(_utc_now())
