"""The main pages in Dutch and in English: figures in the page's own format (``€ 1.200,00``,
``36,5 uur``, a score as a percentage) and no names from the code or words of the other
language, for the pages a coordinator and an administrator use every day."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.language import leaks, visible_text
from tests.live.conftest import World
from werkbrug.projects.models import Project
from werkbrug.taxonomy import ACTIVITY_KINDS
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import Placement, activity_add, trajectory_move
from werkbrug.vacancies.services import vacancy_create
from werkbrug.vacancies.values import VacancyValues

# What the pages quote from the World as it was entered: names, titles, usernames.
QUOTED = [
    "Alice Aalders", "Alice", "Aalders", "Bob Bakker", "Carol Claassen", "Drukkerij De Pers",
    "Drukkerij Elders", "Project own", "Project other", "Drukker", "own", "other",
]  # fmt: skip


@pytest.fixture
def pages(world: World) -> dict[str, str]:
    coordinator = world.users["coordinator"]
    Project.objects.filter(pk=world.own.pk).update(budget_eur=Decimal(420000))
    vacancy = vacancy_create(
        actor=coordinator,
        employer=world.employer,
        values=VacancyValues(title="Drukker", occupation="7322", hours=Decimal("36.5")),
    )
    trajectory = world.alice.trajectory
    trajectory_move(
        actor=coordinator, trajectory=trajectory, to=Status.ACTIVE, on=dt.date(2026, 3, 2)
    )
    activity_add(
        actor=coordinator,
        trajectory=trajectory,
        kind=ACTIVITY_KINDS.codes[0],
        start_date=dt.date(2026, 3, 3),
        cost_eur=Decimal(1200),
    )
    trajectory_move(
        actor=coordinator,
        trajectory=trajectory,
        to=Status.PLACED,
        on=dt.date(2026, 4, 1),
        placement=Placement(
            employer_name="Drukkerij Elders",
            contract="permanent",
            hours=Decimal(32),
            occupation="7322",
        ),
    )
    return {
        "home": reverse("web:home"),
        "caseload": reverse("people:caseload"),
        "participant": reverse("people:detail", args=[world.alice.pk]),
        "projects": reverse("projects:list"),
        "project": reverse("projects:detail", args=[world.own.pk]),
        "vacancies": reverse("vacancies:list"),
        "vacancy": reverse("vacancies:detail", args=[vacancy.pk]),
        "audit log": reverse("audit:list"),
        "reports": reverse("reports:index"),
        "allocation": reverse("matches:allocation"),
    }


def read(world: World, lang: str, url: str) -> str:
    client = Client(headers={"Accept-Language": lang})
    client.force_login(world.users["admin"])
    response = client.get(url)
    assert response.status_code == 200, url
    # Collapse the layout's white space, but keep the no-break spaces the formats write.
    return re.sub(r"[ \t\r\n]+", " ", visible_text(response.content.decode()))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_main_pages_speak_one_language(world: World, pages: dict[str, str], lang: str) -> None:
    for name, url in pages.items():
        text = read(world, lang, url)
        assert leaks(text, lang, besides=QUOTED) == [], name


def test_figures_follow_the_dutch_conventions(world: World, pages: dict[str, str]) -> None:
    nbsp = "\u00a0"
    assert f"€{nbsp}420.000,00" in read(world, "nl", pages["project"])
    participant = read(world, "nl", pages["participant"])
    assert f"€{nbsp}1.200,00" in participant  # was "€ 1200.00" next to "€ 420.000,00"
    assert f"32{nbsp}uur" in participant
    assert f"36,5{nbsp}uur" in read(world, "nl", pages["vacancy"])
    assert "Status: Actief → Geplaatst op een baan" in read(world, "nl", pages["audit log"])


def test_figures_follow_the_english_conventions(world: World, pages: dict[str, str]) -> None:
    nbsp = "\u00a0"
    assert "€420,000.00" in read(world, "en", pages["project"])
    participant = read(world, "en", pages["participant"])
    assert "€1,200.00" in participant
    assert f"32{nbsp}hours" in participant
    assert f"36.5{nbsp}hours" in read(world, "en", pages["vacancy"])
    assert "Status: Active → Placed in work" in read(world, "en", pages["audit log"])
