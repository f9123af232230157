"""Researchers' extracts: a delivery's evaluation frame, pseudonymised, as CSV, Excel, SPSS
or Stata (the pure :mod:`werkbrug.evaluation.extract` does the work). The CLI
(``werkbrug extract``) and the extract page call :func:`extract_make`; every extract is
written to the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.deliveries.models import Delivery, DeliveryProject
from werkbrug.deliveries.services import download_name

FORMATS = ("sav", "dta", "csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "dta": "application/x-stata-dta",
}


class ExtractError(Exception):
    """The extract cannot be made as asked; the message says why and what to do."""


@dataclass(frozen=True)
class ExtractFile:
    filename: str
    content_type: str
    data: bytes
    rows: int
    censor_date: dt.date


def extract_make(
    *, delivery: Delivery, fmt: str, actor: User | None, as_of: dt.date | None = None
) -> ExtractFile:
    """The extract of ``delivery`` in ``fmt``, censored at ``as_of`` (default: the delivery
    date), in memory. Audited (``actor`` None: from the command line)."""
    from werkbrug.evaluation.extract import build_extract, write_extract
    from werkbrug.reports.analysis import AnalysisError, participant_frame_for

    if fmt not in FORMATS:
        raise ExtractError(
            _("unknown format {format!r}; use one of {formats}").format(
                format=fmt, formats=", ".join(FORMATS)
            )
        )
    try:
        frame, censor = participant_frame_for(delivery, as_of)
    except AnalysisError as exc:
        raise ExtractError(str(exc)) from None
    names = dict(
        DeliveryProject.objects.filter(delivery=delivery).values_list("code", "name").order_by()
    )
    extract = build_extract(
        frame, project_names=names, lang=(get_language() or "nl")[:2], translate=_
    )
    data = write_extract(extract, fmt)
    audit_record(
        actor=actor,
        action=Action.EXPORT,
        obj=delivery,
        changes={
            "extract": [None, fmt],
            "rows": [None, len(extract.data)],
            "censor_date": [None, censor.isoformat()],
        },
    )
    return ExtractFile(
        filename=f"extract-{download_name(delivery)}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
        data=data,
        rows=len(extract.data),
        censor_date=censor,
    )
