"""Template filters shared by the pages."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from werkbrug.taxonomy import ISCO

register = template.Library()


@register.filter
def occupation(code: str | None) -> str:
    """An ISCO-08 code with its title in the page's language ("7322 Drukkers")."""
    if not code:
        return "—"
    found = ISCO.get(code)
    if found is None:
        return code
    lang = "en" if (get_language() or "nl").startswith("en") else "nl"
    return f"{found.code} {found.label(lang)}"
