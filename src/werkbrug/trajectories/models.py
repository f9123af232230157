"""Trajectories and their outcomes. Status changes go through the one transition table in
:mod:`werkbrug.trajectories.flows`; the history of changes is kept row by row."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkbrug.indicators.retention import RETENTION_MONTHS
from werkbrug.people.models import Participant
from werkbrug.projects.models import choices
from werkbrug.taxonomy import ACTIVITY_KINDS, CONTRACTS, OUTCOMES, SBI_SECTIONS


class Status(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ACTIVE = "active", _("Active")
    PLACED = "placed", _("Placed in work")
    LEARN_WORK = "learn_work", _("Learn-work trajectory")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    NO_WORK = "no_work", _("Ended without work")
    DROPOUT = "dropout", _("Dropped out")


class Trajectory(models.Model):
    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="trajectory"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INTAKE
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mediator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
    )
    started_on = models.DateField(_("started on"))
    # Kept up to date by the services so the caseload can filter and sort a mediator's forty
    # (or a project's forty thousand) participants without a subquery per row.
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    next_follow_up_on = models.DateField(_("next follow-up due"), null=True, blank=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        indexes = [
            models.Index(fields=["mediator", "status"], name="trajectory_caseload"),
            models.Index(fields=["mediator", "last_contact_on"], name="trajectory_contact"),
            models.Index(fields=["next_follow_up_on"], name="trajectory_follow_up"),
            # A coordinator's caseload sorts a project's trajectories by these columns: on
            # PostgreSQL the join reads them from the index alone (bench/README.md). SQLite
            # has no INCLUDE and gets the plain index (models.W040, silenced in settings).
            models.Index(
                fields=["participant"],
                include=["status", "next_follow_up_on", "last_contact_on"],
                name="trajectory_attention",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.status})"


class StatusChange(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    on = models.DateField(_("date"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["trajectory", "changed_at"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class Outcome(models.Model):
    """The end of a trajectory or the placement, in the terms of ``outcomes.csv``."""

    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="outcome")
    outcome = models.CharField(_("outcome"), max_length=20, choices=choices(OUTCOMES))
    date = models.DateField(_("date"))
    contract = models.CharField(
        _("contract"), max_length=20, blank=True, choices=choices(CONTRACTS)
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    employer = models.ForeignKey(
        "vacancies.Employer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer_name = models.CharField(_("employer (name)"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True, choices=choices(SBI_SECTIONS))
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    benefit_days = models.PositiveIntegerField(_("benefit days"), null=True, blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.trajectory.participant}: {self.outcome}"


class Activity(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=choices(ACTIVITY_KINDS))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    cost_eur = models.DecimalField(
        _("cost (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["trajectory", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_eur__isnull=True) | models.Q(cost_eur__gte=0),
                name="activity_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_date}"


# The follow-up checks are made at the points the report counts retention at (one list).
FOLLOW_UP_MONTHS = RETENTION_MONTHS


class FollowUp(models.Model):
    """A check, some months after a placement, whether the participant is still in work."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after placement"))
    due_on = models.DateField(_("due on"))
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    in_work = models.BooleanField(_("still in work"), null=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["trajectory", "months"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "months"], name="follow_up_once"),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory.participant} +{self.months}m"
