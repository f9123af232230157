"""Charts of a public report say what they leave out: a suppressed segment is drawn as a
hatched "not published" part with a legend entry, never dropped."""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter

from django.utils import translation

from werkbrug.indicators import ProjectFacts, ProjectInfo, ReportSettings, build_report
from werkbrug.reports import charts
from werkbrug.reports.presentation import build_context

NAMES = ["A", "B"]


def test_a_hidden_share_becomes_a_hatched_rest_of_the_bar() -> None:
    svg = charts.stacked_shares(
        NAMES, [("low", [0.5, 0.2]), ("high", [None, 0.8])], xlabel="x", hidden="verborgen"
    )
    assert "verborgen" in svg  # the legend entry
    assert "<pattern" in svg  # the hatch


def test_nothing_hidden_draws_no_hidden_part() -> None:
    svg = charts.stacked_shares(
        NAMES, [("low", [0.5, 0.2]), ("high", [0.5, 0.8])], xlabel="x", hidden="verborgen"
    )
    assert "verborgen" not in svg
    assert "<pattern" not in svg


def test_a_bar_whose_base_is_hidden_is_hidden_whole() -> None:
    svg = charts.stacked_shares(
        NAMES,
        [("low", [0.5, 0.2]), ("high", [0.5, 0.8])],
        xlabel="x",
        hidden="verborgen",
        whole=[True, False],
    )
    assert "verborgen" in svg


def test_a_hidden_count_in_a_bar_chart_is_labelled_where_its_bar_would_be() -> None:
    svg = charts.grouped_bars(NAMES, [("reached", [40, None])], xlabel="x", hidden="verborgen")
    assert svg.count("verborgen") == 2  # beside the marker and in the legend


def _svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


def test_the_public_reports_charts_show_not_published_in_dutch() -> None:
    small = ProjectFacts(
        reached=40,
        by_outcome=Counter({"work": 3, "no_work": 27}),
        education=Counter({"low": 3, "middle": 17, "high": 20}),
    )
    big = ProjectFacts(
        reached=50,
        by_outcome=Counter({"work": 25, "no_work": 15}),
        education=Counter({"low": 12, "middle": 18, "high": 20}),
    )
    public = build_report(
        delivery="d",
        delivered_on=None,
        projects=[ProjectInfo("a", "A", 30, 20), ProjectInfo("b", "B", 50, 25)],
        facts={"a": small, "b": big},
        settings=ReportSettings(public=True),
    )
    assert public["projects"][0]["education"]["low"] is None
    with translation.override("nl"):
        context = build_context(public, {}, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    for name in ("education", "outcomes"):
        assert "niet gepubliceerd" in _svg(context["charts"][name]), name
    full = build_report(
        delivery="d",
        delivered_on=None,
        projects=[ProjectInfo("a", "A", 30, 20), ProjectInfo("b", "B", 50, 25)],
        facts={"a": small, "b": big},
        settings=ReportSettings(),
    )
    with translation.override("nl"):
        context = build_context(full, {}, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert "niet gepubliceerd" not in _svg(context["charts"]["education"])
