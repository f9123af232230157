"""Helpers shared by the pages: service errors on forms, the exchange format's rules on form
fields, the occupation field, htmx partials."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, pgettext

from werkbrug.accounts.models import User
from werkbrug.exchange import cells
from werkbrug.exchange.cells import CellError, Parser
from werkbrug.taxonomy import isco_unit_groups, isco_unit_groups_named

# A date field as the browser's date picker; the ISO form is what it reads and writes.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def apply_errors(error: ValidationError, *targets: forms.BaseForm) -> None:
    """Put a service's ValidationError on the forms: each message on the form that has the
    field it names, others on top of the first form. The one way a page shows what a service
    refused."""
    if not hasattr(error, "error_dict"):
        targets[0].add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        owner = next((f for f in targets if field in f.fields), targets[0])
        owner.add_error(field if field in owner.fields else None, messages)


def label_language() -> str:
    """The language of code labels: the page's language, Dutch unless it is English."""
    return "en" if (get_language() or "").lower().startswith("en") else "nl"


def cell_clean(parse: Parser, raw: str) -> Any:
    """A form's text read by the exchange format's parser of its column: the value a delivery
    would hold, or the delivery's own message in the page's language. Empty is ``""``."""
    value = raw.strip()
    if not value:
        return ""
    try:
        return parse(value)
    except CellError as exc:
        raise forms.ValidationError(gettext(exc.template).format(**exc.params)) from None


class PostcodeField(forms.CharField):
    """A Dutch postcode; "3511 AB" is accepted and kept as "3511", as a delivery keeps it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 7)  # longer than the four digits stored: "3511 AB"
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        postcode: str = cell_clean(cells.postcode, super().clean(value))
        return postcode


class OccupationInput(forms.TextInput):
    """A text input with the ISCO-08 unit groups as suggestions, labelled in the page's
    language: browsers filter the list as the user types a code or a word of the label."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        list_id = f"{(attrs or {}).get('id') or name}-isco"
        attrs = {**(attrs or {}), "list": list_id, "autocomplete": "off"}
        lang = label_language()
        options = format_html_join(
            "",
            '<option value="{}">{}</option>',
            ((code.code, code.label(lang)) for code in isco_unit_groups()),
        )
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            options,
        )


class OccupationField(forms.CharField):
    """An occupation as the exchange format has it: an ISCO-08 unit group (chosen from the
    list) or an ESCO occupation URI, never free text. A word gets the unit groups whose
    label holds it as a hint."""

    widget = OccupationInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        raw: str = super().clean(value)
        try:
            occupation: str = cell_clean(cells.occupation, raw)
        except forms.ValidationError as exc:
            lang = label_language()
            named = [f"{c.code} {c.label(lang)}" for c in isco_unit_groups_named(raw)[:3]]
            if not named:
                raise
            hint = gettext("Occupations in the list with this word: %(occupations)s.") % {
                "occupations": "; ".join(named)
            }
            raise forms.ValidationError([*exc.messages, hint]) from None
        return occupation


def htmx_target(request: HttpRequest) -> str | None:
    """The id of the element an htmx request will swap, or None for a normal request.
    Views use it to answer with only that part of the page (one helper, as NetBox does)."""
    details = getattr(request, "htmx", None)
    return details.target if details else None


def request_user(request: HttpRequest) -> User:
    """The logged-in user of a view behind ``login_required``, typed as werkbrug's User."""
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


class FilteredSelectMultiple(forms.SelectMultiple):
    """A native ``<select multiple>`` with a filter box above it and the chosen options
    spelled out below it. The box is hidden until the page's script (web/werkbrug.js) shows
    it, so without JavaScript the plain select works on its own; no CDN, no framework."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"size": 8, **(attrs or {})})

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        field_id = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<input type="search" class="filter-box" data-filter-for="{}" hidden'
            ' aria-label="{}" placeholder="{}" aria-controls="{}">{}'
            '<p class="muted chosen">{} <span id="{}-chosen" aria-live="polite" data-none="{}">'
            "</span></p>",
            field_id,
            gettext("Filter the list"),
            gettext("Type to filter…"),
            field_id,
            super().render(name, value, {**(attrs or {}), "id": field_id}, renderer),
            pgettext("multi-select", "Chosen:"),
            field_id,
            pgettext("multi-select", "none"),
        )
