"""The reference implementation of the facts: plain rows in, :class:`ProjectFacts` out.

The database computes the same counters with ``GROUP BY`` queries; the tests hold both to this
module. Definitions ``werkbrug-report/1``:

- a participant is *reached* when ``intake_date <= as_of``;
- an outcome *counts* when its ``date <= as_of``; a reached participant without a counted
  outcome is *ongoing*;
- age at intake is the number of completed years between ``birth_date`` and ``intake_date``;
  with only ``birth_year``, ``year(intake_date) - birth_year``.

Without an as-of date every row counts. Rows of projects that are not listed, and outcomes of
participants who are not listed or not reached, are left out (as an inner join would). The
exchange format allows at most one outcome per participant; should a caller pass several, the
latest counted one counts (ties broken by the other fields, so the result does not depend on
the order of the rows).

Outcomes that last (:mod:`~werkbrug.indicators.retention`): every counted transition is
lasting, not lasting or unknown; its 6- and 12-month points are placed against the as-of
date, else the delivery's date (``delivered_on``), and answered by the follow-up checks
given (a delivery has none: the exchange format carries no follow-ups).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from werkbrug.indicators.model import (
    CONTRACT_CODES,
    OUTCOME_CODES,
    OutcomeRow,
    ParticipantRow,
    ProjectFacts,
    ProjectInfo,
    ReportSettings,
)
from werkbrug.indicators.retention import (
    RETENTION_MONTHS,
    FollowUpCheck,
    count_lasting,
    retention_day,
    retention_state,
)
from werkbrug.taxonomy import TRANSITION_OUTCOMES, education_level

__all__ = ["age_at", "counts_on", "facts_from_rows"]


def age_at(day: dt.date, birth_date: dt.date | None, birth_year: int | None) -> int | None:
    """Completed years at ``day`` (the one definition of age in werkbrug: the report's age at
    intake, the evaluation's covariate, the matching's age band).

    A birthday on ``day`` counts as completed. Someone born on 29 February completes a year on
    1 March in a year that is not a leap year (the day-and-month comparison). With only a year
    of birth, the age is ``day.year - birth_year``: the age reached in that calendar year, one
    too high for people whose birthday is still to come (the day is not known, and one
    consistent rule keeps group means comparable). Without either, the age is unknown.
    """
    if birth_date is not None:
        before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
        return day.year - birth_date.year - int(before_birthday)
    if birth_year is not None:
        return day.year - birth_year
    return None


def counts_on(day: dt.date, as_of: dt.date | None) -> bool:
    """Whether something dated ``day`` counts on the as-of date (``None``: always)."""
    return as_of is None or day <= as_of


def facts_from_rows(
    projects: Iterable[ProjectInfo],
    participants: Iterable[ParticipantRow],
    outcomes: Iterable[OutcomeRow],
    settings: ReportSettings,
    *,
    delivered_on: dt.date | None = None,
    follow_ups: Iterable[FollowUpCheck] = (),
) -> dict[str, ProjectFacts]:
    """The facts of every listed project (also those without participants), by code."""
    facts = {project.code: ProjectFacts() for project in projects}
    reached = _reached(facts, participants, settings.as_of)
    counted = _counted_outcomes(outcomes, reached, settings.as_of)
    # One check per participant and point (the live data's constraint).
    checks = {(c.participant, c.months): c for c in follow_ups}
    day = retention_day(settings.as_of, delivered_on)
    for key, outcome in counted.items():
        project = facts[reached[key]]
        _add_outcome(project, outcome, settings)
        if outcome.outcome in TRANSITION_OUTCOMES:
            for months in RETENTION_MONTHS:
                state = retention_state(outcome.date, months, day, checks.get((key, months)))
                counter = project.retention_at(months)
                if state is not None:
                    counter[state] += 1
    return facts


def _reached(
    facts: dict[str, ProjectFacts],
    participants: Iterable[ParticipantRow],
    as_of: dt.date | None,
) -> dict[str, str]:
    """Count the reached participants' characteristics; return their project by key."""
    reached: dict[str, str] = {}
    for row in participants:
        project = facts.get(row.project)
        if project is None or not counts_on(row.intake_date, as_of):
            continue
        reached[row.key] = row.project
        project.reached += 1
        age = age_at(row.intake_date, row.birth_date, row.birth_year)
        if age is not None:
            project.ages[age] += 1
        level = education_level(row.education)
        if level is not None:
            project.education[level] += 1
    return reached


def _sort_key(row: OutcomeRow) -> tuple[dt.date, str, str, str]:
    hours = "" if row.hours is None else format(row.hours, "f")
    return (row.date, row.outcome, row.contract or "", hours)


def _counted_outcomes(
    outcomes: Iterable[OutcomeRow], reached: dict[str, str], as_of: dt.date | None
) -> dict[str, OutcomeRow]:
    """The one counted outcome of each reached participant who has one."""
    counted: dict[str, OutcomeRow] = {}
    for row in outcomes:
        if row.participant not in reached or row.outcome not in OUTCOME_CODES:
            continue
        if not counts_on(row.date, as_of):
            continue
        known = counted.get(row.participant)
        if known is None or _sort_key(row) > _sort_key(known):
            counted[row.participant] = row
    return counted


def _add_outcome(project: ProjectFacts, row: OutcomeRow, settings: ReportSettings) -> None:
    project.by_outcome[row.outcome] += 1
    if row.outcome not in TRANSITION_OUTCOMES:
        return
    count_lasting(project.lasting, row.outcome, row.contract)
    if row.contract is not None and row.contract in CONTRACT_CODES:
        project.contract[row.contract] += 1
    if row.hours is not None:
        if row.hours >= settings.fulltime_hours:
            project.fulltime += 1
        else:
            project.parttime += 1
