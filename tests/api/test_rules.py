"""The rules every operation follows (docs/api.md): versions, problem+json errors in the
caller's language, pagination, ETag/If-Match, Idempotency-Key, Location, rate limits, and
the audit log naming the token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.live.conftest import World
from werkbrug.audit.models import AuditEvent
from werkbrug.people.models import Participant
from werkbrug.trajectories.models import Activity


def new_participant(world: World, **extra: Any) -> dict[str, Any]:
    return {"project": world.own.pk, "intake_date": "2026-04-01", "gender": "m", **extra}


def test_answers_carry_the_version_and_errors_are_problem_details(
    api_as: Callable[..., Api],
) -> None:
    answer = api_as("mediator").get("/participants/999999")
    assert answer.status == 404
    assert answer.headers["API-Version"] == "1.0.0"
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.body["status"] == 404
    assert answer.body["title"] == "Not found."
    assert answer.body["instance"] == "/api/v1/participants/999999"


def test_a_method_or_address_the_api_lacks_is_a_problem_too(api_as: Callable[..., Api]) -> None:
    """A client's error handling reads one format: the 405 of a method an operation does not
    have, and the 404 of an address under /api/ that no operation has, came as HTML."""
    api = api_as("mediator", language="nl")
    wrong_method = api.call("DELETE", "/participants")
    assert wrong_method.status == 405
    assert wrong_method.headers["Content-Type"] == "application/problem+json"
    assert "GET" in wrong_method.headers["Allow"]
    assert wrong_method.body["title"] == "Methode niet toegestaan."
    no_such = api.get("/no-such-resource")
    assert no_such.status == 404
    assert no_such.headers["Content-Type"] == "application/problem+json"
    assert no_such.body["instance"] == "/api/v1/no-such-resource"


def test_bad_input_names_the_field_in_the_callers_language(
    world: World, api_as: Callable[..., Api]
) -> None:
    body = new_participant(world, intake_date="1 april", gender="q")
    english = api_as("mediator").post("/participants", body)
    assert english.status == 400
    reasons = {p["name"]: p["reason"] for p in english.body["invalid_params"]}
    assert reasons["intake_date"] == "Enter a valid date."
    assert reasons["gender"].startswith("Select a valid choice. q is not one")
    dutch = api_as("mediator", language="nl").post("/participants", body)
    reasons = {p["name"]: p["reason"] for p in dutch.body["invalid_params"]}
    assert reasons["intake_date"] == "Voer een geldige datum in."
    assert Participant.objects.count() == 3  # nothing written


def test_a_services_refusal_is_422_with_the_forms_message(
    world: World, api_as: Callable[..., Api]
) -> None:
    answer = api_as("mediator").post(
        f"/participants/{world.alice.pk}/activities",
        {"kind": "training", "start_date": "2020-01-01"},
    )
    assert answer.status == 422
    assert answer.body["invalid_params"] == [
        {"name": "start_date", "reason": "The activity cannot start before the intake."}
    ]


def test_a_number_is_not_a_date_and_unknown_fields_are_refused(
    world: World, api_as: Callable[..., Api]
) -> None:
    api = api_as("mediator")
    assert api.post("/participants", new_participant(world, intake_date=20260401)).status == 400
    answer = api.post("/participants", new_participant(world, colour="red"))
    assert answer.status == 400
    assert answer.body["invalid_params"][0]["name"] == "colour"


def test_create_answers_201_with_location_and_iso_dates(
    world: World, api_as: Callable[..., Api]
) -> None:
    api = api_as("mediator")
    answer = api.post("/participants", new_participant(world, consents=["programme"]))
    assert answer.status == 201, answer.body
    assert answer.body["intake_date"] == "2026-04-01"
    assert answer.body["status"] == "intake"
    assert answer.body["mediator"] == "mediator"
    location = answer.headers["Location"]
    assert location == f"/api/v1/participants/{answer.body['id']}"
    again = api.get(location.removeprefix("/api/v1"))
    assert again.body == answer.body
    assert again.headers["ETag"] == answer.headers["ETag"]


def test_pages_have_a_total_and_links(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("coordinator")
    first = api.get("/participants?page_size=1&sort=-intake_date")
    assert first.body["total"] == 2
    assert [p["key"] for p in first.body["results"]] == [world.bob.key]
    links = first.body["links"]
    assert links["prev"] is None
    assert "page=2" in links["next"]
    second = api.get(links["next"].removeprefix("/api/v1"))
    assert [p["key"] for p in second.body["results"]] == [world.alice.key]
    assert second.body["links"]["next"] is None
    assert api.get("/participants?page=3&page_size=1").status == 404
    assert api.get("/participants?page_size=101").status == 400


def test_filters_by_status(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("coordinator")
    api.post(f"/participants/{world.bob.pk}/trajectory/moves", {"to": "active", "on": "2026-03-05"})
    answer = api.get("/participants?status=active")
    assert [p["key"] for p in answer.body["results"]] == [world.bob.key]
    assert api.get("/participants?status=nonsense").status == 400


def test_an_update_needs_the_etag_it_read(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator")
    path = f"/participants/{world.alice.pk}"
    read = api.get(path)
    missing = api.patch(path, {"education": "mbo2"})
    assert missing.status == 428
    changed = api.patch(path, {"education": "mbo2"}, If_Match=read.headers["ETag"])
    assert changed.status == 200, changed.body
    assert changed.body["education"] == "mbo2"
    assert changed.body["gender"] == "f"  # the fields not sent keep their values
    stale = api.patch(path, {"education": "hbo"}, If_Match=read.headers["ETag"])
    assert stale.status == 412
    assert api.get(path).body["education"] == "mbo2"


def test_a_retried_create_gives_the_same_answer_not_a_second_record(
    world: World, api_as: Callable[..., Api]
) -> None:
    api = api_as("mediator")
    path = f"/participants/{world.alice.pk}/activities"
    body = {"kind": "training", "start_date": "2026-03-10", "provider": "ROC"}
    first = api.post(path, body, Idempotency_Key="day-1-activity-1")
    retry = api.post(path, body, Idempotency_Key="day-1-activity-1")
    assert first.status == retry.status == 201
    assert retry.body == first.body
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert Activity.objects.filter(trajectory__participant=world.alice).count() == 1
    other = api.post(path, {**body, "provider": "UWV"}, Idempotency_Key="day-1-activity-1")
    assert other.status == 422
    without = api.post(path, body)
    assert without.status == 201
    assert Activity.objects.filter(trajectory__participant=world.alice).count() == 2


def test_a_key_is_kept_for_a_day(world: World, api_as: Callable[..., Api]) -> None:
    import datetime as dt

    from werkbrug.api.models import IdempotentRequest

    api = api_as("mediator")
    path = f"/participants/{world.alice.pk}/activities"
    body = {"kind": "training", "start_date": "2026-03-10"}
    api.post(path, body, Idempotency_Key="k1")
    IdempotentRequest.objects.update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25))
    assert api.post(path, body, Idempotency_Key="k1").headers.get("Idempotent-Replayed") is None
    assert Activity.objects.filter(trajectory__participant=world.alice).count() == 2
    assert IdempotentRequest.objects.count() == 1


def test_the_key_belongs_to_one_token(world: World, api_as: Callable[..., Api]) -> None:
    path = f"/participants/{world.alice.pk}/activities"
    body = {"kind": "training", "start_date": "2026-03-10"}
    api_as("mediator").post(path, body, Idempotency_Key="k1")
    api_as("coordinator").post(path, body, Idempotency_Key="k1")
    assert Activity.objects.filter(trajectory__participant=world.alice).count() == 2


def test_rate_limit_per_token(settings: Any, api_as: Callable[..., Api]) -> None:
    settings.API_RATE_PER_MINUTE = 3
    busy, calm = api_as("mediator"), api_as("mediator")
    statuses = [busy.get("/projects").status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = busy.get("/projects")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert calm.get("/projects").status == 200  # another token has its own budget


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    from django.core.cache import cache

    cache.clear()


def test_every_write_is_in_the_audit_log_with_its_token(
    world: World, api_as: Callable[..., Api]
) -> None:
    from werkbrug.api.models import ApiToken

    api = api_as("mediator")
    api.post(
        f"/participants/{world.alice.pk}/activities",
        {"kind": "coaching", "start_date": "2026-03-10"},
    )
    token = ApiToken.objects.get(user=world.users["mediator"])
    event = AuditEvent.objects.get(
        object_type="api.apitoken",
        object_id=str(token.pk),
        action="create",
        changes__has_key="request",
    )
    assert event.actor_name == "mediator"
    assert event.changes["request"] == f"POST /api/v1/participants/{world.alice.pk}/activities"
    assert event.changes["status"] == 201
    # A read is not a write: no event.
    before = AuditEvent.objects.count()
    api.get("/participants")
    assert AuditEvent.objects.count() == before


def test_search_by_name_goes_in_the_body(api_as: Callable[..., Api]) -> None:
    coordinator = api_as("coordinator")
    answer = coordinator.post("/search/participants", {"name": "Aalders"})
    assert answer.status == 200
    assert [c["family_name"] for c in answer.body["results"]] == ["Aalders"]
    # Carol works with another project: not found, whatever her name.
    assert coordinator.post("/search/participants", {"name": "Claassen"}).body["results"] == []
    # Without the contact scope, no names.
    reader = api_as("coordinator", scopes=["participants:read"])
    assert reader.post("/search/participants", {"name": "Aalders"}).status == 403


@pytest.mark.django_db
def test_the_docs_and_the_contract_come_from_werkbrug_itself() -> None:
    from django.test import Client

    client = Client()
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/participants" in schema["paths"]
    errors = schema["paths"]["/api/v1/participants"]["get"]["responses"]["404"]["content"]
    assert list(errors) == ["application/problem+json"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    assert client.get("/static/ninja/swagger-ui-init.js").status_code == 200


def test_refusals_speak_dutch_by_default(world: World, api_as: Callable[..., Api]) -> None:
    answer = api_as("mediator", language="nl").get(f"/participants/{world.carol.pk}")
    assert answer.status == 404
    assert answer.body["title"] == "Niet gevonden."
    stale = api_as("mediator", language="nl").patch(
        f"/participants/{world.alice.pk}", {"gender": "m"}
    )
    assert stale.body["title"] == "If-Match is verplicht."


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v2/participants", "/api/"])
def test_other_addresses_under_api_answer_a_problem(path: str) -> None:
    from django.test import Client

    answer = Client().get(path)
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["API-Version"] == "1.0.0"
