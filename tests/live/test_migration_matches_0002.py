"""Migration matches 0002 on an installation with suggestions from before issue 15: what a
mediator decided on counts as asked for; what was only shown, or decided by a coordinator,
does not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from werkbrug.matches.models import Suggestion

BEFORE = [("matches", "0001_initial")]
AFTER = [("matches", "0002_suggestion_requested")]


def _migrate(target: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor


@pytest.mark.usefixtures("committed")  # real commits; the flush afterwards must work
def test_only_suggestions_a_mediator_decided_on_become_asked_for() -> None:
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[0]).apps
    user = old.get_model("accounts", "User")
    mediator = user.objects.create(username="m", role="mediator")
    coordinator = user.objects.create(username="c", role="coordinator")
    project = old.get_model("projects", "Project").objects.create(
        code="p", name="P", start_date=dt.date(2025, 1, 1), target_participants=2,
        target_transitions=1,
    )  # fmt: skip
    participant = old.get_model("people", "Participant").objects.create(
        key="WB-P00000000001", project=project, intake_date=dt.date(2025, 2, 1)
    )
    employer = old.get_model("vacancies", "Employer").objects.create(key="E1", name="E")
    vacancy_model = old.get_model("vacancies", "Vacancy")
    decided_at = timezone.now() - dt.timedelta(days=30)
    rows = {}
    for name, decided_by in (("mediator", mediator), ("coordinator", coordinator), ("shown", None)):
        vacancy = vacancy_model.objects.create(key=f"V-{name}", employer=employer, title=name)
        rows[name] = old.get_model("matches", "Suggestion").objects.create(
            participant=participant,
            vacancy=vacancy,
            score=0.5,
            snapshot={},
            config_version="1",
            decision="accepted" if decided_by else "",
            decided_by=decided_by,
            decided_at=decided_at if decided_by else None,
        )

    _migrate(AFTER)
    by_mediator = Suggestion.objects.get(pk=rows["mediator"].pk)
    assert by_mediator.requested_at == decided_at
    assert by_mediator.requested_by_id == mediator.pk
    for name in ("coordinator", "shown"):
        assert Suggestion.objects.get(pk=rows[name].pk).requested_at is None
