"""Forms of the project pages. They only read input; the writes are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from werkbrug.accounts.models import User
from werkbrug.deliveries.forms import delivery_name_clean
from werkbrug.deliveries.models import Delivery
from werkbrug.projects.models import Organisation, Project
from werkbrug.projects.services import PLAN_FIELDS, STAFF_ROLES
from werkbrug.taxonomy import CONTINUATIONS, FORMAL_AGREEMENTS, PARTNER_ROLES, CodeList

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def code_choices(codes: CodeList, *, blank: bool) -> list[tuple[str, str]]:
    """Choices labelled in the reader's language (the stored value is the code)."""
    lang = (get_language() or "nl")[:2]
    choices = [(code.code, code.label(lang)) for code in codes]
    return [("", "—"), *choices] if blank else choices


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on a field the form has, else on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PlanForm(forms.Form):
    """The plan fields of a project, as the model defines them."""

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        kwargs.setdefault("initial", model_to_dict(project, fields=PLAN_FIELDS))
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Project, fields=PLAN_FIELDS))
        for name in ("start_date", "end_date"):
            self.fields[name].widget = DATE
        self.fields["formal_agreement"].choices = code_choices(  # type: ignore[attr-defined]
            FORMAL_AGREEMENTS, blank=True
        )
        self.fields["continuation"].choices = code_choices(  # type: ignore[attr-defined]
            CONTINUATIONS, blank=True
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot lie before the start date."))
        return data


class PartnerForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("An organisation not known yet is added by this name."),
        widget=forms.TextInput(attrs={"list": "organisations", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = code_choices(  # type: ignore[attr-defined]
            PARTNER_ROLES, blank=False
        )

    @staticmethod
    def known_organisations() -> list[str]:
        return list(Organisation.objects.order_by("name").values_list("name", flat=True))


class StaffForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Coordinator or mediator"),
        to_field_name="username",
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        candidates = (
            User.objects.filter(role__in=STAFF_ROLES, is_active=True)
            .exclude(projects=project)
            .order_by("username")
        )
        field = self.fields["user"]
        field.queryset = candidates  # type: ignore[attr-defined]
        field.label_from_instance = _user_label  # type: ignore[attr-defined]


def _user_label(user: User) -> str:
    name = user.get_full_name()
    role = user.get_role_display()
    return f"{user.get_username()} ({name}, {role})" if name else f"{user.get_username()} ({role})"


class FreezeForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the delivery"),
        max_length=100,
        help_text=_("For example 'interim report 2025'. Each delivery has its own name."),
    )
    delivered_on = forms.DateField(label=_("Delivery date"), widget=DATE)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"delivered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = delivery_name_clean(str(self.cleaned_data["name"]))
        if Delivery.objects.filter(name=name).exists():
            raise ValidationError(
                _("A delivery named '%(name)s' already exists; give another name."),
                params={"name": name},
            )
        return name
