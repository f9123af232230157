"""``werkbrug unlock USERNAME``: lift the log-in lockout of a username (or a client address)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from werkbrug.accounts.lockout import login_unlock


class Command(BaseCommand):
    help = "Lift the lockout after failed log-ins of a username and/or a client address."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", nargs="?", help="the username to unlock")
        parser.add_argument("--address", help="also lift the throttle of this client IP address")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str | None = options["username"]
        address: str | None = options["address"]
        if username is None and address is None:
            raise CommandError(_("Give a username to unlock, or --address ADDRESS."))
        try:
            forgotten = login_unlock(username=username, address=address)
        except ValueError:
            raise CommandError(
                _("'%(address)s' is not an IP address.") % {"address": address}
            ) from None
        self.stdout.write(
            _("Unlocked; %(count)d failed log-in(s) forgotten.") % {"count": forgotten}
        )
