"""Sessions that hold text about a participant, and how erasure removes it.

The caseload keeps its search term in the session, so that a name never appears in an
address or a server log (people.views.SEARCH_KEY). A search for a person's name is then
personal data about them in another user's session. Erasure scans every stored session,
expired ones included (they stay in the table until ``werkbrug clearsessions`` purges them),
and removes each value that names the person or that, as a search, would find them.
Django's own values (``_auth_user_id`` and the like, starting with ``_``) never hold such
text and are left alone, so nobody is logged out by an erasure.

This works on the database session engine, werkbrug's setting.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

    from werkbrug.personal_data import Erasure

# people.views.SEARCH_KEY (a test holds the two together): session values that are searches.
CASELOAD_SEARCH = "caseload_search"
SEARCHES = frozenset({CASELOAD_SEARCH})
# Shorter identifiers would match by chance (a two-letter family name inside any word).
_SHORTEST = 3


def mentions(erasure: Erasure, text: str) -> bool:
    """Whether ``text`` contains one of the person's identifiers (case does not matter)."""
    folded = text.casefold()
    return any(len(i) >= _SHORTEST and i.casefold() in folded for i in erasure.identifiers)


def finds(erasure: Erasure, term: str) -> bool:
    """Whether the caseload's search (people.selectors) for ``term`` would find the person:
    the key exactly, a word inside a name, or the e-mail address exactly. Case folding is
    wider than the databases' case-insensitive match, so this errs on the side of removing."""
    if term.strip().casefold() == erasure.old_key.casefold():
        return True
    names = (erasure.given_name.casefold(), erasure.family_name.casefold())
    email = erasure.email.casefold()
    return any(
        any(word in name for name in names) or (email and word == email)
        for word in term.casefold().split()
    )


def _about(erasure: Erasure, name: str, value: Any) -> bool:
    if name.startswith("_"):
        return False
    if isinstance(value, str) and name in SEARCHES and finds(erasure, value):
        return True
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return mentions(erasure, text)


def clean(data: dict[str, Any] | SessionBase, erasure: Erasure) -> list[str]:
    """Remove from one session's data every value about the person; the names removed."""
    removed = [name for name in list(data.keys()) if _about(erasure, name, data[name])]
    for name in removed:
        del data[name]
    return removed


def erase(erasure: Erasure) -> int:
    """Clean every stored session; the number changed. The erasing request's own session
    is cleaned in memory as well, because the request may write it back afterwards."""
    store = SessionStore()
    changed = 0
    for row in Session.objects.select_for_update().order_by("pk").iterator():
        data = store.decode(row.session_data)
        if clean(data, erasure):
            row.session_data = store.encode(data)
            row.save(update_fields=["session_data"])
            changed += 1
    if erasure.session is not None:
        clean(erasure.session, erasure)
    return changed


def export(participant: Any) -> dict[str, int]:
    """Sessions hold other users' working state, not a record of the person: the export
    says how many hold a value that names them or a search that finds them."""
    from werkbrug.personal_data import Erasure

    probe = Erasure.of(participant)
    store = SessionStore()
    held = 0
    for row in Session.objects.order_by("pk").iterator():
        data = store.decode(row.session_data)
        held += any(_about(probe, name, value) for name, value in data.items())
    return {"sessions_naming_or_searching_for_you": held}
