from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does in a programme; object-level access follows from it (DESIGN.md)."""

    FUNDER = "funder", _("Funder")
    COORDINATOR = "coordinator", _("Project coordinator")
    MEDIATOR = "mediator", _("Mediator")
    EMPLOYER = "employer", _("Employer")
    RESEARCHER = "researcher", _("Researcher")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
