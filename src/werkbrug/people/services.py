"""Writes for participants: intake, changes, consent, GDPR export and erasure.

Each function runs in one transaction and writes the audit log. Values of directly
identifying fields never reach the log (see werkbrug.audit).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug import access, personal_data
from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record, changes_between, snapshot
from werkbrug.deliveries.rows import live_check
from werkbrug.people.bsn import BsnError, bsn_hash
from werkbrug.people.models import Consent, ContactDetails, Participant
from werkbrug.people.values import (
    CONTACT_FIELDS,
    PROFILE_FIELDS,
    ContactValues,
    ParticipantProfile,
)
from werkbrug.projects.models import Project

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

# What monitoring needs (participants.csv) plus the dates of a job-to-job move.


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


def _check_dates(profile: ParticipantProfile) -> None:
    # The dates of a job-to-job move; the monitoring fields obey the exchange format's rules
    # (werkbrug.deliveries.rows.live_check).
    notice, end = profile.notice_date, profile.contract_end_date
    if notice and end and end < notice:
        raise ValidationError(
            {"contract_end_date": _("The contract cannot end before notice was given.")}
        )


@transaction.atomic
def participant_intake(
    *,
    actor: User,
    project: Project,
    profile: ParticipantProfile,
    contact: ContactValues,
    bsn: str = "",
    consents: Iterable[str] = (),
    mediator: User | None = None,
) -> Participant:
    """Register a participant with their trajectory (status intake) and consents."""
    from werkbrug.trajectories.services import trajectory_open

    _check_dates(profile)
    participant = Participant(key=_new_key(), project=project, **profile.as_dict())
    if participant.birth_date and not participant.birth_year:
        participant.birth_year = participant.birth_date.year
    live_check(participant)
    participant.full_clean()
    participant.save()
    details = ContactDetails(participant=participant, **contact.as_dict())
    if bsn.strip():
        details.bsn_hash = _bsn_hash_or_error(bsn)
    details.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=participant,
        participant=participant,
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
    return actor if access.is_mediator(actor) else None


@transaction.atomic
def participant_update(
    *, actor: User, participant: Participant, profile: ParticipantProfile
) -> Participant:
    """Store the record as ``profile`` gives it (change one field of the stored record with
    ``dataclasses.replace(ParticipantProfile.of(participant), …)``)."""
    before = snapshot(participant, PROFILE_FIELDS)
    _check_dates(profile)
    for name, value in profile.as_dict().items():
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
            participant=participant,
            changes=diff,
        )
    return participant


@transaction.atomic
def contact_update(
    *, actor: User, participant: Participant, contact: ContactValues, bsn: str = ""
) -> ContactDetails:
    details, _created = ContactDetails.objects.get_or_create(participant=participant)
    before = snapshot(details, (*CONTACT_FIELDS, "bsn_hash"))
    for name, value in contact.as_dict().items():
        setattr(details, name, value)
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
            actor=actor, action=Action.CHANGE, obj=details, participant=participant, changes=diff
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
        participant=participant,
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
        participant=consent.participant,
        changes={"withdrawn_on": [None, str(on)]},
    )
    return consent


@transaction.atomic
def participant_export(*, actor: User, participant: Participant) -> dict[str, Any]:
    """Everything werkbrug holds about one participant (GDPR art. 15 and 20), as plain data:
    one section per entry of the personal-data registry (werkbrug.personal_data)."""
    data: dict[str, Any] = {"key": participant.key, "project": participant.project.code}
    data.update(personal_data.export(participant))
    audit_record(actor=actor, action=Action.EXPORT, obj=participant, participant=participant)
    return data


@transaction.atomic
def participant_erase(
    *,
    actor: User,
    participant: Participant,
    on: dt.date,
    session: SessionBase | None = None,
) -> Participant:
    """Erase everything that identifies a participant and keep what the aggregates need.

    Every entry of the personal-data registry does its part (docs/roles.md lists them): the
    contact details, consents and matching profile are deleted, free text emptied, the
    record and each frozen delivery's rows keep only what the reports read under new random
    keys, sessions lose every value about the person, and the participant's audit key is
    deleted, so their events in the append-only log no longer say anything about them.
    ``session``: the erasing request's own session (it is written back after the erasure).

    The erase event says who erased which record when, and how many rows of each kind were
    touched; it names no key, old or new.
    """
    erasure = personal_data.Erasure.of(participant, on=on, session=session)
    touched = personal_data.erase(erasure)
    audit_record(actor=actor, action=Action.ERASE, obj=participant, changes=touched)
    return participant
