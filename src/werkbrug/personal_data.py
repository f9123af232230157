"""The personal-data registry: what werkbrug holds about a participant, where, and how it is
exported (GDPR art. 15 and 20) and erased (art. 17).

Each app declares its part in a module ``personal_data.py`` of its own, which calls
:func:`register` once per place (a model, or the sessions); the audit app's ``ready()`` finds
these modules (:func:`discover`). The GDPR export (``people.services.participant_export``) and
the erasure (``people.services.participant_erase``) go through :func:`export` and :func:`erase`
and so through every entry; a test fails when a model linked to ``Participant`` (directly, or
through a model that is) has no entry, so a new place cannot be forgotten.

An entry's ``erase`` reads what it needs from the :class:`Erasure`, which is filled in before
any entry runs (the old key, the names, the e-mail...), so the entries do not depend on each
other's order.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.module_loading import autodiscover_modules

from werkbrug import clock

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

    from werkbrug.people.models import Participant


@dataclass
class Erasure:
    """One erasure: the participant and what identified them, captured before anything is
    removed. ``session``: the erasing request's own session, which the request writes back
    after the erasure and so is cleaned in memory too."""

    participant: Participant
    on: dt.date
    old_key: str
    new_key: str
    # Names, e-mail, phone, address and key: text that would identify them in free text.
    identifiers: tuple[str, ...]
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    session: SessionBase | None = None
    _delivery_keys: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        participant: Participant,
        *,
        on: dt.date | None = None,
        session: SessionBase | None = None,
    ) -> Erasure:
        """Everything that identifies ``participant``, read before anything is removed."""
        from werkbrug.people.models import ContactDetails, Participant

        contact = ContactDetails.objects.filter(participant=participant).first()
        given = contact.given_name if contact else ""
        family = contact.family_name if contact else ""
        email = contact.email if contact else ""
        found = [participant.key, given, family, f"{given} {family}".strip(), email]
        if contact is not None:
            found += [contact.phone, contact.address]
        new_key = erased_key()
        while Participant.objects.filter(key=new_key).exists():
            new_key = erased_key()
        return cls(
            participant=participant,
            on=on or clock.today(),
            old_key=participant.key,
            new_key=new_key,
            identifiers=tuple(i for i in found if i),
            given_name=given,
            family_name=family,
            email=email,
            session=session,
        )

    def delivery_key(self, delivery_id: int, taken: Callable[[str], bool]) -> str:
        """The participant's new key in one delivery: random, unused there, and the same for
        every table of that delivery (the outcome row follows its participant row)."""
        if delivery_id not in self._delivery_keys:
            key = erased_key()
            while taken(key):
                key = erased_key()
            self._delivery_keys[delivery_id] = key
        return self._delivery_keys[delivery_id]


def erased_key() -> str:
    """A fresh key for an erased person: random, so nothing links it to the old one."""
    return "ERASED-" + secrets.token_hex(6).upper()


def birth_year_for_age(intake_date: dt.date, age: int | None) -> int | None:
    """The birth year that gives exactly ``age`` at intake by the year rule of the reports
    (``intake year - birth year``): what is left of a birth date after erasure, so that every
    age in a report stays what it was without the date."""
    return None if age is None else intake_date.year - age


@dataclass(frozen=True)
class Entry:
    """One place that holds personal data about a participant.

    ``link``: the lookup from ``model`` to the participant (``"participant"``,
    ``"trajectory__participant"``, ``"pk"`` for the participant itself), or ``""`` when the
    place is found another way (by key, by subject, by scanning). ``fields``: the fields that
    hold it. ``export``: its part of the GDPR export, or None when there is nothing to give
    (``note`` says why). ``erase``: does the erasure's work and returns the rows it touched.
    ``treatment``: what erasure does, in a few words, for the docs and the tests.
    """

    name: str
    model: type[models.Model] | None
    link: str
    fields: tuple[str, ...]
    erase: Callable[[Erasure], int]
    treatment: str
    export: Callable[[Participant], Any] | None = None
    note: str = ""


_ENTRIES: dict[str, Entry] = {}


def register(entry: Entry) -> Entry:
    if entry.name in _ENTRIES and _ENTRIES[entry.name] != entry:
        raise ValueError(f"a personal-data entry named {entry.name!r} is registered already")
    _ENTRIES[entry.name] = entry
    return entry


def discover() -> None:
    """Import every installed app's ``personal_data`` module (they register on import)."""
    autodiscover_modules("personal_data")


def entries() -> list[Entry]:
    if not _ENTRIES:
        discover()
    return list(_ENTRIES.values())


def rows_of(entry: Entry, participant: Participant) -> models.QuerySet[Any]:
    """The rows of ``entry.model`` linked to the participant by ``entry.link``."""
    assert entry.model is not None
    assert entry.link
    target: Any = participant.pk if entry.link == "pk" else participant
    return entry.model._default_manager.filter(**{entry.link: target})


def export(participant: Participant) -> dict[str, Any]:
    """Every entry's part of the GDPR export, by entry name; ``not_exported`` says why the
    others give nothing."""
    data: dict[str, Any] = {}
    held_back: dict[str, str] = {}
    for entry in entries():
        if entry.export is None:
            held_back[entry.name] = entry.note
        else:
            data[entry.name] = entry.export(participant)
    data["not_exported"] = held_back
    return data


def erase(erasure: Erasure) -> dict[str, int]:
    """Run every entry's erasure; the rows each touched, for the erase event."""
    touched = {entry.name: entry.erase(erasure) for entry in entries()}
    return {name: n for name, n in touched.items() if n}


def unregistered(registered: list[Entry]) -> list[type[models.Model]]:
    """The models linked to a participant that no entry of ``registered`` covers."""
    covered = {entry.model for entry in registered}
    return [model for model in linked_models() if model not in covered]


def linked_models() -> Iterator[type[models.Model]]:
    """Every model that links to ``Participant`` by a foreign key or one-to-one field, or to
    a model that does (a trajectory's activities): each must have an entry."""
    from django.apps import apps

    from werkbrug.people.models import Participant

    linked: set[type[models.Model]] = {Participant}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models():
            if model in linked:
                continue
            for f in model._meta.get_fields():
                if f.concrete and f.is_relation and f.related_model in linked:
                    linked.add(model)
                    grown = True
                    break
    yield from sorted(linked, key=lambda m: m._meta.label)
