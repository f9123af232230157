"""Reads for the matching pages."""

from __future__ import annotations

from werkbrug import access
from werkbrug.accounts.models import User


def skills_named(user: User) -> list[str]:
    """The skills the vacancies the user may see ask for, each once: the list the matching
    profile offers to choose from (a skill typed in elsewhere stays possible)."""
    found: set[str] = set()
    for text in access.vacancies_visible(user).exclude(skills="").values_list("skills", flat=True):
        found.update(part.strip() for part in text.split("|") if part.strip())
    return sorted(found, key=str.casefold)
