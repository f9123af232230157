"""What matching on the live data stores.

- ``Profile``: a participant's skills and wishes (wanted occupations and sectors, no-go's,
  hours, contract, distance), next to the monitoring record.
- ``Suggestion``: every pair shown on a suggestions or candidates page, with a snapshot of
  the scores and the configuration version; when a mediator asked for the participant's
  suggestions (``requested_at``, ``requested_by``: what the fairness monitor counts as
  *suggested*); and the mediator's decision and reason. Matching is advice: nothing happens
  to a participant because of a suggestion (GDPR art. 22, EU AI Act).
- ``BatchRun``, ``BatchSuggestion``: the top-k suggestions that ``werkbrug match batch``
  computed for every participant of the live data or of a delivery, with the configuration
  version; advice for mediators to look at, like a suggestion.
- ``EscoOccupation``, ``EscoSkill``, ``EscoRelation``: an ESCO download, loaded by
  ``werkbrug taxonomy load-esco``; without it matching works on the ISCO-08 hierarchy.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkbrug.deliveries.models import Delivery, DeliveryParticipant
from werkbrug.people.models import Participant
from werkbrug.vacancies.models import Vacancy


class Profile(models.Model):
    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="match_profile", primary_key=True
    )
    skills = models.TextField(_("skills"), blank=True, help_text=_("Separated by |"))
    wanted_occupations = models.CharField(
        _("wanted occupations"), max_length=300, blank=True, help_text=_("ISCO-08 codes, by |")
    )
    wanted_sectors = models.CharField(
        _("wanted sectors"), max_length=60, blank=True, help_text=_("SBI letters, by |")
    )
    no_go_sectors = models.CharField(
        _("sectors ruled out"), max_length=60, blank=True, help_text=_("SBI letters, by |")
    )
    hours_wanted = models.DecimalField(
        _("hours wanted"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    contract_wishes = models.CharField(
        _("contracts wanted"), max_length=100, blank=True, help_text=_("Contract codes, by |")
    )
    max_distance_km = models.PositiveIntegerField(_("maximum distance (km)"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching profile")
        verbose_name_plural = _("matching profiles")

    def __str__(self) -> str:
        return str(self.participant)


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Suggestion(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="suggestions"
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="suggestions")
    score = models.FloatField(_("score"))
    snapshot = models.JSONField(_("scores when shown"))
    config_version = models.CharField(_("configuration version"), max_length=80)
    shown_at = models.DateTimeField(_("first shown"), auto_now_add=True)
    # Set the first time a mediator asks for this participant's suggestions and gets this
    # vacancy; a coordinator browsing candidates or suggestions leaves it empty.
    requested_at = models.DateTimeField(_("asked for by a mediator"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_snapshot = models.JSONField(_("scores when decided"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "vacancy"], name="suggestion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.vacancy}"


class BatchRun(models.Model):
    """One run of the batch: on the live data (no delivery) or on a delivery."""

    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    top_k = models.PositiveIntegerField(_("suggestions per participant"))
    config_version = models.CharField(_("configuration version"), max_length=80)
    partitions = models.PositiveIntegerField(_("partitions"))
    participants = models.PositiveIntegerField(_("participants"))
    openings = models.PositiveIntegerField(_("vacancies"))
    uncertified = models.PositiveIntegerField(_("partitions not certified exact"))
    engine = models.CharField(_("where it ran"), max_length=40)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))

    class Meta:
        verbose_name = _("batch of suggestions")
        verbose_name_plural = _("batches of suggestions")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"batch {self.pk} ({self.participants} participants, top {self.top_k})"


class BatchSuggestion(models.Model):
    """A suggestion of a batch. It links to the participant's row (live or in the delivery)
    rather than holding its key, so an erasure's new key is all that remains of the person."""

    run = models.ForeignKey(BatchRun, on_delete=models.CASCADE, related_name="suggestions")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    delivery_participant = models.ForeignKey(
        DeliveryParticipant, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    vacancy = models.ForeignKey(
        Vacancy, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    vacancy_key = models.CharField(_("vacancy"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))

    class Meta:
        verbose_name = _("batch suggestion")
        verbose_name_plural = _("batch suggestions")
        ordering = ["run", "participant", "delivery_participant", "rank"]

    def __str__(self) -> str:
        return f"batch {self.run_id} #{self.rank} → {self.vacancy_key}"


class EscoOccupation(models.Model):
    uri = models.CharField(max_length=200, primary_key=True)
    isco_group = models.CharField(max_length=4, blank=True, db_index=True)
    label_nl = models.CharField(max_length=300, blank=True)
    label_en = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("ESCO occupation")
        verbose_name_plural = _("ESCO occupations")

    def __str__(self) -> str:
        return self.label_nl or self.label_en or self.uri


class EscoSkill(models.Model):
    uri = models.CharField(max_length=200, primary_key=True)
    skill_type = models.CharField(max_length=40, blank=True)
    label_nl = models.CharField(max_length=300, blank=True)
    label_en = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("ESCO skill")
        verbose_name_plural = _("ESCO skills")

    def __str__(self) -> str:
        return self.label_nl or self.label_en or self.uri


class EscoRelation(models.Model):
    occupation = models.ForeignKey(EscoOccupation, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(EscoSkill, on_delete=models.CASCADE, related_name="+")
    essential = models.BooleanField()

    class Meta:
        verbose_name = _("ESCO occupation–skill relation")
        verbose_name_plural = _("ESCO occupation–skill relations")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="esco_relation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} – {self.skill_id}"
