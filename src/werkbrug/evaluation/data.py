"""One row per participant, ready for survival and success-factor models.

:func:`participant_frame` turns the typed rows of a delivery (as the exchange package yields
them, in the schema's column order) into a :class:`pandas.DataFrame` with a duration, an event
and the participant's and project's characteristics. :func:`delivery_frame` does the same for
a delivery on disk (a CSV folder, ``.xlsx`` or ``.zip``).

Why a censoring date: a participant whose trajectory has not ended yet (no outcome row, or an
outcome dated after the analysis date) is still "at risk" of a transition; counting them as
failures would understate how many find work and how fast. Their time is cut at the
censoring date and they count as *censored*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd

from werkbrug.exchange import TABLES, DeliveryValidator, open_source
from werkbrug.indicators import age_at
from werkbrug.taxonomy import TRANSITION_OUTCOMES, education_level

__all__ = [
    "EVENTS",
    "FRAME_COLUMNS",
    "PROJECT_ATTRIBUTES",
    "delivery_frame",
    "participant_frame",
]

#: The values of the ``event`` column; ``transition`` covers work, learn-work and
#: self-employment (``TRANSITION_OUTCOMES``), the other outcomes keep their own code.
EVENTS: Final = ("transition", "no_work", "dropout", "censored")

#: Project attributes copied onto every participant (the success factors of the letter).
PROJECT_ATTRIBUTES: Final = (
    "network",
    "union_involved",
    "formal_agreement",
    "individual_contribution",
    "employer_contribution",
)

#: The columns of :func:`participant_frame`, in order.
FRAME_COLUMNS: Final = (
    "participant",
    "project",
    "intake_date",
    "outcome",
    "duration_days",
    "event",
    "transition",
    "age",
    "education",
    "situation",
    "gender",
    *PROJECT_ATTRIBUTES,
    "formal_agreement_any",
)

Row = Sequence[Any]


def _table(name: str, rows: Iterable[Row]) -> pd.DataFrame:
    columns = list(TABLES[name].column_names)
    return pd.DataFrame([list(r) for r in rows], columns=columns, dtype=object)


def _projects(rows: Iterable[Row]) -> pd.DataFrame:
    table = _table("projects", rows)
    keep = table[["code", *PROJECT_ATTRIBUTES]].rename(columns={"code": "project"})
    return keep.drop_duplicates("project")


def _outcomes(rows: Iterable[Row]) -> pd.DataFrame:
    table = _table("outcomes", rows)
    keep = table[["participant", "outcome", "date"]].rename(columns={"date": "outcome_date"})
    return keep.drop_duplicates("participant")


def _event(outcome: object, outcome_date: object, censor_date: dt.date) -> str:
    if not isinstance(outcome_date, dt.date) or outcome_date > censor_date:
        return "censored"
    return "transition" if outcome in TRANSITION_OUTCOMES else str(outcome)


def _durations(frame: pd.DataFrame, censor_date: dt.date) -> pd.Series[int]:
    end = [
        censor_date if event == "censored" else day
        for event, day in zip(frame["event"], frame["outcome_date"], strict=True)
    ]
    days = [(e - s).days for e, s in zip(end, frame["intake_date"], strict=True)]
    durations = pd.Series(days, index=frame.index, dtype="int64")
    negative = frame.loc[durations < 0, "participant"].tolist()
    if negative:
        raise ValueError(f"outcome date before intake for participants {negative[:10]}")
    return durations


def _boolean(values: pd.Series[Any]) -> pd.Series[Any]:
    return values.astype("boolean")


def participant_frame(
    projects: Iterable[Row],
    participants: Iterable[Row],
    outcomes: Iterable[Row],
    *,
    censor_date: dt.date,
) -> pd.DataFrame:
    """One row per participant with intake on or before ``censor_date``.

    The rows are typed value lists in ``werkbrug.exchange.TABLES[name].column_names`` order
    (what :class:`~werkbrug.exchange.DeliveryValidator` yields). Columns: see
    :data:`FRAME_COLUMNS`. ``duration_days`` runs from intake to the outcome date, or to
    ``censor_date`` for participants still in a trajectory or whose outcome is dated after
    it; ``event`` is one of :data:`EVENTS`; ``transition`` is ``event == "transition"``;
    ``age`` is completed years at intake (:func:`werkbrug.indicators.age_at`); ``education``
    is the CBS level (low/middle/high). Unknown values are missing (``NaN``/``<NA>``), never
    guessed.
    ``formal_agreement_any`` is whether any formal agreement (covenant and/or steering group)
    exists.
    """
    people = _table("participants", participants)
    people = people[people["intake_date"].map(lambda d: d <= censor_date)]
    frame = people.rename(columns={"id": "participant"}).merge(
        _outcomes(outcomes), on="participant", how="left"
    )
    frame = frame.merge(_projects(projects), on="project", how="left")
    frame["event"] = [
        _event(o, d, censor_date)
        for o, d in zip(frame["outcome"], frame["outcome_date"], strict=True)
    ]
    frame["duration_days"] = _durations(frame, censor_date)
    # An outcome dated after the censoring date was not yet known then.
    frame.loc[frame["event"] == "censored", "outcome"] = None
    frame["transition"] = frame["event"] == "transition"
    frame["age"] = pd.to_numeric(
        pd.Series(
            [
                age_at(i, b, y)
                for i, b, y in zip(
                    frame["intake_date"], frame["birth_date"], frame["birth_year"], strict=True
                )
            ],
            index=frame.index,
            dtype=object,
        ),
        errors="coerce",
    ).astype("float64")
    frame["education"] = frame["education"].map(education_level)
    for column in ("union_involved", "individual_contribution", "employer_contribution"):
        frame[column] = _boolean(frame[column])
    agreement = frame["formal_agreement"]
    frame["formal_agreement_any"] = _boolean(
        agreement.map(lambda a: None if a is None or pd.isna(a) else a != "none")
    )
    for column in ("outcome", "education", "situation", "gender", "network", "formal_agreement"):
        frame[column] = frame[column].astype("string")
    return frame[list(FRAME_COLUMNS)].reset_index(drop=True)


def delivery_frame(
    path: str | Path, *, censor_date: dt.date | None = None
) -> tuple[pd.DataFrame, dt.date]:
    """Read and validate a delivery on disk and build its :func:`participant_frame`.

    The censoring date defaults to the delivery's ``delivered_on`` (the issue's rule: the
    as-of date, or the delivery date when none is given). Returns the frame and the date
    used. Raises :class:`ValueError` when the delivery has errors or no date can be found,
    because an analysis of a partly read delivery would silently be wrong.
    """
    tables: dict[str, list[list[Any]]] = {}
    with open_source(Path(path)) as source:
        validator = DeliveryValidator(source)
        for table, rows in validator.tables():
            tables[table.name] = list(rows)
        if validator.problems.error_count:
            raise ValueError(f"{path}: the delivery has {validator.problems.error_count} errors")
        date = censor_date or validator.meta.delivered_on
    if date is None:
        raise ValueError(f"{path}: no censoring date given and the delivery has no date")
    frame = participant_frame(
        tables.get("projects", []),
        tables.get("participants", []),
        tables.get("outcomes", []),
        censor_date=date,
    )
    return frame, date
