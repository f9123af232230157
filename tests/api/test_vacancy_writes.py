"""Employers and vacancies written through the API, as the employer and vacancy pages allow:
create with Location, change with If-Match, close, retries, reach and scopes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.api.conftest import Api
from tests.live.conftest import World
from werkbrug.audit.models import AuditEvent
from werkbrug.vacancies.models import Employer, Vacancy


def new_vacancy(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "employer": world.employer.pk,
        "title": "Orderpicker",
        "occupation": "4321",
        "hours": 32,
        "contract": "permanent",
        "skills": ["heftruck rijden", " orderpicken "],
        **extra,
    }


def test_an_employer_is_added_and_changed(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("coordinator")
    body = {"name": "Bouwbedrijf Noord", "sector": "F", "postcode": "9712", "project": world.own.pk}
    made = api.post("/employers", body)
    assert made.status == 201, made.body
    assert made.body["name"] == "Bouwbedrijf Noord"
    assert made.body["project"] == world.own.pk
    assert made.headers["Location"] == f"/api/v1/employers/{made.body['id']}"
    path = f"/employers/{made.body['id']}"
    read = api.get(path)
    assert read.body == made.body
    changed = api.patch(path, {"postcode": "9713"}, If_Match=read.headers["ETag"])
    assert changed.status == 200, changed.body
    assert (changed.body["postcode"], changed.body["name"]) == ("9713", "Bouwbedrijf Noord")
    stale = api.patch(path, {"postcode": "9714"}, If_Match=read.headers["ETag"])
    assert stale.status == 412
    assert api.patch(path, {"postcode": "9714"}).status == 428
    assert Employer.objects.get(pk=made.body["id"]).postcode == "9713"
    assert AuditEvent.objects.filter(
        object_type="api.apitoken", changes__request=f"PATCH /api/v1{path}"
    ).exists()


def test_a_retried_employer_is_added_once(
    world: World,  # noqa: ARG001 (the users and their tokens)
    api_as: Callable[..., Api],
) -> None:
    api = api_as("mediator")
    first = api.post("/employers", {"name": "Zorg Oost"}, Idempotency_Key="e-1")
    retry = api.post("/employers", {"name": "Zorg Oost"}, Idempotency_Key="e-1")
    assert (first.status, retry.status) == (201, 201)
    assert retry.body == first.body
    assert Employer.objects.filter(name="Zorg Oost").count() == 1


def test_an_employers_own_user_changes_its_details_not_its_project(
    world: World, api_as: Callable[..., Api]
) -> None:
    api = api_as("employer")
    path = f"/employers/{world.employer.pk}"
    assert api.patch(path, {"name": "De Pers BV"}, If_Match="*").status == 200
    moved = api.patch(path, {"project": None}, If_Match="*")
    assert moved.status == 403
    assert api.post("/employers", {"name": "Eigen BV"}).status == 403
    world.employer.refresh_from_db()
    assert (world.employer.name, world.employer.project_id) == ("De Pers BV", world.own.pk)


def test_another_projects_employer_answers_404(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("outsider")
    assert api.patch(f"/employers/{world.employer.pk}", {"name": "X"}, If_Match="*").status == 404
    answer = api.post("/vacancies", new_vacancy(world))
    assert answer.status == 422
    assert answer.body["invalid_params"] == [
        {"name": "employer", "reason": "There is no such employer."}
    ]
    nowhere = api_as("coordinator").post("/employers", {"name": "X", "project": world.other.pk})
    assert nowhere.status == 422
    assert nowhere.body["invalid_params"][0]["name"] == "project"
    assert not Vacancy.objects.exists()


def test_a_vacancy_is_added_changed_and_closed(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator")
    made = api.post("/vacancies", new_vacancy(world, open_date="2026-03-01"))
    assert made.status == 201, made.body
    assert made.body["skills"] == ["heftruck rijden", "orderpicken"]
    # An empty sector and postcode take the employer's, as on the page.
    assert (made.body["sector"], made.body["postcode"]) == ("C", "3511")
    path = f"/vacancies/{made.body['id']}"
    assert made.headers["Location"] == f"/api/v1{path}"
    etag = api.get(path).headers["ETag"]
    changed = api.patch(path, {"positions": 3, "skills": []}, If_Match=etag)
    assert changed.status == 200, changed.body
    assert (changed.body["positions"], changed.body["skills"]) == (3, [])
    assert api.patch(path, {"positions": 4}, If_Match=etag).status == 412
    closed = api.post(f"{path}/closing", {"on": "2026-04-01", "filled": True})
    assert closed.status == 200, closed.body
    assert (closed.body["close_date"], closed.body["filled"]) == ("2026-04-01", True)
    # Clearing the close date reopens it, as the edit page does.
    reopened = api.patch(path, {"close_date": None}, If_Match=closed.headers["ETag"])
    assert (reopened.body["close_date"], reopened.body["filled"]) == (None, False)


def test_a_vacancy_obeys_the_rules_of_vacancies_csv_in_dutch(
    world: World, api_as: Callable[..., Api]
) -> None:
    api = api_as("coordinator", language="nl")
    answer = api.post("/vacancies", new_vacancy(world, occupation="timmerman"))
    assert answer.status == 422, answer.body
    assert answer.body["invalid_params"][0]["name"] == "occupation"
    bad = api.post("/vacancies", new_vacancy(world, title="", hours="32", open_date="1 maart"))
    assert bad.status == 400
    reasons = {p["name"]: p["reason"] for p in bad.body["invalid_params"]}
    assert reasons["open_date"] == "Voer een geldige datum in."
    assert reasons["hours"] == "Voer een getal in."
    assert "title" in reasons
    closing = api.post("/vacancies", new_vacancy(world, open_date="2026-03-01"))
    answer = api.post(f"/vacancies/{closing.body['id']}/closing", {"on": "2026-02-01"})
    assert answer.status == 422
    assert answer.body["invalid_params"][0]["name"] == "on"
    assert Vacancy.objects.get(pk=closing.body["id"]).close_date is None


def test_writes_need_the_scope_and_a_role_that_may(
    world: World, api_as: Callable[..., Api]
) -> None:
    reader = api_as("coordinator", scopes=["vacancies:read"])
    answer = reader.post("/employers", {"name": "X"})
    assert answer.status == 403
    assert "vacancies:write" in answer.body["detail"]
    for role in ("funder", "researcher"):
        assert api_as(role).post("/employers", {"name": "X"}).status == 403
        assert api_as(role).post("/vacancies", new_vacancy(world)).status == 403
    assert api_as("employer").post("/vacancies", new_vacancy(world)).status == 201
