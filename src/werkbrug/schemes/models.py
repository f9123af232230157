"""Calls, applications, decisions and what follows them, stored.

The application itself is kept as its ``werkbrug-application/1`` document (``document``),
written by :func:`werkbrug.grants.application_json` and read back by
:func:`werkbrug.grants.application_from_json`: the web form, an uploaded file and the
download button share one format and one validation, and the pure rules check exactly what is
stored. The columns beside it are what the queue, the ceiling and access need to query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkbrug.grants import SCHEMES
from werkbrug.projects.models import Organisation, Project

SCHEME_CHOICES = [(s.id, s.name.nl) for s in SCHEMES.values()]


class SchemeAssessor(models.Model):
    """A funder user who assesses the calls of one scheme (and sees nothing of the others)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessed_schemes"
    )
    scheme = models.CharField(_("scheme"), max_length=40, choices=SCHEME_CHOICES)

    class Meta:
        verbose_name = _("assessor of a scheme")
        verbose_name_plural = _("assessors of schemes")
        constraints = [
            models.UniqueConstraint(fields=["user", "scheme"], name="scheme_assessor_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.scheme}"


class ApplicantMember(models.Model):
    """A coordinator who applies on behalf of an organisation (the lead applicant)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_for"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="applicant_members"
    )

    class Meta:
        verbose_name = _("member of an applicant")
        verbose_name_plural = _("members of applicants")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="applicant_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"


class Call(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    scheme = models.CharField(_("scheme"), max_length=40, choices=SCHEME_CHOICES)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    ceiling_eur = models.DecimalField(_("ceiling (EUR)"), max_digits=14, decimal_places=2)
    #: Shown on every page of the call: the demo's 2010 amounts are reconstructed.
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="call_closes_after"
            )
        ]

    def __str__(self) -> str:
        return self.name


class State(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    INCOMPLETE = "incomplete", _("sent back as incomplete")
    COMPLETE = "complete", _("complete")
    ASSESSMENT = "assessment", _("under assessment")
    AWARDED = "awarded", _("awarded")
    PARTIAL = "partial", _("partly awarded")
    REFUSED = "refused", _("refused")


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="grant_applications"
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    title = models.CharField(_("project name"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    document = models.JSONField(_("application (werkbrug-application/1)"))
    requested_eur = models.DecimalField(_("requested (EUR)"), max_digits=14, decimal_places=2)
    #: SBI sections and regions the plan is for, comma-separated (2013 art. 2.3.4).
    sectors = models.CharField(_("sectors"), max_length=200, blank=True)
    regions = models.CharField(_("regions"), max_length=400, blank=True)
    target_transitions = models.PositiveIntegerField(_("target transitions"), default=0)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    complete_on = models.DateField(_("complete on"), null=True, blank=True)
    #: What was missing when it was sent back.
    missing = models.TextField(_("what is missing"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        # Art. 1.5: complete applications in order of arrival, the arrival being the day
        # the application was complete.
        ordering = [models.F("complete_on").asc(nulls_last=True), "id"]
        indexes = [models.Index(fields=["call", "state"], name="application_queue")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class Judgement(models.Model):
    """An assessor's finding on a rule a person must judge (2010 art. 2.2, 2013 art. 2.5 b–j)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="judgements"
    )
    rule = models.CharField(_("rule"), max_length=40)
    article = models.CharField(_("article"), max_length=20)
    met = models.BooleanField(_("met"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("judgement")
        verbose_name_plural = _("judgements")
        constraints = [
            models.UniqueConstraint(fields=["application", "rule"], name="judgement_once")
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.met}"


class Decision(models.Model):
    class Kind(models.TextChoices):
        AWARD = "award", _("award")
        PARTIAL = "partial", _("partial award")
        REFUSAL = "refusal", _("refusal")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    kind = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    decided_on = models.DateField(_("decided on"))
    maximum_eur = models.DecimalField(
        _("maximum (EUR)"), max_digits=14, decimal_places=2, default=0
    )
    #: What the award commits against the call's ceiling: the maximum plus, where the scheme
    #: pays one, the overhead lump sum on the awarded eligible costs.
    committed_eur = models.DecimalField(
        _("committed (EUR)"), max_digits=14, decimal_places=2, default=0
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    #: Refusal grounds: [{"rule", "article"}] of failed rules and judgements not met.
    grounds = models.JSONField(_("grounds"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    project = models.OneToOneField(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="award"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.kind}"


class AwardedMeasure(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(_("code"), max_length=300)
    name = models.CharField(_("name"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=30)
    applications = models.PositiveIntegerField(_("applications"), default=0)
    cost_eur = models.DecimalField(_("eligible cost (EUR)"), max_digits=14, decimal_places=2)
    vulnerable_hiring = models.BooleanField(_("hiring vulnerable workers"), default=False)

    class Meta:
        verbose_name = _("awarded measure")
        verbose_name_plural = _("awarded measures")
        ordering = ["decision", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "code"], name="awarded_measure_once")
        ]

    def __str__(self) -> str:
        return self.code


class Advance(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="advances")
    number = models.PositiveSmallIntegerField(_("number"))
    paid_on = models.DateField(_("paid on"))
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("advance")
        verbose_name_plural = _("advances")
        ordering = ["decision", "number"]
        constraints = [models.UniqueConstraint(fields=["decision", "number"], name="advance_once")]

    def __str__(self) -> str:
        return f"{self.number}: {self.amount_eur}"


class CostLine(models.Model):
    """A cost of a measure not tied to one participant (staff, materials), or the wage costs
    of vulnerable workers hired (2013 art. 4.4), entered by the project."""

    class Kind(models.TextChoices):
        COST = "cost", _("eligible cost")
        WAGES = "wages", _("wage costs of vulnerable workers hired")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="cost_lines")
    measure = models.CharField(_("measure"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COST)
    on = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=200)
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["decision", "on", "id"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.amount_eur}"


class Declaration(models.Model):
    """A submitted progress report or final declaration, as its ``werkbrug-declaration/1``
    document, with the participants per measure it counted (keys and keyed BSN hashes)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(_("kind"), max_length=10)
    as_of = models.DateField(_("as of"))
    document = models.JSONField(_("declaration (werkbrug-declaration/1)"))
    participants = models.JSONField(_("participants per measure"), default=dict)
    submitted_on = models.DateField(_("submitted on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["decision", "-submitted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.as_of}"


class Determination(models.Model):
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="determination"
    )
    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="+")
    result = models.JSONField(_("determination"))
    outcome = models.CharField(_("outcome"), max_length=10)
    subsidy_eur = models.DecimalField(_("subsidy (EUR)"), max_digits=14, decimal_places=2)
    balance_eur = models.DecimalField(_("balance (EUR)"), max_digits=14, decimal_places=2)
    reduced_because = models.TextField(_("reason for reducing"), blank=True)
    decided_on = models.DateField(_("decided on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("determination")
        verbose_name_plural = _("determinations")

    def __str__(self) -> str:
        return f"{self.outcome} {self.subsidy_eur}"
