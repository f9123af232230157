"""Employers and vacancies, in the terms of ``employers.csv`` and ``vacancies.csv``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from werkbrug.projects.models import Project, choices
from werkbrug.taxonomy import CONTRACTS, EDUCATION, SBI_SECTIONS


class Employer(models.Model):
    key = models.CharField(_("id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=1, blank=True, choices=choices(SBI_SECTIONS))
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="employers"
    )
    # Users of the employer role who act for this employer.
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="employers", verbose_name=_("users")
    )

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Vacancy(models.Model):
    key = models.CharField(_("id"), max_length=64, unique=True)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="vacancies")
    title = models.CharField(_("title"), max_length=200)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=1, blank=True, choices=choices(SBI_SECTIONS))
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    min_education = models.CharField(
        _("minimum education"), max_length=20, blank=True, choices=choices(EDUCATION)
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    contract = models.CharField(
        _("contract"), max_length=20, blank=True, choices=choices(CONTRACTS)
    )
    positions = models.PositiveIntegerField(_("positions"), default=1)
    skills = models.TextField(_("skills"), blank=True, help_text=_("Separated by |"))
    open_date = models.DateField(_("open date"), null=True, blank=True)
    close_date = models.DateField(_("close date"), null=True, blank=True)
    filled = models.BooleanField(_("filled"), default=False)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["key"]
        indexes = [models.Index(fields=["employer", "close_date"], name="vacancy_employer_open")]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: dt.date) -> bool:
        return not self.filled and (self.close_date is None or self.close_date >= today)
