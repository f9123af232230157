"""The example client of docs/api.md runs against a live server on 127.0.0.1 (started and
stopped by the test) and moves a new participant to placed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.conftest import append_only_triggers
from tests.live.conftest import PASSWORD, make_project
from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from werkbrug.api.tokens import token_create
from werkbrug.people.models import Participant

CLIENT = Path(__file__).parents[2] / "docs" / "examples" / "api_client.py"


@pytest.fixture
def committed_data(transactional_db: None) -> Iterator[None]:  # noqa: ARG001 (requested for the database)
    # The live server answers from another thread: it sees committed data only.
    append_only_triggers(install=True)
    yield
    append_only_triggers(install=False)


def test_the_example_client_moves_a_participant_to_placed(
    committed_data: None,  # noqa: ARG001 (requested for the database)
    live_server: LiveServer,
) -> None:
    mediator = user_create(username="mediator", password=PASSWORD, role=Role.MEDIATOR)
    project = make_project("own")
    project.staff.add(mediator)
    token = token_create(
        actor=mediator,
        user=mediator,
        scopes=["participants:write", "trajectories:write", "projects:read"],
    ).text
    env = {**os.environ, "WERKBRUG_URL": live_server.url, "WERKBRUG_TOKEN": token}
    done = subprocess.run(
        [sys.executable, str(CLIENT)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "status now placed" in done.stdout
    participant = Participant.objects.get()
    assert participant.trajectory.status == "placed"
    assert participant.trajectory.activities.count() == 1
    assert participant.trajectory.outcome.contract == "permanent"
