"""Writes for users."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug.accounts.models import OidcIdentity, Role, User
from werkbrug.accounts.oidc_claims import OidcPerson, OidcRefused
from werkbrug.audit.models import Action
from werkbrug.audit.services import HIDDEN, audit_record

_DELIVERY_VIEW = [
    "deliveries.view_delivery",
    "deliveries.view_deliveryproject",
    "deliveries.view_deliveryparticipant",
    "deliveries.view_deliveryoutcome",
    "deliveries.view_deliveryemployer",
    "deliveries.view_deliveryvacancy",
]

# What each role may do in the Django admin, which at this stage holds the deliveries (import,
# validation report, download) and the users. Only model permissions live here, and they
# apply to every record of a kind, so live personal data (participants, trajectories,
# projects, vacancies) is not in this list: it is reached only through werkbrug's own pages,
# where werkbrug.access decides per record. Delivered rows are pseudonymised snapshots.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    # The funder sees aggregates (the reports), not the delivered rows.
    Role.FUNDER: ["deliveries.view_delivery"],
    Role.COORDINATOR: [*_DELIVERY_VIEW, "deliveries.add_delivery"],
    Role.MEDIATOR: [],
    Role.EMPLOYER: [],
    Role.RESEARCHER: list(_DELIVERY_VIEW),
    Role.ADMIN: [],
}
# Roles that use the admin at all (for deliveries); the others work only in the pages.
ADMIN_ROLES = frozenset({Role.FUNDER, Role.COORDINATOR, Role.RESEARCHER, Role.ADMIN})


def _role_group(role: Role) -> Group:
    group, _created = Group.objects.get_or_create(name=f"werkbrug: {role.value}")
    wanted = []
    for dotted in ROLE_PERMISSIONS[role]:
        app_label, codename = dotted.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    # Add, never reset: an administrator may have granted the group more (a full report).
    group.permissions.add(*wanted)
    return group


def _role_flags(user: User, role: Role) -> None:
    user.role = role
    user.is_staff = role in ADMIN_ROLES
    user.is_superuser = role == Role.ADMIN


@transaction.atomic
def user_create(*, username: str, password: str | None, role: Role, email: str = "") -> User:
    """Create a user with a role and the permissions that go with it. Roles that handle
    deliveries may use the admin; only the admin role is a superuser. Without a password
    (``None``: an account of an OpenID Connect provider's person) no password logs in."""
    user = User(username=username, email=email)
    _role_flags(user, role)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(_role_group(role))
    return user


@transaction.atomic
def user_role_set(*, actor: User, user: User, role: Role) -> User:
    """Give ``user`` another role, with its permissions instead of the old role's (groups an
    administrator added by hand stay)."""
    if user.role == role:
        return user
    old = user.role
    _role_flags(user, role)
    user.save(update_fields=["role", "is_staff", "is_superuser"])
    user.groups.remove(*user.groups.filter(name=f"werkbrug: {old}"))
    user.groups.add(_role_group(role))
    audit_record(actor=actor, action=Action.CHANGE, obj=user, changes={"role": [old, role.value]})
    return user


@transaction.atomic
def user_for_oidc(*, person: OidcPerson) -> User:
    """The account of a person the provider vouches for (docs/security.md, "OpenID Connect").

    1. An account linked to their issuer and subject is theirs, whatever its username now.
    2. Otherwise an account with their username that no person of this provider is linked to
       yet becomes theirs (an administrator may create the accounts beforehand).
    3. Otherwise a new account: their username, their role, no password.

    The provider decides the role: an account whose role differs gets the provider's. An
    account with the username that is linked to another person of the provider is refused.
    """
    identity = (
        OidcIdentity.objects.select_related("user")
        .filter(issuer=person.issuer, subject=person.subject)
        .first()
    )
    if identity is not None:
        user = identity.user
    else:
        found = User.objects.select_for_update().filter(username=person.username).first()
        if found is not None and found.oidc_identities.filter(issuer=person.issuer).exists():
            raise OidcRefused(
                "linked-to-another",
                _(
                    "The werkbrug account with your username belongs to another person at the "
                    "log-in service. Ask an administrator of werkbrug."
                ),
                username=person.username,
            )
        if found is None:
            user = user_create(
                username=person.username, password=None, role=person.role, email=person.email
            )
            audit_record(
                actor=user,
                action=Action.CREATE,
                obj=user,
                changes={"role": [None, person.role.value]},
            )
        else:
            user = found
        OidcIdentity.objects.create(user=user, issuer=person.issuer, subject=person.subject)
    if not user.is_active:
        raise OidcRefused(
            "inactive",
            _("Your werkbrug account is deactivated. Ask an administrator of werkbrug."),
            username=user.username,
        )
    return user_role_set(actor=user, user=user, role=person.role)


@transaction.atomic
def user_password_change(*, actor: User, user: User, new_password: str) -> User:
    """Give ``user`` a new password, already checked against the password rules (Django's
    ``PasswordChangeForm`` does that, and that the old one was right). The audit log gets the
    fact of the change, never the password or its hash."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor, action=Action.CHANGE, obj=user, changes={"password": [HIDDEN, HIDDEN]}
    )
    return user
