"""The demo's accounts and their passwords, which are public: `werkbrug demo` prints them and
the README shows them. Kept apart from the demo's services (which load deliveries) so that the
check for them at every start of a server imports nothing heavy."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import check_password

from werkbrug.accounts.models import Role, User

# The live projects of the demo (werkbrug.demo.live), by code. Each has a coordinator and a
# mediator of its own, so that the separation between projects can be seen and tried.
FIRST_PROJECT = "druk-naar-logistiek"
SECOND_PROJECT = "winkel-naar-zorg"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    # The live project the account works in; None for the roles that are not project staff.
    project: str | None = None

    @property
    def password(self) -> str:
        return demo_password(self.role)


def demo_password(role: Role) -> str:
    """An account's public password: the same for every demo account of a role."""
    return f"demo-{role.value}"


# The first project's second mediator: a colleague on the same project, with a caseload of
# their own (the coordinator assigns between them).
COLLEAGUE = "mediator1b"
_PROJECT_STAFF = {
    "coordinator": FIRST_PROJECT,
    "mediator": FIRST_PROJECT,
}
EXTRA_ACCOUNTS = (
    DemoAccount(COLLEAGUE, Role.MEDIATOR, FIRST_PROJECT),
    DemoAccount("coordinator2", Role.COORDINATOR, SECOND_PROJECT),
    DemoAccount("mediator2", Role.MEDIATOR, SECOND_PROJECT),
)


def demo_account_list() -> list[DemoAccount]:
    """Every account the demo creates, in the order `werkbrug demo` prints them: one per role
    (its username is the role's value), then the live projects' other staff."""
    per_role = [DemoAccount(role.value, role, _PROJECT_STAFF.get(role.value)) for role in Role]
    return [*per_role, *EXTRA_ACCOUNTS]


def demo_accounts() -> dict[str, str]:
    """Every username the demo creates, with its public password."""
    return {account.username: account.password for account in demo_account_list()}


def accounts_with_public_passwords() -> list[str]:
    """Usernames of active accounts whose password is still the demo's public one, sorted.

    Cheap: one query for the demo's usernames (a handful: one per role and the live projects'
    other staff), and a password hash only for those that exist. Django's ``check_password``
    function is used rather than the user's method, which would rehash and save an outdated
    hash: a check changes nothing.
    """
    accounts = demo_accounts()
    found = User.objects.filter(username__in=accounts, is_active=True).values_list(
        "username", "password"
    )
    return sorted(name for name, encoded in found if check_password(accounts[name], encoded))
