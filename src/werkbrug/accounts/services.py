"""Writes for users."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from werkbrug.accounts.models import Role, User
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


@transaction.atomic
def user_create(*, username: str, password: str, role: Role, email: str = "") -> User:
    """Create a user with a role and the permissions that go with it. Roles that handle
    deliveries may use the admin; only the admin role is a superuser."""
    user = User(username=username, email=email, role=role)
    user.is_staff = role in ADMIN_ROLES
    user.is_superuser = role == Role.ADMIN
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(_role_group(role))
    return user


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
