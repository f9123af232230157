"""``werkbrug token create|list|revoke``: personal access tokens for the API, made by the
operator. ``create`` prints the token alone on stdout (to pipe it into a secret store); it
is never shown again."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from werkbrug.accounts.models import User
from werkbrug.api.models import ApiToken
from werkbrug.api.scopes import DEFAULT_SCOPES, SCOPES
from werkbrug.api.tokens import DEFAULT_DAYS, token_create, token_revoke, token_state
from werkbrug.textsafe import printable


class Command(BaseCommand):
    help = "Create, list and revoke personal access tokens for the API."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="make a token; prints it alone on stdout")
        create.add_argument("username")
        create.add_argument(
            "--scope",
            action="append",
            default=[],
            metavar="S",
            help=f"repeat for each scope ({', '.join(SCOPES)}); "
            f"default: {' '.join(DEFAULT_SCOPES)}",
        )
        create.add_argument(
            "--expires", type=int, default=DEFAULT_DAYS, metavar="DAYS", help="days (1-366)"
        )
        create.add_argument("--name", default="", help="what the token is for")
        listing = actions.add_parser("list", help="the tokens (never their text)")
        listing.add_argument("username", nargs="?", help="only this user's tokens")
        revoke = actions.add_parser("revoke", help="revoke a token by its number (see list)")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options)
        elif action == "list":
            self._list(options.get("username"))
        else:
            self._revoke(options["id"])

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(
                _("There is no active user “%(name)s”.") % {"name": printable(username)}
            )
        return user

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        try:
            made = token_create(
                actor=None,
                user=user,
                scopes=options["scope"],
                days=options["expires"],
                name=options["name"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(made.text)

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("id")
        if username:
            tokens = tokens.filter(user=self._user(username))
        for token in tokens:
            expires = token.expires_at.date().isoformat() if token.expires_at else "-"
            used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "-"
            self.stdout.write(
                "\t".join(
                    [
                        str(token.pk),
                        token.prefix + "…",
                        printable(token.user.get_username()),
                        token_state(token),
                        expires,
                        used,
                        " ".join(token.scopes),
                        printable(token.name),
                    ]
                )
            )

    def _revoke(self, pk: int) -> None:
        token = ApiToken.objects.filter(pk=pk).first()
        if token is None:
            raise CommandError(_("There is no token number %(id)d.") % {"id": pk})
        try:
            token_revoke(actor=None, token=token)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(_("Token %(id)d revoked.") % {"id": pk})
