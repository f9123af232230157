"""A batch on the live data links its suggestions to the participants; erasing one removes
theirs (they are advice a new batch computes again) and the export lists them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.live.conftest import World
from werkbrug import personal_data
from werkbrug.matches.batch import Where, batch_run
from werkbrug.matches.models import BatchSuggestion
from werkbrug.people.services import participant_erase
from werkbrug.vacancies.services import vacancy_create
from werkbrug.vacancies.values import VacancyValues


def test_erasure_removes_the_participants_batch_suggestions(world: World) -> None:
    for title in ("Drukker", "Orderpicker"):
        vacancy_create(
            actor=world.users["coordinator"],
            employer=world.employer,
            values=VacancyValues(
                title=title, occupation="7322", hours=Decimal(32), open_date=dt.date(2026, 3, 1)
            ),
        )
    run = batch_run(delivery_name=None, top=5, where=Where(workers=0), today=dt.date(2026, 4, 1))
    assert run.participants == 3
    mine = BatchSuggestion.objects.filter(participant=world.alice)
    assert mine.count() == 2
    exported = personal_data.export(world.alice)
    assert len(exported["batch_suggestions"]) == 2
    participant_erase(
        actor=world.users["coordinator"], participant=world.alice, on=dt.date(2026, 4, 2)
    )
    assert not BatchSuggestion.objects.filter(participant=world.alice).exists()
    assert BatchSuggestion.objects.filter(participant=world.bob).count() == 2
