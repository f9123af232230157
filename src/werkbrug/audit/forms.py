"""The filters of the audit log page (GET)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from werkbrug.audit.models import Action
from werkbrug.audit.selectors import object_types
from werkbrug.web.forms import DATE


def object_type_choices() -> list[tuple[str, str]]:
    """Each object type by its name, the app's name added where two share a name (a
    delivery's project and a live project), never the model's name in the code."""
    types = object_types()
    counts = Counter(name for _label, name in types)
    return [
        (label, f"{name} ({apps.get_app_config(label.split('.')[0]).verbose_name})")
        if counts[name] > 1
        else (label, name)
        for label, name in types
    ]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    participant = forms.CharField(label=_("Participant key"), required=False, max_length=64)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Up to and including"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("all"))
        self.fields["action"].choices = [everything, *Action.choices]  # type: ignore[attr-defined]
        self.fields["object_type"].choices = [  # type: ignore[attr-defined]
            everything,
            *object_type_choices(),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data
