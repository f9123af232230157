"""Labels and status badges for the employers and vacancies pages, in the page's language."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from werkbrug.taxonomy import CONTRACTS, EDUCATION, SBI_SECTIONS, CodeList
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.selectors import FILLED, OPEN, vacancy_status
from werkbrug.web.forms import label_language

register = template.Library()

LISTS: dict[str, CodeList] = {
    "sector": SBI_SECTIONS,
    "education": EDUCATION,
    "contract": CONTRACTS,
}


@register.filter
def code_label(value: str | None, list_name: str) -> str:
    """The label of a code in the current language; an unknown code as it is. (Occupations:
    the ``occupation`` filter of ``werkbrug`` shows the code with its title.)"""
    if not value:
        return ""
    found = LISTS[list_name].get(value)
    return value if found is None else found.label(label_language())


@register.filter
def skill_list(value: str | None) -> list[str]:
    """The skills of a vacancy (stored separated by ``|``)."""
    return [part.strip() for part in (value or "").split("|") if part.strip()]


@register.simple_tag
def status_badge(vacancy: Vacancy, today: dt.date) -> SafeString:
    status = vacancy_status(vacancy, today)
    if status == OPEN:
        return format_html('<span class="badge ok">{}</span>', _("Open"))
    if status == FILLED:
        return format_html('<span class="badge">{}</span>', _("Filled"))
    return format_html('<span class="badge warn">{}</span>', _("Closed"))
