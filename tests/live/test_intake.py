"""Intake through the page: what is stored where, and bad input that writes nothing."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from tests.live.conftest import VALID_BSN, World
from werkbrug.audit.selectors import events_about, opened
from werkbrug.people.models import ContactDetails, Participant


def _form(world: World, **overrides: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "intake-project": str(world.own.pk),
        "intake-consents": ["programme", "research"],
        "contact-given_name": "Dirk",
        "contact-family_name": "Dekker",
        "contact-email": "dirk@example.org",
        "contact-bsn": VALID_BSN,
        "profile-intake_date": "2026-04-01",
        "profile-birth_date": "1971-06-15",
        "profile-gender": "m",
        "profile-education": "mbo2",
        "profile-occupation": "7322",
        "profile-postcode": "3511",
        "profile-notice_date": "2026-03-15",
        "profile-contract_end_date": "2026-06-30",
    }
    data.update(overrides)
    return data


def test_intake_stores_a_pseudonymous_record_and_contact_details_apart(world: World) -> None:
    response = world.client("mediator").post(reverse("people:intake"), _form(world))
    assert response.status_code == 302
    participant = Participant.objects.get(contact__family_name="Dekker")
    assert participant.key.startswith("WB-")
    assert "Dekker" not in participant.key
    assert participant.birth_year == 1971
    assert participant.contract_end_date.isoformat() == "2026-06-30"  # type: ignore[union-attr]
    assert participant.trajectory.status == "intake"
    assert participant.trajectory.mediator == world.users["mediator"]
    contact = ContactDetails.objects.get(participant=participant)
    assert len(contact.bsn_hash) == 64
    assert VALID_BSN not in contact.bsn_hash
    purposes = set(participant.consents.values_list("purpose", flat=True))
    assert purposes == {"programme", "research"}
    page = world.client("mediator").get(response["Location"])
    assert "Dirk Dekker" in page.text


def test_the_audit_log_records_the_intake_without_the_name(world: World) -> None:
    world.client("mediator").post(reverse("people:intake"), _form(world))
    participant = Participant.objects.get(contact__family_name="Dekker")
    event = events_about(participant).get(object_type="people.participant")
    assert event.actor_name == "mediator"
    changes = opened(event)
    assert changes["family_name"] == ["•••", "•••"]
    assert changes["postcode"] == [None, "3511"]
    assert "Dekker" not in str(changes)
    # In the log itself the postcode is sealed with the participant's key, and the event
    # names them by a token of that key, not by their own key.
    assert "3511" not in json.dumps(event.changes)
    assert event.subject != participant.key


def test_a_bsn_that_fails_the_11_proef_is_refused_and_nothing_is_written(world: World) -> None:
    before = Participant.objects.count()
    response = world.client("mediator").post(
        reverse("people:intake"), _form(world, **{"contact-bsn": "111222334"})
    )
    assert response.status_code == 400
    assert "11-proef" in response.text
    assert Participant.objects.count() == before


def test_an_intake_needs_consent_to_take_part(world: World) -> None:
    response = world.client("mediator").post(
        reverse("people:intake"), _form(world, **{"intake-consents": ["research"]})
    )
    assert response.status_code == 400
    assert not Participant.objects.filter(contact__family_name="Dekker").exists()


def test_a_birth_date_after_the_intake_is_refused(world: World) -> None:
    response = world.client("mediator").post(
        reverse("people:intake"), _form(world, **{"profile-birth_date": "2026-05-01"})
    )
    assert response.status_code == 400
    assert not Participant.objects.filter(contact__family_name="Dekker").exists()


def test_a_mediator_cannot_take_in_for_another_project(world: World) -> None:
    response = world.client("mediator").post(
        reverse("people:intake"), _form(world, **{"intake-project": str(world.other.pk)})
    )
    assert response.status_code == 400
    assert not Participant.objects.filter(contact__family_name="Dekker").exists()


def test_editing_changes_the_record_and_logs_what_changed(world: World) -> None:
    url = reverse("people:edit", kwargs={"pk": world.alice.pk})
    page = world.client("mediator").get(url)
    assert page.status_code == 200
    data = {
        "profile-intake_date": "2026-03-01",
        "profile-gender": "f",
        "profile-postcode": "1012",
        "profile-employer": str(world.employer.pk),
        "contact-given_name": "Alice",
        "contact-family_name": "Aalders-Smit",
        "contact-email": "alice@example.org",
    }
    assert world.client("mediator").post(url, data).status_code == 302
    world.alice.refresh_from_db()
    assert world.alice.postcode == "1012"
    assert world.alice.contact.family_name == "Aalders-Smit"
    changes = [opened(e) for e in events_about(world.alice).filter(action="change")]
    assert {"postcode": ["", "1012"]} in changes
    assert {"family_name": ["•••", "•••"]} in changes
