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
from werkbrug.demo.accounts import demo_account_list, demo_password
from werkbrug.demo.grants import demo_grants_prepare
from werkbrug.demo.live import LIVE_PROJECTS, demo_live_prepare

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
    accounts = demo_account_list()
    by_name: dict[str, User] = {}
    for account in accounts:
        found = User.objects.filter(username=account.username).first()
        by_name[account.username] = found or user_create(
            username=account.username, password=account.password, role=account.role
        )
    for live in demo_live_prepare(users=by_name):
        out.write(_("A live programme has been set up: “{name}”.").format(name=live.name) + "\n")
    users = {role: by_name[role.value] for role in Role}
    if demo_grants_prepare(users=users, today=timezone.localdate()):
        out.write(
            _("Two subsidy calls have been set up: the nine experiments of 2010 and a 2013 call.")
            + "\n"
        )
    out.write(_("Log in at {url} as:").format(url=f"http://127.0.0.1:{port}/") + "\n")
    projects = {live.code: live.name for live in LIVE_PROJECTS}
    for account in accounts:
        line = f"  {account.role.label:<22} {account.username:<12} {account.password}"
        if account.project is not None:
            line = f"{line:<60} {projects[account.project]}"
        out.write(line.rstrip() + "\n")
