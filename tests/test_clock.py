"""One "today" for all of werkbrug: the date in Europe/Amsterdam, whatever the server's zone."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkbrug import clock

# 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam (CET, UTC+1).
LATE_UTC = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)


def test_after_midnight_in_amsterdam_it_is_the_next_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_utc_now", lambda: LATE_UTC)
    assert clock.today() == dt.date(2026, 3, 2)


def test_summer_time_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    # 22:30 UTC on 30 June is 00:30 on 1 July in Amsterdam (CEST, UTC+2).
    monkeypatch.setattr(clock, "_utc_now", lambda: dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC))
    assert clock.today() == dt.date(2026, 7, 1)


@given(st.datetimes(timezones=st.just(dt.UTC)))
def test_today_is_the_amsterdam_date_of_the_moment(moment: dt.datetime) -> None:
    assert clock.date_of(moment) == moment.astimezone(clock.AMSTERDAM).date()
    assert moment.date() <= clock.date_of(moment) <= moment.date() + dt.timedelta(days=1)


def test_the_django_setting_names_the_same_zone() -> None:
    from django.conf import settings

    assert clock.AMSTERDAM.key == settings.TIME_ZONE
