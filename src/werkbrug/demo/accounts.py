"""The demo's accounts and their passwords, which are public: `werkbrug demo` prints them and
the README shows them. Kept apart from the demo's services (which load deliveries) so that the
check for them at every start of a server imports nothing heavy."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password

from werkbrug.accounts.models import Role, User

# The live demo programme's second mediator (werkbrug.demo.live) shares the mediator's password.
COLLEAGUE = "mediator2"


def demo_password(role: Role) -> str:
    return f"demo-{role.value}"


def demo_accounts() -> dict[str, str]:
    """Every username the demo creates, with its public password."""
    accounts = {role.value: demo_password(role) for role in Role}
    accounts[COLLEAGUE] = demo_password(Role.MEDIATOR)
    return accounts


def accounts_with_public_passwords() -> list[str]:
    """Usernames of active accounts whose password is still the demo's public one, sorted.

    Cheap: one query for at most seven usernames, and a password hash only for those that
    exist. Django's ``check_password`` function is used rather than the user's method, which
    would rehash and save an outdated hash: a check changes nothing.
    """
    accounts = demo_accounts()
    found = User.objects.filter(username__in=accounts, is_active=True).values_list(
        "username", "password"
    )
    return sorted(name for name, encoded in found if check_password(accounts[name], encoded))
