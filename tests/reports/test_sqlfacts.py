"""The database computes the same facts as the pure reference implementation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from werkbrug.deliveries.models import Delivery
from werkbrug.indicators import ReportSettings, facts_from_rows
from werkbrug.reports import loaders
from werkbrug.reports.sqlfacts import facts_from_database

pytestmark = pytest.mark.usefixtures("demo_deliveries")


@pytest.mark.parametrize("name", ["eindrapportage", "tussenrapportage"])
@pytest.mark.parametrize(
    "settings",
    [
        ReportSettings(),
        ReportSettings(as_of=dt.date(2011, 6, 1)),
        ReportSettings(as_of=dt.date(2012, 1, 15), fulltime_hours=Decimal("35.5")),
        ReportSettings(as_of=dt.date(2009, 1, 1)),
    ],
)
def test_sql_facts_equal_the_reference_on_the_demo(name: str, settings: ReportSettings) -> None:
    delivery = Delivery.objects.get(name=name)
    projects = loaders.project_infos(delivery)
    reference = facts_from_rows(
        projects,
        loaders.participant_rows(delivery),
        loaders.outcome_rows(delivery),
        settings,
        delivered_on=delivery.delivered_on,
    )
    assert facts_from_database(delivery, projects, settings) == reference
