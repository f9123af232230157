"""Forms for the employers and vacancies pages. They only read and check input; writes go
through :mod:`werkbrug.vacancies.services`, whose validation errors the views put back on
the form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkbrug.exchange import cells
from werkbrug.projects.models import Project
from werkbrug.taxonomy import CONTRACTS, EDUCATION, SBI_SECTIONS, CodeList, isco_unit_groups_named
from werkbrug.vacancies.models import Employer, Vacancy
from werkbrug.vacancies.selectors import closed_q, open_q
from werkbrug.web.forms import DATE, OccupationField, PostcodeField, cell_clean, label_language


def code_choices(codes: CodeList, *, blank: str = "---------") -> list[tuple[str, str]]:
    """Choices from a code list, labelled in the current language, with a blank first."""
    lang = label_language()
    return [("", blank), *((code.code, code.label(lang)) for code in codes)]


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class VacancyFilterForm(forms.Form):
    """The filters of the vacancy list (GET; they hold no personal data)."""

    STATUSES = (
        ("open", _("Open")),
        ("closed", _("Closed (withdrawn)")),
        ("filled", _("Filled")),
        ("all", _("All")),
    )

    q = forms.CharField(
        label=_("Title contains"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    occupation = forms.CharField(
        label=_("Occupation"),
        required=False,
        max_length=100,
        help_text=_("Words from the occupation, or the start of an ISCO-08 code."),
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.none(), required=False
    )

    def __init__(self, *args: Any, employers: QuerySet[Employer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "sector").choices = code_choices(
            SBI_SECTIONS, blank=gettext("All sectors")
        )
        employer = _model_choice_field(self, "employer")
        employer.queryset = employers.order_by("name")
        employer.empty_label = gettext("All employers")

    def filter(self, vacancies: QuerySet[Vacancy], *, today: dt.date) -> QuerySet[Vacancy]:
        """The vacancies that pass the valid filters (an invalid filter is ignored and shown
        as an error on the form)."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status") or "open"
        if status == "open":
            vacancies = vacancies.filter(open_q(today))
        elif status == "closed":
            vacancies = vacancies.filter(closed_q(today))
        elif status == "filled":
            vacancies = vacancies.filter(filled=True)
        if data.get("q"):
            vacancies = vacancies.filter(title__icontains=data["q"])
        if data.get("sector"):
            vacancies = vacancies.filter(sector=data["sector"])
        if data.get("employer"):
            vacancies = vacancies.filter(employer=data["employer"])
        occupation = (data.get("occupation") or "").strip()
        if occupation.isdigit():
            vacancies = vacancies.filter(occupation__startswith=occupation)
        elif occupation:
            codes = [code.code for code in isco_unit_groups_named(occupation)]
            vacancies = vacancies.filter(occupation__in=codes)
        return vacancies.order_by(F("open_date").desc(nulls_last=True), "-pk")


class VacancyForm(forms.ModelForm):  # type: ignore[type-arg]
    """Create or edit a vacancy; ``employers`` are those the user may choose (create only)."""

    postcode = PostcodeField(
        label=_("Postcode"),
        help_text=_(
            "The four digits of the workplace's postcode. On a new vacancy, empty takes the "
            "employer's."
        ),
    )
    occupation = OccupationField(
        label=_("Occupation"),
        help_text=_(
            "ISCO-08 unit group (4 digits), e.g. 7115; type a word to choose from the list."
        ),
    )

    class Meta:
        model = Vacancy
        fields = (
            "employer",
            "title",
            "occupation",
            "sector",
            "postcode",
            "min_education",
            "hours",
            "contract",
            "positions",
            "skills",
            "open_date",
            "close_date",
        )
        widgets = {
            "skills": forms.TextInput(),
            "open_date": DATE,
            "close_date": DATE,
        }
        help_texts = {
            "sector": _("On a new vacancy, empty takes the employer's sector."),
            "hours": _("Hours per week."),
            "skills": _("Separated by |, e.g. carpentry|reading construction drawings."),
            "open_date": _("On a new vacancy, empty means today."),
            "close_date": _("Empty while the vacancy is open. Clearing it reopens the vacancy."),
        }

    def __init__(
        self, *args: Any, employers: QuerySet[Employer] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if employers is None:
            del self.fields["employer"]
        else:
            field = _model_choice_field(self, "employer")
            field.queryset = employers.order_by("name")
            field.label = _("Employer")
            only = list(employers[:2])
            if len(only) == 1 and not self.is_bound:
                self.initial.setdefault("employer", only[0].pk)
        _choice_field(self, "sector").choices = code_choices(SBI_SECTIONS)
        _choice_field(self, "min_education").choices = code_choices(EDUCATION)
        _choice_field(self, "contract").choices = code_choices(CONTRACTS)

    def clean_skills(self) -> str:
        skills: str | None = cell_clean(cells.skills, self.cleaned_data["skills"])
        return skills or ""

    def values(self) -> dict[str, Any]:
        """The cleaned values for the services (without the employer)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "employer"}


class EmployerForm(forms.ModelForm):  # type: ignore[type-arg]
    """Create or edit an employer. ``projects`` are those the user may put it in; ``None``
    leaves the project out of the form (an employer's own users do not move it)."""

    postcode = PostcodeField(label=_("Postcode"), help_text=_("The four digits of the postcode."))

    class Meta:
        model = Employer
        fields = ("name", "sector", "postcode", "project")
        help_texts = {
            "project": _(
                "The project that works with this employer. Without a project, every "
                "coordinator and mediator may change it."
            ),
        }

    def __init__(
        self, *args: Any, projects: QuerySet[Project] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if projects is None:
            del self.fields["project"]
        else:
            field = _model_choice_field(self, "project")
            field.queryset = projects.order_by("name")
            field.label = _("Project")
        _choice_field(self, "sector").choices = code_choices(SBI_SECTIONS)


class CloseForm(forms.Form):
    """Confirm closing a vacancy (withdrawn) or marking it filled, on a date."""

    on = forms.DateField(label=_("Closed on"), widget=DATE)

    def __init__(self, *args: Any, filled: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if filled:
            self.fields["on"].label = _("Filled on")
