"""The Content Security Policy, and templates that keep to it: no inline script or style,
and a CSRF token in every form that posts."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

import werkbrug
from tests.security.scan import inline_code
from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
from werkbrug.web import csp

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
TEMPLATES = sorted(Path(werkbrug.__file__).parent.glob("**/templates/**/*.html"))
# Standalone documents (the HTML and PDF downloads of a report) must carry their own styles:
# they are files, opened without werkbrug's style sheet, and never served as a page.
DOCUMENTS = {"reports/report_document.html", "reports/analysis_document.html"}

POST_FORM = re.compile(
    r"<form\b[^>]*\bmethod\s*=\s*[\"']?post\b[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL
)


def template_name(path: Path) -> str:
    return path.as_posix().split("/templates/", 1)[1]


def test_there_are_templates_to_scan() -> None:
    names = {template_name(path) for path in TEMPLATES}
    assert {"web/base.html", "registration/login.html", "reports/report_body.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=template_name)
def test_no_template_has_inline_script_or_style(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    assert inline_code(html, allow_style_element=template_name(path) in DOCUMENTS) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=template_name)
def test_every_form_that_posts_has_a_csrf_token(path: Path) -> None:
    for form in POST_FORM.finditer(path.read_text(encoding="utf-8")):
        assert "{% csrf_token %}" in form.group(1), form.group(0)[:120]


def test_the_scan_finds_the_forms_that_post() -> None:
    forms = sum(len(POST_FORM.findall(path.read_text(encoding="utf-8"))) for path in TEMPLATES)
    assert forms >= 4  # login, language switch, log-out, import, impact


def test_the_scan_recognises_what_it_forbids() -> None:
    assert inline_code('<script>alert(1)</script><script src="/a.js"></script>') == [
        "inline <script>: <script>"
    ]
    assert inline_code('<p style="color: red">')
    assert inline_code('<a onclick="x()">')
    assert inline_code("<style>p {}</style>")
    assert not inline_code("<style>p {}</style>", allow_style_element=True)
    assert inline_code('<img src="data:image/svg+xml;base64,AAAA" alt="chart">') == []


@pytest.mark.django_db
def test_every_response_carries_the_strict_policy() -> None:
    for path in ["/login/", "/", "/static/web/werkbrug.css", "/does-not-exist/"]:
        assert Client().get(path)["Content-Security-Policy"] == STRICT, path


def test_the_policy_is_the_strict_one() -> None:
    assert csp.SITE_POLICY == STRICT


@pytest.fixture
def admin_client(db: None) -> Client:  # noqa: ARG001 (requested for the database)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user_create(username="root", password="x-Secret-123", role=Role.ADMIN))
    return client


def test_the_admin_allows_its_one_fixed_style_block_and_nothing_else(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A change list without an action bar is the admin page that writes a <style> block.
    user_admin = admin.site._registry[User]
    monkeypatch.setattr(user_admin, "actions_on_top", False)
    monkeypatch.setattr(user_admin, "actions_on_bottom", False)
    response = admin_client.get("/admin/accounts/user/")
    assert response.status_code == 200
    blocks = re.findall(r"<style>(.*?)</style>", response.content.decode(), flags=re.DOTALL)
    assert len(blocks) == 1
    digest = base64.b64encode(hashlib.sha256(blocks[0].encode()).digest()).decode()
    policy = response["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in policy
    assert STRICT.replace("style-src 'self'", f"style-src 'self' 'sha256-{digest}'") == policy


def test_the_admin_hash_stays_out_of_the_pages(admin_client: Client) -> None:
    assert admin_client.get("/")["Content-Security-Policy"] == STRICT
    assert admin_client.get("/admin/")["Content-Security-Policy"] != STRICT


def test_a_view_may_set_a_policy_of_its_own() -> None:
    def view(request: HttpRequest) -> HttpResponse:  # noqa: ARG001 (a view's signature)
        response = HttpResponse()
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = csp.ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"
