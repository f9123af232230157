"""Reads for the project pages: the list with its realised numbers and the live dashboard.

The database work is a fixed number of ``GROUP BY`` queries per page (never one per row);
what is computed from their counts is pure Python below, so the tests can check it without a
database. The figures follow the report's definitions (``werkbrug-report/1``, see
docs/indicators.md) on the live data with no as-of date: a frozen delivery of the project,
read without an as-of date, gives the same participants, transitions and rates.

Small cells: :func:`report_marks` asks :func:`werkbrug.indicators.suppress` which of a
project's counts the *public* report would hide (counts below the minimum cell size and
what they could be recovered from). The pages show those counts marked to the project's own
staff and administrators, and hide them (``*``) from readers who get only the public report
(the funder), see :func:`shows_small_counts`. Tables the report does not have (in-flow per
month, ongoing per status) get the same rules within each table (:func:`partition_marks`).
The follow-up points and lasting placements are the report's (``retention``,
``lasting_counts``), computed on today's date from the live checks.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from werkbrug import access, clock
from werkbrug.accounts.models import User
from werkbrug.indicators import (
    OUTCOME_CODES,
    ProjectFacts,
    ProjectInfo,
    ReportSettings,
    build_report,
    percent,
    reach_class,
    sdc,
    suppress,
)
from werkbrug.indicators.retention import count_lasting, latest_due_placement
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project, ProjectPartner
from werkbrug.taxonomy import TRANSITION_OUTCOMES
from werkbrug.trajectories.flows import ONGOING
from werkbrug.trajectories.models import FOLLOW_UP_MONTHS, Activity, FollowUp, Outcome

__all__ = [
    "MIN_CELL",
    "Dashboard",
    "Figure",
    "ProjectRow",
    "dashboard_compute",
    "partition_marks",
    "project_dashboard",
    "project_list",
    "project_rows",
    "report_marks",
    "shows_small_counts",
]

#: The minimum cell size of the public report (the reports' default, ``ReportSettings``).
MIN_CELL: int = ReportSettings().min_cell

K = TypeVar("K")


@dataclass(frozen=True)
class Figure:
    """A count or a whole percent; ``marked`` when the public report would hide it."""

    value: int | None
    marked: bool = False


# --- pure: marks -------------------------------------------------------------------------------


def _facts(reached: int, by_outcome: Mapping[str, int]) -> ProjectFacts:
    facts = ProjectFacts(reached=reached)
    facts.by_outcome.update({code: n for code, n in by_outcome.items() if code in OUTCOME_CODES})
    return facts


def report_marks(
    info: ProjectInfo, facts: ProjectFacts, min_cell: int = MIN_CELL
) -> frozenset[str]:
    """The paths of the project's row (``reached``, ``by_outcome.work``, ``transition_rate``,
    ``retention.m6.in_work``, …) that the public report on this project alone would
    suppress."""
    report = build_report(
        delivery="live",
        delivered_on=None,
        projects=[info],
        facts={info.code: facts},
        settings=ReportSettings(min_cell=min_cell),
    )
    public = suppress(report, min_cell)
    prefix = "projects[0]."
    return frozenset(p[len(prefix) :] for p in public["suppressed"] if p.startswith(prefix))


def partition_marks(
    parts: Mapping[K, int], *, total_marked: bool, min_cell: int = MIN_CELL
) -> set[K]:
    """Which parts of a table that adds up to a total are hidden: the report's rule
    (:func:`werkbrug.indicators.sdc.protect`) on the parts and their total, the total kept
    published unless ``total_marked`` (then the parts are not linked by a published sum).

    When no pattern protects with the total and the zeros shown (thirty months of one
    participant each and the total 30: a reader who knows that a hidden count is at least 1
    knows them all), every part is hidden, zeros too."""
    keys = list(parts)
    total = sum(parts.values())
    linked = not total_marked and not 0 < total < min_cell
    equations = (((len(keys), 1), *((j, -1) for j in range(len(keys)))),) if linked else ()
    table = sdc.Table(
        (*parts.values(), total),
        equations,
        keep=frozenset({len(keys)}) if linked else frozenset(),
    )
    try:
        hidden = sdc.protect(table, min_cell)
    except sdc.TableError:
        return set(keys)
    return {keys[j] for j in hidden if j < len(keys)}


def _share(numerator: int, denominator: int) -> int | None:
    return None if denominator == 0 else percent(numerator / denominator)


# --- the list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    participants: Figure
    transitions: Figure
    transition_rate: Figure
    reach: Figure  # participants as a percent of the target
    shows_small: bool  # whether the reader sees the marked counts (else ``*``)


def project_list(user: User) -> QuerySet[Project]:
    """The projects ``user`` may see, each with its participants per outcome and whether the
    user works in it (``on_staff``), in one query."""
    outcome = "participants__trajectory__outcome__outcome"
    counts = {
        f"n_{code}": Count("participants", filter=Q(**{outcome: code})) for code in OUTCOME_CODES
    }
    on_staff = Project.staff.through.objects.filter(project=OuterRef("pk"), user=user.pk)
    return (
        access.projects_visible(user)
        .annotate(n_participants=Count("participants"), on_staff=Exists(on_staff), **counts)
        .order_by("code")
    )


def project_rows(
    projects: Iterable[Project], *, full: bool, min_cell: int = MIN_CELL
) -> list[ProjectRow]:
    """The rows of the list from the counts :func:`project_list` annotated (no queries);
    ``full``: the reader sees small counts of every project (else only of their own)."""
    rows = []
    for project in projects:
        reached: int = getattr(project, "n_participants", 0)
        by_outcome = {code: int(getattr(project, f"n_{code}", 0)) for code in OUTCOME_CODES}
        transitions = sum(by_outcome[code] for code in TRANSITION_OUTCOMES)
        facts = _facts(reached, by_outcome)
        # The report's table holds that every self-employed person is a lasting placement;
        # the list knows no contracts, so its other transitions are of unknown lastingness.
        for code, n in facts.by_outcome.items():
            count_lasting(facts.lasting, code, None, n)
        marks = report_marks(_info(project), facts, min_cell)
        rows.append(
            ProjectRow(
                project=project,
                participants=Figure(reached, "reached" in marks),
                transitions=Figure(transitions, "transitions" in marks),
                transition_rate=Figure(_share(transitions, reached), "transition_rate" in marks),
                reach=Figure(_share(reached, project.target_participants), "reach_ratio" in marks),
                shows_small=full or bool(getattr(project, "on_staff", False)),
            )
        )
    return rows


def _info(project: Project) -> ProjectInfo:
    return ProjectInfo(
        code=project.code,
        name=project.name,
        target_participants=project.target_participants,
        target_transitions=project.target_transitions,
    )


# --- the dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Partner:
    organisation: str
    role: str  # the code; the page shows its label
    id: int


@dataclass(frozen=True)
class FollowUpRow:
    """Retention at one follow-up point (definitions: werkbrug.indicators.retention)."""

    months: int
    due: Figure  # placements whose point has passed
    checked: Figure  # of those, checked with an answer
    in_work: Figure  # of those, still in work
    unchecked: Figure  # due, without an answer
    share: Figure  # in_work / checked, whole percent


@dataclass(frozen=True)
class Lasting:
    """Lasting placements among the transitions (werkbrug.indicators.retention.lasting)."""

    lasting: Figure
    not_lasting: Figure
    known: Figure
    share: Figure  # lasting / known, whole percent


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    intake: Figure


@dataclass(frozen=True)
class Money:
    budget: Decimal | None
    own_funds: Decimal | None
    subsidy: Decimal | None
    spent: Decimal  # the sum of the activities' costs
    activities_with_cost: int
    spent_share: int | None  # spent as a whole percent of the budget


@dataclass
class Dashboard:
    """The figures of one project's dashboard; every count is a :class:`Figure`."""

    min_cell: int
    participants: Figure
    target_participants: int
    reach: Figure  # participants / target, whole percent
    reach_class: str | None
    transitions: Figure
    target_transitions: int
    transition_target: Figure  # transitions / target, whole percent
    transition_rate: Figure  # transitions / participants
    finished: Figure
    transition_rate_finished: Figure  # transitions / finished
    ongoing: Figure
    outcomes: list[tuple[str, Figure]]  # per outcome code, in the exchange format's order
    ongoing_by_status: list[tuple[str, Figure]]  # "intake", "active", "" (no trajectory)
    inflow: list[MonthRow]
    inflow_max: int
    follow_ups: list[FollowUpRow]
    lasting: Lasting
    money: Money
    partners: list[Partner] = field(default_factory=list)

    @property
    def any_marked(self) -> bool:
        figures = [
            self.participants,
            self.transitions,
            self.finished,
            self.ongoing,
            *(f for _, f in self.outcomes),
            *(f for _, f in self.ongoing_by_status),
            *(m.intake for m in self.inflow),
            *(f for r in self.follow_ups for f in (r.due, r.checked, r.in_work, r.unchecked)),
            self.lasting.lasting,
            self.lasting.not_lasting,
            self.lasting.known,
        ]
        return any(f.marked for f in figures)


def dashboard_compute(
    *,
    info: ProjectInfo,
    by_status: Mapping[tuple[str | None, str | None], int],
    inflow: Sequence[tuple[dt.date, int]],
    placements: Mapping[tuple[str, str], int],
    follow_ups: Mapping[int, Mapping[str, int]],
    money: Money,
    min_cell: int = MIN_CELL,
) -> Dashboard:
    """The dashboard from counts alone (pure).

    ``by_status``: participants per (trajectory status or None, outcome code or None);
    ``inflow``: participants per intake month, in order; ``placements``: transitions per
    (outcome, contract code or ""); ``follow_ups``: per months after placement, the
    placements whose point has passed per ``in_work`` / ``left`` / ``unchecked``
    (:func:`werkbrug.indicators.retention.retention_state` on today's date).
    """
    reached = sum(by_status.values())
    by_outcome: Counter[str] = Counter()
    ongoing_status: Counter[str] = Counter()
    for (status, outcome), n in by_status.items():
        if outcome in OUTCOME_CODES:
            by_outcome[outcome] += n
        else:
            ongoing_status[status or ""] += n
    facts = _facts(reached, by_outcome)
    for (outcome, contract), n in placements.items():
        count_lasting(facts.lasting, outcome, contract or None, n)
        # The report's table checks the lasting counts against the contract counts.
        if contract and outcome in TRANSITION_OUTCOMES:
            facts.contract[contract] += n
    for months, counts in follow_ups.items():
        facts.retention_at(months).update(counts)
    marks = report_marks(info, facts, min_cell)
    row = build_report(
        delivery="live",
        delivered_on=None,
        projects=[info],
        facts={info.code: facts},
        settings=ReportSettings(min_cell=min_cell),
    )["projects"][0]

    def fig(path: str, value: int | None) -> Figure:
        return Figure(value, path in marks)

    ongoing_parts = {
        key: ongoing_status[key]
        for key in (*(status.value for status in ONGOING), "")
        if key != "" or ongoing_status[key]
    }
    ongoing_hidden = partition_marks(
        ongoing_parts, total_marked="ongoing" in marks, min_cell=min_cell
    )
    month_counts = {month: n for month, n in inflow}
    month_hidden = partition_marks(month_counts, total_marked="reached" in marks, min_cell=min_cell)
    rows = []
    for months in FOLLOW_UP_MONTHS:
        key = f"retention.m{months}"
        point = row["retention"][f"m{months}"]
        rows.append(
            FollowUpRow(
                months=months,
                due=fig(f"{key}.due", point["due"]),
                checked=fig(f"{key}.checked", point["checked"]),
                in_work=fig(f"{key}.in_work", point["in_work"]),
                unchecked=fig(f"{key}.unchecked", point["unchecked"]),
                share=fig(f"{key}.share", percent(point["share"])),
            )
        )
    counts = row["lasting_counts"]
    lasting = Lasting(
        lasting=fig("lasting_counts.lasting", counts["lasting"]),
        not_lasting=fig("lasting_counts.not_lasting", counts["not_lasting"]),
        known=fig("lasting_counts.known", counts["known"]),
        share=fig("lasting.share", percent(row["lasting"]["share"])),
    )
    return Dashboard(
        min_cell=min_cell,
        participants=fig("reached", reached),
        target_participants=info.target_participants,
        reach=fig("reach_ratio", _share(reached, info.target_participants)),
        reach_class=None
        if "reach_class" in marks
        else reach_class(reached, info.target_participants, ReportSettings().near_threshold),
        transitions=fig("transitions", facts.transitions),
        target_transitions=info.target_transitions,
        transition_target=fig(
            "transition_target_ratio", _share(facts.transitions, info.target_transitions)
        ),
        transition_rate=fig("transition_rate", _share(facts.transitions, reached)),
        finished=fig("finished", facts.finished),
        transition_rate_finished=fig(
            "transition_rate_finished", _share(facts.transitions, facts.finished)
        ),
        ongoing=fig("ongoing", facts.ongoing),
        outcomes=[(c, fig(f"by_outcome.{c}", by_outcome[c])) for c in OUTCOME_CODES],
        ongoing_by_status=[(k, Figure(n, k in ongoing_hidden)) for k, n in ongoing_parts.items()],
        inflow=[MonthRow(m, Figure(n, m in month_hidden)) for m, n in month_counts.items()],
        inflow_max=max(month_counts.values(), default=0),
        follow_ups=rows,
        lasting=lasting,
        money=money,
    )


def project_dashboard(project: Project, min_cell: int = MIN_CELL) -> Dashboard:
    """The live dashboard of ``project``: five aggregate queries, whatever its size."""
    participants = Participant.objects.filter(project=project).order_by()
    by_status = {
        (row["trajectory__status"], row["trajectory__outcome__outcome"]): row["n"]
        for row in participants.values("trajectory__status", "trajectory__outcome__outcome")
        .annotate(n=Count("id"))
        .order_by()
    }
    inflow = [
        (_as_date(row["month"]), row["n"])
        for row in participants.annotate(month=TruncMonth("intake_date"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    ]
    placed = Outcome.objects.filter(
        trajectory__participant__project=project, outcome__in=TRANSITION_OUTCOMES
    ).order_by()
    placements = {
        (row["outcome"], row["contract"]): row["n"]
        for row in placed.values("outcome", "contract").annotate(n=Count("id"))
    }
    follow_ups = _retention_counts(placed, clock.today())
    spent = Activity.objects.filter(
        trajectory__participant__project=project, cost_eur__isnull=False
    ).aggregate(total=Sum("cost_eur"), n=Count("id"))
    total_spent = spent["total"] or Decimal(0)
    budget = project.budget_eur
    money = Money(
        budget=budget,
        own_funds=project.own_funds_eur,
        subsidy=project.subsidy_eur,
        spent=total_spent,
        activities_with_cost=spent["n"],
        spent_share=percent(total_spent / budget) if budget else None,
    )
    dashboard = dashboard_compute(
        info=_info(project),
        by_status=by_status,
        inflow=inflow,
        placements=placements,
        follow_ups=follow_ups,
        money=money,
        min_cell=min_cell,
    )
    dashboard.partners = [
        Partner(p.organisation.name, p.role, p.pk)
        for p in ProjectPartner.objects.filter(project=project)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    ]
    return dashboard


def _retention_counts(placed: QuerySet[Outcome], day: dt.date) -> dict[int, dict[str, int]]:
    """Per follow-up point, the placements past it on ``day`` by answer, in one query: the
    rule of :func:`werkbrug.indicators.retention.retention_state` (a check counts when it was
    made on or before ``day`` and recorded an answer)."""
    aggregates = {}
    for months in FOLLOW_UP_MONTHS:
        due = Q(date__lte=latest_due_placement(day, months))
        answered = FollowUp.objects.filter(
            trajectory=OuterRef("trajectory"), months=months, checked_on__lte=day
        )
        aggregates[f"due_{months}"] = Count("id", filter=due)
        for answer, in_work in (("in_work", True), ("left", False)):
            found = Exists(answered.filter(in_work=in_work))
            aggregates[f"{answer}_{months}"] = Count("id", filter=due & Q(found))
    totals = placed.aggregate(**aggregates)
    result = {}
    for months in FOLLOW_UP_MONTHS:
        in_work, left = totals[f"in_work_{months}"], totals[f"left_{months}"]
        unchecked = totals[f"due_{months}"] - in_work - left
        result[months] = {"in_work": in_work, "left": left, "unchecked": unchecked}
    return result


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def shows_small_counts(user: User, project: Project) -> bool:
    """Whether ``user`` sees the counts the public report hides (marked) on ``project``'s
    pages: the project's staff (coordinators and mediators) and holders of the full-report
    permission (administrators). Others who may see the project (the funder) get the public
    version: those counts show as ``*``.
    """
    if user.has_perm("deliveries.view_full_report"):
        return True
    return project.staff.filter(pk=user.pk).exists()


def staff_matches(user: User, project: Project, typed: str) -> list[User]:
    """The users ``user`` may add to the project whose user name is exactly ``typed``, or
    whose e-mail address is ``typed`` (in any case); at most two, enough to tell one from
    several. Nothing is found by part of a name, so the page lists nobody it was not asked
    for by name."""
    text = typed.strip()
    if not text:
        return []
    wanted = Q(username=text)
    if "@" in text:
        wanted |= Q(email__iexact=text)
    return list(access.staff_addable(user, project).filter(wanted).order_by("username")[:2])
