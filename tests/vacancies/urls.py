"""The URLconf of these tests: the project's own, plus a placeholder for each page the menu
links to that is still being built elsewhere (the caseload, projects and audit pages). A
placeholder is added only while its page is missing, so once those pages exist this is simply
the project's URLconf."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, URLPattern, URLResolver, include, path, reverse

from werkbrug import urls as project_urls

MENU = {"people": "caseload", "projects": "list", "audit": "list"}


def _missing(namespace: str, name: str) -> bool:
    try:
        reverse(f"{namespace}:{name}", urlconf=project_urls)
    except NoReverseMatch:
        return True
    return False


def _placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=204)


# The first of two includes with the same namespace wins when reversing.
urlpatterns: list[URLPattern | URLResolver] = [
    path(f"placeholder/{namespace}/", include(([path("", _placeholder, name=name)], namespace)))
    for namespace, name in MENU.items()
    if _missing(namespace, name)
]
urlpatterns += project_urls.urlpatterns
