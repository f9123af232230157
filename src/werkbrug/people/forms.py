"""Forms of the participant pages. They check the shape of the input; the rules live in the
services, whose ValidationErrors are shown on the same forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from werkbrug import access
from werkbrug.accounts.models import User
from werkbrug.people.bsn import BsnError, bsn_normalise, bsn_passes_11_proef
from werkbrug.people.models import Consent, ContactDetails, Participant
from werkbrug.projects.models import Project
from werkbrug.vacancies.models import Employer
from werkbrug.web.forms import DATE, OccupationField, PostcodeField


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    """The monitoring fields (participants.csv) and the dates of a job-to-job move. The
    service checks them by the rules of participants.csv; the occupation and the postcode are
    read by those rules here already, so their messages stand on the field as it is typed."""

    occupation = OccupationField(
        label=_("Occupation"),
        help_text=_("ISCO-08 code of the last job, e.g. 7322 (printer)."),
    )
    postcode = PostcodeField(
        label=_("Postcode"), help_text=_("The four digits of the home postcode.")
    )

    class Meta:
        model = Participant
        fields = [
            "intake_date",
            "birth_date",
            "gender",
            "education",
            "situation",
            "occupation",
            "sector",
            "postcode",
            "hours_before",
            "employer",
            "notice_date",
            "contract_end_date",
            "benefit_start_date",
        ]
        widgets = {
            name: DATE
            for name in (
                "intake_date",
                "birth_date",
                "notice_date",
                "contract_end_date",
                "benefit_start_date",
            )
        }
        help_texts = {
            "hours_before": _("Weekly hours in the job the participant is leaving."),
        }

    def __init__(self, *args: Any, employers: QuerySet[Employer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    """Directly identifying data, kept apart from the pseudonymous record."""

    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=12,
        help_text=_(
            "Optional. Checked with the 11-proef and stored only as a keyed hash; "
            "it cannot be shown again."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    class Meta:
        model = ContactDetails
        fields = ["given_name", "family_name", "email", "phone", "address"]

    def clean_bsn(self) -> str:
        raw: str = self.cleaned_data["bsn"].strip()
        if not raw:
            return ""
        try:
            digits = bsn_normalise(raw)
        except BsnError as exc:
            raise forms.ValidationError(_(str(exc))) from None
        if not bsn_passes_11_proef(digits):
            raise forms.ValidationError(
                _("This number does not pass the 11-proef; check for a typing error.")
            )
        return digits


class IntakeForm(forms.Form):
    """Where the participant goes: project, mediator and the consents given at intake."""

    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    mediator = forms.ModelChoiceField(
        label=_("Mediator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave empty to take the participant on your own caseload."),
    )
    consents = forms.MultipleChoiceField(
        label=_("Consent given"),
        choices=Consent.Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=True,
        help_text=_("Consent to take part in the programme is needed for an intake."),
    )

    def __init__(self, *args: Any, user: User, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
        if projects.count() == 1:
            self.fields["project"].initial = projects.first()
        mediators = access.mediators_of(projects)
        self.fields["mediator"].queryset = mediators  # type: ignore[attr-defined]
        if access.is_mediator(user):
            self.fields["mediator"].initial = user

    def clean_consents(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["consents"]
        if Consent.Purpose.PROGRAMME not in chosen:
            raise forms.ValidationError(
                _("Consent to take part in the programme is needed for an intake.")
            )
        return chosen


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    on = forms.DateField(label=_("Date"), widget=DATE)


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name, key or e-mail"), required=False, max_length=100)
