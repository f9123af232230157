"""The pages take "today" from one clock, the date in Amsterdam: half an hour after midnight
there, a UTC server's own date is still yesterday (issue 12, "One way in")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.live.conftest import World
from werkbrug import clock
from werkbrug.vacancies.models import Vacancy

# 00:30 on 2 March in Amsterdam.
LATE_UTC = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)


@pytest.fixture
def after_midnight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_utc_now", lambda: LATE_UTC)


@pytest.mark.usefixtures("after_midnight")
def test_the_intake_form_proposes_the_amsterdam_date(world: World) -> None:
    page = world.client("mediator").get(reverse("people:intake"))
    assert 'value="2026-03-02"' in page.text


@pytest.mark.usefixtures("after_midnight")
def test_the_status_form_proposes_the_amsterdam_date(world: World) -> None:
    page = world.client("mediator").get(reverse("trajectories:move", kwargs={"pk": world.alice.pk}))
    assert 'value="2026-03-02"' in page.text


@pytest.mark.usefixtures("after_midnight")
def test_a_new_vacancy_without_open_date_opens_on_the_amsterdam_date(world: World) -> None:
    response = world.client("coordinator").post(
        reverse("vacancies:create"),
        {"employer": str(world.employer.pk), "title": "Drukker", "positions": "1"},
    )
    assert response.status_code == 302
    assert Vacancy.objects.get(title="Drukker").open_date == dt.date(2026, 3, 2)
