from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def sqlite_secure_delete(sender: Any, connection: Any, **kwargs: Any) -> None:  # noqa: ARG001 (a signal receiver)
    """SQLite overwrites deleted content with zeros instead of leaving it in free pages of
    the file: an erased participant's audit key, contact details and notes must not be
    recoverable from the database file (docs/deployment.md)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


class AuditConfig(AppConfig):
    name = "werkbrug.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from werkbrug import personal_data

        connection_created.connect(sqlite_secure_delete, dispatch_uid="werkbrug.secure_delete")
        # Every app's personal_data module registers what the app holds about a participant.
        personal_data.discover()
