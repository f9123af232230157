"""Projects as they run: the partnership, its targets and its money.

The columns follow ``projects.csv`` of the exchange format, so a project can be frozen into a
delivery without translation. Choices come from the code lists in :mod:`werkbrug.taxonomy`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from werkbrug.taxonomy import (
    CONTINUATIONS,
    FORMAL_AGREEMENTS,
    NETWORKS,
    PARTNER_ROLES,
    SBI_SECTIONS,
    CodeList,
)
from werkbrug.taxonomy.codes import Code


def choices(codes: CodeList) -> list[tuple[str, str]]:
    """Model choices from a code list (the stored value is the code), labelled in the
    language of the request: Dutch, or English when the user switched to it."""
    return [(code.code, _label_in_active_language(code)) for code in codes]


def _label_in_active_language(code: Code) -> str:
    def label() -> str:
        language = get_language() or "nl"
        return code.label("en" if language.startswith("en") else "nl")

    return lazy(label, str)()


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True, choices=choices(SBI_SECTIONS))
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    network = models.CharField(_("network"), max_length=20, blank=True, choices=choices(NETWORKS))
    sector = models.CharField(_("sector"), max_length=1, blank=True, choices=choices(SBI_SECTIONS))
    region = models.CharField(_("region"), max_length=80, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    target_participants = models.PositiveIntegerField(_("target participants"))
    target_transitions = models.PositiveIntegerField(_("target transitions"))
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    own_funds_eur = models.DecimalField(
        _("own funds (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    subsidy_eur = models.DecimalField(
        _("subsidy (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    individual_contribution = models.BooleanField(
        _("individual contribution"), null=True, blank=True
    )
    employer_contribution = models.BooleanField(_("employer contribution"), null=True, blank=True)
    union_involved = models.BooleanField(_("union involved"), null=True, blank=True)
    formal_agreement = models.CharField(
        _("formal agreement"), max_length=20, blank=True, choices=choices(FORMAL_AGREEMENTS)
    )
    continuation = models.CharField(
        _("continuation"), max_length=20, blank=True, choices=choices(CONTINUATIONS)
    )
    partners: models.ManyToManyField[Organisation, ProjectPartner] = models.ManyToManyField(
        Organisation, through="ProjectPartner", related_name="projects", verbose_name=_("partners")
    )
    # Coordinators and mediators who work in this project; what they may see follows from it
    # (werkbrug.access).
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="projects", verbose_name=_("staff")
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectPartner(models.Model):
    """An organisation's part in one project; one organisation may play several roles."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(_("role"), max_length=30, choices=choices(PARTNER_ROLES))

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="project_partner_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"
