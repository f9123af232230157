"""Finds what the Content Security Policy forbids in HTML: inline scripts and styles."""

from __future__ import annotations

import re

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def inline_code(html: str, *, allow_style_element: bool = False) -> list[str]:
    """What in this HTML a strict policy would block, as short descriptions."""
    patterns = [
        ("inline <script>", INLINE_SCRIPT),
        ("style attribute", STYLE_ATTRIBUTE),
        ("event handler attribute", EVENT_HANDLER),
        ("javascript: URL", SCRIPT_URL),
    ]
    if not allow_style_element:
        patterns.append(("<style> element", STYLE_ELEMENT))
    return [
        f"{name}: {m.group(0)[:80]}" for name, pattern in patterns for m in pattern.finditer(html)
    ]
