"""The personal-data registry (werkbrug.personal_data) covers every place that holds data
about a participant, and each entry describes its model truthfully."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from tests.live.conftest import World
from werkbrug import personal_data
from werkbrug.matches.models import Suggestion
from werkbrug.people import sessions
from werkbrug.people import views as people_views
from werkbrug.trajectories.models import Activity


def test_every_model_linked_to_a_participant_has_an_entry() -> None:
    """A new model with a foreign key to Participant (or to a model that has one) fails
    here until its app registers what it holds and how it is exported and erased."""
    assert personal_data.unregistered(personal_data.entries()) == []


def test_a_model_left_out_of_the_registry_is_found() -> None:
    without = [e for e in personal_data.entries() if e.model not in (Suggestion, Activity)]
    assert set(personal_data.unregistered(without)) == {Suggestion, Activity}


def test_the_registry_covers_the_places_the_issue_names() -> None:
    names = {e.name for e in personal_data.entries()}
    assert {
        "record",
        "contact",
        "consents",
        "trajectory",
        "status_changes",
        "activities",
        "outcome",
        "follow_ups",
        "matching_profile",
        "suggestions",
        "audit",
        "audit_key",
        "delivered_participants",
        "delivered_outcomes",
        "sessions",
    } <= names


@pytest.mark.parametrize("entry", personal_data.entries(), ids=lambda e: e.name)
def test_each_entry_names_real_fields_and_a_working_link(
    entry: personal_data.Entry, world: World
) -> None:
    assert entry.model is not None
    names = {f.name for f in entry.model._meta.get_fields()}
    assert set(entry.fields) <= names, entry.name
    assert entry.treatment
    assert entry.export is not None or entry.note
    if entry.link:
        # The lookup runs: it finds Alice's rows, if she has any, and nobody else's.
        personal_data.rows_of(entry, world.alice).count()


def test_the_session_key_is_the_one_the_caseload_uses() -> None:
    assert people_views.SEARCH_KEY == sessions.CASELOAD_SEARCH
    assert Session in {e.model for e in personal_data.entries()}


def test_a_duplicate_name_is_refused() -> None:
    entry = personal_data.entries()[0]
    assert personal_data.register(entry) is entry  # registering the same entry again is fine
    with pytest.raises(ValueError, match="registered already"):
        personal_data.register(personal_data.Entry(entry.name, None, "", (), lambda _e: 0, "x"))


def test_birth_year_for_age_gives_the_same_age_at_intake() -> None:
    from werkbrug.indicators import age_at

    intake = dt.date(2026, 3, 1)
    for born in (dt.date(1968, 2, 28), dt.date(1968, 3, 1), dt.date(1968, 3, 2)):
        age = age_at(intake, born, None)
        year = personal_data.birth_year_for_age(intake, age)
        assert age_at(intake, None, year) == age
    assert personal_data.birth_year_for_age(intake, None) is None


@pytest.mark.django_db
def test_sqlite_overwrites_deleted_content() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
