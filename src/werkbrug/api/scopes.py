"""The scopes a personal access token can carry. A scope only narrows what a token may do:
what its user may see and do is decided by werkbrug.access, as on the pages."""

from __future__ import annotations

from typing import Final

from django.utils.translation import gettext_lazy as _

SCOPES: Final = {
    "participants:read": _("Read participants' pseudonymous records"),
    "participants:write": _("Register participants and change their records"),
    "contact:read": _("Read participants' names and contact details, and search by name"),
    "contact:write": _("Change participants' names and contact details"),
    "trajectories:read": _("Read trajectories and activities"),
    "trajectories:write": _("Move trajectories' statuses and record activities"),
    "projects:read": _("Read projects"),
    "vacancies:read": _("Read employers and vacancies"),
}
#: What a token gets when no scope is asked for: reading the pseudonymous data only.
DEFAULT_SCOPES: Final = ("participants:read", "trajectories:read", "projects:read")


def unknown(scopes: list[str] | tuple[str, ...]) -> list[str]:
    """The scopes in ``scopes`` that do not exist."""
    return [scope for scope in scopes if scope not in SCOPES]
