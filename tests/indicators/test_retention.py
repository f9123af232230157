"""Outcomes that last: lasting placements and retention after 6 and 12 months (pure)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.indicators.audit import recoverable
from tests.indicators.strategies import Rows, day, deliveries
from werkbrug.indicators import (
    ProjectFacts,
    ProjectInfo,
    ReportSettings,
    build_report,
    facts_from_rows,
    sdc,
    suppress,
)
from werkbrug.indicators.retention import (
    RETENTION_MONTHS,
    FollowUpCheck,
    add_months,
    lasting,
    latest_due_placement,
    retention_state,
)
from werkbrug.indicators.suppression import COUNT_PATHS, get_path, report_table, row_counts
from werkbrug.taxonomy import TRANSITION_OUTCOMES

D = dt.date


@pytest.mark.parametrize(
    ("outcome", "contract", "months", "expected"),
    [
        ("work", "permanent", None, "lasting"),
        ("learn_work", "permanent", None, "lasting"),
        ("self_employed", None, None, "lasting"),
        ("self_employed", "agency", None, "lasting"),
        ("work", "fixed_term", 6, "lasting"),
        ("work", "fixed_term", 12, "lasting"),
        ("work", "fixed_term", 5, "not_lasting"),
        ("work", "fixed_term", None, "unknown"),  # the exchange format has no contract length
        ("work", "agency", None, "not_lasting"),
        ("work", "on_call", None, "not_lasting"),
        ("work", "other", None, "not_lasting"),
        ("work", None, None, "unknown"),
    ],
)
def test_lasting_counts_as_vdab_counts_a_lasting_job(
    outcome: str, contract: str | None, months: int | None, expected: str
) -> None:
    assert lasting(outcome, contract, months) == expected


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(D(2011, 5, 1), 6) == D(2011, 11, 1)
    assert add_months(D(2011, 8, 31), 6) == D(2012, 2, 29)
    assert add_months(D(2011, 12, 15), 12) == D(2012, 12, 15)


@given(day(0, 2000), st.sampled_from([1, 3, 6, 12, 18]))
def test_latest_due_placement_is_the_exact_bound(today: dt.date, months: int) -> None:
    latest = latest_due_placement(today, months)
    assert add_months(latest, months) <= today
    assert add_months(latest + dt.timedelta(days=1), months) > today


def check(months: int, checked_on: dt.date | None, in_work: bool | None) -> FollowUpCheck:
    return FollowUpCheck("p", months, checked_on, in_work)


def test_retention_state_counts_only_due_placements_with_an_answer() -> None:
    placed, today = D(2011, 5, 1), D(2011, 11, 1)
    assert retention_state(placed, 6, today, None) == "unchecked"
    assert retention_state(placed, 6, today, check(6, today, True)) == "in_work"
    assert retention_state(placed, 6, today, check(6, today, False)) == "left"
    assert retention_state(placed, 6, today, check(6, today, None)) == "unchecked"
    later = check(6, today + dt.timedelta(days=1), True)  # after the report's day: not yet known
    assert retention_state(placed, 6, today, later) == "unchecked"
    assert retention_state(placed, 6, today - dt.timedelta(days=1), None) is None  # not due
    assert retention_state(placed, 6, None, None) is None  # no day: nothing known to be due


# --- properties on random deliveries with random follow-up checks --------------------------------


@st.composite
def with_checks(draw: st.DrawFn) -> tuple[Rows, list[FollowUpCheck]]:
    rows = draw(deliveries())
    checks = []
    for outcome in rows.outcomes:
        for months in RETENTION_MONTHS:
            if draw(st.booleans()):
                offset = draw(st.integers(-20, 60))
                checks.append(
                    FollowUpCheck(
                        participant=outcome.participant,
                        months=months,
                        checked_on=add_months(outcome.date, months) + dt.timedelta(days=offset),
                        in_work=draw(st.sampled_from([True, False, None])),
                    )
                )
    return rows, checks


def report_on(
    rows: Rows, checks: list[FollowUpCheck], as_of: dt.date | None, public: bool = False
) -> dict[str, Any]:
    config = ReportSettings(as_of=as_of)
    facts = facts_from_rows(
        rows.projects, rows.participants, rows.outcomes, config, follow_ups=checks
    )
    report = build_report(
        delivery="random", delivered_on=None, projects=rows.projects, facts=facts, settings=config
    )
    return suppress(report, 10) if public else report


def rows_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [report["totals"], *report["projects"]]


@settings(max_examples=150, deadline=None)
@given(with_checks(), day(0, 900))
def test_shares_lie_in_0_1_and_the_denominators_add_up(
    drawn: tuple[Rows, list[FollowUpCheck]], as_of: dt.date
) -> None:
    rows, checks = drawn
    for row in rows_of(report_on(rows, checks, as_of)):
        counts = row["lasting_counts"]
        assert counts["known"] == counts["lasting"] + counts["not_lasting"] <= row["transitions"]
        share = row["lasting"]["share"]
        assert (share is None) == (counts["known"] == 0)
        assert share is None or 0 <= share <= 1
        for point in row["retention"].values():
            assert point["due"] == point["checked"] + point["unchecked"]
            assert point["checked"] == point["in_work"] + point["left"]
            assert point["due"] <= row["transitions"]
            assert (point["share"] is None) == (point["checked"] == 0)
            assert point["share"] is None or 0 <= point["share"] <= 1
        # A placement past its 12-month point is past its 6-month point.
        assert row["retention"]["m12"]["due"] <= row["retention"]["m6"]["due"]


@settings(max_examples=150, deadline=None)
@given(with_checks(), day(0, 900))
def test_due_counts_exactly_the_counted_placements_past_their_point(
    drawn: tuple[Rows, list[FollowUpCheck]], as_of: dt.date
) -> None:
    rows, checks = drawn
    report = report_on(rows, checks, as_of)
    intake = {p.key: p.intake_date for p in rows.participants}
    placed = [
        o
        for o in rows.outcomes
        if o.outcome in TRANSITION_OUTCOMES and o.date <= as_of and intake[o.participant] <= as_of
    ]
    for months in RETENTION_MONTHS:
        due = [o for o in placed if add_months(o.date, months) <= as_of]
        assert report["totals"]["retention"][f"m{months}"]["due"] == len(due)
        answered = {
            c.participant
            for c in checks
            if c.months == months
            and c.checked_on is not None
            and c.checked_on <= as_of
            and c.in_work is not None
        }
        checked = [o for o in due if o.participant in answered]
        assert report["totals"]["retention"][f"m{months}"]["checked"] == len(checked)


@settings(max_examples=100, deadline=None)
@given(with_checks(), day(0, 900), st.integers(1, 400))
def test_a_later_day_never_has_fewer_placements_due_or_checked(
    drawn: tuple[Rows, list[FollowUpCheck]], as_of: dt.date, days: int
) -> None:
    rows, checks = drawn
    # Only placements counted on both days: fix the population at the earlier day.
    early = report_on(rows, checks, as_of)
    counted = [o for o in rows.outcomes if o.date <= as_of]
    people = [p for p in rows.participants if p.intake_date <= as_of]
    fixed = Rows(rows.projects, people, counted)
    late = report_on(fixed, checks, as_of + dt.timedelta(days=days))
    for months in RETENTION_MONTHS:
        before, after = (
            early["totals"]["retention"][f"m{months}"],
            late["totals"]["retention"][f"m{months}"],
        )
        assert after["due"] >= before["due"]
        assert after["checked"] >= before["checked"]


@settings(max_examples=100, deadline=None)
@given(with_checks(), day(0, 900))
def test_a_check_that_finds_someone_in_work_never_lowers_the_share(
    drawn: tuple[Rows, list[FollowUpCheck]], as_of: dt.date
) -> None:
    rows, checks = drawn
    before = report_on(rows, checks, as_of)["totals"]["retention"]
    found = [
        dataclasses.replace(c, checked_on=min(c.checked_on or as_of, as_of), in_work=True)
        for c in checks
    ]
    after = report_on(rows, found, as_of)["totals"]["retention"]
    for key, point in after.items():
        assert point["in_work"] >= before[key]["in_work"]
        assert point["due"] == before[key]["due"]
        if before[key]["share"] is not None:
            assert point["share"] >= before[key]["share"]


@settings(max_examples=100, deadline=None)
@given(deliveries(), st.none() | day(0, 900))
def test_a_permanent_contract_instead_of_another_never_lowers_the_lasting_share(
    rows: Rows, as_of: dt.date | None
) -> None:
    before = report_on(rows, [], as_of)["totals"]["lasting"]
    better = [dataclasses.replace(o, contract="permanent") for o in rows.outcomes]
    after = report_on(Rows(rows.projects, rows.participants, better), [], as_of)["totals"]
    assert after["lasting"]["known"] >= before["known"]
    if before["share"] is not None:
        assert after["lasting"]["share"] == 1.0 >= before["share"]


@settings(max_examples=100, deadline=None)
@given(with_checks(), day(0, 900))
def test_the_public_report_hides_small_retention_and_lasting_counts(
    drawn: tuple[Rows, list[FollowUpCheck]], as_of: dt.date
) -> None:
    rows, checks = drawn
    public = report_on(rows, checks, as_of, public=True)
    full = report_on(rows, checks, as_of)
    for shown, whole in zip(rows_of(public), rows_of(full), strict=True):
        for key in ("lasting", "not_lasting", "known"):
            value = shown["lasting_counts"][key]
            assert value is None or not 0 < value < 10
            assert value is None or value == whole["lasting_counts"][key]
        if shown["lasting_counts"]["lasting"] is None or shown["lasting_counts"]["known"] is None:
            assert shown["lasting"]["share"] is None
        for name, point in shown["retention"].items():
            for key in ("due", "checked", "in_work", "left", "unchecked"):
                value = point[key]
                assert value is None or not 0 < value < 10
                assert value is None or value == whole["retention"][name][key]
            if point["in_work"] is None or point["checked"] is None:
                assert point["share"] is None
    # No suppressed count follows from the published ones (the independent audit).
    assert recoverable(public) == []


# --- lasting counts must not give a hidden count away ----------------------------------------


def _facts_with_self_employed(self_employed: int, permanent: int, agency: int) -> ProjectFacts:
    """A project whose lasting placements are its permanent contracts and its self-employed
    (who have no contract): lasting = permanent + self_employed, exactly."""
    facts = ProjectFacts(reached=120)  # more than finish, so none is negative
    facts.by_outcome.update(
        {"work": permanent + agency, "self_employed": self_employed, "no_work": 20}
    )
    facts.contract.update({"permanent": permanent, "agency": agency})
    facts.lasting.update({"lasting": permanent + self_employed, "not_lasting": agency})
    facts.fulltime = permanent + agency
    return facts


def test_lasting_counts_do_not_reveal_a_hidden_self_employed_count() -> None:
    projects = [ProjectInfo(code, code, 60, 30) for code in ("a", "b", "c")]
    facts = {
        "a": _facts_with_self_employed(4, 20, 15),
        "b": _facts_with_self_employed(12, 25, 14),
        "c": _facts_with_self_employed(15, 30, 16),
    }
    report = build_report(
        delivery="x",
        delivered_on=None,
        projects=projects,
        facts=facts,
        settings=ReportSettings(public=True),
    )
    for row in rows_of(report):
        hidden = row["by_outcome"]["self_employed"] is None
        permanent = row["contract_counts"]["permanent"]
        lasting = row["lasting_counts"]["lasting"]
        if hidden and permanent is not None:
            # Else lasting - permanent would be the hidden number of self-employed.
            assert lasting is None, row.get("code", "totals")


def test_retention_counts_do_not_reveal_a_hidden_number_of_transitions() -> None:
    projects = [ProjectInfo(code, code, 60, 30) for code in ("a", "b")]
    facts = {}
    # In a, 3 without work are hidden, and with them the 12 transitions (or 3 = 15 - 12).
    for code, transitions, no_work in (("a", 12, 3), ("b", 30, 20)):
        f = ProjectFacts(reached=60)
        f.by_outcome.update({"work": transitions, "no_work": no_work})
        for months in RETENTION_MONTHS:  # every placement past every point, none checked
            f.retention_at(months)["unchecked"] = transitions
        facts[code] = f
    report = build_report(
        delivery="x",
        delivered_on=None,
        projects=projects,
        facts=facts,
        settings=ReportSettings(public=True),
    )
    full = build_report(
        delivery="x",
        delivered_on=None,
        projects=projects,
        facts=facts,
        settings=ReportSettings(public=False),
    )
    assert report["projects"][0]["by_outcome"]["no_work"] is None  # 3: primary
    for row in rows_of(report):
        if row["transitions"] is None:
            for point in row["retention"].values():
                assert point["due"] is None  # due = transitions here
    # A reader who knows that every placement is past every point (due = transitions) still
    # cannot narrow any suppressed count to less than the protection level.
    table = report_table([row_counts(r) for r in rows_of(full)], columns=True)
    width = len(COUNT_PATHS)
    hidden = frozenset(
        i * width + j
        for i, row in enumerate(rows_of(report))
        for j, path in enumerate(COUNT_PATHS)
        if get_path(row, path) is None
    )
    assert any(
        (e[0][0] % width, *sorted(c % width for c, _ in e[1:]))
        == (COUNT_PATHS.index("retention.m3.due"), COUNT_PATHS.index("transitions"))
        for e in table.equations
        if len(e) == 2
    )
    for low, high in sdc.intervals(table, hidden).values():
        assert high - low >= sdc.protection_level(10)
