"""Accounts anyone can log in to: the demo's, whose passwords are public.

- A deployment check (``werkbrug check --deploy``) names each such account.
- Production mode refuses to serve while there is one: the WSGI application (gunicorn, and the
  development server, which loads it too) and ``werkbrug runserver`` stop with a message that
  names the accounts and the fix.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

from werkbrug.demo.accounts import accounts_with_public_passwords


class UnsafeToServe(ImproperlyConfigured):
    """Production mode will not serve; the message says why and what to do."""


def _fix(names: list[str]) -> str:
    return _(
        "Anyone who has seen the demo can log in with them. Change their passwords "
        "(werkbrug changepassword {username}) or deactivate them (in the admin: Users, "
        "untick Active)."
    ).format(username=names[0])


@checks.register(checks.Tags.security, deploy=True)
# Django calls a check with app_configs; this one looks at the accounts, not at apps.
def demo_passwords_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:  # noqa: ARG001
    try:
        names = accounts_with_public_passwords()
    except DatabaseError:
        # Not migrated, or not reachable: nothing to check here. Production mode refuses to
        # serve until the check can be made (refuse_public_demo_passwords).
        return []
    if not names:
        return []
    return [
        checks.Error(
            _("Demo accounts still have their public passwords: {names}.").format(
                names=", ".join(names)
            ),
            hint=_fix(names),
            id="werkbrug.E001",
        )
    ]


def refuse_public_demo_passwords() -> None:
    """In production mode, raise :class:`UnsafeToServe` while a demo account has its public
    password, or when that cannot be checked (fail closed: the database must be reachable and
    migrated before a server starts, as docs/deployment.md says)."""
    if not settings.PRODUCTION:
        return
    try:
        names = accounts_with_public_passwords()
    except DatabaseError as exc:
        raise UnsafeToServe(
            _(
                "Production mode cannot check for demo accounts with public passwords ({error}). "
                "Make sure the database is reachable and migrated (werkbrug migrate), then "
                "start again."
            ).format(error=" ".join(str(exc).split()))
        ) from None
    finally:
        # A server may fork its workers after this (gunicorn --preload): none may inherit
        # this connection; each opens its own on its first request.
        connection.close()
    if names:
        raise UnsafeToServe(
            _(
                "Production mode does not serve while demo accounts still have their public "
                "passwords: {names}."
            ).format(names=", ".join(names))
            + " "
            + _fix(names)
            + " "
            + _("Then start again.")
        )
