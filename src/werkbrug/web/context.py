"""What the navigation shows, decided by the same access rules as the pages."""

from __future__ import annotations

from django.http import HttpRequest

from werkbrug import access
from werkbrug.accounts.models import Role


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    role = user.role
    return {
        "nav": {
            "caseload": access.sees_caseload(user),
            "projects": role in (Role.ADMIN, Role.FUNDER, Role.COORDINATOR, Role.MEDIATOR)
            or user.is_superuser,
            "vacancies": role in (Role.ADMIN, Role.COORDINATOR, Role.MEDIATOR, Role.EMPLOYER)
            or user.is_superuser,
            "employees": role == Role.EMPLOYER,
            "audit": access.sees_audit_log(user),
            "matching": access.projects_managed(user).exists(),
        }
    }
