"""Matching on the live data: suggestions on the participant and vacancy pages, decisions
stored with a snapshot, the allocation and fairness pages, `werkbrug match` without a
delivery, and `werkbrug taxonomy load-esco`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from tests.live.conftest import World
from tests.matching.test_similarity_esco import _esco_folder
from werkbrug.audit.models import AuditEvent
from werkbrug.audit.selectors import events_about, opened
from werkbrug.matches.models import EscoOccupation, EscoRelation, Profile, Suggestion
from werkbrug.vacancies.models import Employer, Vacancy
from werkbrug.vacancies.services import employer_create, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues


@pytest.fixture
def vacancies(world: World) -> list[Vacancy]:
    """Two vacancies in other sectors than the printing works, one far away."""
    world.alice.occupation, world.alice.postcode, world.alice.education = "7322", "3811", "mbo2"
    world.alice.save()
    logistics = employer_create(
        actor=world.users["coordinator"],
        values=EmployerValues(
            name="Logistiek Eemland", sector="H", postcode="3821", project=world.own
        ),
    )
    far: Employer = employer_create(
        actor=world.users["coordinator"],
        values=EmployerValues(
            name="Haven Rotterdam", sector="H", postcode="3011", project=world.own
        ),
    )
    values = {"occupation": "7323", "min_education": "vmbo", "hours": Decimal(36)}
    return [
        vacancy_create(
            actor=world.users["coordinator"],
            employer=logistics,
            values=VacancyValues(**{"title": "Medewerker afwerking", **values}),
        ),
        vacancy_create(
            actor=world.users["coordinator"],
            employer=far,
            values=VacancyValues(**{"title": "Operator", **values, "occupation": "8143"}),
        ),
    ]


def _suggestions(world: World, role: str) -> str:
    url = reverse("matches:participant", kwargs={"pk": world.alice.pk})
    response = world.client(role).get(url)
    assert response.status_code == 200
    return response.text


def test_a_mediator_sees_explained_suggestions_and_they_are_recorded(
    world: World, vacancies: list[Vacancy]
) -> None:
    page = _suggestions(world, "mediator")
    assert "Medewerker afwerking" in page
    assert "How the score is made up" in page
    shown = Suggestion.objects.filter(participant=world.alice)
    assert shown.count() >= 1
    first = shown.get(vacancy=vacancies[0])
    assert first.config_version
    assert (
        abs(sum(c["contribution"] for c in first.snapshot["components"].values()) - first.score)
        < 1e-9
    )


@pytest.mark.usefixtures("vacancies")
def test_the_participant_page_loads_suggestions_when_asked_with_htmx_and_links_without(
    world: World,
) -> None:
    from werkbrug.matches.models import Suggestion

    page = world.client("mediator").get(reverse("people:detail", kwargs={"pk": world.alice.pk}))
    url = reverse("matches:participant", kwargs={"pk": world.alice.pk})
    assert f'hx-get="{url}"' in page.text
    assert f'href="{url}"' in page.text
    assert 'hx-trigger="load"' not in page.text  # computed when the mediator asks, not per view
    assert not Suggestion.objects.exists()  # so nothing is recorded as shown yet
    partial = world.client("mediator").get(
        url, headers={"HX-Request": "true", "HX-Target": "suggestions"}
    )
    assert "<html" not in partial.text
    assert "Medewerker afwerking" in partial.text


@pytest.mark.parametrize(
    ("role", "status"), [("employer", 403), ("funder", 404), ("outsider", 404)]
)
@pytest.mark.usefixtures("vacancies")
def test_suggestions_are_for_the_people_who_work_the_trajectory(
    world: World, role: str, status: int
) -> None:
    url = reverse("matches:participant", kwargs={"pk": world.alice.pk})
    assert world.client(role).get(url).status_code == status


def test_a_rejection_needs_a_reason_and_a_decision_keeps_the_scores(
    world: World, vacancies: list[Vacancy]
) -> None:
    vacancy = vacancies[0]
    url = reverse("matches:decide", kwargs={"pk": world.alice.pk, "vacancy_pk": vacancy.pk})
    client = world.client("mediator")
    client.post(url, {f"v{vacancy.pk}-decision": "rejected", f"v{vacancy.pk}-reason": ""})
    assert not Suggestion.objects.filter(participant=world.alice, decision="rejected").exists()
    client.post(url, {f"v{vacancy.pk}-decision": "accepted", f"v{vacancy.pk}-reason": "likes it"})
    decided = Suggestion.objects.get(participant=world.alice, vacancy=vacancy)
    assert decided.decision == "accepted"
    assert decided.decided_by == world.users["mediator"]
    assert decided.decided_snapshot is not None
    assert decided.decided_snapshot["config_version"] == decided.config_version
    assert events_about(world.alice).filter(object_type="matches.suggestion").exists()


@pytest.mark.usefixtures("vacancies")
def test_the_matching_profile_changes_the_suggestions(world: World) -> None:
    url = reverse("matches:profile", kwargs={"pk": world.alice.pk})
    response = world.client("mediator").post(url, {"no_go_sectors": "H", "max_distance_km": "30"})
    assert response.status_code == 302
    assert Profile.objects.get(participant=world.alice).no_go_sectors == "H"
    page = _suggestions(world, "mediator")
    assert "Medewerker afwerking" not in page  # sector H is ruled out now


def test_saving_the_matching_profile_is_audited_with_who_whom_and_what_changed(
    world: World,
) -> None:
    url = reverse("matches:profile", kwargs={"pk": world.alice.pk})
    client = world.client("mediator")
    first = client.post(url, {"other_skills": "heftruck\nEHBO", "max_distance_km": "30"})
    assert first.status_code == 302
    created = events_about(world.alice).get(object_type="matches.profile")
    assert created.action == "create"
    assert created.actor == world.users["mediator"]
    assert opened(created) == {"max_distance_km": [None, 30], "skills": ["", "heftruck|EHBO"]}

    client.post(
        url, {"other_skills": "heftruck\nEHBO", "max_distance_km": "45", "hours_wanted": "32"}
    )
    changed = events_about(world.alice).get(object_type="matches.profile", action="change")
    assert opened(changed) == {"hours_wanted": [None, "32"], "max_distance_km": [30, 45]}

    # Saving without a change is no event; the log records changes, not visits.
    client.post(
        url, {"other_skills": "heftruck\nEHBO", "max_distance_km": "45", "hours_wanted": "32"}
    )
    assert AuditEvent.objects.filter(object_type="matches.profile").count() == 2
    # And the audit page shows the event for that participant.
    page = world.client("admin").get("/audit/", {"participant": world.alice.key})
    assert page.status_code == 200
    assert "matching profile" in page.text
    assert "Maximum distance (km): 30 → 45" in page.text  # labels, not names in the code


def test_the_vacancy_page_lists_candidates_from_the_users_own_reach(
    world: World, vacancies: list[Vacancy]
) -> None:
    url = reverse("matches:vacancy", kwargs={"pk": vacancies[0].pk})
    page = world.client("mediator").get(url)
    assert page.status_code == 200
    assert "Alice Aalders" in page.text
    assert "Bob Bakker" not in page.text  # another mediator's caseload
    assert world.client("employer").get(url).status_code == 403


@pytest.mark.usefixtures("vacancies")
def test_a_coordinator_allocates_the_pool_and_sees_the_total(world: World) -> None:
    url = reverse("matches:allocation")
    page = world.client("coordinator").get(
        url, {"project": world.own.pk, "min_score": "10", "method": "optimal"}
    )
    assert page.status_code == 200
    assert "Total score" in page.text
    assert "Minimum score (%)" in page.text  # a score is a percentage on every page
    assert world.client("mediator").get(url).status_code == 403
    bad = world.client("coordinator").get(url, {"project": world.own.pk, "min_score": "101"})
    assert bad.status_code == 400


@pytest.mark.usefixtures("vacancies")
def test_the_fairness_monitor_is_for_coordinators(world: World) -> None:
    _suggestions(world, "mediator")
    page = world.client("coordinator").get(reverse("matches:fairness"))
    assert page.status_code == 200
    assert "By gender" in page.text
    assert "By age band" in page.text
    assert world.client("mediator").get(reverse("matches:fairness")).status_code == 403
    other = world.client("coordinator").get(
        reverse("matches:fairness"), {"project": world.other.pk}
    )
    assert other.status_code == 403


def test_werkbrug_match_runs_on_the_live_data(world: World, vacancies: list[Vacancy], run) -> None:  # type: ignore[no-untyped-def]
    result = run("match", "suggest", "--participant", world.alice.key, "--top", "5")
    assert result.code == 0
    suggestions = json.loads(result.out)
    assert suggestions[0]["participant"] == world.alice.key
    assert suggestions[0]["vacancy"] == vacancies[0].key
    assert set(suggestions[0]) >= {
        "participant",
        "vacancy",
        "score",
        "components",
        "missing_skills",
    }
    allocation = json.loads(run("match", "assign", "--project", "own", "--min-score", "0.1").out)
    assert allocation["method"] == "optimal"
    unknown = run("match", "assign", "--project", "nope")
    assert unknown.code == 2
    assert "no project with code 'nope'" in unknown.err


@pytest.mark.usefixtures("db")
def test_werkbrug_taxonomy_load_esco(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = _esco_folder(tmp_path / "esco")
    result = run("taxonomy", "load-esco", str(folder))
    assert result.code == 0
    assert "3 occupations" in result.out
    assert EscoOccupation.objects.get(isco_group="7126").label_en == "plumber"
    assert EscoRelation.objects.filter(essential=True).exists()
    # Loading again replaces, never duplicates.
    assert run("taxonomy", "load-esco", str(folder)).code == 0
    assert EscoOccupation.objects.count() == 3


@pytest.mark.usefixtures("db")
def test_a_broken_esco_download_loads_nothing(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = _esco_folder(tmp_path / "esco")
    (folder / "occupationSkillRelations_nl.csv").write_text("occupationUri,skillUri\nx,y\n")
    for other in folder.glob("occupationSkillRelations_*.csv"):
        if other.name != "occupationSkillRelations_nl.csv":
            other.unlink()
    result = run("taxonomy", "load-esco", str(folder))
    assert result.code == 2
    assert "occupationSkillRelations" in result.err
    assert EscoOccupation.objects.count() == 0
    assert run("taxonomy", "load-esco", str(tmp_path / "missing")).code == 2
