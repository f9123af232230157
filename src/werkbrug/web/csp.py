"""The Content Security Policy: every response says that scripts, styles, images, fonts and
form targets come from werkbrug itself, never inline and never from elsewhere.

The policy is strict everywhere. Werkbrug's own templates contain no inline script or style
(a test scans them), and charts are images. The one exception is under the Django admin: its
change list without an action bar writes one fixed ``<style>`` block. That block, and only
that block, is allowed there by its hash, taken from the installed Django's template so that
an upgrade of Django cannot silently break the admin's layout. Scripts stay ``'self'`` in the
admin as well: it has no inline scripts.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import django.contrib.admin
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

HEADER = "Content-Security-Policy"

DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

# The templates of Django's admin whose fixed <style> blocks the admin pages may use.
ADMIN_STYLE_TEMPLATES = ("admin/change_list.html",)


def policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def source_hash(content: str) -> str:
    """A CSP hash source for an inline block: the SHA-256 of its exact text."""
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def admin_style_hashes() -> list[str]:
    """Hashes of the fixed inline style blocks of Django's admin templates (those without
    template tags inside, which render exactly as written)."""
    templates = Path(django.contrib.admin.__file__).parent / "templates"
    hashes = []
    for name in ADMIN_STYLE_TEMPLATES:
        text = (templates / name).read_text(encoding="utf-8")
        for block in re.findall(r"<style>(.*?)</style>", text, flags=re.DOTALL):
            if "{%" not in block and "{{" not in block:
                hashes.append(source_hash(block))
    return hashes


SITE_POLICY = policy(DIRECTIVES)


@functools.cache
def admin_policy() -> str:
    styles = [*DIRECTIVES["style-src"], *admin_style_hashes()]
    return policy({**DIRECTIVES, "style-src": styles})


def _admin_prefix() -> str | None:
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


def policy_for(path: str) -> str:
    prefix = _admin_prefix()
    chosen = admin_policy() if prefix and path.startswith(prefix) else SITE_POLICY
    config = settings.WERKBRUG_OIDC
    return chosen if config is None else _with_form_target(chosen, config.logout_origin)


@functools.cache
def _with_form_target(chosen: str, origin: str) -> str:
    """With an OpenID Connect provider, the log-out form (on every page) ends at the
    provider's end-session address, after werkbrug's own log-out: a form whose redirect goes
    elsewhere than form-action allows is stopped by the browser."""
    return chosen.replace("form-action 'self'", f"form-action 'self' {origin}", 1)


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response that has none of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = policy_for(request.path)
        return response
