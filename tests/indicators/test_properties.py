"""Properties of the indicators on random small deliveries."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.indicators.audit import recoverable
from tests.indicators.strategies import Rows, day, deliveries, project_facts, projects
from werkbrug.indicators import (
    COUNT_PATHS,
    DERIVED_PATHS,
    ROW_PARTITIONS,
    ProjectFacts,
    Report,
    ReportSettings,
    build_report,
    facts_from_rows,
    get_path,
    suppress,
)
from werkbrug.taxonomy import TRANSITION_OUTCOMES

SHARES = (
    "transition_rate",
    "transition_rate_finished",
    "education.low",
    "education.middle",
    "education.high",
    "contract.fixed_term",
    "contract.permanent",
    "contract.agency",
    "contract.on_call",
    "contract.other",
    "fulltime.share",
)

report_settings = st.builds(
    ReportSettings,
    as_of=st.none() | day(-10, 820),
    fulltime_hours=st.sampled_from([Decimal(35), Decimal(36)]),
    near_threshold=st.sampled_from([Decimal("0.8"), Decimal("0.9"), Decimal(1)]),
)


def report_of(rows: Rows, config: ReportSettings) -> Report:
    facts = facts_from_rows(rows.projects, rows.participants, rows.outcomes, config)
    return build_report(
        delivery="random",
        delivered_on=None,
        projects=rows.projects,
        facts=facts,
        settings=config,
    )


def rows_of(report: Report) -> list[dict[str, Any]]:
    return [report["totals"], *report["projects"]]


@settings(max_examples=150, deadline=None)
@given(deliveries(), report_settings)
def test_projects_add_up_to_the_totals(rows: Rows, config: ReportSettings) -> None:
    report = report_of(rows, config)
    totals, projects_ = report["totals"], report["projects"]
    for path in (*COUNT_PATHS, "target_participants", "target_transitions"):
        assert get_path(totals, path) == sum(get_path(p, path) for p in projects_), path
    assert totals["projects"] == len(projects_) == len(rows.projects)
    for name, count in totals["reach_classes"].items():
        assert count == sum(p["reach_class"] == name for p in projects_)


@settings(max_examples=150, deadline=None)
@given(deliveries(), report_settings)
def test_shares_are_fractions_that_partition(rows: Rows, config: ReportSettings) -> None:
    for row in rows_of(report_of(rows, config)):
        for path in SHARES:
            share = get_path(row, path)
            assert share is None or 0 <= share <= 1, path
        assert row["transitions"] <= row["finished"] <= row["reached"]
        assert row["finished"] + row["ongoing"] == row["reached"]
        for counts, shares in (("education_counts", "education"), ("contract_counts", "contract")):
            assert row[shares]["known"] == row[counts]["known"]
            values = [v for k, v in row[shares].items() if k != "known"]
            if row[counts]["known"]:
                assert math.isclose(sum(values), 1.0)
                assert (
                    sum(v for k, v in row[counts].items() if k != "known") == row[counts]["known"]
                )
            else:
                assert values == [None] * len(values)
        if row["finished"]:
            assert math.isclose(sum(n / row["finished"] for n in row["by_outcome"].values()), 1)
        assert row["age_bands"]["known"] == sum(
            n for k, n in row["age_bands"].items() if k != "known"
        )
        assert (row["mean_age"] is None) == (row["age_bands"]["known"] == 0)


@settings(max_examples=100, deadline=None)
@given(deliveries(), day(-10, 820), st.integers(0, 400))
def test_a_later_as_of_never_reduces_reached_or_transitions(
    rows: Rows, as_of: dt.date, later: int
) -> None:
    early = report_of(rows, ReportSettings(as_of=as_of))
    late = report_of(rows, ReportSettings(as_of=as_of + dt.timedelta(days=later)))
    everything = report_of(rows, ReportSettings())
    for a, b, c in zip(rows_of(early), rows_of(late), rows_of(everything), strict=True):
        for key in ("reached", "transitions", "finished"):
            assert a[key] <= b[key] <= c[key], key


@settings(max_examples=100, deadline=None)
@given(deliveries(), report_settings, st.randoms(use_true_random=False))
def test_the_json_is_deterministic_and_independent_of_row_order(
    rows: Rows, config: ReportSettings, rnd: random.Random
) -> None:
    first = json.dumps(report_of(rows, config), sort_keys=True)
    assert json.dumps(report_of(rows, config), sort_keys=True) == first
    shuffled = Rows(
        rnd.sample(rows.projects, len(rows.projects)),
        rnd.sample(rows.participants, len(rows.participants)),
        rnd.sample(rows.outcomes, len(rows.outcomes)),
    )
    assert json.dumps(report_of(shuffled, config), sort_keys=True) == first


@settings(max_examples=100, deadline=None)
@given(deliveries(), report_settings)
def test_counts_agree_with_a_direct_count_of_the_rows(rows: Rows, config: ReportSettings) -> None:
    def on(day_: dt.date) -> bool:
        return config.as_of is None or day_ <= config.as_of

    report = report_of(rows, config)
    reached = {p.key: p.project for p in rows.participants if on(p.intake_date)}
    counted = [o for o in rows.outcomes if o.participant in reached and on(o.date)]
    moved = [o for o in counted if o.outcome in TRANSITION_OUTCOMES]
    totals = report["totals"]
    assert totals["reached"] == len(reached)
    assert totals["finished"] == len(counted)
    assert totals["transitions"] == len(moved)
    assert totals["contract_counts"]["known"] == sum(o.contract is not None for o in moved)
    assert totals["fulltime"]["known"] == sum(o.hours is not None for o in moved)
    assert totals["fulltime"]["count"] == sum(
        o.hours is not None and o.hours >= config.fulltime_hours for o in moved
    )
    for row in report["projects"]:
        assert row["reached"] == sum(code == row["code"] for code in reached.values())


# --- suppression ------------------------------------------------------------------------------


@st.composite
def facts_reports(draw: st.DrawFn) -> Report:
    listed = draw(projects())
    facts = {p.code: draw(project_facts()) for p in listed}
    return build_report(
        delivery="random",
        delivered_on=None,
        projects=listed,
        facts=facts,
        settings=ReportSettings(),
    )


def _partitions(n_rows: int) -> list[list[tuple[int, str]]]:
    result = [
        [(i, total), *((i, part) for part in parts)]
        for i in range(n_rows)
        for total, parts in ROW_PARTITIONS
    ]
    result += [[(i, path) for i in range(n_rows)] for path in COUNT_PATHS]
    return result


@settings(max_examples=150, deadline=None)
@given(facts_reports(), st.sampled_from([3, 5, 10]))
def test_suppression_hides_small_cells_and_what_would_give_them_away(
    full: Report, min_cell: int
) -> None:
    public = suppress(full, min_cell)
    before, after = rows_of(full), rows_of(public)
    prefixes = ["totals", *(f"projects[{i}]" for i in range(len(full["projects"])))]
    changed = []
    for prefix, old, new in zip(prefixes, before, after, strict=True):
        for path in COUNT_PATHS:
            value = get_path(new, path)
            assert value is None or value == 0 or value >= min_cell, path
            if value is None:
                changed.append(f"{prefix}.{path}")
            assert value is None or value == get_path(old, path)
        for path, inputs in DERIVED_PATHS:
            if get_path(new, path) is not None:
                assert all(get_path(new, name) is not None for name in inputs), path
            elif get_path(old, path) is not None:
                changed.append(f"{prefix}.{path}")
        for key in ("target_participants", "target_transitions"):
            assert new[key] == old[key]
    for cells in _partitions(len(after)):
        hidden = sum(get_path(after[i], path) is None for i, path in cells)
        assert hidden != 1, cells
    classes = [f"totals.reach_classes.{c}" for c in ("above", "near", "below")]
    listed = [p for p in public["suppressed"] if p not in classes]
    assert sorted(listed) == sorted(changed)
    assert len(set(public["suppressed"])) == len(public["suppressed"])
    assert recoverable(public) == []
    assert suppress(public, min_cell) == public


@settings(max_examples=50, deadline=None)
@given(st.lists(project_facts(), min_size=1, max_size=3))
def test_facts_total_is_the_sum(parts: list[ProjectFacts]) -> None:
    total = ProjectFacts.total(parts)
    assert total.reached == sum(p.reached for p in parts)
    assert total.transitions == sum(p.transitions for p in parts)
    assert total.ongoing == sum(p.ongoing for p in parts)
