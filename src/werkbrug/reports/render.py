"""The renderings of one report: JSON, Markdown, HTML, PDF and Excel. Each takes the
machine-readable report and its delivery's metadata and returns bytes."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language

from werkbrug.reports.presentation import build_context
from werkbrug.reports.styles import report_css

Renderer = Callable[[Mapping[str, Any], Mapping[str, Any], dt.datetime], bytes]

CONTENT_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# A Renderer like the others; the JSON holds the report alone (no meta, no time).
def render_json(report: Mapping[str, Any], meta: Mapping[str, Any], now: dt.datetime) -> bytes:  # noqa: ARG001
    # Sorted keys, fixed separators, no generation time: the same inputs give the same bytes.
    text = json.dumps(report, sort_keys=True, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def render_html(report: Mapping[str, Any], meta: Mapping[str, Any], now: dt.datetime) -> bytes:
    context = build_context(report, meta, now)
    context.update(css=report_css(), lang=(get_language() or "nl")[:2])
    return render_to_string("reports/report_document.html", context).encode("utf-8")


def render_pdf(report: Mapping[str, Any], meta: Mapping[str, Any], now: dt.datetime) -> bytes:
    from weasyprint import HTML  # imported here: only PDF output pays for it

    # WeasyPrint logs every SVG presentation attribute it does not use; none matters here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    html = render_html(report, meta, now).decode("utf-8")
    document = HTML(string=html, base_url=None)
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))


def render_markdown(report: Mapping[str, Any], meta: Mapping[str, Any], now: dt.datetime) -> bytes:
    context = build_context(report, meta, now)
    return render_to_string("reports/report.md", context).encode("utf-8")


def render_xlsx(report: Mapping[str, Any], meta: Mapping[str, Any], now: dt.datetime) -> bytes:
    from werkbrug.reports.workbook import report_workbook

    buffer = io.BytesIO()
    report_workbook(build_context(report, meta, now)).save(buffer)
    return buffer.getvalue()


RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
    "pdf": render_pdf,
    "xlsx": render_xlsx,
}
