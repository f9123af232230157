"""Compute and render monitoring reports on stored deliveries. The CLI and the web pages call
these; both get the same figures for the same delivery and options."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.deliveries.models import Delivery
from werkbrug.indicators import ReportSettings, build_report, compare, suppress
from werkbrug.reports import loaders
from werkbrug.reports.render import CONTENT_TYPES, RENDERERS
from werkbrug.reports.sqlfacts import facts_from_database

FORMATS = tuple(RENDERERS)
FACTORS_MAX_PROJECTS = 100
FACTORS_BOOTSTRAP = 1999


def _success_factors(delivery: Delivery, as_of: dt.date | None) -> dict[str, Any]:
    from werkbrug.reports.analysis import AnalysisError, factors_compute

    try:
        return factors_compute(delivery=delivery, as_of=as_of, n_boot=FACTORS_BOOTSTRAP)
    except AnalysisError as exc:
        return {"error": str(exc)}


def full_report_allowed(user: Any) -> bool:
    """Who may read the full (unsuppressed) report; everyone else gets the public version."""
    return bool(user.has_perm("deliveries.view_full_report"))


class ReportError(Exception):
    """The report cannot be made as asked; the message says why and what to do."""


@dataclass(frozen=True)
class ReportOptions:
    as_of: dt.date | None = None
    public: bool = False
    min_cell: int = 10
    fulltime_hours: Decimal = Decimal(36)
    near_threshold: Decimal = Decimal("0.9")
    # The success-factor section (a model with a wild cluster bootstrap): on by default in
    # the readable formats, for deliveries small enough to fit it in seconds.
    factors: bool | None = None

    def settings(self) -> ReportSettings:
        if self.min_cell < 1:
            raise ReportError(_("the minimum cell size must be at least 1"))
        if not Decimal(0) < self.fulltime_hours <= Decimal(80):
            raise ReportError(_("full-time hours must be more than 0 and at most 80"))
        if not Decimal(0) < self.near_threshold <= Decimal(1):
            raise ReportError(_("the near-target threshold must be more than 0 and at most 1"))
        return ReportSettings(
            as_of=self.as_of,
            fulltime_hours=self.fulltime_hours,
            near_threshold=self.near_threshold,
            public=self.public,
            min_cell=self.min_cell,
        )


@dataclass(frozen=True)
class RenderedReport:
    content: bytes
    content_type: str
    filename: str


def report_compute(
    *,
    delivery: Delivery,
    options: ReportOptions,
    compare_with: Delivery | None = None,
    readable: bool = False,
) -> dict[str, Any]:
    """The machine-readable report on a delivery, optionally compared with another; with the
    success-factor model when asked, or by default for a readable rendering."""
    settings = options.settings()
    # Compare the full reports and suppress the result once: suppressing the other delivery
    # with all its projects first would hide more of its totals than publication needs.
    full = dataclasses.replace(settings, public=False)
    report = _compute(delivery, full)
    if compare_with is not None:
        report = compare(report, _compute(compare_with, full))
    if settings.public:
        report = suppress(report, settings.min_cell)
    wants_factors = options.factors if options.factors is not None else readable
    if wants_factors and delivery.project_count <= FACTORS_MAX_PROJECTS:
        factors = _success_factors(delivery, options.as_of)
        if settings.public:
            # Per-project counts of participants and transitions are cells like any other.
            factors.pop("rates", None)
        report["success_factors"] = factors
    return report


def _compute(delivery: Delivery, settings: ReportSettings) -> dict[str, Any]:
    projects = loaders.project_infos(delivery)
    facts = facts_from_database(delivery, projects, settings)
    return build_report(
        delivery=delivery.name,
        delivered_on=delivery.delivered_on,
        projects=projects,
        facts=facts,
        settings=settings,
    )


def _no_progress(done: int, total: int) -> None:  # noqa: ARG001 (the progress signature)
    return None


def report_render(
    *,
    delivery: Delivery,
    options: ReportOptions,
    fmt: str,
    compare_with: Delivery | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RenderedReport:
    """The report as a file. ``progress(done, total)`` hears of its three steps (compute,
    render, done) when it runs as a background job."""
    step = progress or _no_progress
    if fmt not in RENDERERS:
        raise ReportError(
            _("unknown format “{fmt}”; use one of {choices}").format(
                fmt=fmt, choices=", ".join(FORMATS)
            )
        )
    step(0, 3)
    report = report_compute(
        delivery=delivery, options=options, compare_with=compare_with, readable=fmt != "json"
    )
    step(1, 3)
    meta = {"content_hash": delivery.content_hash, "description": delivery.description}
    moment = now or timezone.now().astimezone(dt.UTC)
    content = RENDERERS[fmt](report, meta, moment)
    step(3, 3)
    suffix = "-openbaar" if options.public else ""
    return RenderedReport(content, CONTENT_TYPES[fmt], f"rapportage-{delivery.name}{suffix}.{fmt}")
