"""Matching over a whole pool: the services behind `werkbrug match` (advice, never a
decision). The pages match for one user's reach (:mod:`werkbrug.matches.services`); the
command matches the live programme as a whole or a delivery. Both build candidates and
openings the same way and raise the same :class:`MatchError`.

The pool is either the live data (participants in intake or active, open vacancies;
optionally one project's) or a delivery's participants still in a trajectory (no outcome)
and its vacancies. Both score with the loaded ESCO data when there is any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from werkbrug import clock
from werkbrug.deliveries import selectors
from werkbrug.deliveries.models import Delivery, DeliveryOutcome, DeliveryParticipant
from werkbrug.exchange import TABLES
from werkbrug.exchange.validate import canonical
from werkbrug.indicators import age_band
from werkbrug.matches.esco import skills_table
from werkbrug.matches.services import MatchError, candidate_of, opening_of
from werkbrug.matching import (
    Candidate,
    MatchConfig,
    Opening,
    assign,
    rank_candidates,
    rank_vacancies,
    score_all,
)
from werkbrug.matching.similarity import SkillsTable
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.flows import ONGOING
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.selectors import matchable_q


@dataclass(frozen=True)
class Pool:
    candidates: dict[str, Candidate]
    openings: dict[str, Opening]
    table: SkillsTable | None = None


def live_pool(project_code: str | None = None, today: dt.date | None = None) -> Pool:
    """Ongoing participants (of one project, if given) and the open vacancies, keyed by
    their pseudonymous keys as the CLI shows them."""
    today = today or clock.today()
    people = Participant.objects.filter(
        erased_on__isnull=True, trajectory__status__in=ONGOING
    ).select_related("match_profile")
    if project_code is not None:
        if not Project.objects.filter(code=project_code).exists():
            raise MatchError(f"no project with code '{project_code}'; see the projects page")
        people = people.filter(project__code=project_code)
    vacancies = Vacancy.objects.filter(matchable_q(today)).select_related("employer")
    return Pool(
        candidates={p.key: replace(candidate_of(p), key=p.key) for p in people},
        openings={
            v.key: replace(opening_of(v), key=v.key, employer=v.employer.key) for v in vacancies
        },
        table=skills_table(),
    )


def delivery_pool(delivery: Delivery) -> Pool:
    finished = set(
        DeliveryOutcome.objects.filter(delivery=delivery).values_list("participant_key", flat=True)
    )
    rows = DeliveryParticipant.objects.filter(delivery=delivery).order_by("key")
    candidates = {
        p.key: Candidate(
            key=p.key,
            occupation=p.occupation or None,
            education=p.education or None,
            postcode=p.postcode or None,
            hours_wanted=float(p.hours_before) if p.hours_before is not None else None,
            sector=p.sector or None,
            gender=p.gender or None,
            age_band=age_band(p.age_at_intake) if p.age_at_intake is not None else None,
        )
        for p in rows
        if p.key not in finished
    }
    names = TABLES["vacancies"].column_names
    openings = {}
    for values in selectors.delivery_rows(delivery=delivery, table="vacancies"):
        row = {
            name: (canonical(v) if v is not None else None)
            for name, v in zip(names, values, strict=True)
        }
        opening = Opening.from_row(row)
        openings[opening.key] = opening
    return Pool(candidates, openings, skills_table())


def suggest_for_participant(pool: Pool, key: str, top: int) -> list[dict[str, Any]]:
    candidate = pool.candidates.get(key)
    if candidate is None:
        raise MatchError(f"no participant '{key}' still in a trajectory in this pool")
    found = rank_vacancies(candidate, pool.openings.values(), MatchConfig(), pool.table, k=top)
    return [s.to_dict() for s in found]


def suggest_for_vacancy(pool: Pool, key: str, top: int) -> list[dict[str, Any]]:
    opening = pool.openings.get(key)
    if opening is None:
        raise MatchError(f"no open vacancy '{key}' in this pool")
    found = rank_candidates(opening, pool.candidates.values(), MatchConfig(), pool.table, k=top)
    return [s.to_dict() for s in found]


def all_scores(pool: Pool, limit: int = 250_000) -> list[dict[str, Any]]:
    pairs = len(pool.candidates) * len(pool.openings)
    if pairs > limit:
        raise MatchError(
            f"{pairs:,} pairs is too many to list; use suggest --participant or --vacancy"
        )
    return [
        s.to_dict()
        for s in score_all(
            pool.candidates.values(), pool.openings.values(), MatchConfig(), pool.table
        )
    ]


def allocate(pool: Pool, *, min_score: float, method: str) -> dict[str, Any]:
    if method not in {"optimal", "stable"}:
        raise MatchError(f"unknown method {method!r}; use optimal or stable")
    scores = score_all(pool.candidates.values(), pool.openings.values(), MatchConfig(), pool.table)
    usable = [s for s in scores if s.excluded is None]
    capacities = {key: o.positions for key, o in pool.openings.items()}
    result = assign(usable, capacities, min_score=min_score, method=method)  # type: ignore[arg-type]
    return dict(result.to_dict())
