"""Follow-ups and consents through the API: what a mediator's own system does after a
placement and when a participant gives or withdraws consent, with the rules every operation
follows (ETag/If-Match, Idempotency-Key, 404 out of reach, scopes, Dutch messages)."""

from __future__ import annotations

from collections.abc import Callable

from tests.api.conftest import Api
from tests.live.conftest import World
from werkbrug.audit.models import AuditEvent
from werkbrug.people.models import Consent
from werkbrug.trajectories.models import FollowUp

PLACED = {
    "to": "placed",
    "on": "2026-04-01",
    "employer_name": "Logistiek BV",
    "contract": "permanent",
    "hours": 32,
    "occupation": "4321",
}


def _placed(api: Api, pk: int) -> None:
    assert (
        api.post(
            f"/participants/{pk}/trajectory/moves", {"to": "active", "on": "2026-03-05"}
        ).status
        == 201
    )
    assert api.post(f"/participants/{pk}/trajectory/moves", PLACED).status == 201


def test_a_placement_plans_follow_ups_and_a_check_records_its_outcome(
    world: World, api_as: Callable[..., Api]
) -> None:
    api = api_as("mediator")
    pk = world.alice.pk
    assert api.get(f"/participants/{pk}/follow-ups").body == {"results": []}
    _placed(api, pk)
    listed = api.get(f"/participants/{pk}/follow-ups").body["results"]
    assert [(f["months"], f["due_on"], f["checked_on"]) for f in listed] == [
        (3, "2026-07-01", None),
        (6, "2026-10-01", None),
        (12, "2027-04-01", None),
    ]
    first = listed[0]["id"]
    read = api.get(f"/participants/{pk}/follow-ups/{first}")
    assert read.status == 200
    assert api.get(f"/participants/{pk}/trajectory").body["next_follow_up_on"] == "2026-07-01"

    check = {"checked_on": "2026-07-02", "in_work": True, "note": "still there"}
    answer = api.patch(
        f"/participants/{pk}/follow-ups/{first}", check, If_Match=read.headers["ETag"]
    )
    assert answer.status == 200, answer.body
    assert answer.body["in_work"] is True
    assert answer.body["checked_on"] == "2026-07-02"
    assert answer.headers["ETag"] != read.headers["ETag"]
    # The service keeps the trajectory's next check up to date, as after the page's form.
    assert api.get(f"/participants/{pk}/trajectory").body["next_follow_up_on"] == "2026-10-01"
    token_events = AuditEvent.objects.filter(object_type="api.apitoken")
    assert token_events.filter(
        changes__request=f"PATCH /api/v1/participants/{pk}/follow-ups/{first}"
    ).exists()


def test_a_check_needs_the_current_etag(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator")
    pk = world.alice.pk
    _placed(api, pk)
    first = api.get(f"/participants/{pk}/follow-ups").body["results"][0]["id"]
    path = f"/participants/{pk}/follow-ups/{first}"
    etag = api.get(path).headers["ETag"]
    check = {"checked_on": "2026-07-02", "in_work": False}
    assert api.patch(path, check).status == 428
    assert api.patch(path, check, If_Match=etag).status == 200
    stale = api.patch(path, {**check, "in_work": True}, If_Match=etag)
    assert stale.status == 412
    assert FollowUp.objects.get(pk=first).in_work is False


def test_a_check_before_the_placement_is_refused_in_dutch(
    world: World, api_as: Callable[..., Api]
) -> None:
    _placed(api_as("mediator"), world.alice.pk)
    api = api_as("mediator", language="nl")
    first = api.get(f"/participants/{world.alice.pk}/follow-ups").body["results"][0]["id"]
    answer = api.patch(
        f"/participants/{world.alice.pk}/follow-ups/{first}",
        {"checked_on": "2026-03-10", "in_work": True},
        If_Match="*",
    )
    assert answer.status == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.body["invalid_params"] == [
        {"name": "checked_on", "reason": "De nameting kan niet vóór de plaatsing liggen."}
    ]
    bad = api.patch(
        f"/participants/{world.alice.pk}/follow-ups/{first}",
        {"checked_on": "2 juli", "in_work": "ja"},
        If_Match="*",
    )
    assert bad.status == 400
    reasons = {p["name"]: p["reason"] for p in bad.body["invalid_params"]}
    assert reasons["checked_on"] == "Voer een geldige datum in."
    assert FollowUp.objects.filter(checked_on__isnull=False).count() == 0


def test_follow_ups_of_another_project_or_trajectory_answer_404(
    world: World, api_as: Callable[..., Api]
) -> None:
    _placed(api_as("outsider"), world.carol.pk)
    carols = FollowUp.objects.filter(trajectory__participant=world.carol).first()
    assert carols is not None
    api = api_as("coordinator")
    assert api.get(f"/participants/{world.carol.pk}/follow-ups").status == 404
    # Carol's follow-up through a participant within reach: not theirs, so not found.
    assert api.get(f"/participants/{world.alice.pk}/follow-ups/{carols.pk}").status == 404
    check = {"checked_on": "2026-07-02", "in_work": True}
    answer = api.patch(
        f"/participants/{world.alice.pk}/follow-ups/{carols.pk}", check, If_Match="*"
    )
    assert answer.status == 404
    assert FollowUp.objects.get(pk=carols.pk).checked_on is None


def test_follow_ups_need_the_trajectory_scopes(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator", scopes=["participants:read"])
    answer = api.get(f"/participants/{world.alice.pk}/follow-ups")
    assert answer.status == 403
    assert "trajectories:read" in answer.body["detail"]
    reader = api_as("mediator", scopes=["trajectories:read"])
    answer = reader.patch(
        f"/participants/{world.alice.pk}/follow-ups/1",
        {"checked_on": "2026-07-02", "in_work": True},
        If_Match="*",
    )
    assert answer.status == 403
    assert "trajectories:write" in answer.body["detail"]


# Consents


def test_consents_are_listed_given_and_withdrawn(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator")
    pk = world.alice.pk
    listed = api.get(f"/participants/{pk}/consents").body["results"]
    assert sorted(c["purpose"] for c in listed) == ["employer", "programme"]
    assert all(c["active"] for c in listed)

    given = api.post(f"/participants/{pk}/consents", {"purpose": "research", "on": "2026-03-04"})
    assert given.status == 201, given.body
    assert given.body["purpose"] == "research"
    assert given.body["given_on"] == "2026-03-04"
    assert given.headers["Location"] == f"/api/v1/participants/{pk}/consents/{given.body['id']}"
    assert api.get(given.headers["Location"].removeprefix("/api/v1")).body == given.body

    path = f"/participants/{pk}/consents/{given.body['id']}/withdrawal"
    withdrawn = api.post(path, {"on": "2026-05-01"})
    assert withdrawn.status == 200, withdrawn.body
    assert withdrawn.body["withdrawn_on"] == "2026-05-01"
    assert withdrawn.body["active"] is False
    again = api.post(path, {"on": "2026-05-02"})
    assert again.status == 422
    assert again.body["detail"] == "This consent has already been withdrawn."


def test_withdrawing_the_employer_consent_hides_the_participant_from_the_employer(
    world: World, api_as: Callable[..., Api]
) -> None:
    employer = api_as("employer")
    # The employer knows of Alice (name and status on the pages), not her record.
    assert employer.get(f"/participants/{world.alice.pk}").status == 403
    consent = Consent.objects.get(participant=world.alice, purpose="employer")
    api = api_as("mediator")
    path = f"/participants/{world.alice.pk}/consents/{consent.pk}/withdrawal"
    assert api.post(path, {"on": "2026-04-01"}).status == 200
    assert employer.get(f"/participants/{world.alice.pk}").status == 404
    # The same consent may be given again; the withdrawn one keeps its record.
    again = api.post(
        f"/participants/{world.alice.pk}/consents", {"purpose": "employer", "on": "2026-04-02"}
    )
    assert again.status == 201
    assert employer.get(f"/participants/{world.alice.pk}").status == 403
    assert Consent.objects.filter(participant=world.alice, purpose="employer").count() == 2


def test_a_retried_consent_is_given_once(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator")
    body = {"purpose": "matching", "on": "2026-03-04"}
    path = f"/participants/{world.alice.pk}/consents"
    first = api.post(path, body, Idempotency_Key="consent-1")
    retry = api.post(path, body, Idempotency_Key="consent-1")
    assert (first.status, retry.status) == (201, 201)
    assert retry.body == first.body
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.headers["Location"] == first.headers["Location"]
    assert Consent.objects.filter(participant=world.alice, purpose="matching").count() == 1
    # Without the key, the same consent again is the service's refusal.
    twice = api.post(path, body)
    assert twice.status == 422
    assert twice.body["invalid_params"] == [
        {"name": "purpose", "reason": "This consent has already been given."}
    ]


def test_a_withdrawal_honours_a_stale_if_match(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator")
    consent = Consent.objects.get(participant=world.alice, purpose="programme")
    read = api.get(f"/participants/{world.alice.pk}/consents/{consent.pk}")
    path = f"/participants/{world.alice.pk}/consents/{consent.pk}/withdrawal"
    assert api.post(path, {"on": "2026-04-01"}, If_Match=read.headers["ETag"]).status == 200
    stale = api.post(path, {"on": "2026-04-02"}, If_Match=read.headers["ETag"])
    assert stale.status == 412
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None
    assert consent.withdrawn_on.isoformat() == "2026-04-01"


def test_consents_out_of_reach_and_without_scope(world: World, api_as: Callable[..., Api]) -> None:
    carols = Consent.objects.filter(participant=world.carol).first()
    assert carols is not None
    api = api_as("mediator")
    assert api.get(f"/participants/{world.carol.pk}/consents").status == 404
    assert api.get(f"/participants/{world.alice.pk}/consents/{carols.pk}").status == 404
    answer = api.post(
        f"/participants/{world.alice.pk}/consents/{carols.pk}/withdrawal", {"on": "2026-04-01"}
    )
    assert answer.status == 404
    assert Consent.objects.get(pk=carols.pk).withdrawn_on is None
    reader = api_as("mediator", scopes=["participants:read"])
    answer = reader.post(
        f"/participants/{world.alice.pk}/consents", {"purpose": "research", "on": "2026-03-04"}
    )
    assert answer.status == 403
    assert "participants:write" in answer.body["detail"]


def test_a_consent_in_dutch(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator", language="nl")
    consent = Consent.objects.get(participant=world.alice, purpose="programme")
    path = f"/participants/{world.alice.pk}/consents/{consent.pk}/withdrawal"
    answer = api.post(path, {"on": "2020-01-01"})
    assert answer.status == 422
    assert (
        answer.body["detail"]
        == "Toestemming kan niet worden ingetrokken vóór de datum waarop ze is gegeven."
    )
    bad = api.post(
        f"/participants/{world.alice.pk}/consents", {"purpose": "marketing", "on": "2026-03-04"}
    )
    assert bad.status == 400
    assert bad.body["invalid_params"][0]["name"] == "purpose"
    assert bad.body["invalid_params"][0]["reason"].startswith("Selecteer een geldige keuze.")


def test_an_empty_idempotency_key_is_refused(world: World, api_as: Callable[..., Api]) -> None:
    """The schema says at least one character; an empty key is not taken for none."""
    api = api_as("mediator")
    path = f"/participants/{world.alice.pk}/consents"
    answer = api.post(path, {"purpose": "research", "on": "2026-03-04"}, Idempotency_Key="")
    assert answer.status == 400
    assert answer.body["title"] == "The Idempotency-Key is not valid."
    assert not Consent.objects.filter(participant=world.alice, purpose="research").exists()
