"""What frozen deliveries hold about a participant (werkbrug.personal_data): their row in
``participants.csv`` and in ``outcomes.csv`` of every delivery that has their key.

A delivery must give the same report for ever, so erasure keeps the aggregates and removes
the person: both rows get a new random key (the same one in both tables of one delivery),
and keep exactly what a report, the success factors or the survival analysis reads:

- participant row: project, intake date, gender, education and situation, the derived age
  at intake and education level, and instead of the birth date the birth year that gives
  the same age at intake (werkbrug.personal_data.birth_year_for_age);
- outcome row: outcome, date, contract, hours, and the derived project and intake date.

Everything else (birth date, postcode, occupation, sector, hours before; the outcome's
employer, sector, occupation and benefit days) is emptied. The delivery's stored content hash
is left as it was: it describes what was delivered, not what remains (docs/data-model.md).

Keys are matched across every delivery: a live key is random, so a delivery that holds it
holds this person (a frozen delivery, or one re-imported from an export of it).
"""

from __future__ import annotations

from typing import Any

from werkbrug.deliveries.models import DeliveryOutcome, DeliveryParticipant
from werkbrug.people.models import Participant
from werkbrug.personal_data import Entry, Erasure, birth_year_for_age, register

PARTICIPANT_REMOVED = ("birth_date", "occupation", "sector", "postcode", "hours_before")
OUTCOME_REMOVED = ("employer", "sector", "occupation", "benefit_days")


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _export(model: type[DeliveryParticipant] | type[DeliveryOutcome], lookup: str) -> Any:
    fields = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "delivery")]

    def export(participant: Participant) -> list[dict[str, Any]]:
        rows = model._default_manager.filter(**{lookup: participant.key}).select_related(
            "delivery", "project"
        )
        out = []
        for row in rows.order_by("delivery__name"):
            values = {name: _iso(getattr(row, name)) for name in fields if name != "project"}
            values["project"] = row.project.code if row.project else None
            out.append({"delivery": row.delivery.name, **{k: _str(v) for k, v in values.items()}})
        return out

    return export


def _str(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | str) else str(value)


def _taken(delivery_id: int) -> Any:
    def taken(key: str) -> bool:
        return DeliveryParticipant.objects.filter(delivery_id=delivery_id, key=key).exists()

    return taken


def _erase_participants(erasure: Erasure) -> int:
    rows = DeliveryParticipant.objects.filter(key=erasure.old_key)
    for row in rows:
        row.key = erasure.delivery_key(row.delivery_id, _taken(row.delivery_id))
        row.birth_year = birth_year_for_age(row.intake_date, row.age_at_intake)
        row.birth_date = row.hours_before = None
        row.occupation = row.sector = row.postcode = ""
        row.save(update_fields=["key", "birth_year", *PARTICIPANT_REMOVED])
    return len(rows)


def _erase_outcomes(erasure: Erasure) -> int:
    rows = DeliveryOutcome.objects.filter(participant_key=erasure.old_key)
    for row in rows:
        row.participant_key = erasure.delivery_key(row.delivery_id, _taken(row.delivery_id))
        row.employer = row.sector = row.occupation = ""
        row.benefit_days = None
        row.save(update_fields=["participant_key", *OUTCOME_REMOVED])
    return len(rows)


ENTRIES = {
    "delivered_participants": register(
        Entry(
            name="delivered_participants",
            model=DeliveryParticipant,
            link="",
            fields=("key", "birth_year", *PARTICIPANT_REMOVED),
            export=_export(DeliveryParticipant, "key"),
            erase=_erase_participants,
            treatment="new random key; birth date reduced to the birth year that gives the "
            "same age at intake; postcode, occupation, sector and hours removed",
        )
    ),
    "delivered_outcomes": register(
        Entry(
            name="delivered_outcomes",
            model=DeliveryOutcome,
            link="",
            fields=("participant_key", *OUTCOME_REMOVED),
            export=_export(DeliveryOutcome, "participant_key"),
            erase=_erase_outcomes,
            treatment="the participant row's new key; employer, sector, occupation and "
            "benefit days removed",
        )
    ),
}
