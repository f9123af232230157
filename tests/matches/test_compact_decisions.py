"""Suggestions carry a compact accept/reject control that expands (issue 15: a full decision
form on every suggestion made a 7,466 px page for nine)."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.live.conftest import World
from werkbrug.matches.models import Suggestion
from werkbrug.vacancies.models import Vacancy


def _page(world: World) -> str:
    url = reverse("matches:participant", kwargs={"pk": world.alice.pk})
    return world.client("mediator").get(url).text


def test_each_suggestion_has_one_accept_button_and_a_folded_rejection(
    world: World, vacancies: list[Vacancy]
) -> None:
    page = _page(world)
    cards = page.split('<article class="panel suggestion"')[1:]
    assert cards  # the far vacancy is left out
    assert len(cards) <= len(vacancies)
    for card in cards:
        assert card.count("Accept: propose this vacancy") == 1
        # No radio buttons any more; the reason (needed to reject) is inside a <details>.
        assert 'type="radio"' not in card
        folded = card.split('<div class="decide"')[1].split("<details>")[1].split("</details>")[0]
        assert "<textarea" in folded
        assert "required" in folded
        assert "<textarea" not in card.split("<details>", 1)[0]


def test_accepting_is_one_click(world: World, vacancies: list[Vacancy]) -> None:
    page = _page(world)
    vacancy = vacancies[0]
    action = reverse("matches:decide", kwargs={"pk": world.alice.pk, "vacancy_pk": vacancy.pk})
    form = next(f for f in re.findall(r"<form[^>]*>.*?</form>", page, re.S) if action in f)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    fields.pop("csrfmiddlewaretoken")
    assert fields == {f"v{vacancy.pk}-decision": "accepted"}
    response = world.client("mediator").post(action, fields)
    assert response.status_code == 302
    decided = Suggestion.objects.get(participant=world.alice, vacancy=vacancy)
    assert decided.decision == "accepted"
    # Once accepted, the accept button of that suggestion is disabled, the other is not.
    again = _page(world)
    card = next(c for c in again.split("<article")[1:] if f"/vacancies/{vacancy.pk}/" in c)
    assert "disabled>Accept: propose this vacancy" in card


def test_a_rejection_with_its_reason_is_recorded(world: World, vacancies: list[Vacancy]) -> None:
    vacancy = vacancies[0]
    action = reverse("matches:decide", kwargs={"pk": world.alice.pk, "vacancy_pk": vacancy.pk})
    _page(world)
    world.client("mediator").post(
        action, {f"v{vacancy.pk}-decision": "rejected", f"v{vacancy.pk}-reason": "too far"}
    )
    decided = Suggestion.objects.get(participant=world.alice, vacancy=vacancy)
    assert (decided.decision, decided.reason) == ("rejected", "too far")
