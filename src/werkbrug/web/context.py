"""What the navigation shows, decided by the same access rules as the pages."""

from __future__ import annotations

import time

from django.http import HttpRequest

from werkbrug import access
from werkbrug.accounts.models import User

# Whether the menu offers Reports, per user, for this long in this process. Reading a user's
# permissions costs two queries (their own and their groups'), on every page, for one menu
# item; the report pages themselves check the permission on every request, so a permission
# withdrawn a moment ago can at most leave a link that answers 403 for this long.
MENU_PERMISSION_SECONDS = 60.0
_reports_in_menu: dict[tuple[int, object], tuple[float, bool]] = {}


def _menu_offers_reports(user: User) -> bool:
    now = time.monotonic()
    # With the creation time in the key, a new user never inherits another's cached answer
    # (SQLite can hand out the id of a deleted user again).
    key = (user.pk, user.date_joined)
    cached = _reports_in_menu.get(key)
    if cached is not None and now - cached[0] < MENU_PERMISSION_SECONDS:
        return cached[1]
    if len(_reports_in_menu) > 10_000:  # a bound, not an eviction policy: start afresh
        _reports_in_menu.clear()
    offers = access.sees_deliveries(user)  # the reports need the same permission
    _reports_in_menu[key] = (now, offers)
    return offers


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    deliveries = _menu_offers_reports(user)
    return {
        "nav": {
            "caseload": access.sees_caseload(user),
            "projects": access.sees_project_pages(user),
            "vacancies": access.sees_vacancy_pages(user),
            "employees": access.sees_employees(user),
            "reports": deliveries,
            "deliveries": deliveries,
            "extract": access.may_extract(user),
            "audit": access.sees_audit_log(user),
            "grants": access.sees_grant_pages(user),
            "matching": access.projects_managed(user).exists(),
        }
    }
