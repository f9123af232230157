"""What a mediator and a coordinator see of the scores (issue 15): the confidence next to the
score, "skills not recorded" instead of every skill of the vacancy, a described participant
above a nearly empty profile, and a fairness monitor that counts only what a mediator asked
for for that participant."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.live.conftest import World
from werkbrug.matches.models import Profile, Suggestion
from werkbrug.matches.services import fairness_for
from werkbrug.matching import MatchConfig
from werkbrug.projects.models import Project
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.services import employer_create, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues


@pytest.fixture
def finishing(world: World) -> Vacancy:
    """A print-finishing job near Amersfoort that asks two skills."""
    world.alice.occupation, world.alice.postcode, world.alice.education = "7322", "3811", "mbo2"
    world.alice.save()
    world.bob.postcode = "3821"  # nothing else known about Bob
    world.bob.save()
    employer = employer_create(
        actor=world.users["coordinator"],
        values=EmployerValues(
            name="Binderij Eemland", sector="C", postcode="3821", project=world.own
        ),
    )
    return vacancy_create(
        actor=world.users["coordinator"],
        employer=employer,
        values=VacancyValues(
            title="Medewerker afwerking",
            occupation="7323",
            min_education="vmbo",
            hours=Decimal(36),
            contract="permanent",
            skills="snijmachine bedienen|vouwmachine bedienen",
        ),
    )


def _suggested(projects: Any) -> int:
    report = fairness_for(projects=projects)
    return sum(row["suggested"] for row in report["by"]["gender"]["groups"].values())


@pytest.mark.usefixtures("finishing")
def test_browsing_does_not_move_the_suggested_rate(world: World, finishing: Vacancy) -> None:
    projects = Project.objects.filter(pk=world.own.pk)
    candidates = reverse("matches:vacancy", kwargs={"pk": finishing.pk})
    suggestions = reverse("matches:participant", kwargs={"pk": world.alice.pk})
    for role in ("coordinator", "mediator", "admin"):
        assert world.client(role).get(candidates).status_code == 200
    # a coordinator (or an administrator) looking at a participant's suggestions is browsing
    for role in ("coordinator", "admin"):
        assert world.client(role).get(suggestions).status_code == 200
    assert Suggestion.objects.exists()  # what was shown is still kept, with its scores
    assert _suggested(projects) == 0

    # the mediator asks for Alice's suggestions: now she has been suggested a vacancy
    assert world.client("mediator").get(suggestions).status_code == 200
    assert _suggested(projects) == 1
    asked = Suggestion.objects.get(participant=world.alice, vacancy=finishing)
    assert asked.requested_by == world.users["mediator"]
    assert asked.requested_at is not None
    # asking again changes nothing
    world.client("mediator").get(suggestions)
    assert _suggested(projects) == 1


def test_the_score_is_shown_with_its_confidence(world: World, finishing: Vacancy) -> None:
    page = world.client("mediator").get(
        reverse("matches:participant", kwargs={"pk": world.alice.pk})
    )
    assert page.status_code == 200
    shown = Suggestion.objects.get(participant=world.alice, vacancy=finishing)
    percent = round(100 * shown.snapshot["confidence"])
    assert 0 < percent < 100  # Alice's hours and wishes are not known
    assert f"confidence {percent}%" in page.text
    dutch = Client(headers={"Accept-Language": "nl"})
    dutch.force_login(world.users["mediator"])
    text = dutch.get(reverse("matches:participant", kwargs={"pk": world.alice.pk})).text
    assert f"zekerheid {percent}%" in text


def test_skills_not_recorded_instead_of_every_skill_missing(
    world: World, finishing: Vacancy
) -> None:
    url = reverse("matches:participant", kwargs={"pk": world.alice.pk})
    page = world.client("mediator").get(url).text
    assert "skills not recorded" in page
    assert "Skills still missing" not in page
    Profile.objects.create(participant=world.alice, skills="snijmachine bedienen")
    page = world.client("mediator").get(url).text
    assert "skills not recorded" not in page
    assert "Skills still missing:</strong> vouwmachine bedienen" in page
    assert finishing.title in page


@pytest.mark.usefixtures("finishing")
def test_a_described_participant_ranks_above_a_nearly_empty_profile(
    world: World, finishing: Vacancy
) -> None:
    Profile.objects.create(
        participant=world.alice,
        skills="offset drukken",
        hours_wanted=Decimal(20),
        contract_wishes="permanent",
        wanted_sectors="H",
    )
    page = world.client("coordinator").get(reverse("matches:vacancy", kwargs={"pk": finishing.pk}))
    assert page.status_code == 200
    assert page.text.index("Alice Aalders") < page.text.index("Bob Bakker")


def test_the_stored_configuration_version_follows_the_scoring(
    world: World, finishing: Vacancy, run: Any
) -> None:
    world.client("mediator").get(reverse("matches:participant", kwargs={"pk": world.alice.pk}))
    shown = Suggestion.objects.get(participant=world.alice, vacancy=finishing)
    assert shown.config_version == MatchConfig().stamp
    assert shown.config_version != "1"  # the version of the half-marks scoring
    result = run("match", "suggest", "--participant", world.alice.key, "--top", "1")
    assert result.code == 0, result.err
    best = json.loads(result.out)[0]
    assert best["config_version"] == MatchConfig().stamp
    assert best["skills_recorded"] is False
    assert 0 < best["confidence"] < 1


def test_the_gdpr_export_says_when_a_mediator_asked_for_a_suggestion(
    world: World, finishing: Vacancy
) -> None:
    world.client("coordinator").get(reverse("matches:vacancy", kwargs={"pk": finishing.pk}))
    export = reverse("people:export", kwargs={"pk": world.alice.pk})
    [shown] = json.loads(world.client("mediator").post(export).content)["suggestions"]
    assert shown["asked_for_at"] is None  # shown to a coordinator browsing, not asked for
    world.client("mediator").get(reverse("matches:participant", kwargs={"pk": world.alice.pk}))
    [asked] = json.loads(world.client("mediator").post(export).content)["suggestions"]
    assert asked["asked_for_at"] is not None
