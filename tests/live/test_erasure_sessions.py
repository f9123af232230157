"""Erasure and sessions: the caseload keeps its search in the session, so a search for a
person's name is data about them in another user's session. Erasure removes each such value
from every stored session, the erasing request's own included, and nothing else."""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.live.conftest import World
from werkbrug.accounts.session_expiry import RENEWED_AT
from werkbrug.people import sessions
from werkbrug.people.models import Participant
from werkbrug.people.selectors import _search
from werkbrug.personal_data import Erasure

SEARCH = sessions.CASELOAD_SEARCH


def _stored(client: Client) -> dict[str, object]:
    row = Session.objects.get(session_key=client.session.session_key)
    return dict(SessionStore().decode(row.session_data))


def _search_for(client: Client, term: str) -> None:
    assert client.post(reverse("people:caseload_search"), {"q": term}).status_code == 302


def test_the_erasing_request_does_not_write_its_search_back(world: World) -> None:
    """The request that erases writes its own session after the erasure whenever the session
    is due for renewal (once a minute); it must not bring the search back."""
    coordinator = world.client("coordinator")
    _search_for(coordinator, "Aalders")
    session = coordinator.session
    session[RENEWED_AT] = 0  # due for renewal: this request saves the session
    session.save()
    erase = reverse("people:erase", kwargs={"pk": world.alice.pk})
    assert coordinator.post(erase, {"confirm": world.alice.key}).status_code == 302
    stored = _stored(coordinator)
    assert SEARCH not in stored
    assert stored[RENEWED_AT] != 0  # it was written back, without the search


def test_only_values_about_the_person_go_and_nobody_is_logged_out(world: World) -> None:
    other = world.client("mediator")
    _search_for(other, "Bakker")  # Bob, not Alice
    about = world.client("mediator1b")
    _search_for(about, "alice@example.org")
    coordinator = world.client("coordinator")
    erase = reverse("people:erase", kwargs={"pk": world.alice.pk})
    assert coordinator.post(erase, {"confirm": world.alice.key}).status_code == 302
    assert _stored(other)[SEARCH] == "Bakker"
    assert SEARCH not in _stored(about)
    # Still logged in: Django's own values are never touched.
    assert about.get(reverse("people:caseload")).status_code == 200


def test_the_export_counts_the_sessions_that_name_or_find_the_person(world: World) -> None:
    _search_for(world.client("mediator"), "Alice")
    _search_for(world.client("coordinator"), "Bakker")
    assert sessions.export(world.alice) == {"sessions_naming_or_searching_for_you": 1}


def _erasure(participant: Participant) -> Erasure:
    return Erasure.of(participant, on=dt.date(2026, 6, 1))


def test_mentions_and_finds(world: World) -> None:
    erasure = _erasure(world.alice)
    assert sessions.finds(erasure, world.alice.key.lower())
    assert sessions.finds(erasure, "ald")  # inside "Aalders", as the caseload search finds
    assert sessions.finds(erasure, "ALICE@example.org")
    assert not sessions.finds(erasure, "Bakker")
    assert sessions.mentions(erasure, f"notes on {world.alice.key}")
    assert sessions.mentions(erasure, "about Alice Aalders")
    assert not sessions.mentions(erasure, "about Bob")


FRAGMENTS = st.sampled_from(["Alice", "Aalders", "alice@example.org", "lic", "AALD", "x", "Bob"])
# The search form refuses NUL characters (Django's CharField), so no stored term has one.
TEXT = st.text(st.characters(blacklist_characters="\x00"), max_size=6)
TERMS = st.lists(FRAGMENTS | TEXT, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(term=TERMS)
def test_a_search_that_finds_the_person_is_always_removed(world: World, term: str) -> None:
    """No false negatives: whatever the caseload's search would find Alice by, erasure
    counts as a search for her."""
    found = Participant.objects.filter(pk=world.alice.pk).filter(_search(term)).exists()
    if found:
        assert sessions.finds(_erasure(world.alice), term)


def test_clearsessions_purges_ended_sessions(world: World) -> None:
    """The command docs/deployment.md schedules (``werkbrug clearsessions`` runs Django's;
    in-process here, because a command run from the command line closes the connection of
    the test's transaction): an ended session goes, search and all; a current one stays."""
    ended, current = world.client("mediator"), world.client("coordinator")
    _search_for(ended, "Aalders")
    Session.objects.filter(session_key=ended.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(minutes=1)
    )
    call_command("clearsessions")
    assert not Session.objects.filter(session_key=ended.session.session_key).exists()
    assert Session.objects.filter(session_key=current.session.session_key).exists()
