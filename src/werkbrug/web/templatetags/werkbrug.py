"""Template filters shared by the pages."""

from __future__ import annotations

from django import template

from werkbrug.taxonomy import ISCO
from werkbrug.web.forms import label_language

register = template.Library()


@register.filter
def occupation(code: str | None) -> str:
    """An ISCO-08 code with its title in the page's language ("7322 Drukkers")."""
    if not code:
        return "—"
    found = ISCO.get(code)
    if found is None:
        return code
    return f"{found.code} {found.label(label_language())}"
