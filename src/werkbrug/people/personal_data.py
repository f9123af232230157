"""What the people app holds about a participant (werkbrug.personal_data): the pseudonymous
record, the contact details, the consents, and the caseload searches in sessions."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.utils.translation import gettext as _

from werkbrug.indicators import age_at
from werkbrug.people import sessions
from werkbrug.people.models import Consent, ContactDetails, Participant
from werkbrug.personal_data import Entry, Erasure, birth_year_for_age, register, rows_of

# The record's fields that say something about the person: all of participants.csv and the
# dates of a job-to-job move.
RECORD_FIELDS = (
    "key",
    "intake_date",
    "birth_date",
    "birth_year",
    "gender",
    "education",
    "situation",
    "occupation",
    "sector",
    "postcode",
    "hours_before",
    "employer",
    "notice_date",
    "contract_end_date",
    "benefit_start_date",
)
CONTACT_FIELDS = ("given_name", "family_name", "email", "phone", "address", "bsn_hash")


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _export_record(participant: Participant) -> dict[str, Any]:
    row = {name: _iso(getattr(participant, name)) for name in RECORD_FIELDS if name != "employer"}
    row["hours_before"] = (
        str(participant.hours_before) if participant.hours_before is not None else None
    )
    row["project"] = participant.project.code
    row["current_employer"] = participant.employer.name if participant.employer else None
    return row


def _erase_record(erasure: Erasure) -> int:
    """Keep what the aggregates and a later freeze's reports read (project, intake date, age
    at intake as a birth year, gender, education, situation) under a new random key; remove
    the rest."""
    p = erasure.participant
    age = age_at(p.intake_date, p.birth_date, p.birth_year)
    p.birth_year = birth_year_for_age(p.intake_date, age)
    p.birth_date = None
    p.postcode = p.occupation = p.sector = ""
    p.hours_before = None
    p.employer = None
    p.notice_date = p.contract_end_date = p.benefit_start_date = None
    p.key = erasure.new_key
    p.erased_on = erasure.on
    p.save()
    return 1


def _export_contact(participant: Participant) -> dict[str, Any] | None:
    contact = ContactDetails.objects.filter(participant=participant).first()
    if contact is None:
        return None
    row: dict[str, Any] = {name: getattr(contact, name) for name in CONTACT_FIELDS[:-1]}
    row["bsn"] = _("stored only as a keyed hash") if contact.bsn_hash else None
    return row


def _export_consents(participant: Participant) -> list[dict[str, Any]]:
    return [
        {"purpose": c.purpose, "given_on": _iso(c.given_on), "withdrawn_on": _iso(c.withdrawn_on)}
        for c in participant.consents.all()
    ]


def _delete(entry_name: str) -> Any:
    def erase(erasure: Erasure) -> int:
        deleted, _by_model = rows_of(ENTRIES[entry_name], erasure.participant).delete()
        return deleted

    return erase


ENTRIES = {
    "record": register(
        Entry(
            name="record",
            model=Participant,
            link="pk",
            fields=RECORD_FIELDS,
            export=_export_record,
            erase=_erase_record,
            treatment="new random key; birth date reduced to the birth year that gives the "
            "same age at intake; postcode, occupation, sector, hours, current employer and "
            "the dates of the move removed",
        )
    ),
    "contact": register(
        Entry(
            name="contact",
            model=ContactDetails,
            link="participant",
            fields=CONTACT_FIELDS,
            export=_export_contact,
            erase=_delete("contact"),
            treatment="deleted",
        )
    ),
    "consents": register(
        Entry(
            name="consents",
            model=Consent,
            link="participant",
            fields=("purpose", "given_on", "withdrawn_on"),
            export=_export_consents,
            erase=_delete("consents"),
            treatment="deleted",
        )
    ),
    "sessions": register(
        Entry(
            name="sessions",
            model=Session,
            link="",
            fields=("session_data",),
            export=sessions.export,
            erase=sessions.erase,
            treatment="every value of every session that names the person or finds them "
            "(a caseload search) removed, expired sessions included",
        )
    ),
}
