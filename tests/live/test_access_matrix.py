"""Every role against every participant page and action: allowed, refused (403) or not even
known to exist (404). The table is the specification; werkbrug.access implements it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.live.conftest import World

ROLES = [
    "admin",
    "coordinator",
    "mediator",
    "mediator1b",
    "employer",
    "funder",
    "researcher",
    "outsider",
]

# page -> expected status per role, in ROLES order
MATRIX: dict[str, tuple[str, str, list[int]]] = {
    # name: (method, url name with participant, statuses)
    "caseload": ("get", "people:caseload", [200, 200, 200, 200, 200, 403, 403, 200]),
    "intake": ("get", "people:intake", [200, 200, 200, 200, 403, 403, 403, 200]),
    "detail alice": ("get", "people:detail alice", [200, 200, 200, 404, 200, 404, 404, 404]),
    "detail bob": ("get", "people:detail bob", [200, 200, 404, 200, 404, 404, 404, 404]),
    "detail carol": ("get", "people:detail carol", [200, 404, 404, 404, 404, 404, 404, 200]),
    "edit alice": ("get", "people:edit alice", [200, 200, 200, 404, 403, 404, 404, 404]),
    "export alice": ("post", "people:export alice", [200, 200, 200, 404, 403, 404, 404, 404]),
    "erase alice": ("get", "people:erase alice", [200, 200, 403, 404, 403, 404, 404, 404]),
    "move form alice": ("get", "trajectories:move alice", [200, 200, 200, 404, 403, 404, 404, 404]),
    "move alice": ("post", "trajectories:move alice", [400, 400, 400, 404, 403, 404, 404, 404]),
    "activity form alice": (
        "get",
        "trajectories:activity alice",
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "activity alice": (
        "post",
        "trajectories:activity alice",
        [400, 400, 400, 404, 403, 404, 404, 404],
    ),
    "consent form alice": (
        "get",
        "people:consent_add alice",
        [200, 200, 200, 404, 403, 404, 404, 404],
    ),
    "consent alice": ("post", "people:consent_add alice", [302, 302, 302, 404, 403, 404, 404, 404]),
    "assign alice": ("post", "trajectories:assign alice", [302, 302, 403, 404, 403, 404, 404, 404]),
}

CASES = [
    pytest.param(page, role, status, id=f"{page}-{role}")
    for page, (_method, _url, statuses) in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


def _url(world: World, spec: str) -> str:
    name, _sep, who = spec.partition(" ")
    if not who:
        return reverse(name)
    return reverse(name, kwargs={"pk": getattr(world, who).pk})


@pytest.mark.parametrize(("page", "role", "status"), CASES)
def test_role_page_matrix(world: World, page: str, role: str, status: int) -> None:
    method, spec, _statuses = MATRIX[page]
    response = getattr(world.client(role), method)(_url(world, spec))
    assert response.status_code == status


@pytest.mark.parametrize("page", list(MATRIX))
def test_anonymous_visitors_are_sent_to_the_login_page(world: World, page: str) -> None:
    from django.test import Client

    method, spec, _statuses = MATRIX[page]
    response = getattr(Client(), method)(_url(world, spec))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_unknown_participant_answers_404_for_everyone(world: World) -> None:
    url = reverse("people:detail", kwargs={"pk": 999_999})
    for role in ROLES:
        assert world.client(role).get(url).status_code == 404


def test_the_employer_sees_no_contact_details(world: World) -> None:
    from werkbrug.trajectories.services import activity_add

    activity_add(
        actor=world.users["mediator"],
        trajectory=world.alice.trajectory,
        kind="coaching",
        start_date=world.alice.intake_date,
        note="worries about her health",
    )
    page = world.client("employer").get(reverse("people:detail", kwargs={"pk": world.alice.pk}))
    assert "worries about her health" not in page.text
    mediator = world.client("mediator").get(reverse("people:detail", kwargs={"pk": world.alice.pk}))
    assert "worries about her health" in mediator.text
    assert "Alice Aalders" in page.text
    assert "alice@example.org" not in page.text


def test_withdrawn_employer_consent_hides_the_participant_from_the_employer(world: World) -> None:
    consent = world.alice.consents.get(purpose="employer")
    world.client("mediator").post(
        reverse("people:consent_withdraw", kwargs={"pk": world.alice.pk, "consent_pk": consent.pk}),
        {f"withdraw-{consent.pk}-on": "2026-04-01"},
    )
    url = reverse("people:detail", kwargs={"pk": world.alice.pk})
    assert world.client("employer").get(url).status_code == 404
