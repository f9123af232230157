"""Writes for users."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from werkbrug.accounts.models import Role, User

_DELIVERY_VIEW = [
    "deliveries.view_delivery",
    "deliveries.view_deliveryproject",
    "deliveries.view_deliveryparticipant",
    "deliveries.view_deliveryoutcome",
    "deliveries.view_deliveryemployer",
    "deliveries.view_deliveryvacancy",
]

# What each role may do in the Django admin, the web interface at this stage. Object-level
# limits (a coordinator's own project, a mediator's caseload) come with the real pages.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    # The funder sees aggregates (the reports), not the delivered rows.
    Role.FUNDER: ["deliveries.view_delivery", "projects.view_project"],
    Role.COORDINATOR: [
        *_DELIVERY_VIEW,
        "deliveries.add_delivery",
        "projects.view_project",
        "projects.change_project",
        "projects.view_organisation",
    ],
    Role.MEDIATOR: [
        "people.view_participant",
        "trajectories.view_trajectory",
        "trajectories.view_outcome",
        "vacancies.view_vacancy",
        "vacancies.view_employer",
    ],
    Role.EMPLOYER: ["vacancies.view_vacancy", "vacancies.add_vacancy", "vacancies.change_vacancy"],
    Role.RESEARCHER: list(_DELIVERY_VIEW),
    Role.ADMIN: [],
}


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
    """Create a user with a role and the permissions that go with it. Every role may log in to
    the admin (the web interface at this stage); only the admin role is a superuser."""
    user = User(username=username, email=email, role=role)
    user.is_staff = True
    user.is_superuser = role == Role.ADMIN
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(_role_group(role))
    return user
