"""A URL configuration for page tests while other pages are still being built.

The menu in ``web/base.html`` links to every section (caseload, projects, vacancies, audit
log). A branch that builds one section cannot render a page until the others exist, so this
module is werkbrug's own URL configuration plus a placeholder for each menu link that does
not resolve yet. Once every section has landed, :func:`missing_menu_links` is empty and the
fixture below leaves the real configuration alone.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    include,
    path,
    reverse,
)

from werkbrug import urls as real

MENU = ("people:caseload", "projects:list", "vacancies:list", "audit:list")


def missing_menu_links() -> list[str]:
    missing = []
    for name in MENU:
        try:
            reverse(name, urlconf=real.__name__)
        except NoReverseMatch:
            missing.append(name)
    return missing


def _placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("not built yet")


def _patterns() -> list[URLPattern | URLResolver]:
    missing: dict[str, list[str]] = {}
    for name in missing_menu_links():
        namespace, view = name.split(":")
        missing.setdefault(namespace, []).append(view)
    out: list[URLPattern | URLResolver] = []
    for entry in get_resolver(real.__name__).url_patterns:
        namespace = getattr(entry, "namespace", None)
        if isinstance(entry, URLResolver) and namespace in missing:
            stubs = [
                path(f"__placeholder__/{view}/", _placeholder, name=view)
                for view in missing.pop(namespace)
            ]
            patterns = [*entry.url_patterns, *stubs]
            out.append(path(str(entry.pattern), include((patterns, namespace))))
        else:
            out.append(entry)
    return out


urlpatterns = _patterns()


@pytest.fixture(autouse=True)
def menu_links_resolve(settings: Any) -> None:
    """Use this configuration only while some menu link has no page yet (pytest-django's
    ``settings`` fixture restores the real one after the test)."""
    if missing_menu_links():
        settings.ROOT_URLCONF = __name__
