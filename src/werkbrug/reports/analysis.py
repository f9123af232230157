"""What worked, on stored deliveries and on comparison data: time to a new job, success
factors and net impact. Thin services over the pure :mod:`werkbrug.evaluation` package,
shared by the CLI (`werkbrug survival`, `factors`, `impact`) and the analysis page."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from werkbrug.deliveries import selectors
from werkbrug.deliveries.models import Delivery
from werkbrug.reports.labels import note_text

BY_CHOICES = ("project", "network", "education")
METHOD_CHOICES = ("psm", "ipw", "dr")


class AnalysisError(Exception):
    """The analysis cannot run as asked; the message says why and what to do."""


def participant_frame_for(delivery: Delivery, as_of: dt.date | None) -> tuple[Any, dt.date]:
    from werkbrug.evaluation import participant_frame

    censor = as_of or delivery.delivered_on
    if censor is None:
        raise AnalysisError(
            _(
                "the delivery “{name}” has no delivery date to censor at; give an as-of date "
                "(--as-of)"
            ).format(name=delivery.name)
        )
    rows = {
        table: list(selectors.delivery_rows(delivery=delivery, table=table))
        for table in ("projects", "participants", "outcomes")
    }
    frame = participant_frame(
        rows["projects"], rows["participants"], rows["outcomes"], censor_date=censor
    )
    return _in_content_order(frame), censor


def _in_content_order(frame: Any) -> Any:
    """The rows ordered by what they say, not by key: the models' floating-point sums depend
    on the order of the rows, and an erasure gives a participant's row a new random key, which
    must not move a figure in the last digit. Rows that tie are equal in every column the
    models read, so their order among themselves changes nothing."""
    from werkbrug.evaluation import FRAME_COLUMNS

    columns = [c for c in FRAME_COLUMNS if c != "participant"]
    return frame.sort_values(columns, kind="mergesort", na_position="last").reset_index(drop=True)


def survival_compute(
    *, delivery: Delivery, as_of: dt.date | None = None, by: str | None = None
) -> dict[str, Any]:
    from werkbrug.evaluation import cox_models, survival_analysis

    if by is not None and by not in BY_CHOICES:
        raise AnalysisError(
            _("cannot group by “{by}”; use one of {choices}").format(
                by=by, choices=", ".join(BY_CHOICES)
            )
        )
    frame, censor = participant_frame_for(delivery, as_of)
    result: dict[str, Any] = dict(survival_analysis(frame, by=by))
    result["cox"] = dict(cox_models(frame)) if len(frame) else {}
    return _with_source(result, delivery, censor)


def hide_small_groups(result: dict[str, object], *, min_cell: int) -> None:
    """Without the full-report permission, groups of fewer than ``min_cell`` people are not
    shown: a curve of five people shows each of them."""
    groups = result.get("groups")
    if not isinstance(groups, dict):
        return
    sizes = {name: g.get("n", 0) for name, g in groups.items()}
    small = [name for name, n in sizes.items() if n < min_cell]
    if len(small) == 1 and len(sizes) > 1:
        # One hidden group is the overall count minus the shown ones: hide the next smallest.
        rest = sorted((n, name) for name, n in sizes.items() if name not in small)
        small.append(rest[0][1])
    for key in ("groups", "curves", "confidence", "censored", "cumulative_incidence"):
        table = result.get(key)
        if isinstance(table, dict):
            for name in small:
                table.pop(name, None)


def factors_compute(
    *, delivery: Delivery, as_of: dt.date | None = None, n_boot: int = 9999
) -> dict[str, Any]:
    from werkbrug.evaluation import success_factors

    if n_boot < 99:
        raise AnalysisError(_("use at least 99 wild bootstrap draws (--bootstrap)"))
    frame, censor = participant_frame_for(delivery, as_of)
    if not len(frame):
        raise AnalysisError(
            _("the delivery “{name}” has no participants to model").format(name=delivery.name)
        )
    return _with_source(dict(success_factors(frame, n_boot=n_boot, seed=0)), delivery, censor)


def impact_compute(
    *,
    path: Path,
    treatment: str,
    outcome: str,
    covariates: Sequence[str],
    method: str = "dr",
    n_boot: int = 500,
    name: str = "",
) -> dict[str, Any]:
    """Net impact from the CSV at ``path``. Messages call the file ``name``: the web page
    passes the uploaded file's own name, because ``path`` is a temporary file on the server
    that a message must not show. Without a name (the CLI, the user's own file) the path."""
    import pandas as pd

    from werkbrug.evaluation import estimate_impact

    if method not in METHOD_CHOICES:
        raise AnalysisError(
            _("unknown method “{method}”; use one of {choices}").format(
                method=method, choices=", ".join(METHOD_CHOICES)
            )
        )
    if n_boot < 50:
        raise AnalysisError(_("use at least 50 bootstrap replications (--bootstrap)"))
    shown, short = name or str(path), name or path.name
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            header = handle.readline()
        semicolon = header.count(";") > header.count(",")
        # Dutch Excel writes ';' with decimal commas; read them as numbers, not as text.
        frame = pd.read_csv(path, sep=";" if semicolon else ",", decimal="," if semicolon else ".")
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        reason = str(exc).replace(str(path), shown)  # an OSError names the path itself
        raise AnalysisError(
            _("{file}: cannot be read as CSV ({reason})").format(file=shown, reason=reason)
        ) from None
    missing = [c for c in (treatment, outcome, *covariates) if c not in frame.columns]
    if missing:
        raise AnalysisError(
            _("{file}: no column {missing}; the columns are {columns}").format(
                file=short, missing=", ".join(missing), columns=", ".join(map(str, frame.columns))
            )
        )
    values = set(frame[treatment].dropna().unique())
    if not values <= {0, 1} or len(values) < 2:
        raise AnalysisError(
            _(
                "{file}: {column}: the treatment column must hold 1 for participants and 0 for "
                "the comparison group; found {found}"
            ).format(file=short, column=treatment, found=", ".join(sorted(map(str, values))[:5]))
        )
    try:
        result = estimate_impact(
            frame,
            treatment=treatment,
            outcome=outcome,
            covariates=list(covariates),
            method=method,  # type: ignore[arg-type]  # checked against METHOD_CHOICES above
            n_boot=n_boot,
            seed=0,
        )
    except ValueError as exc:
        reason = note_text(exc.args[0]) if exc.args else str(exc)
        raise AnalysisError(f"{short}: {reason}") from None
    out = dict(result)
    out["source"] = {
        "data": short,
        "treatment": treatment,
        "outcome": outcome,
        "covariates": list(covariates),
    }
    return out


def _with_source(result: dict[str, Any], delivery: Delivery, censor: dt.date) -> dict[str, Any]:
    result["source"] = {
        "delivery": delivery.name,
        "content_hash": delivery.content_hash,
        "censor_date": censor.isoformat(),
    }
    return result


def to_json(result: Mapping[str, Any]) -> bytes:
    return (
        json.dumps(_clean(result), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    ).encode()


def _clean(value: Any) -> Any:
    """JSON has no NaN or infinity, and numpy scalars are not JSON: make both plain."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
