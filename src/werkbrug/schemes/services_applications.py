"""Writes for calls and applications: each one transaction with its audit-log row.

Who may call them is decided by the pages and commands (:mod:`werkbrug.access`); the
services check the state table (:mod:`werkbrug.schemes.flows`) and the data themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug import clock, grants
from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.grants.jsonfile import read_json_bytes
from werkbrug.projects.models import Organisation
from werkbrug.schemes.checks import application_checks
from werkbrug.schemes.flows import EDITABLE, may_move
from werkbrug.schemes.models import Application, Call, Judgement, State
from werkbrug.schemes.values import ApplicationRef, CallRef, FileRefused, GrantError, Scope

REFERENCE_PREFIX = {"tijdelijk-besluit-2010": "TB", "sectorplannen-2013": "SP"}


def _ref(application: Application) -> ApplicationRef:
    return ApplicationRef(
        application.pk, application.reference, application.state, application.call_id
    )


@transaction.atomic
def call_create(
    *,
    actor: User,
    code: str,
    name: str,
    scheme: str,
    opens_on: dt.date,
    closes_on: dt.date,
    ceiling_eur: Decimal,
    note: str = "",
) -> CallRef:
    if scheme not in grants.SCHEMES:
        raise GrantError(_("Unknown scheme."))
    if closes_on < opens_on:
        raise GrantError(_("A call cannot close before it opens."))
    if ceiling_eur <= 0:
        raise GrantError(_("A call needs a ceiling above zero."))
    call = Call.objects.create(
        code=code,
        name=name,
        scheme=scheme,
        opens_on=opens_on,
        closes_on=closes_on,
        ceiling_eur=ceiling_eur,
        note=note,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=call,
        changes={"scheme": [None, scheme], "ceiling_eur": [None, str(ceiling_eur)]},
    )
    return CallRef(call.pk, call.code, call.scheme, call.ceiling_eur)


def _next_reference(call: Call) -> str:
    prefix = f"{REFERENCE_PREFIX.get(call.scheme, 'AV')}-{call.opens_on.year}-"
    count = Application.objects.filter(reference__startswith=prefix).count()
    reference = f"{prefix}{count + 1:03d}"
    while Application.objects.filter(reference=reference).exists():
        count += 1
        reference = f"{prefix}{count + 1:03d}"
    return reference


def _checked(call: Call, data: grants.Application) -> dict[str, object]:
    """The document to store: written by the pure writer and read back, so what the web form
    stores passes exactly the validation an uploaded file passes."""
    if data.scheme != call.scheme:
        raise GrantError(
            _("This call is under %(scheme)s; the application is for another scheme.")
            % {"scheme": grants.SCHEMES[call.scheme].name.nl}
        )
    document = grants.application_json(data)
    read = grants.application_from_json(document, "aanvraag")
    if read.value is None:
        raise FileRefused(read.errors)
    return document


@transaction.atomic
def application_save(
    *,
    actor: User,
    call: Call,
    organisation: Organisation,
    title: str,
    data: grants.Application,
    scope: Scope,
    target_transitions: int = 0,
    application: Application | None = None,
    on: dt.date | None = None,
) -> ApplicationRef:
    """Create a draft, or change a draft or a returned application (``on``: the day it is
    made, today unless a record of an earlier call is being entered)."""
    if application is not None and application.state not in EDITABLE:
        raise GrantError(_("A submitted application can no longer be changed."))
    if application is None and not (call.opens_on <= (on or clock.today()) <= call.closes_on):
        raise GrantError(_("This call is not open for applications."))
    document = _checked(call, dataclasses.replace(data, complete_on=None))
    values = {
        "title": title.strip()[:200],
        "document": document,
        "requested_eur": data.requested_eur,
        "sectors": ",".join(scope.sectors),
        "regions": ",".join(scope.regions),
        "target_transitions": target_transitions,
    }
    if application is None:
        application = Application.objects.create(
            call=call,
            organisation=organisation,
            reference=_next_reference(call),
            created_by=actor,
            **values,
        )
        action = Action.CREATE
    else:
        for name, value in values.items():
            setattr(application, name, value)
        application.save()
        action = Action.CHANGE
    audit_record(
        actor=actor,
        action=action,
        obj=application,
        changes={
            "requested_eur": [None, str(data.requested_eur)],
            "state": [None, application.state],
        },
    )
    return _ref(application)


def application_read_upload(content: bytes, filename: str) -> grants.Application:
    """An uploaded ``werkbrug-application/1`` file read whole, or :class:`FileRefused` with
    every problem (file, field path, what is allowed). Stores nothing."""
    decoded = read_json_bytes(content, filename)
    if decoded.value is None:
        raise FileRefused(decoded.problems)
    read = grants.application_from_json(decoded.value, filename)
    if read.value is None:
        raise FileRefused(read.problems)
    return read.value


def _move(actor: User, application: Application, to: State, **fields: object) -> ApplicationRef:
    if not may_move(application.state, to):
        raise GrantError(
            _("An application that is %(state)s cannot become %(to)s.")
            % {"state": application.get_state_display(), "to": to.label}
        )
    before = application.state
    application.state = to
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()
    changes: dict[str, list[object]] = {"state": [before, to.value]}
    # A document or a list stays a structure, so the log can tell it from text
    # (see audit.selectors).
    changes.update(
        {k: [None, v if isinstance(v, dict | list) else str(v)] for k, v in fields.items()}
    )
    audit_record(actor=actor, action=Action.CHANGE, obj=application, changes=changes)
    return _ref(application)


@transaction.atomic
def application_submit(
    *, actor: User, application: Application, on: dt.date | None = None
) -> ApplicationRef:
    on = on or clock.today()
    if on > application.call.closes_on:
        raise GrantError(_("The call closed on %(day)s.") % {"day": application.call.closes_on})
    document = dict(application.document)
    document["submitted_on"] = on.isoformat()
    return _move(
        actor, application, State.SUBMITTED, submitted_on=on, document=document, missing=""
    )


@transaction.atomic
def application_complete(
    *, actor: User, application: Application, on: dt.date | None = None
) -> ApplicationRef:
    """The funder finds the application complete: it arrives on that day (2013 art. 1.5)."""
    day = on or clock.today()
    if application.submitted_on and day < application.submitted_on:
        raise GrantError(_("An application cannot be complete before it was submitted."))
    document = dict(application.document)
    document["complete_on"] = day.isoformat()
    return _move(actor, application, State.COMPLETE, complete_on=day, document=document)


@transaction.atomic
def application_return(*, actor: User, application: Application, missing: str) -> ApplicationRef:
    """Send an incomplete application back with what is missing."""
    if not missing.strip():
        raise GrantError(_("Say what is missing."))
    return _move(actor, application, State.INCOMPLETE, missing=missing.strip())


@transaction.atomic
def application_assess(*, actor: User, application: Application) -> ApplicationRef:
    return _move(actor, application, State.ASSESSMENT)


@transaction.atomic
def judgement_record(
    *, actor: User, application: Application, rule: str, met: bool, note: str = ""
) -> ApplicationRef:
    """An assessor's finding on a rule the scheme leaves to a person."""
    if application.state != State.ASSESSMENT:
        raise GrantError(_("Judgements are recorded while the application is under assessment."))
    # The rules this application leaves to a person: the judgement entries of its checks.
    article = next(
        (r.article for r in application_checks(application).judgements if r.rule == rule), None
    )
    if article is None:
        raise GrantError(_("This rule is not one an assessor judges."))
    Judgement.objects.update_or_create(
        application=application,
        rule=rule,
        defaults={
            "article": article,
            "met": met,
            "note": note.strip(),
            "by": actor,
            "on": clock.today(),
        },
    )
    audit_record(
        actor=actor,
        action=Action.CHANGE,
        obj=application,
        changes={f"judgement {rule}": [None, "met" if met else "not met"]},
    )
    return _ref(application)
