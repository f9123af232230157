"""The live data obeys the exchange format's rules (issue 12, "One way in"): what a page, a
command or a service accepts freezes into a valid delivery, and what would not is refused on
the field that holds it, in the page's language."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tests.live.conftest import World
from tests.live.test_intake import _form as intake_form
from werkbrug.deliveries.models import Delivery
from werkbrug.deliveries.rows import LiveRecordError
from werkbrug.people.models import Participant
from werkbrug.people.services import participant_update
from werkbrug.people.values import ParticipantProfile
from werkbrug.trajectories.models import Outcome, Status
from werkbrug.trajectories.services import Placement, trajectory_move
from werkbrug.vacancies.models import Employer, Vacancy
from werkbrug.vacancies.services import employer_update, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # The services speak the active language; outside a request these tests read English.
    with translation.override("en"):
        yield


DRUKKER = "'drukker' is not an ISCO-08 unit group (4 digits, e.g. 7131)"
ON_PAGE = html.escape(DRUKKER)


def _freeze(world: World, name: str = "own-q1") -> Any:
    return world.client("coordinator").post(
        reverse("projects:freeze", kwargs={"pk": world.own.pk}),
        {"name": name, "delivered_on": "2026-06-30"},
    )


def test_an_occupation_typed_as_a_word_is_refused_at_intake_and_the_freeze_succeeds(
    world: World,
) -> None:
    """The observed fault: "drukker" was saved at intake, and the coordinator's freeze failed
    later with participants.csv:54, a file the coordinator never saw."""
    page = world.client("mediator").post(
        reverse("people:intake"), intake_form(world, **{"profile-occupation": "drukker"})
    )
    assert page.status_code == 400
    assert ON_PAGE in page.text
    # On the occupation field, with the unit groups to choose from, in the page's language.
    field = page.context["profile"]["occupation"]
    assert any("drukker" in error for error in field.errors)
    assert '<option value="7322">Printers</option>' in page.text  # English page, English labels
    assert "Occupations in the list with this word: 7322 Printers." in page.text
    assert not Participant.objects.filter(contact__family_name="Dekker").exists()

    assert _freeze(world).status_code == 302
    assert Delivery.objects.filter(name="own-q1").exists()


def test_the_refusal_is_in_dutch_on_a_dutch_page(world: World) -> None:
    client = world.client("mediator")
    client.cookies["django_language"] = "nl"
    page = client.post(
        reverse("people:intake"),
        intake_form(world, **{"profile-occupation": "drukker"}),
        headers={"Accept-Language": "nl"},
    )
    assert page.status_code == 400
    assert "&#x27;drukker&#x27; is geen ISCO-08-beroepsgroep" in page.text
    assert '<option value="7322">Drukkers</option>' in page.text


def test_a_unit_group_chosen_from_the_list_is_kept(world: World) -> None:
    response = world.client("mediator").post(
        reverse("people:intake"), intake_form(world, **{"profile-occupation": "7322"})
    )
    assert response.status_code == 302
    assert Participant.objects.get(contact__family_name="Dekker").occupation == "7322"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("profile-hours_before", "95", "95 is out of range; it must be between 0 and 80"),
        ("profile-birth_date", "1899-12-31", "1899-12-31 is before 1900-01-01"),
        ("profile-postcode", "0123", "'0123' is not a Dutch postcode"),
    ],
)
def test_other_values_a_delivery_refuses_are_refused_at_intake(
    world: World, field: str, value: str, message: str
) -> None:
    form = intake_form(world, **{field: value})
    page = world.client("mediator").post(reverse("people:intake"), form)
    assert page.status_code == 400
    assert html.escape(message) in page.text
    assert not Participant.objects.filter(contact__family_name="Dekker").exists()


def test_a_placement_with_a_word_for_occupation_is_refused_on_the_status_form(
    world: World,
) -> None:
    trajectory_move(
        actor=world.users["mediator"],
        trajectory=world.alice.trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 3, 5),
    )
    url = reverse("trajectories:move", kwargs={"pk": world.alice.pk})
    page = world.client("mediator").post(
        url, {"move-to": "placed", "move-on": "2026-05-31", "move-occupation": "drukker"}
    )
    assert page.status_code == 400
    assert ON_PAGE in page.text
    assert not Outcome.objects.filter(trajectory=world.alice.trajectory).exists()
    world.alice.trajectory.refresh_from_db()
    assert world.alice.trajectory.status == "active"


def test_a_service_called_with_a_bad_value_names_the_field_and_what_is_allowed(
    world: World,
) -> None:
    with pytest.raises(LiveRecordError) as raised:
        participant_update(
            actor=world.users["mediator"],
            participant=world.alice,
            profile=replace(ParticipantProfile.of(world.alice), occupation="drukker"),
        )
    assert list(raised.value.message_dict) == ["occupation"]
    assert "ISCO-08 unit group" in raised.value.message_dict["occupation"][0]
    world.alice.refresh_from_db()
    assert world.alice.occupation == ""


def test_services_refuse_what_a_delivery_refuses_for_every_table(world: World) -> None:
    mediator = world.users["mediator"]
    trajectory_move(
        actor=mediator, trajectory=world.bob.trajectory, to=Status.ACTIVE, on=dt.date(2026, 3, 5)
    )
    with pytest.raises(LiveRecordError) as bad_hours:
        trajectory_move(
            actor=mediator,
            trajectory=world.bob.trajectory,
            to=Status.LEARN_WORK,
            on=dt.date(2026, 3, 6),
            placement=Placement(hours=Decimal("0")),
        )
    assert "hours" in bad_hours.value.message_dict
    with pytest.raises(LiveRecordError) as bad_sector:
        employer_update(
            actor=mediator,
            employer=world.employer,
            values=replace(EmployerValues.of(world.employer), sector="Z"),
        )
    assert "unknown code 'Z'" in bad_sector.value.message_dict["sector"][0]
    world.employer.refresh_from_db()
    with pytest.raises(LiveRecordError) as bad_close:
        vacancy_create(
            actor=mediator,
            employer=world.employer,
            values=VacancyValues(
                title="Drukker\x07", open_date=dt.date(2026, 4, 1), close_date=dt.date(2026, 3, 1)
            ),
        )
    assert set(bad_close.value.message_dict) == {"title"}  # the title first, like a delivery
    assert not Vacancy.objects.exists()


def test_values_are_stored_as_a_delivery_holds_them(world: World) -> None:
    vacancy = vacancy_create(
        actor=world.users["coordinator"],
        employer=world.employer,
        values=VacancyValues(
            title="Drukker",
            occupation="HTTP://data.europa.eu/esco/occupation/0A1B2C3D-0000-4000-8000-00000000000A".replace(
                "HTTP", "http"
            ),
            skills=" drukken | | offset ",
        ),
    )
    vacancy.refresh_from_db()
    assert vacancy.occupation == (
        "http://data.europa.eu/esco/occupation/0a1b2c3d-0000-4000-8000-00000000000a"
    )
    assert vacancy.skills == "drukken|offset"


# --- data from before these checks ----------------------------------------------------------


def test_old_data_that_breaks_the_rules_still_shows_and_the_freeze_names_the_record(
    world: World,
) -> None:
    # Written before werkbrug checked live records against the exchange format.
    Participant.objects.filter(pk=world.alice.pk).update(occupation="drukker")
    mediator = world.client("mediator")
    detail = mediator.get(reverse("people:detail", kwargs={"pk": world.alice.pk}))
    assert detail.status_code == 200
    assert "drukker" in detail.text
    edit = mediator.get(reverse("people:edit", kwargs={"pk": world.alice.pk}))
    assert edit.status_code == 200

    response = _freeze(world)
    assert response.status_code == 400
    text = response.content.decode()
    assert f"participant {world.alice.key}: occupation: {ON_PAGE}" in text
    assert "participants.csv" not in text
    assert not Delivery.objects.exists()

    # Correcting the record on its page makes the freeze succeed.
    Participant.objects.filter(pk=world.alice.pk).update(occupation="7322")
    assert _freeze(world).status_code == 302


def test_the_intake_cannot_move_past_a_recorded_outcome(world: World) -> None:
    """Found by the property test: an outcome dated before a later-corrected intake date
    made the freeze fail."""
    mediator = world.users["mediator"]
    trajectory_move(
        actor=mediator, trajectory=world.alice.trajectory, to=Status.DROPOUT, on=dt.date(2026, 3, 5)
    )
    with pytest.raises(LiveRecordError) as raised:
        participant_update(
            actor=mediator,
            participant=world.alice,
            profile=ParticipantProfile(intake_date=dt.date(2026, 4, 1)),
        )
    assert raised.value.message_dict == {
        "intake_date": ["2026-03-05 is before the participant's intake_date 2026-04-01"]
    }
    assert _freeze(world).status_code == 302


def test_the_admin_refuses_what_a_delivery_refuses(world: World) -> None:
    client = world.client("admin")
    url = reverse("admin:vacancies_employer_add")
    data = {"key": "E-ADMIN", "name": "Drukkerij\x07", "sector": "C", "postcode": "3511"}
    page = client.post(url, data)
    assert page.status_code == 200
    assert "the text contains a control character; remove it" in page.text
    assert not Employer.objects.filter(key="E-ADMIN").exists()
    assert client.post(url, {**data, "name": "Drukkerij"}).status_code == 302
    assert Employer.objects.filter(key="E-ADMIN").exists()
