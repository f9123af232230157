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


class LoginFailure(models.Model):
    """One failed log-in, for the lockout (:mod:`werkbrug.accounts.lockout`).

    Only keyed hashes of the username and the client address are stored, never the values
    themselves, so the table (and every backup of it) holds no personal data; rows are deleted
    once they can no longer count towards a lockout.
    """

    username_key = models.CharField(_("username (keyed hash)"), max_length=64)
    address_key = models.CharField(_("client address (keyed hash)"), max_length=64, blank=True)
    failed_at = models.DateTimeField(_("failed at"))

    class Meta:
        verbose_name = _("failed log-in")
        verbose_name_plural = _("failed log-ins")
        indexes = [
            # The lockout reads the latest failures per username and per address.
            models.Index(fields=["username_key", "-failed_at"], name="login_failure_username"),
            models.Index(fields=["address_key", "-failed_at"], name="login_failure_address"),
            models.Index(fields=["failed_at"], name="login_failure_time"),
        ]

    def __str__(self) -> str:
        return f"{self.username_key[:12]} {self.failed_at:%Y-%m-%d %H:%M:%S}"


class OidcIdentity(models.Model):
    """The account an OpenID Connect provider's person logs in to (docs/security.md).

    A person is known to a provider by its issuer and their subject (``sub``), which the
    provider never gives to anyone else; their username and e-mail address may change.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="oidc_identities", verbose_name=_("user")
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("OpenID Connect identity")
        verbose_name_plural = _("OpenID Connect identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="oidc_identity_once"),
            # One identity per provider and account: an account is one person.
            models.UniqueConstraint(fields=["issuer", "user"], name="oidc_identity_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
