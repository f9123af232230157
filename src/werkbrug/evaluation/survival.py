"""Time to a transition: Kaplan–Meier and cumulative incidence (Cox models: ``cox.py``).

Durations are days from intake (:func:`~werkbrug.evaluation.data.participant_frame`). Three
views, because they answer different questions:

* **Kaplan–Meier** (lifelines ``KaplanMeierFitter``) of time to transition, treating
  ongoing participants *and* those who ended without work or dropped out as censored. Its
  "survival" is the share not yet in a new job in a world where nobody could leave the
  programme otherwise; its median is the usual "median days to a transition".
* **Cumulative incidence** (Aalen–Johansen) of transition, with no_work and dropout as
  competing events: the share actually in a new job by day t. It is lower than
  ``1 - KM`` whenever people leave without work, and is the figure to report as "how many
  found work by day t". We compute it from the all-cause Kaplan–Meier table with the
  standard tie-aware formula ``F_k(t) = sum_{s<=t} S(s-) d_k(s) / n(s)`` instead of calling
  lifelines' ``AalenJohansenFitter``, because that class randomly jitters tied days (days
  are always tied here), which makes the result random and moves it off whole days; the
  tests check that both agree on untied data.
* **Cause-specific Cox models** of the hazard of each ending on participant characteristics
  and project attributes: :mod:`werkbrug.evaluation.cox`.

The median's confidence interval is where the pointwise confidence limits of the
Kaplan–Meier curve (lifelines: exponential Greenwood, log(-log) scale) cross one half
(``median_survival_times`` on ``confidence_interval_``), the method of Brookmeyer and Crowley.
A median or limit that is never reached is ``None`` (JSON has no infinity): fewer than half
found work within the observed time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, TypedDict

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.utils import median_survival_times

from werkbrug.evaluation.cox import CAUSES
from werkbrug.evaluation.numbers import finite_or_none

__all__ = [
    "GroupSummary",
    "SurvivalResult",
    "cumulative_incidence",
    "kaplan_meier",
    "survival_analysis",
]

#: The name of the curve over all participants.
OVERALL: Final = "overall"
#: Name of the group of rows whose grouping value is unknown.
UNKNOWN: Final = "unknown"

Curve = list[list[float]]


class GroupSummary(TypedDict):
    n: int
    events: int
    competing: int
    censored: int
    median_days: float | None
    median_ci: list[float | None]


class SurvivalResult(TypedDict):
    by: str | None
    alpha: float
    overall: GroupSummary
    groups: dict[str, GroupSummary]
    curves: dict[str, Curve]
    confidence: dict[str, list[list[float | None]]]
    cumulative_incidence: dict[str, dict[str, Curve]]
    censored: dict[str, list[float]]


def kaplan_meier(durations: pd.Series[Any], events: pd.Series[Any], alpha: float) -> Any:
    """A fitted lifelines ``KaplanMeierFitter`` for time to an event."""
    return KaplanMeierFitter(alpha=alpha).fit(durations, event_observed=events)


def _median(fitter: Any) -> tuple[float | None, list[float | None]]:
    ci = median_survival_times(fitter.confidence_interval_)
    low, high = ci.iloc[0, 0], ci.iloc[0, 1]
    return finite_or_none(fitter.median_survival_time_), [finite_or_none(low), finite_or_none(high)]


def _curve(series: pd.Series[Any]) -> Curve:
    days, values = series.index.to_numpy(dtype="float64"), series.to_numpy(dtype="float64")
    return [[float(day), float(value)] for day, value in zip(days, values, strict=True)]


def cumulative_incidence(
    durations: pd.Series[Any], events: pd.Series[Any], causes: Sequence[str] = CAUSES
) -> dict[str, Curve]:
    """Aalen–Johansen cumulative incidence of each cause, ties handled exactly.

    ``events`` holds a cause or ``"censored"`` per row. ``F_k(t) = sum S(s-) d_k(s) / n(s)``
    over event days ``s <= t``, with ``S`` the all-cause Kaplan–Meier survival.
    """
    table = pd.crosstab(durations, events).sort_index()
    removed = table.sum(axis=1)
    at_risk = removed[::-1].cumsum()[::-1]
    any_event = table.drop(columns=["censored"], errors="ignore").sum(axis=1)
    survival = (1.0 - any_event / at_risk).cumprod()
    before = survival.shift(1, fill_value=1.0)
    curves: dict[str, Curve] = {}
    for cause in causes:
        counts = table[cause] if cause in table.columns else pd.Series(0, index=table.index)
        incidence = (before * counts / at_risk).cumsum()
        curves[cause] = [[0.0, 0.0], *_curve(incidence)]
    return curves


def _summary(rows: pd.DataFrame, fitter: Any) -> GroupSummary:
    events = rows["event"]
    median, ci = _median(fitter)
    return GroupSummary(
        n=len(rows),
        events=int((events == "transition").sum()),
        competing=int(events.isin(["no_work", "dropout"]).sum()),
        censored=int((events == "censored").sum()),
        median_days=median,
        median_ci=ci,
    )


def _groups(frame: pd.DataFrame, by: str | None) -> list[tuple[str, pd.DataFrame]]:
    if by is None:
        return []
    keys = frame[by].astype("string").fillna(UNKNOWN)
    return [(str(name), rows) for name, rows in frame.groupby(keys, sort=True)]


def _confidence(fitter: Any) -> list[list[float | None]]:
    bounds = fitter.confidence_interval_
    return [
        [float(day), finite_or_none(low), finite_or_none(high)]
        for day, low, high in zip(
            bounds.index.to_numpy(dtype="float64"),
            bounds.iloc[:, 0].to_numpy(dtype="float64"),
            bounds.iloc[:, 1].to_numpy(dtype="float64"),
            strict=True,
        )
    ]


def _add_group(result: SurvivalResult, name: str, rows: pd.DataFrame, alpha: float) -> None:
    durations = rows["duration_days"]
    fitter = kaplan_meier(durations, rows["event"] == "transition", alpha)
    summary = _summary(rows, fitter)
    if name == OVERALL:
        result["overall"] = summary
    else:
        result["groups"][name] = summary
    result["curves"][name] = _curve(fitter.survival_function_.iloc[:, 0])
    result["confidence"][name] = _confidence(fitter)
    result["cumulative_incidence"][name] = cumulative_incidence(durations, rows["event"])
    # Everyone who left without a transition is censored for the Kaplan–Meier curve.
    censored_days = np.unique(durations[rows["event"] != "transition"].to_numpy())
    result["censored"][name] = [float(d) for d in censored_days]


def survival_analysis(
    frame: pd.DataFrame, *, by: str | None = None, alpha: float = 0.05
) -> SurvivalResult:
    """Kaplan–Meier and cumulative incidence of transition, overall and per ``by`` group.

    ``by`` is a column of ``frame`` (``project``, ``network``, ``education``, …); rows with
    an unknown value form the group ``"unknown"``. Curves are ``[[day, value], …]`` step
    points (the value holds from that day on) and start at day 0. ``confidence`` holds
    ``[day, low, high]`` of the Kaplan–Meier curve; ``censored`` the days on which someone
    was censored for that curve, i.e. left without a transition or was still in a trajectory
    (for tick marks on a plot). An empty frame gives zero counts and no curves.
    """
    result = SurvivalResult(
        by=by,
        alpha=alpha,
        overall=GroupSummary(
            n=0, events=0, competing=0, censored=0, median_days=None, median_ci=[None, None]
        ),
        groups={},
        curves={},
        confidence={},
        cumulative_incidence={},
        censored={},
    )
    if frame.empty:
        return result
    for name, rows in [(OVERALL, frame), *_groups(frame, by)]:
        _add_group(result, name, rows, alpha)
    return result
