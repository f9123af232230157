"""Matching on stored data: the services behind `werkbrug match` (advice, never a decision).

At this stage the pool is a delivery's participants who are still in a trajectory (no
outcome) and its vacancies; matching on the live caseload comes with the mediators' pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from werkbrug.deliveries import selectors
from werkbrug.deliveries.models import Delivery, DeliveryOutcome, DeliveryParticipant
from werkbrug.exchange import TABLES
from werkbrug.exchange.validate import canonical
from werkbrug.indicators import age_band
from werkbrug.matching import (
    Candidate,
    MatchConfig,
    Opening,
    assign,
    rank_candidates,
    rank_vacancies,
    score_all,
)


class MatchError(Exception):
    """The matching cannot run as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Pool:
    candidates: dict[str, Candidate]
    openings: dict[str, Opening]


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
    return Pool(candidates, openings)


def suggest_for_participant(pool: Pool, key: str, top: int) -> list[dict[str, Any]]:
    candidate = pool.candidates.get(key)
    if candidate is None:
        raise MatchError(f"no participant '{key}' still in a trajectory in this delivery")
    found = rank_vacancies(candidate, pool.openings.values(), MatchConfig(), k=top)
    return [s.to_dict() for s in found]


def suggest_for_vacancy(pool: Pool, key: str, top: int) -> list[dict[str, Any]]:
    opening = pool.openings.get(key)
    if opening is None:
        raise MatchError(f"no vacancy '{key}' in this delivery")
    found = rank_candidates(opening, pool.candidates.values(), MatchConfig(), k=top)
    return [s.to_dict() for s in found]


def all_scores(pool: Pool, limit: int = 250_000) -> list[dict[str, Any]]:
    pairs = len(pool.candidates) * len(pool.openings)
    if pairs > limit:
        raise MatchError(
            f"{pairs:,} pairs is too many to list; use suggest --participant or --vacancy"
        )
    return [
        s.to_dict()
        for s in score_all(pool.candidates.values(), pool.openings.values(), MatchConfig())
    ]


def allocate(pool: Pool, *, min_score: float, method: str) -> dict[str, Any]:
    if method not in {"optimal", "stable"}:
        raise MatchError(f"unknown method {method!r}; use optimal or stable")
    scores = score_all(pool.candidates.values(), pool.openings.values(), MatchConfig())
    usable = [s for s in scores if s.excluded is None]
    capacities = {key: o.positions for key, o in pool.openings.items()}
    result = assign(usable, capacities, min_score=min_score, method=method)  # type: ignore[arg-type]
    return dict(result.to_dict())
