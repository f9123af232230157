"""Forms of the trajectory panels on the participant page: a status move (with the
placement), an activity, a follow-up check. They check the shape of the input; the rules
live in the services, whose ValidationErrors are shown on the same forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from werkbrug.trajectories.flows import DETAILS_APPLY, DETAILS_REQUIRED
from werkbrug.trajectories.models import Status
from werkbrug.vacancies.models import Employer
from werkbrug.web.forms import DATE, OccupationField


class MoveForm(forms.Form):
    """A status change with the placement's details. Each detail field says for which moves
    it applies (flows.DETAILS_APPLY, ``data-applies``), so that a small script shows only
    those of the chosen move; without JavaScript all are shown and the others are ignored."""

    to = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    employer = forms.ModelChoiceField(
        label=_("New employer"), queryset=Employer.objects.none(), required=False
    )
    employer_name = forms.CharField(
        label=_("New employer (name, if not in the list)"), required=False, max_length=200
    )
    contract = forms.ChoiceField(label=_("Contract"), required=False)
    hours = forms.DecimalField(
        label=_("Weekly hours"), required=False, max_digits=5, decimal_places=2
    )
    occupation = OccupationField(label=_("Occupation (ISCO-08)"))

    def __init__(
        self, *args: Any, targets: list[Status], employers: QuerySet[Employer], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        from werkbrug.projects.models import choices
        from werkbrug.taxonomy import CONTRACTS

        # No status preselected: a placement is recorded on purpose, not by a default.
        self.fields["to"].choices = [("", "—"), *[(s.value, s.label) for s in targets]]  # type: ignore[attr-defined]
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]
        self.fields["contract"].choices = [("", "—"), *choices(CONTRACTS)]  # type: ignore[attr-defined]
        self.fields["to"].widget.attrs["data-details-control"] = ""
        for name in ("employer", "employer_name", "contract", "hours", "occupation"):
            detail = "employer" if name == "employer_name" else name
            moves = [s for s in targets if detail in DETAILS_APPLY.get(s, ())]
            field = self.fields[name]
            field.widget.attrs["data-applies"] = " ".join(s.value for s in moves)
            required = [s for s in moves if detail in DETAILS_REQUIRED.get(s, ())]
            if required and name != "employer_name":
                field.help_text = _("Required for: %(moves)s.") % {
                    "moves": ", ".join(str(s.label).lower() for s in required)
                }


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Activity"))
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    provider = forms.CharField(label=_("Provider"), required=False, max_length=200)
    cost_eur = forms.DecimalField(
        label=_("Cost (EUR)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from werkbrug.projects.models import choices
        from werkbrug.taxonomy import ACTIVITY_KINDS

        self.fields["kind"].choices = choices(ACTIVITY_KINDS)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the start date."))
        return data


class FollowUpForm(forms.Form):
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE)
    in_work = forms.TypedChoiceField(
        label=_("Still in work?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
