"""Property: whatever the services accept freezes into a valid delivery (issue 12, "One way
in"). Random intakes, status moves with placements, employers and vacancies go through the
services with values drawn from what the exchange format allows and what it refuses; the
services refuse some, and the freeze of what they accepted never fails and holds it all."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.live.conftest import World
from werkbrug.deliveries.freeze import delivery_freeze
from werkbrug.deliveries.messages import problem_lines
from werkbrug.people.models import Participant
from werkbrug.people.services import participant_intake, participant_update
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.projects.models import Project
from werkbrug.taxonomy import CONTRACTS, EDUCATION, GENDERS, SBI_SECTIONS, SITUATIONS
from werkbrug.trajectories.flows import FINAL
from werkbrug.trajectories.models import Outcome, Status, Trajectory
from werkbrug.trajectories.services import Placement, trajectory_move
from werkbrug.vacancies.models import Employer, Vacancy
from werkbrug.vacancies.services import employer_create, vacancy_close, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues

ESCO = "http://data.europa.eu/esco/occupation/0a1b2c3d-0000-4000-8000-00000000000a"


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Four times in five a value the format allows, else one it refuses: a programme of
    several writes has accepted ones to freeze, and refused ones to test the services."""
    return st.one_of(good, good, good, good, bad)


def codes(valid: tuple[str, ...], *wrong: str) -> st.SearchStrategy[str]:
    """Allowed codes (also in another case, or unknown: ""), sometimes a wrong one."""
    good = st.sampled_from(valid) | st.sampled_from(valid).map(str.upper) | st.just("")
    return mostly(good, st.sampled_from(wrong or ("?",)))


occupations = codes(("7322", "7115", "2221", "0110", ESCO), "drukker", "732", "73221", " 7322 x")
sectors = codes(SBI_SECTIONS.codes, "Z", "CC")
postcodes = mostly(
    st.sampled_from(["", "3511", "3511 AB", "9999zz"]), st.sampled_from(["0123", "35", "3511-AB"])
)
days = mostly(
    st.dates(dt.date(1960, 1, 1), dt.date(2030, 12, 31)),
    st.dates(dt.date(1000, 1, 1), dt.date(1899, 12, 31)),
)
hours = st.none() | mostly(
    st.decimals(Decimal("0.5"), Decimal("80"), places=2),
    st.decimals(Decimal("-5"), Decimal("120"), places=3, allow_nan=False),
)
# Text a user might type, and text a delivery refuses (control characters, too long, blank).
texts = mostly(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30)
    | st.sampled_from(["Drukkerij De Pers", "=SUM(A1)", " trim ", "'quoted"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
    | st.sampled_from(["  ", "x" * 201, "Bel\x07l"]),
)


def profiles() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"intake_date": days},
        optional={
            "birth_date": st.none() | days,
            "birth_year": st.none() | st.integers(1850, 2200),
            "gender": codes(GENDERS.codes, "v"),
            "education": codes(EDUCATION.codes, "mbo-2", "lbo"),
            "situation": codes(SITUATIONS.codes, "retired"),
            "occupation": occupations,
            "sector": sectors,
            "postcode": postcodes,
            "hours_before": hours,
        },
    )


def placements() -> st.SearchStrategy[Placement]:
    return st.builds(
        Placement,
        employer_name=texts,
        contract=codes(CONTRACTS.codes, "zzp"),
        hours=hours,
        sector=sectors,
        occupation=occupations,
        benefit_days=st.none() | st.integers(-3, 400),
    )


# A status and the days after the intake it is moved on; mostly on to active, then an end.
statuses = mostly(st.sampled_from([Status.ACTIVE, *FINAL]), st.sampled_from(list(Status)))
moves = st.tuples(statuses, st.integers(-10, 700), st.none() | placements())
employers = st.fixed_dictionaries({"name": texts, "sector": sectors, "postcode": postcodes})
vacancies = st.fixed_dictionaries(
    {"title": texts},
    optional={
        "occupation": occupations,
        "sector": sectors,
        "postcode": postcodes,
        "min_education": codes(EDUCATION.codes, "master"),
        "hours": hours,
        "contract": codes(CONTRACTS.codes),
        "positions": st.integers(-1, 5),
        "skills": st.sampled_from(["", "drukken|offset", " | ", "a" * 10_001, "lezen\x00"]),
        "open_date": st.none() | days,
        "close_date": st.none() | days,
    },
)
programmes = st.fixed_dictionaries(
    {
        "intakes": st.lists(st.tuples(profiles(), st.lists(moves, max_size=4)), max_size=3),
        "edits": st.lists(profiles(), max_size=2),
        "employers": st.lists(employers, max_size=2),
        # A vacancy, and whether it is closed how many days after it opened.
        "vacancies": st.lists(st.tuples(vacancies, st.none() | st.integers(-30, 400)), max_size=3),
    }
)


def accepted(write: Any, **kwargs: Any) -> bool:
    """Call a service; a refusal (the typed ValidationError) is part of the property."""
    try:
        with transaction.atomic():
            write(**kwargs)
    except ValidationError:
        event(f"{write.__name__} refused")
        return False
    event(f"{write.__name__} accepted")
    return True


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(programme=programmes)
def test_what_the_services_accept_always_freezes(world: World, programme: dict[str, Any]) -> None:
    mediator, coordinator = world.users["mediator"], world.users["coordinator"]
    names = itertools.count()
    with transaction.atomic():
        for profile, steps in programme["intakes"]:
            accepted(
                participant_intake,
                actor=mediator,
                project=world.own,
                profile=ParticipantProfile(**profile),
                contact=ContactValues(),
                consents=["programme"],
            )
            for to, after, placement in steps:
                trajectories = Trajectory.objects.filter(participant__project=world.own)
                for trajectory in trajectories.select_related("participant"):
                    accepted(
                        trajectory_move,
                        actor=mediator,
                        trajectory=trajectory,
                        to=to,
                        on=trajectory.participant.intake_date + dt.timedelta(days=after),
                        placement=placement,
                    )
        for profile in programme["edits"]:
            # Always a fresh copy: a refused write leaves its values on the object it got.
            alice = Participant.objects.get(pk=world.alice.pk)
            accepted(
                participant_update,
                actor=mediator,
                participant=alice,
                profile=ParticipantProfile(**profile),
            )
        for values in programme["employers"]:
            accepted(
                employer_create,
                actor=coordinator,
                values=EmployerValues(**{**values, "project": world.own}),
            )
        for values, closed_after in programme["vacancies"]:
            employer = Employer.objects.filter(project=world.own).latest("pk")
            created = accepted(
                vacancy_create, actor=coordinator, employer=employer, values=VacancyValues(**values)
            )
            if created and closed_after is not None:
                vacancy = Vacancy.objects.latest("pk")
                on = (vacancy.open_date or dt.date(2026, 1, 1)) + dt.timedelta(days=closed_after)
                accepted(vacancy_close, actor=coordinator, vacancy=vacancy, on=on)

        result = delivery_freeze(
            actor=coordinator,
            projects=Project.objects.filter(pk=world.own.pk),
            name=f"property-{next(names)}",
            delivered_on=dt.date(2040, 12, 31),
        )
        assert result.ok, problem_lines(result.problems)
        # It holds every record the services accepted.
        assert (
            result.counts["participants"] == Participant.objects.filter(project=world.own).count()
        )
        own_outcomes = Outcome.objects.filter(trajectory__participant__project=world.own)
        assert result.counts["outcomes"] == own_outcomes.count()
        assert (
            result.counts["vacancies"]
            == Vacancy.objects.filter(employer__project=world.own).count()
        )
        transaction.set_rollback(True)
