"""The filters of the audit log page (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.audit.models import Action
from werkbrug.audit.selectors import object_types
from werkbrug.web.forms import DATE


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
            *((label, f"{name} ({label})") for label, name in object_types()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data
