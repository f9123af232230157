"""What matching holds about a participant (werkbrug.personal_data): the matching profile and
every suggestion shown, with the mediator's decision and reason.

The profile is free text and wishes: erasure deletes it. A suggestion stays as a record that
advice was given and decided on (the vacancy, the score, the configuration, who decided
when), but its reason and its score snapshots go: the reason may name anyone, and the
snapshots hold the person's skills as written in the profile.
"""

from __future__ import annotations

from typing import Any

from werkbrug.matches.models import BatchSuggestion, Profile, Suggestion
from werkbrug.people.models import Participant
from werkbrug.personal_data import Entry, Erasure, register, rows_of

# Every field of the profile but its link (matches.services.PROFILE_FIELDS, without importing
# the matching machinery when the registry is discovered).
PROFILE_FIELDS = tuple(f.name for f in Profile._meta.concrete_fields if f.name != "participant")


def _export_profile(participant: Participant) -> dict[str, Any] | None:
    profile = Profile.objects.filter(participant=participant).first()
    if profile is None:
        return None
    row = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    row["hours_wanted"] = str(profile.hours_wanted) if profile.hours_wanted is not None else None
    return row


def _export_suggestions(participant: Participant) -> list[dict[str, Any]]:
    rows = Suggestion.objects.filter(participant=participant).select_related("vacancy")
    return [
        {
            "vacancy": s.vacancy.key,
            "title": s.vacancy.title,
            "score": s.score,
            "shown_at": s.shown_at.isoformat(),
            "asked_for_at": s.requested_at.isoformat() if s.requested_at else None,
            "scores_when_shown": s.snapshot,
            "decision": s.decision,
            "reason": s.reason,
            "decided_at": s.decided_at.isoformat() if s.decided_at else None,
            "scores_when_decided": s.decided_snapshot,
        }
        for s in rows.order_by("shown_at", "id")
    ]


def _erase_profile(erasure: Erasure) -> int:
    deleted, _by_model = rows_of(ENTRIES["matching_profile"], erasure.participant).delete()
    return deleted


def _erase_suggestions(erasure: Erasure) -> int:
    rows = rows_of(ENTRIES["suggestions"], erasure.participant)
    return rows.update(reason="", snapshot={}, decided_snapshot=None)


def _export_batch(participant: Participant) -> list[dict[str, Any]]:
    rows = BatchSuggestion.objects.filter(participant=participant).select_related("run")
    return [
        {
            "batch_finished_at": b.run.finished_at.isoformat(),
            "rank": b.rank,
            "vacancy": b.vacancy_key,
            "score": b.score,
        }
        for b in rows.order_by("run__finished_at", "rank")
    ]


def _erase_batch(erasure: Erasure) -> int:
    deleted, _by_model = rows_of(ENTRIES["batch_suggestions"], erasure.participant).delete()
    return deleted


ENTRIES = {
    "matching_profile": register(
        Entry(
            name="matching_profile",
            model=Profile,
            link="participant",
            fields=PROFILE_FIELDS,
            export=_export_profile,
            erase=_erase_profile,
            treatment="deleted",
        )
    ),
    "suggestions": register(
        Entry(
            name="suggestions",
            model=Suggestion,
            link="participant",
            fields=("reason", "snapshot", "decided_snapshot"),
            export=_export_suggestions,
            erase=_erase_suggestions,
            treatment="reason and score snapshots emptied; vacancy, score, decision and when kept",
        )
    ),
    "batch_suggestions": register(
        Entry(
            name="batch_suggestions",
            model=BatchSuggestion,
            link="participant",
            fields=("vacancy_key", "rank", "score"),
            export=_export_batch,
            erase=_erase_batch,
            treatment="deleted (advice that a new batch computes again)",
        )
    ),
}
