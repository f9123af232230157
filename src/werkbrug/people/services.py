"""Writes for participants: intake, changes, consent, GDPR export and erasure.

Each function runs in one transaction and writes the audit log. Values of directly
identifying fields never reach the log (see werkbrug.audit).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug.accounts.models import User
from werkbrug.audit.models import Action, AuditEvent
from werkbrug.audit.services import audit_record, changes_between, snapshot
from werkbrug.deliveries.rows import live_check
from werkbrug.people.bsn import BsnError, bsn_hash
from werkbrug.people.models import Consent, ContactDetails, Participant
from werkbrug.projects.models import Project

# What monitoring needs (participants.csv) plus the dates of a job-to-job move.
PROFILE_FIELDS = (
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
CONTACT_FIELDS = ("given_name", "family_name", "email", "phone", "address")


def _new_key() -> str:
    # Random, so the key says nothing about the person, the project or the order of intake.
    while True:
        key = "WB-" + secrets.token_hex(5).upper()
        if not Participant.objects.filter(key=key).exists():
            return key


def _bsn_hash_or_error(bsn: str) -> str:
    try:
        return bsn_hash(bsn, key=settings.BSN_KEY)
    except BsnError as exc:
        message = _("Not a valid BSN: %(reason)s.") % {"reason": _(str(exc))}
        raise ValidationError({"bsn": message}) from None


def _check_dates(profile: Mapping[str, Any]) -> None:
    # The dates of a job-to-job move; the monitoring fields obey the exchange format's rules
    # (werkbrug.deliveries.rows.live_check).
    notice, end = profile.get("notice_date"), profile.get("contract_end_date")
    if notice and end and end < notice:
        raise ValidationError(
            {"contract_end_date": _("The contract cannot end before notice was given.")}
        )


@transaction.atomic
def participant_intake(
    *,
    actor: User,
    project: Project,
    profile: Mapping[str, Any],
    contact: Mapping[str, str],
    bsn: str = "",
    consents: Iterable[str] = (),
    mediator: User | None = None,
) -> Participant:
    """Register a participant with their trajectory (status intake) and consents."""
    from werkbrug.trajectories.services import trajectory_open

    _check_dates(profile)
    participant = Participant(key=_new_key(), project=project)
    for name in PROFILE_FIELDS:
        if name in profile:
            setattr(participant, name, profile[name])
    if participant.birth_date and not participant.birth_year:
        participant.birth_year = participant.birth_date.year
    live_check(participant)
    participant.full_clean()
    participant.save()
    details = ContactDetails(
        participant=participant, **{k: contact.get(k, "") for k in CONTACT_FIELDS}
    )
    if bsn.strip():
        details.bsn_hash = _bsn_hash_or_error(bsn)
    details.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=participant,
        subject=participant.key,
        changes=changes_between(
            {},
            {**snapshot(participant, PROFILE_FIELDS), **snapshot(details, CONTACT_FIELDS)},
            hidden=CONTACT_FIELDS,
        ),
    )
    for purpose in consents:
        consent_give(
            actor=actor, participant=participant, purpose=purpose, on=participant.intake_date
        )
    trajectory_open(
        actor=actor, participant=participant, mediator=mediator or _self_if_mediator(actor)
    )
    return participant


def _self_if_mediator(actor: User) -> User | None:
    return actor if actor.role == "mediator" else None


@transaction.atomic
def participant_update(
    *, actor: User, participant: Participant, profile: Mapping[str, Any]
) -> Participant:
    before = snapshot(participant, PROFILE_FIELDS)
    merged = {**before, **{k: v for k, v in profile.items() if k in PROFILE_FIELDS}}
    _check_dates(merged)
    for name, value in merged.items():
        setattr(participant, name, value)
    if participant.birth_date:
        participant.birth_year = participant.birth_date.year
    live_check(participant)
    participant.full_clean()
    participant.save()
    diff = changes_between(before, snapshot(participant, PROFILE_FIELDS))
    if diff:
        audit_record(
            actor=actor,
            action=Action.CHANGE,
            obj=participant,
            subject=participant.key,
            changes=diff,
        )
    return participant


@transaction.atomic
def contact_update(
    *, actor: User, participant: Participant, contact: Mapping[str, str], bsn: str = ""
) -> ContactDetails:
    details, _created = ContactDetails.objects.get_or_create(participant=participant)
    before = snapshot(details, (*CONTACT_FIELDS, "bsn_hash"))
    for name in CONTACT_FIELDS:
        if name in contact:
            setattr(details, name, contact[name])
    if bsn.strip():
        details.bsn_hash = _bsn_hash_or_error(bsn)
    details.full_clean(exclude=["participant"])
    details.save()
    diff = changes_between(
        before,
        snapshot(details, (*CONTACT_FIELDS, "bsn_hash")),
        hidden=(*CONTACT_FIELDS, "bsn_hash"),
    )
    if diff:
        audit_record(
            actor=actor, action=Action.CHANGE, obj=details, subject=participant.key, changes=diff
        )
    return details


@transaction.atomic
def consent_give(*, actor: User, participant: Participant, purpose: str, on: dt.date) -> Consent:
    if participant.consents.filter(purpose=purpose, withdrawn_on__isnull=True).exists():
        raise ValidationError({"purpose": _("This consent has already been given.")})
    consent = Consent(participant=participant, purpose=purpose, given_on=on)
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=consent,
        subject=participant.key,
        changes={"purpose": [None, purpose], "given_on": [None, str(on)]},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, on: dt.date) -> Consent:
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    if on < consent.given_on:
        raise ValidationError(_("Consent cannot be withdrawn before it was given."))
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=consent,
        subject=consent.participant.key,
        changes={"withdrawn_on": [None, str(on)]},
    )
    return consent


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _row(obj: Any, fields: Iterable[str]) -> dict[str, object]:
    return {name: _plain(getattr(obj, name)) for name in fields}


@transaction.atomic
def participant_export(*, actor: User, participant: Participant) -> dict[str, Any]:
    """Everything werkbrug holds about one participant (GDPR art. 15 and 20), as plain data."""
    data: dict[str, Any] = {
        "key": participant.key,
        "project": participant.project.code,
        "profile": _row(participant, [f for f in PROFILE_FIELDS if f != "employer"]),
        "current_employer": participant.employer.name if participant.employer else None,
        "contact": None,
        "consents": [
            _row(c, ("purpose", "given_on", "withdrawn_on")) for c in participant.consents.all()
        ],
    }
    contact = ContactDetails.objects.filter(participant=participant).first()
    if contact is not None:
        data["contact"] = {
            **_row(contact, CONTACT_FIELDS),
            "bsn": _("stored only as a keyed hash") if contact.bsn_hash else None,
        }
    from werkbrug.trajectories.services import trajectory_export

    data["trajectory"] = trajectory_export(participant)
    data["audit"] = [
        {"at": e.at.isoformat(), "who": e.actor_name, "action": e.action, "what": e.object_type}
        for e in AuditEvent.objects.filter(subject=participant.key).order_by("at", "id")
    ]
    audit_record(actor=actor, action=Action.EXPORT, obj=participant, subject=participant.key)
    return data


@transaction.atomic
def participant_erase(*, actor: User, participant: Participant, on: dt.date) -> Participant:
    """Erase what identifies a participant and keep what the aggregates need.

    Contact details and BSN hash are deleted, free-text notes emptied, the birth date reduced
    to the year, the postcode and current employer removed, and the pseudonymous key replaced
    so that nothing left links to earlier extracts. Frozen deliveries are separate snapshots,
    so every report made from them stays the same.
    """
    from werkbrug.trajectories.services import trajectory_erase_notes

    old_key = participant.key
    ContactDetails.objects.filter(participant=participant).delete()
    trajectory_erase_notes(participant)
    if participant.birth_date:
        participant.birth_year = participant.birth_date.year
    participant.birth_date = None
    participant.postcode = ""
    participant.employer = None
    participant.key = "ERASED-" + secrets.token_hex(6).upper()
    participant.erased_on = on
    participant.save()
    audit_record(actor=actor, action=Action.ERASE, obj=participant, subject=old_key)
    return participant
