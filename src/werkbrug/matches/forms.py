from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.matches.models import Decision, Profile
from werkbrug.matches.values import ProfileValues
from werkbrug.projects.models import Project, choices
from werkbrug.taxonomy import CONTRACTS, SBI_SECTIONS, isco_unit_groups
from werkbrug.web.forms import FilteredSelectMultiple, label_language


class ProfileForm(forms.Form):
    """The matching profile as lists to choose from: occupations from ISCO-08, sectors from
    SBI, skills from the vacancies (plus any typed in), contracts as boxes. The service takes
    the typed ProfileValues, whose lists are joined by ``|`` (matches/values.py)."""

    skills = forms.MultipleChoiceField(
        label=_("Skills"), required=False, widget=FilteredSelectMultiple()
    )
    other_skills = forms.CharField(
        label=_("Other skills"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Skills not in the list above, one per line."),
    )
    wanted_occupations = forms.MultipleChoiceField(
        label=_("Wanted occupations (ISCO-08)"), required=False, widget=FilteredSelectMultiple()
    )
    wanted_sectors = forms.MultipleChoiceField(
        label=_("Wanted sectors"), required=False, widget=FilteredSelectMultiple()
    )
    no_go_sectors = forms.MultipleChoiceField(
        label=_("Sectors ruled out"), required=False, widget=FilteredSelectMultiple()
    )
    hours_wanted = forms.DecimalField(
        label=_("Hours wanted"), required=False, max_digits=5, decimal_places=2
    )
    contract_wishes = forms.MultipleChoiceField(
        label=_("Contracts wanted"), required=False, widget=forms.CheckboxSelectMultiple
    )
    max_distance_km = forms.IntegerField(
        label=_("Maximum distance (km)"), required=False, min_value=0
    )

    def __init__(self, *args: Any, profile: Profile, known_skills: list[str], **kwargs: Any):
        stored = ProfileValues.of(profile)
        skills = _split(stored.skills)
        listed = sorted({*known_skills, *skills}, key=str.casefold)
        kwargs.setdefault(
            "initial",
            {
                "skills": skills,
                "wanted_occupations": _split(stored.wanted_occupations),
                "wanted_sectors": _split(stored.wanted_sectors),
                "no_go_sectors": _split(stored.no_go_sectors),
                "hours_wanted": stored.hours_wanted,
                "contract_wishes": _split(stored.contract_wishes),
                "max_distance_km": stored.max_distance_km,
            },
        )
        super().__init__(*args, **kwargs)
        lang = label_language()
        sectors = [(c.code, f"{c.code} {c.label(lang)}") for c in SBI_SECTIONS]
        self.fields["skills"].choices = [(s, s) for s in listed]  # type: ignore[attr-defined]
        self.fields["wanted_occupations"].choices = [  # type: ignore[attr-defined]
            (c.code, f"{c.code} {c.label(lang)}") for c in isco_unit_groups()
        ]
        self.fields["wanted_sectors"].choices = sectors  # type: ignore[attr-defined]
        self.fields["no_go_sectors"].choices = sectors  # type: ignore[attr-defined]
        self.fields["contract_wishes"].choices = choices(CONTRACTS)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        both = set(data.get("wanted_sectors") or ()) & set(data.get("no_go_sectors") or ())
        if both:
            self.add_error(
                "no_go_sectors",
                _("A sector cannot be both wanted and ruled out: %(sectors)s.")
                % {"sectors": ", ".join(sorted(both))},
            )
        return data

    def values(self) -> ProfileValues:
        """The chosen lists joined as the service stores them; typed-in skills after the
        chosen ones, each once."""
        data = self.cleaned_data
        typed = [line.strip() for line in data["other_skills"].splitlines()]
        skills = list(dict.fromkeys([*data["skills"], *(s for s in typed if s)]))
        return ProfileValues(
            skills="|".join(s.replace("|", " ") for s in skills),
            wanted_occupations="|".join(data["wanted_occupations"]),
            wanted_sectors="|".join(data["wanted_sectors"]),
            no_go_sectors="|".join(data["no_go_sectors"]),
            hours_wanted=data["hours_wanted"],
            contract_wishes="|".join(data["contract_wishes"]),
            max_distance_km=data["max_distance_km"],
        )


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


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
