"""Participants. The pseudonymous record carries what monitoring needs (the columns of
``participants.csv``); names and contact details live in a separate table so that extracts,
deliveries and researchers never see them, and so that erasure can remove them alone."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from werkbrug.projects.models import Project, choices
from werkbrug.taxonomy import EDUCATION, GENDERS, SBI_SECTIONS, SITUATIONS

# Shown instead of a name to a user who may not see the pseudonymous key either (the employer).
NO_NAME = _("(no name recorded)")


def display_name(given_name: str, family_name: str, key: str) -> str:
    """The name as the pages show it, or the pseudonymous key when no family name is known."""
    return f"{given_name} {family_name}" if family_name else key


class Participant(models.Model):
    key = models.CharField(_("pseudonymous key"), max_length=64, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="participants")
    intake_date = models.DateField(_("intake date"))
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, blank=True, choices=choices(GENDERS))
    education = models.CharField(
        _("education"), max_length=20, blank=True, choices=choices(EDUCATION)
    )
    situation = models.CharField(
        _("situation"), max_length=20, blank=True, choices=choices(SITUATIONS)
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True, choices=choices(SBI_SECTIONS))
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    hours_before = models.DecimalField(
        _("hours before"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # The employer the participant is leaving. Its users see the participant only with the
    # participant's consent (Consent.Purpose.EMPLOYER).
    employer = models.ForeignKey(
        "vacancies.Employer",
        verbose_name=_("current employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employees",
    )
    # The dates that decide how much time a job-to-job move has.
    notice_date = models.DateField(_("notice given on"), null=True, blank=True)
    contract_end_date = models.DateField(_("contract ends on"), null=True, blank=True)
    benefit_start_date = models.DateField(_("benefit starts on"), null=True, blank=True)
    erased_on = models.DateField(_("erased on"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["key"]
        indexes = [
            # A project's live participants, in index order with their key (the caseload's
            # last sort column), without reading the table (bench/README.md).
            models.Index(
                fields=["project", "id"],
                include=["key"],
                condition=models.Q(erased_on__isnull=True),
                name="participant_project_live",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class ContactDetails(models.Model):
    """Directly identifying data, one-to-one with a participant and never exported in bulk."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="contact", primary_key=True
    )
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    bsn_hash = models.CharField(_("BSN (keyed hash)"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip() or str(self.participant)


class Consent(models.Model):
    """A participant's consent for one purpose; withdrawing keeps the record (when and what)."""

    class Purpose(models.TextChoices):
        PROGRAMME = "programme", _("Taking part in the programme")
        EMPLOYER = "employer", _("Sharing progress with the current employer")
        RESEARCH = "research", _("Use of pseudonymised data for research")
        MATCHING = "matching", _("Sharing the profile with prospective employers")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["participant", "purpose", "given_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.purpose}"

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None
