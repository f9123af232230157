"""Matching on the live data: suggestions for a participant or a vacancy, the mediator's
decision on one, an allocation for a pool, and the fairness figures.

The pure :mod:`werkbrug.matching` package does all scoring; this module only turns live
records into its ``Candidate`` and ``Opening`` and stores what was shown and decided.
Pools of a project or a region are small enough (thousands) for exact ranking; the national
scale index of the matching package is for `werkbrug match` on whole deliveries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug import access, clock
from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record, changes_between, snapshot
from werkbrug.exchange.schema import MAX_WEEKLY_HOURS, weekly_hours_ok
from werkbrug.indicators import age_at, age_band
from werkbrug.matches.esco import skills_table
from werkbrug.matches.models import Decision, Profile, Suggestion
from werkbrug.matches.values import ProfileValues
from werkbrug.matching import (
    Candidate,
    MatchConfig,
    Opening,
    assign,
    fairness_report,
    rank_candidates,
    rank_vacancies,
    score_all,
    score_pair,
)
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.flows import ONGOING, TO_WORK
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.selectors import matchable_q

CONFIG = MatchConfig()
# What a mediator sets in a participant's matching profile (the profile form's fields).
PROFILE_FIELDS = ProfileValues.field_names()


class MatchError(Exception):
    """The matching cannot run as asked; the message says why and what to do."""


def _split(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split("|") if part.strip())


def _age_at_intake(participant: Participant) -> int | None:
    return age_at(participant.intake_date, participant.birth_date, participant.birth_year)


def _hours(hours: Decimal | None, *, zero_allowed: bool = False) -> float | None:
    # Hours stored before werkbrug checked them (e.g. 95) count as unknown: a page with
    # suggestions must not fail on an old record.
    if hours is None or not weekly_hours_ok(hours, zero_allowed=zero_allowed):
        return None
    return float(hours)


def candidate_of(participant: Participant) -> Candidate:
    profile = getattr(participant, "match_profile", None) or Profile()
    age = _age_at_intake(participant)
    hours = profile.hours_wanted or participant.hours_before
    return Candidate(
        key=str(participant.pk),
        occupation=participant.occupation or None,
        skills=_split(profile.skills),
        education=participant.education or None,
        postcode=participant.postcode or None,
        hours_wanted=_hours(hours, zero_allowed=True),
        contract_wishes=_split(profile.contract_wishes),
        wanted_occupations=_split(profile.wanted_occupations),
        wanted_sectors=_split(profile.wanted_sectors),
        no_go_sectors=_split(profile.no_go_sectors),
        max_distance_km=float(profile.max_distance_km) if profile.max_distance_km else None,
        sector=participant.sector or None,
        gender=participant.gender or None,
        age_band=age_band(age) if age is not None else None,
    )


def opening_of(vacancy: Vacancy) -> Opening:
    return Opening(
        key=str(vacancy.pk),
        title=vacancy.title,
        employer=vacancy.employer.name,
        occupation=vacancy.occupation or None,
        sector=vacancy.sector or None,
        postcode=vacancy.postcode or None,
        min_education=vacancy.min_education or None,
        hours=_hours(vacancy.hours),
        contract=vacancy.contract or None,
        positions=vacancy.positions,
        skills=_split(vacancy.skills),
        open_date=vacancy.open_date,
        close_date=vacancy.close_date,
    )


def open_vacancies(user: User, today: dt.date) -> QuerySet[Vacancy]:
    return access.vacancies_visible(user).filter(matchable_q(today)).select_related("employer")


def ongoing_participants(user: User) -> QuerySet[Participant]:
    return (
        access.participants_visible(user)
        .filter(trajectory__status__in=ONGOING)
        .select_related("match_profile")
    )


@dataclass(frozen=True)
class Shown:
    """A suggestion as a page shows it: the scored pair, the other side, and any decision."""

    suggestion: dict[str, Any]
    vacancy: Vacancy | None
    participant: Participant | None
    decision: str
    reason: str


def _record_shown(
    pairs: list[tuple[Participant, Vacancy, dict[str, Any]]],
) -> dict[tuple[int, int], Suggestion]:
    """Store each pair the first time it is shown, with the scores it was shown with.

    Showing is not suggesting: the fairness monitor counts only what a mediator asked for
    (:func:`_record_requested`)."""
    Suggestion.objects.bulk_create(
        [
            Suggestion(
                participant=p,
                vacancy=v,
                score=data["score"],
                snapshot=data,
                config_version=data["config_version"],
            )
            for p, v, data in pairs
        ],
        ignore_conflicts=True,
    )
    stored = Suggestion.objects.filter(
        participant__in=[p for p, _v, _d in pairs], vacancy__in=[v for _p, v, _d in pairs]
    )
    return {(s.participant_id, s.vacancy_id): s for s in stored}


def _record_requested(actor: User, suggestions: QuerySet[Suggestion]) -> None:
    """Mark suggestions as asked for when the actor is a mediator and they were not yet.

    Only a mediator asking for one participant's suggestions (or deciding on one) suggests
    a vacancy to that participant; a coordinator or an administrator looking at the same
    page, and anyone looking at a vacancy's candidates, is browsing."""
    if access.is_mediator(actor):
        suggestions.filter(requested_at__isnull=True).update(
            requested_at=timezone.now(), requested_by=actor
        )


def suggest_for_participant(
    *, actor: User, participant: Participant, k: int = 10, today: dt.date | None = None
) -> list[Shown]:
    today = today or clock.today()
    vacancies = {str(v.pk): v for v in open_vacancies(actor, today)}
    ranked = rank_vacancies(
        candidate_of(participant),
        [opening_of(v) for v in vacancies.values()],
        CONFIG,
        skills_table(),
        k=k,
    )
    pairs = [(participant, vacancies[s.vacancy], s.to_dict()) for s in ranked]
    stored = _record_shown(pairs)
    _record_requested(actor, Suggestion.objects.filter(pk__in=[s.pk for s in stored.values()]))
    shown = []
    for p, v, data in pairs:
        record = stored.get((p.pk, v.pk))
        shown.append(
            Shown(data, v, None, record.decision if record else "", record.reason if record else "")
        )
    return shown


def suggest_for_vacancy(*, actor: User, vacancy: Vacancy, k: int = 10) -> list[Shown]:
    people = {str(p.pk): p for p in ongoing_participants(actor).select_related("contact")}
    ranked = rank_candidates(
        opening_of(vacancy), [candidate_of(p) for p in people.values()], CONFIG, skills_table(), k=k
    )
    pairs = [(people[s.participant], vacancy, s.to_dict()) for s in ranked]
    stored = _record_shown(pairs)
    shown = []
    for p, v, data in pairs:
        record = stored.get((p.pk, v.pk))
        shown.append(
            Shown(data, None, p, record.decision if record else "", record.reason if record else "")
        )
    return shown


@transaction.atomic
def profile_save(*, actor: User, participant: Participant, values: ProfileValues) -> Profile:
    """Store a participant's matching profile and log what changed, like every other change
    to a participant's record. Saving without a change writes nothing and logs nothing."""
    profile = Profile.objects.select_for_update().filter(participant=participant).first()
    created = profile is None
    if profile is None:
        profile = Profile(participant=participant)
    before = snapshot(profile, PROFILE_FIELDS)
    for name, value in values.as_dict().items():
        setattr(profile, name, value)
    if profile.hours_wanted is not None and not weekly_hours_ok(
        profile.hours_wanted, zero_allowed=True
    ):
        message = _("Weekly hours lie between 0 and %(max)s.") % {"max": MAX_WEEKLY_HOURS}
        raise ValidationError({"hours_wanted": message})
    profile.full_clean()
    diff = changes_between(before, snapshot(profile, PROFILE_FIELDS))
    if not diff:
        return profile
    profile.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.CHANGE,
        obj=profile,
        participant=participant,
        changes=diff,
    )
    return profile


@transaction.atomic
def suggestion_decide(
    *, actor: User, participant: Participant, vacancy: Vacancy, decision: str, reason: str
) -> Suggestion:
    """Store a mediator's decision on a suggestion, with the scores as they are now."""
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose accept or reject.")})
    if decision == Decision.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("Give a reason when you reject a suggestion.")})
    now = score_pair(candidate_of(participant), opening_of(vacancy), CONFIG, skills_table())
    data = now.to_dict()
    suggestion, _created = Suggestion.objects.get_or_create(
        participant=participant,
        vacancy=vacancy,
        defaults={"score": now.score, "snapshot": data, "config_version": now.config_version},
    )
    suggestion.decision = decision
    suggestion.reason = reason.strip()
    suggestion.decided_snapshot = data
    suggestion.decided_at = timezone.now()
    suggestion.decided_by = actor
    suggestion.save()
    _record_requested(actor, Suggestion.objects.filter(pk=suggestion.pk))
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=suggestion,
        participant=participant,
        changes={"decision": [None, decision], "vacancy": [None, vacancy.key]},
    )
    return suggestion


def _project_participants(projects: QuerySet[Project]) -> QuerySet[Participant]:
    return Participant.objects.filter(project__in=projects, erased_on__isnull=True)


def allocate_pool(
    *, actor: User, projects: QuerySet[Project], min_score: float, method: str, today: dt.date
) -> dict[str, Any]:
    """The best allocation of a pool: the projects' ongoing participants to the open
    vacancies the user can see. Advice for the mediators; nothing is changed."""
    if method not in ("optimal", "stable"):
        raise MatchError(
            _("Unknown method %(method)s; use optimal or stable.") % {"method": method}
        )
    people = {
        str(p.pk): p
        for p in _project_participants(projects)
        .filter(trajectory__status__in=ONGOING)
        .select_related("match_profile", "contact")
    }
    vacancies = {str(v.pk): v for v in open_vacancies(actor, today)}
    if len(people) * len(vacancies) > 2_000_000:
        raise MatchError(_("The pool is too large to allocate here; narrow it to one project."))
    scores = [
        s
        for s in score_all(
            [candidate_of(p) for p in people.values()],
            [opening_of(v) for v in vacancies.values()],
            CONFIG,
            skills_table(),
        )
        if s.excluded is None
    ]
    capacities = {key: v.positions for key, v in vacancies.items()}
    chosen = assign(scores, capacities, min_score=min_score, method=method)  # type: ignore[arg-type]
    other = assign(
        scores,
        capacities,
        min_score=min_score,
        method="stable" if method == "optimal" else "optimal",
    )
    result = dict(chosen.to_dict())
    result["other"] = {"method": other.to_dict()["method"], "total_score": other.total_score}
    result["rows"] = [
        {
            "participant": people[a["participant"]],
            "vacancy": vacancies[a["vacancy"]],
            "score": a["score"],
        }
        for a in result["assignments"]
    ]
    result["pool"] = {
        "participants": len(people),
        "vacancies": len(vacancies),
        "positions": sum(capacities.values()),
    }
    return result


def fairness_for(*, projects: QuerySet[Project], min_group: int = 10) -> dict[str, Any]:
    """Suggestion, acceptance and placement rates by gender and age band for the projects.

    *Suggested*: a mediator asked for the participant's suggestions and got at least one
    (``Suggestion.requested_at``); *decided* and *accepted* count every decision; *placed*:
    the trajectory is in a to-work status (docs/matching.md, "The fairness monitor")."""
    people = list(_project_participants(projects).select_related("trajectory"))
    records = []
    for p in people:
        age = _age_at_intake(p)
        records.append(
            {
                "key": str(p.pk),
                "gender": p.gender or None,
                "age_band": age_band(age) if age is not None else None,
            }
        )
    decisions = [
        {"participant": str(pid), "decision": decision or None, "requested": asked is not None}
        for pid, decision, asked in Suggestion.objects.filter(
            participant__in=[p.pk for p in people]
        ).values_list("participant_id", "decision", "requested_at")
    ]
    placed = [str(p.pk) for p in people if p.trajectory.status in TO_WORK]
    return fairness_report(records, decisions, placed, min_group=min_group)
