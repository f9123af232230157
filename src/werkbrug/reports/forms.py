from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.deliveries import selectors
from werkbrug.deliveries.models import Delivery
from werkbrug.web.forms import DATE


class ReportForm(forms.Form):
    delivery = forms.ModelChoiceField(
        queryset=Delivery.objects.none(), label=_("Delivery"), to_field_name="name"
    )
    as_of = forms.DateField(label=_("As of"), required=False, widget=DATE)
    compare = forms.ModelChoiceField(
        queryset=Delivery.objects.none(),
        label=_("Compare with"),
        required=False,
        to_field_name="name",
    )
    public = forms.BooleanField(label=_("Public version (small cells suppressed)"), required=False)

    def __init__(self, *args: Any, full_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deliveries = selectors.delivery_list()
        self.fields["delivery"].queryset = deliveries  # type: ignore[attr-defined]
        self.fields["compare"].queryset = deliveries  # type: ignore[attr-defined]
        if not full_allowed:
            # Without the permission only the public version exists for this user.
            del self.fields["public"]


class ImpactForm(forms.Form):
    datafile = forms.FileField(
        label=_("Data (CSV)"),
        help_text=_("One row per person: participants and a comparison group of non-participants."),
    )
    treatment = forms.CharField(label=_("Treatment column (1 participant, 0 comparison)"))
    outcome = forms.CharField(label=_("Outcome column"))
    covariates = forms.CharField(label=_("Covariates, separated by commas"))
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            ("dr", _("doubly robust")),
            ("ipw", _("inverse probability weighting")),
            ("psm", _("propensity-score matching")),
        ],
    )


class ExtractForm(forms.Form):
    delivery = forms.ModelChoiceField(
        queryset=Delivery.objects.none(), label=_("Delivery"), to_field_name="name"
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("sav", _("SPSS (.sav)")),
            ("dta", _("Stata (.dta)")),
            ("csv", _("CSV")),
            ("xlsx", _("Excel (.xlsx)")),
        ],
    )
    as_of = forms.DateField(
        label=_("Censor at"),
        required=False,
        widget=DATE,
        help_text=_("Empty: the delivery date."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delivery"].queryset = selectors.delivery_list()  # type: ignore[attr-defined]
        latest = selectors.delivery_latest()
        if latest is not None:
            self.fields["delivery"].initial = latest.name
