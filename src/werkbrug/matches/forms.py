from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.matches.models import Decision, Profile
from werkbrug.matches.services import PROFILE_FIELDS
from werkbrug.projects.models import Project


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Profile
        fields = list(PROFILE_FIELDS)  # the service stores and audits these
        widgets = {"skills": forms.Textarea(attrs={"rows": 2})}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you reject."),
    )


class AllocationForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    # A score is written as a percentage everywhere (werkbrug.formats.score), here too.
    min_score = forms.IntegerField(
        label=_("Minimum score (%)"), min_value=0, max_value=100, initial=40
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            ("optimal", _("optimal (highest total score)")),
            ("stable", _("stable (deferred acceptance)")),
        ],
        initial="optimal",
    )

    def __init__(self, *args: object, projects: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
