"""One row per create, change, delete or export of personal data.

The log is append-only: database triggers (see migration 0002) refuse UPDATE and DELETE on
both SQLite and PostgreSQL, so not even a bug or a shell session can rewrite history. The
values of directly identifying fields (names, contact details, BSN) are never written here,
only that they changed. Every other value of an event about a participant is written sealed
with that participant's own key (:class:`SubjectKey`, in a table of its own), and the event's
``subject`` is a random token of that key, never the participant's key: erasure deletes the
key row, and the events stay as they are but no longer say anything about anyone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        # DO_NOTHING without a database constraint: deleting a user must not UPDATE the log
        # (the database refuses that); actor_name keeps who it was.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # Until migration 0004 the participant's key; since then SubjectKey.subject, a random token
    # that stands for the participant only while their SubjectKey exists.
    subject = models.CharField(
        _("participant"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Pseudonymous key of the participant the event is about, if any."),
    )
    changes = models.JSONField(_("what changed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"


class SubjectKey(models.Model):
    """A participant's own key for the audit log: ``subject`` stands for them in the events
    and ``secret`` seals their values there (werkbrug.audit.sealing). Deleting the row (the
    erasure does, and so does deleting the participant) makes those events anonymous and
    their values unreadable without changing a byte of the log."""

    participant = models.OneToOneField(
        "people.Participant", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    subject = models.CharField(max_length=32, unique=True)
    secret = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("audit key of a participant")
        verbose_name_plural = _("audit keys of participants")
        default_permissions = ()

    def __str__(self) -> str:
        return self.subject
