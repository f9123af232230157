"""The forms of the grant pages. The application form builds the pure package's
:class:`~werkbrug.grants.Application`; the services store it as its document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug import clock, grants
from werkbrug.grants.codes import (
    APPLICANT_KINDS,
    FUNDING_SOURCES,
    MEASURE_KINDS,
    PARTNER_ROLE_LABELS,
)
from werkbrug.schemes.values import Scope
from werkbrug.taxonomy import SBI_SECTIONS
from werkbrug.web.forms import DATE


def _labelled(labels: Any) -> list[tuple[str, str]]:
    # The codes' own Dutch and English labels; the page's language picks one.
    from django.utils.translation import get_language

    english = (get_language() or "nl").startswith("en")
    return [(code, text.en if english else text.nl) for code, text in labels.items()]


class ChoicesFromLabels(forms.ChoiceField):
    """A code list's choices; with ``blank``, first an empty one, so that a row left alone in
    a formset stays empty rather than taking the first code."""

    def __init__(self, labels: Any, *, blank: bool = False, **kwargs: Any) -> None:
        def choices() -> list[tuple[str, str]]:
            return ([("", "–")] if blank else []) + _labelled(labels)

        super().__init__(choices=choices, **kwargs)


def money(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, max_digits=14, decimal_places=2, min_value=Decimal(0)
    )


class ApplicationForm(forms.Form):
    title = forms.CharField(label=_("Project name"), max_length=200)
    applicant_kind = ChoicesFromLabels(APPLICANT_KINDS, label=_("Kind of lead applicant"))
    legal_entity = forms.BooleanField(label=_("The applicant is a legal entity"), required=False)
    public_sector = forms.BooleanField(
        label=_("The applicant is a public-sector employer"), required=False
    )
    equity_eur = money(_("Own equity (EUR)"), required=False)
    guarantee_eur = money(_("Guarantee by the partnership (EUR)"), required=False)
    agreement_signed = forms.BooleanField(
        label=_("The cooperation agreement is signed"), required=False
    )
    mandate_signed = forms.BooleanField(label=_("The partners' mandate is signed"), required=False)
    start = forms.DateField(label=_("Start of the period"), widget=DATE)
    end = forms.DateField(label=_("End of the period (inclusive)"), widget=DATE)
    requested_eur = money(_("Amount requested (EUR)"))
    expected_participants = forms.IntegerField(
        label=_("Expected participants"), required=False, min_value=0
    )
    target_transitions = forms.IntegerField(
        label=_("Target transitions"), required=False, min_value=0
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        required=False,
        choices=lambda: [(c.code, f"{c.code} {c.label('nl')}") for c in SBI_SECTIONS],
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.CharField(label=_("Regions (comma-separated)"), required=False, max_length=400)
    design = forms.CharField(
        label=_("Design"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    analysis = forms.CharField(
        label=_("Labour-market analysis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    approach = forms.CharField(
        label=_("Plan of approach"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    organisation = forms.CharField(
        label=_("Organisation and timeline"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    conditions = forms.CharField(
        label=_("Conditions for taking part"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    continuation = forms.CharField(
        label=_("How structural measures continue"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period cannot end before it starts."))
        return data


class PartnerRow(forms.Form):
    name = forms.CharField(label=_("Partner"), max_length=300, required=False)
    role = ChoicesFromLabels(PARTNER_ROLE_LABELS, blank=True, label=_("Role"), required=False)


class MeasureRow(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    name = forms.CharField(label=_("Measure"), max_length=300, required=False)
    kind = ChoicesFromLabels(MEASURE_KINDS, blank=True, label=_("Kind of activity"), required=False)
    theme = forms.ChoiceField(
        label=_("Theme (art. 3.1)"),
        required=False,
        choices=[("", "–")] + [(t, t) for t in "abcdefg"],
    )
    applications = forms.IntegerField(label=_("Applications"), required=False, min_value=0)
    cost_eur = money(_("Cost (EUR)"), required=False)
    vulnerable_hiring = forms.BooleanField(label=_("Hiring vulnerable workers"), required=False)


class FundingRow(forms.Form):
    source = ChoicesFromLabels(FUNDING_SOURCES, blank=True, label=_("Source"), required=False)
    amount_eur = money(_("Amount (EUR)"), required=False)


PartnerRows = forms.formset_factory(PartnerRow, extra=3, max_num=1000)
MeasureRows = forms.formset_factory(MeasureRow, extra=3, max_num=1000)
FundingRows = forms.formset_factory(FundingRow, extra=3, max_num=1000)


def application_from_forms(
    scheme: str,
    applicant_name: str,
    main: ApplicationForm,
    partners: forms.BaseFormSet[PartnerRow],
    measures: forms.BaseFormSet[MeasureRow],
    funding: forms.BaseFormSet[FundingRow],
) -> tuple[grants.Application, Scope] | None:
    """The application the valid forms describe; rows left empty are ignored. ``None``, with
    the errors on the forms, when a row is half filled in."""
    ok = True
    partner_rows = []
    for row in partners:
        d = row.cleaned_data
        if d.get("name"):
            if not d.get("role"):
                row.add_error("role", _("Choose the partner's role."))
                ok = False
            partner_rows.append(grants.Partner(d["name"], d.get("role") or ""))
    measure_rows = []
    for mrow in measures:
        d = mrow.cleaned_data
        if d.get("code") or d.get("name"):
            for field in ("code", "kind", "cost_eur"):
                if d.get(field) in (None, ""):
                    mrow.add_error(field, _("Required for a measure."))
                    ok = False
            measure_rows.append(
                grants.Measure(
                    code=d.get("code") or "",
                    name=d.get("name") or "",
                    kind=d.get("kind") or "other",
                    cost_eur=d.get("cost_eur") or Decimal(0),
                    theme=d.get("theme") or None,
                    applications=d.get("applications"),
                    vulnerable_hiring=bool(d.get("vulnerable_hiring")),
                )
            )
    funding_rows = []
    for frow in funding:
        d = frow.cleaned_data
        if d.get("source") or d.get("amount_eur") is not None:
            if not d.get("source") or d.get("amount_eur") is None:
                frow.add_error("amount_eur", _("Give both the source and the amount."))
                ok = False
            funding_rows.append(
                grants.FundingLine(d.get("source") or "", d.get("amount_eur") or Decimal(0))
            )
    if not ok:
        return None
    m = main.cleaned_data
    application = grants.Application(
        scheme=scheme,
        submitted_on=clock.today(),
        applicant=grants.Applicant(
            name=applicant_name,
            kind=m["applicant_kind"],
            legal_entity=m["legal_entity"],
            public_sector=m["public_sector"],
            equity_eur=m.get("equity_eur") or Decimal(0),
        ),
        period=grants.Period(m["start"], m["end"]),
        requested_eur=m["requested_eur"],
        partners=tuple(partner_rows),
        agreement_signed=m["agreement_signed"],
        mandate_signed=m["mandate_signed"],
        guarantee_eur=m.get("guarantee_eur") or Decimal(0),
        plan=grants.Plan(
            expected_participants=m.get("expected_participants"),
            design=m["design"],
            analysis=m["analysis"],
            approach=m["approach"],
            organisation=m["organisation"],
            conditions=m["conditions"],
            continuation=m["continuation"],
        ),
        measures=tuple(measure_rows),
        funding=tuple(funding_rows),
    )
    regions = tuple(r.strip() for r in (m.get("regions") or "").split(",") if r.strip())
    return application, Scope(tuple(m.get("sectors") or ()), regions)


def initial_from(
    data: grants.Application, title: str, scope: Scope, transitions: int
) -> dict[str, Any]:
    """The forms' initial values for a stored application (to change a draft)."""
    p = data.plan
    return {
        "main": {
            "title": title,
            "applicant_kind": data.applicant.kind,
            "legal_entity": data.applicant.legal_entity,
            "public_sector": data.applicant.public_sector,
            "equity_eur": data.applicant.equity_eur,
            "guarantee_eur": data.guarantee_eur,
            "agreement_signed": data.agreement_signed,
            "mandate_signed": data.mandate_signed,
            "start": data.period.start,
            "end": data.period.end,
            "requested_eur": data.requested_eur,
            "expected_participants": p.expected_participants,
            "target_transitions": transitions,
            "sectors": list(scope.sectors),
            "regions": ", ".join(scope.regions),
            "design": p.design,
            "analysis": p.analysis,
            "approach": p.approach,
            "organisation": p.organisation,
            "conditions": p.conditions,
            "continuation": p.continuation,
        },
        "partners": [{"name": x.name, "role": x.role} for x in data.partners],
        "measures": [
            {
                "code": x.code,
                "name": x.name,
                "kind": x.kind,
                "theme": x.theme or "",
                "applications": x.applications,
                "cost_eur": x.cost_eur,
                "vulnerable_hiring": x.vulnerable_hiring,
            }
            for x in data.measures
        ],
        "funding": [{"source": x.source, "amount_eur": x.amount_eur} for x in data.funding],
    }


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Application file (werkbrug-application/1, JSON)"))
    title = forms.CharField(label=_("Project name"), max_length=200)
    sectors = forms.CharField(
        label=_("Sectors (SBI sections, comma-separated)"), required=False, max_length=200
    )
    regions = forms.CharField(label=_("Regions (comma-separated)"), required=False, max_length=400)
    target_transitions = forms.IntegerField(
        label=_("Target transitions"), required=False, min_value=0
    )


class ReturnForm(forms.Form):
    missing = forms.CharField(label=_("What is missing"), widget=forms.Textarea, max_length=5000)


class JudgementForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput, max_length=40)
    met = forms.TypedChoiceField(
        label=_("Finding"),
        choices=[("1", _("met")), ("0", _("not met"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class AwardForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=[("award", _("award")), ("partial", _("partial award"))],
        widget=forms.RadioSelect,
    )
    maximum_eur = money(_("Maximum amount (EUR)"))
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End (inclusive)"), widget=DATE)
    reason = forms.CharField(
        label=_("Note in the letter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class AwardMeasureRow(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=300)
    include = forms.BooleanField(label=_("Awarded"), required=False)
    applications = forms.IntegerField(label=_("Applications"), min_value=0)
    cost_eur = money(_("Eligible cost (EUR)"))


AwardMeasureRows = forms.formset_factory(AwardMeasureRow, extra=0, max_num=1000)


class RefusalForm(forms.Form):
    grounds = forms.MultipleChoiceField(label=_("Grounds"), widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(
        label=_("Note in the letter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def __init__(self, *args: Any, grounds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grounds"].choices = grounds  # type: ignore[attr-defined]


class AdvanceForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    amount_eur = money(_("Amount (EUR)"), required=False)


class CostLineForm(forms.Form):
    measure = forms.ChoiceField(label=_("Measure"))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("cost", _("eligible cost")),
            ("wages", _("wage costs of vulnerable workers hired")),
        ],
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(label=_("Description"), max_length=200)
    amount_eur = forms.DecimalField(label=_("Amount (EUR)"))

    def __init__(self, *args: Any, measures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measures  # type: ignore[attr-defined]


class DeclarationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("progress", _("progress report")), ("final", _("final declaration"))],
    )
    as_of = forms.DateField(label=_("As of"), widget=DATE)
    own_funds_eur = money(_("Own funds realised (EUR)"))


class DeterminationForm(forms.Form):
    declaration = forms.TypedChoiceField(label=_("Final declaration"), coerce=int)
    reduce = forms.BooleanField(
        label=_("Below 60%: reduce proportionally instead of nil (art. 5.1.4)"), required=False
    )
    reason = forms.CharField(label=_("Reason for reducing"), required=False, max_length=2000)

    def __init__(self, *args: Any, declarations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["declaration"].choices = declarations  # type: ignore[attr-defined]


def default_day() -> dt.date:
    return clock.today()
