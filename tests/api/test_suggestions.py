"""Suggestions and decisions through the API: the same matching shell as the participant's
suggestions page, counted for the fairness monitor exactly as the page's asking is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.api.conftest import Api
from tests.live.conftest import World
from werkbrug.audit.models import AuditEvent
from werkbrug.matches.models import Suggestion
from werkbrug.matches.services import fairness_for
from werkbrug.projects.models import Project
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.services import employer_create, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues


@pytest.fixture
def vacancy(world: World) -> Vacancy:
    return vacancy_create(
        actor=world.users["coordinator"],
        employer=world.employer,
        values=VacancyValues(
            title="Orderpicker", occupation="4321", hours=None, open_date=dt.date(2026, 1, 1)
        ),
    )


@pytest.fixture
def far_vacancy(world: World) -> Vacancy:
    """A vacancy of an employer in another project: coordinators of `own` do not see it."""
    employer = employer_create(
        actor=world.users["outsider"],
        values=EmployerValues(name="Elders BV", sector="C", project=world.other),
    )
    return vacancy_create(
        actor=world.users["outsider"],
        employer=employer,
        values=VacancyValues(title="Elders", open_date=dt.date(2026, 1, 1)),
    )


def test_a_mediators_request_gives_explained_suggestions_and_counts_as_suggested(
    world: World, api_as: Callable[..., Api], vacancy: Vacancy
) -> None:
    answer = api_as("mediator").get(f"/participants/{world.alice.pk}/suggestions")
    assert answer.status == 200, answer.body
    assert "ETag" in answer.headers
    [found] = answer.body["results"]
    assert found["vacancy"] == vacancy.pk
    assert found["title"] == "Orderpicker"
    assert found["employer"] == world.employer.pk
    assert 0 <= found["score"] <= 1
    assert set(found["explanation"]) == {"nl", "en"}
    assert {"occupation", "skills", "education"} <= set(found["components"])
    assert found["decision"] == ""
    stored = Suggestion.objects.get(participant=world.alice, vacancy=vacancy)
    assert stored.requested_by == world.users["mediator"]
    figures = fairness_for(projects=Project.objects.filter(pk=world.own.pk), min_group=1)
    assert figures["by"]["gender"]["groups"]["f"]["suggestion_rate"] == 1.0


def test_a_coordinator_asking_is_browsing(
    world: World, api_as: Callable[..., Api], vacancy: Vacancy
) -> None:
    answer = api_as("coordinator").get(f"/participants/{world.bob.pk}/suggestions")
    assert answer.status == 200
    assert [s["vacancy"] for s in answer.body["results"]] == [vacancy.pk]
    stored = Suggestion.objects.get(participant=world.bob, vacancy=vacancy)
    assert stored.requested_at is None  # shown, not suggested (matches.services)


def test_a_decision_is_recorded_as_the_decision_form_does(
    world: World, api_as: Callable[..., Api], vacancy: Vacancy
) -> None:
    api = api_as("mediator")
    path = f"/participants/{world.alice.pk}/suggestions/{vacancy.pk}/decision"
    refused = api.post(path, {"decision": "rejected"})
    assert refused.status == 422
    assert refused.body["invalid_params"] == [
        {"name": "reason", "reason": "Give a reason when you reject a suggestion."}
    ]
    answer = api.post(path, {"decision": "accepted"}, Idempotency_Key="d-1")
    assert answer.status == 200, answer.body
    assert answer.body["decision"] == "accepted"
    assert answer.body["vacancy"] == vacancy.pk
    assert answer.headers["Location"] == f"/api/v1/participants/{world.alice.pk}/suggestions"
    retry = api.post(path, {"decision": "accepted"}, Idempotency_Key="d-1")
    assert retry.body == answer.body
    assert retry.headers["Idempotent-Replayed"] == "true"
    stored = Suggestion.objects.get(participant=world.alice, vacancy=vacancy)
    assert (stored.decision, stored.decided_by) == ("accepted", world.users["mediator"])
    assert stored.requested_at is not None  # deciding counts as asking, as on the page
    shown = api.get(f"/participants/{world.alice.pk}/suggestions").body["results"]
    assert shown[0]["decision"] == "accepted"
    changed = api.post(path, {"decision": "rejected", "reason": "te ver reizen"})
    assert changed.body["reason"] == "te ver reizen"
    assert AuditEvent.objects.filter(object_type="api.apitoken", changes__status=200).exists()


def test_suggestions_out_of_reach_answer_404(
    world: World, api_as: Callable[..., Api], vacancy: Vacancy, far_vacancy: Vacancy
) -> None:
    coordinator = api_as("coordinator")
    assert coordinator.get(f"/participants/{world.carol.pk}/suggestions").status == 404
    answer = coordinator.post(
        f"/participants/{world.alice.pk}/suggestions/{far_vacancy.pk}/decision",
        {"decision": "accepted"},
    )
    assert answer.status == 404
    mediator = api_as("mediator")
    assert mediator.get(f"/participants/{world.bob.pk}/suggestions").status == 404
    path = f"/participants/{world.carol.pk}/suggestions/{vacancy.pk}/decision"
    assert mediator.post(path, {"decision": "accepted"}).status == 404
    assert not Suggestion.objects.filter(decision__gt="").exists()
    # The employer knows of Alice, but matching is the mediator's work.
    assert api_as("employer").get(f"/participants/{world.alice.pk}/suggestions").status == 403


def test_suggestions_need_their_scopes_and_speak_dutch(
    world: World, api_as: Callable[..., Api], vacancy: Vacancy
) -> None:
    plain = api_as("mediator", scopes=["participants:read", "trajectories:read"])
    answer = plain.get(f"/participants/{world.alice.pk}/suggestions")
    assert answer.status == 403
    assert "suggestions:read" in answer.body["detail"]
    assert not Suggestion.objects.exists()  # refused before anything was shown
    reader = api_as("mediator", scopes=["suggestions:read"], language="nl")
    path = f"/participants/{world.alice.pk}/suggestions/{vacancy.pk}/decision"
    answer = reader.post(path, {"decision": "accepted"})
    assert answer.status == 403
    assert answer.body["detail"] == (
        "Voor deze aanroep is een token met de scope “suggestions:write” nodig."
    )
    writer = api_as("mediator", language="nl")
    answer = writer.post(path, {"decision": "rejected", "reason": "  "})
    assert answer.status == 422
    assert answer.body["invalid_params"][0]["name"] == "reason"
    assert answer.body["invalid_params"][0]["reason"].startswith("Geef een reden")
    answer = writer.post(path, {"decision": "maybe"})
    assert answer.status == 400
    assert answer.body["invalid_params"][0]["reason"].startswith("Selecteer een geldige keuze.")


def test_without_open_vacancies_there_are_no_suggestions(
    world: World, api_as: Callable[..., Api]
) -> None:
    answer = api_as("mediator").get(f"/participants/{world.alice.pk}/suggestions")
    assert (answer.status, answer.body) == (200, {"results": []})
