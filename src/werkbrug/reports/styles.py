"""The report's style sheet, shared by the monitoring report and the analysis pages (its own
module, so that neither renderer imports the other)."""

from __future__ import annotations

from importlib import resources


def report_css() -> str:
    return (resources.files("werkbrug.reports") / "static" / "reports" / "report.css").read_text(
        encoding="utf-8"
    )
