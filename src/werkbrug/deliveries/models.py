"""A delivery and its rows, column for column as in the exchange format ``werkbrug-exchange/1``.

The rows are written once, by the importer (or, later, by freezing live data), and never
changed: a report computed on a delivery must give the same figures for ever. Codes are stored
in their canonical form (lower case, aliases resolved), so an export is the canonical version of
what was imported.

Outcomes refer to participants by their key within the delivery rather than by a foreign key:
the importer streams a million rows with ``COPY``, and the pair (delivery, key) is unique and
checked before anything is written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    schema = models.CharField(_("format"), max_length=40, default="werkbrug-exchange/1")
    content_hash = models.CharField(_("content hash"), max_length=64)
    source = models.CharField(_("source"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_by_name = models.CharField(_("imported by (name)"), max_length=150, blank=True)
    project_count = models.PositiveIntegerField(_("projects"), default=0)
    participant_count = models.PositiveIntegerField(_("participants"), default=0)
    outcome_count = models.PositiveIntegerField(_("outcomes"), default=0)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-delivered_on", "-imported_at"]
        permissions = [
            # Without it a user sees reports with small cells suppressed (the public version).
            ("view_full_report", _("Can view full reports, without small-cell suppression")),
        ]

    def __str__(self) -> str:
        return self.name


class DeliveryProject(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="projects")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    network = models.CharField(_("network"), max_length=20, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True)
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
    individual_contribution = models.BooleanField(_("individual contribution"), null=True)
    employer_contribution = models.BooleanField(_("employer contribution"), null=True)
    union_involved = models.BooleanField(_("union involved"), null=True)
    formal_agreement = models.CharField(_("formal agreement"), max_length=20, blank=True)
    continuation = models.CharField(_("continuation"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("delivered project")
        verbose_name_plural = _("delivered projects")
        ordering = ["delivery", "code"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "code"], name="delivery_project_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.delivery})"


class DeliveryParticipant(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="participants")
    key = models.CharField(_("id"), max_length=64)
    project = models.ForeignKey(
        DeliveryProject, on_delete=models.CASCADE, related_name="participants"
    )
    intake_date = models.DateField(_("intake date"))
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, blank=True)
    education = models.CharField(_("education"), max_length=20, blank=True)
    situation = models.CharField(_("situation"), max_length=20, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    hours_before = models.DecimalField(
        _("hours before"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # Derived at import from the columns above (werkbrug-report/1 definitions), so that a
    # report on a million participants needs no date arithmetic per row.
    age_at_intake = models.SmallIntegerField(_("age at intake"), null=True, blank=True)
    education_level = models.CharField(_("education level"), max_length=6, blank=True)

    class Meta:
        verbose_name = _("delivered participant")
        verbose_name_plural = _("delivered participants")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "key"], name="delivery_participant_key"),
        ]

    def __str__(self) -> str:
        return self.key


class DeliveryOutcome(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="outcomes")
    participant_key = models.CharField(_("participant"), max_length=64)
    outcome = models.CharField(_("outcome"), max_length=20)
    date = models.DateField(_("date"))
    contract = models.CharField(_("contract"), max_length=20, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    benefit_days = models.PositiveIntegerField(_("benefit days"), null=True, blank=True)
    # Copied at import from the participant's row, so reports group outcomes without a join.
    project = models.ForeignKey(
        DeliveryProject, null=True, on_delete=models.CASCADE, related_name="outcomes"
    )
    intake_date = models.DateField(_("intake date"), null=True)

    class Meta:
        verbose_name = _("delivered outcome")
        verbose_name_plural = _("delivered outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "participant_key"], name="delivery_outcome_participant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_key}: {self.outcome}"


class DeliveryEmployer(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="employers")
    key = models.CharField(_("id"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=1, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    project_code = models.CharField(_("project"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("delivered employer")
        verbose_name_plural = _("delivered employers")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "key"], name="delivery_employer_key"),
        ]

    def __str__(self) -> str:
        return self.name


class DeliveryVacancy(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="vacancies")
    key = models.CharField(_("id"), max_length=64)
    employer_key = models.CharField(_("employer"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=200)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    min_education = models.CharField(_("minimum education"), max_length=20, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    contract = models.CharField(_("contract"), max_length=20, blank=True)
    positions = models.PositiveIntegerField(_("positions"), default=1)
    skills = models.TextField(_("skills"), blank=True)
    open_date = models.DateField(_("open date"), null=True, blank=True)
    close_date = models.DateField(_("close date"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivered vacancy")
        verbose_name_plural = _("delivered vacancies")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "key"], name="delivery_vacancy_key"),
        ]

    def __str__(self) -> str:
        return self.title
