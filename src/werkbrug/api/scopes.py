"""The scopes a personal access token can carry. A scope only narrows what a token may do:
what its user may see and do is decided by werkbrug.access, as on the pages."""

from __future__ import annotations

from typing import Final

from django.utils.translation import gettext_lazy as _

SCOPES: Final = {
    "participants:read": _("Read participants' pseudonymous records and consents"),
    "participants:write": _(
        "Register participants, change their records, give and withdraw consents"
    ),
    "contact:read": _("Read participants' names and contact details, and search by name"),
    "contact:write": _("Change participants' names and contact details"),
    "trajectories:read": _("Read trajectories, activities and follow-ups"),
    "trajectories:write": _("Move trajectories' statuses, record activities and follow-up checks"),
    "projects:read": _("Read projects"),
    "vacancies:read": _("Read employers and vacancies"),
    "vacancies:write": _("Add and change employers and vacancies, and close vacancies"),
    "suggestions:read": _(
        "Ask for participants' vacancy suggestions (counted by the fairness monitor)"
    ),
    "suggestions:write": _("Accept or reject suggested vacancies"),
}
#: What a token gets when no scope is asked for: reading the pseudonymous data only.
DEFAULT_SCOPES: Final = ("participants:read", "trajectories:read", "projects:read")


def unknown(scopes: list[str] | tuple[str, ...]) -> list[str]:
    """The scopes in ``scopes`` that do not exist."""
    return [scope for scope in scopes if scope not in SCOPES]
