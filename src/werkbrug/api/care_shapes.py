"""Follow-ups, consents, suggestions and decisions as the API shows them: one function per
document, so that every operation (and its ETag) shows a record the same way."""

from __future__ import annotations

from typing import Any

from werkbrug.api import care_schemas as docs
from werkbrug.matches.models import Suggestion
from werkbrug.matches.services import Shown
from werkbrug.people.models import Consent
from werkbrug.trajectories.models import FollowUp


def follow_up(f: FollowUp, participant_pk: int) -> docs.FollowUp:
    return docs.FollowUp(
        id=f.pk,
        participant=participant_pk,
        months=f.months,
        due_on=f.due_on,
        checked_on=f.checked_on,
        in_work=f.in_work,
        note=f.note,
    )


def consent(c: Consent) -> docs.Consent:
    return docs.Consent(
        id=c.pk,
        participant=c.participant_id,
        purpose=c.purpose,
        given_on=c.given_on,
        withdrawn_on=c.withdrawn_on,
        active=c.active,
    )


def _skills(ids: list[str], labels: dict[str, dict[str, str]]) -> list[docs.Skill]:
    return [
        docs.Skill(id=s, nl=labels.get(s, {}).get("nl", s), en=labels.get(s, {}).get("en", s))
        for s in ids
    ]


def suggestion(shown: Shown) -> docs.Suggestion:
    """A suggestion from matches.services (the page's cards are made from the same)."""
    data: dict[str, Any] = shown.suggestion
    vacancy = shown.vacancy
    assert vacancy is not None  # suggestions for a participant name their vacancy
    labels = data["skill_labels"]
    return docs.Suggestion(
        vacancy=vacancy.pk,
        title=vacancy.title,
        employer=vacancy.employer_id,
        score=data["score"],
        confidence=data["confidence"],
        components={name: docs.Component(**c) for name, c in data["components"].items()},
        matched_skills=_skills(data["matched_skills"], labels),
        missing_skills=_skills(data["missing_skills"], labels),
        training_needed=data["training_needed"],
        distance_km=data["distance_km"],
        excluded=data["excluded"],
        explanation=dict(data["explanation"]),
        config_version=data["config_version"],
        decision=shown.decision,
        reason=shown.reason,
    )


def decision(s: Suggestion) -> docs.Decision:
    assert s.decided_at is not None  # shown after the decision was stored
    snapshot = s.decided_snapshot or {}
    return docs.Decision(
        participant=s.participant_id,
        vacancy=s.vacancy_id,
        decision=s.decision,
        reason=s.reason,
        score=float(snapshot.get("score", s.score)),
        decided_at=s.decided_at,
    )
