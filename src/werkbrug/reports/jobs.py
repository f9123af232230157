"""The report of a delivery as a background job (kind ``report``): the same rendering as the
download, for deliveries too big to wait for in a request. Registered in ReportsConfig.ready."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from werkbrug.deliveries.models import Delivery
from werkbrug.jobs.kinds import FileResult, JobError, JobInput
from werkbrug.reports.services import (
    ReportError,
    ReportOptions,
    full_report_allowed,
    report_render,
)

KIND = "report"
# Formats worth a job: the ones a person waits for (laying out the PDF; the workbook).
BACKGROUND_FORMATS = ("pdf", "xlsx")
# From this many projects the page recommends the background (a PDF takes tens of seconds).
BIG_DELIVERY_PROJECTS = 100


def report_params(
    *,
    delivery: Delivery,
    compare_with: Delivery | None,
    options: ReportOptions,
    fmt: str,
) -> dict[str, Any]:
    """A report job's parameters: plain JSON, and the deliveries' content hashes, so a job
    never reports on a delivery that was replaced after it was asked for."""
    return {
        "delivery": delivery.pk,
        "delivery_hash": delivery.content_hash,
        "compare": compare_with.pk if compare_with else None,
        "compare_hash": compare_with.content_hash if compare_with else None,
        "as_of": options.as_of.isoformat() if options.as_of else None,
        "public": options.public,
        "format": fmt,
    }


def _delivery(pk: int | None, content_hash: str | None) -> Delivery | None:
    if pk is None:
        return None
    found = Delivery.objects.filter(pk=pk, content_hash=content_hash).first()
    if found is None:
        raise JobError(
            _("the delivery was removed or replaced after the report was asked for; ask again")
        )
    return found


def report_job(job: JobInput) -> FileResult:
    params = job.params
    if not job.owner.has_perm("deliveries.view_delivery"):
        raise JobError(_("you may no longer read reports; ask an administrator"))
    delivery = _delivery(params["delivery"], params["delivery_hash"])
    assert delivery is not None
    other = _delivery(params.get("compare"), params.get("compare_hash"))
    as_of = dt.date.fromisoformat(params["as_of"]) if params.get("as_of") else None
    # Asked as the owner could then; checked again as they can now.
    public = bool(params.get("public")) or not full_report_allowed(job.owner)
    options = ReportOptions(as_of=as_of, public=public)
    try:
        rendered = report_render(
            delivery=delivery,
            options=options,
            fmt=params["format"],
            compare_with=other,
            progress=job.progress,
        )
    except ReportError as exc:
        raise JobError(str(exc)) from exc
    return FileResult(rendered.content, rendered.filename, rendered.content_type)
