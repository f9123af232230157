"""Prepare the demo: migrate, load the two deliveries, create one user per role."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
from werkbrug.deliveries.messages import result_summary
from werkbrug.deliveries.services import delivery_import
from werkbrug.demo.accounts import demo_password
from werkbrug.demo.grants import demo_grants_prepare
from werkbrug.demo.live import demo_live_prepare

__all__ = ["DELIVERIES", "DemoError", "demo_data_dir", "demo_password", "demo_prepare"]

DELIVERIES = ("tussenrapportage", "eindrapportage")


class DemoError(Exception):
    pass


def demo_data_dir() -> Path:
    return Path(str(resources.files("werkbrug.demo") / "data"))


def demo_prepare(*, out: TextIO, port: int = 8000) -> None:
    if settings.PRODUCTION:
        raise DemoError(_("The demo does not run in production mode."))
    call_command("migrate", interactive=False, verbosity=0)
    for name in DELIVERIES:
        # The shipped files are the demo: an older copy in the database gives way to them.
        result = delivery_import(path=demo_data_dir() / name, replace=True)
        if not result.ok:
            problems = "; ".join(p.render() for p in result.problems.errors()[:5])
            raise DemoError(f"the shipped demo delivery {name} does not import: {problems}")
        out.write(result_summary(result) + "\n")
    out.write(
        _(
            "The nine experiments are a reconstruction: consistent with the published figures, "
            "invented where the letter to parliament is silent."
        )
        + "\n\n"
    )
    users = {}
    for role in Role:
        users[role] = User.objects.filter(username=role.value).first() or user_create(
            username=role.value, password=demo_password(role), role=role
        )
    if demo_live_prepare(users=users):
        out.write(_("A live programme has been set up: “Van Druk naar Logistiek”.") + "\n")
    if demo_grants_prepare(users=users, today=timezone.localdate()):
        out.write(
            _("Two subsidy calls have been set up: the nine experiments of 2010 and a 2013 call.")
            + "\n"
        )
    out.write(_("Log in at {url} as:").format(url=f"http://127.0.0.1:{port}/") + "\n")
    for role in Role:
        out.write(f"  {role.label:<22} {role.value:<12} {demo_password(role)}\n")
