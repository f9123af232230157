"""Forms of the project pages. They only read input; the writes are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from werkbrug import clock
from werkbrug.accounts.models import User
from werkbrug.deliveries.forms import delivery_name_clean
from werkbrug.deliveries.models import Delivery
from werkbrug.projects import selectors
from werkbrug.projects.models import Organisation, Project
from werkbrug.projects.services import PLAN_FIELDS
from werkbrug.taxonomy import CONTINUATIONS, FORMAL_AGREEMENTS, PARTNER_ROLES, CodeList
from werkbrug.web.forms import DATE, label_language


def code_choices(codes: CodeList, *, blank: bool) -> list[tuple[str, str]]:
    """Choices labelled in the reader's language (the stored value is the code)."""
    lang = label_language()
    choices = [(code.code, code.label(lang)) for code in codes]
    return [("", "—"), *choices] if blank else choices


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
    """Add a coordinator or mediator by the exact user name or e-mail address. There is no list
    to pick from: it would show every project's staff (access.staff_addable)."""

    user = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        help_text=_(
            "Of a coordinator or mediator, exactly as they have it. An administrator creates "
            "new users."
        ),
    )

    def __init__(self, *args: Any, actor: User, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor, self.project = actor, project

    def clean_user(self) -> User:
        found = selectors.staff_matches(self.actor, self.project, self.cleaned_data["user"])
        if not found:
            # One message whether the user does not exist, is inactive or has another role,
            # so the form tells nothing about accounts beyond the one it adds.
            raise ValidationError(NOT_ADDABLE, code="not_addable")
        if len(found) > 1:
            raise ValidationError(
                _("Several users have this e-mail address; enter the user name."),
                code="ambiguous",
            )
        return found[0]


NOT_ADDABLE = _(
    "No active coordinator or mediator has this user name or e-mail address. Check the "
    "spelling, or ask an administrator."
)


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
        kwargs.setdefault("initial", {"delivered_on": clock.today()})
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = delivery_name_clean(str(self.cleaned_data["name"]))
        if Delivery.objects.filter(name=name).exists():
            raise ValidationError(
                _("A delivery named '%(name)s' already exists; give another name."),
                params={"name": name},
            )
        return name
