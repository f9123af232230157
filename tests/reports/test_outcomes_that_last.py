"""Outcomes that last in the report on the demo delivery, through the CLI: lasting placements
and the placements past their 6- and 12-month points, counted here again from the CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult
from werkbrug.demo.services import demo_data_dir

pytestmark = pytest.mark.usefixtures("demo_deliveries")

Run = Callable[..., CliResult]
DELIVERED_ON = dt.date(2012, 11, 1)  # eindrapportage/delivery.csv
TRANSITIONS = ("work", "learn_work", "self_employed")


def report(run: Run, *args: str) -> dict[str, Any]:
    result = run("report", "--delivery", "eindrapportage", *args)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def placements() -> list[dict[str, str]]:
    path = demo_data_dir() / "eindrapportage" / "outcomes.csv"
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["outcome"] in TRANSITIONS]


def test_lasting_placements_are_permanent_contracts_and_self_employment(run: Run) -> None:
    rows = placements()
    lasting = sum(r["outcome"] == "self_employed" or r["contract"] == "permanent" for r in rows)
    not_lasting = sum(
        r["outcome"] != "self_employed" and r["contract"] in ("agency", "on_call", "other")
        for r in rows
    )
    totals = report(run)["totals"]
    assert totals["lasting_counts"] == {
        "lasting": lasting,
        "not_lasting": not_lasting,
        "known": lasting + not_lasting,
    }
    assert totals["lasting"]["share"] == lasting / (lasting + not_lasting)
    assert lasting > 0
    assert not_lasting > 0
    # The fixed-term contracts (74% of the known contracts) have no length in the delivery.
    fixed_term = sum(r["contract"] == "fixed_term" for r in rows)
    assert fixed_term > 0
    assert lasting + not_lasting + fixed_term <= totals["transitions"]


def test_retention_counts_the_placements_past_their_point_on_the_delivery_date(
    run: Run,
) -> None:
    rows = placements()
    totals = report(run)["totals"]
    six = sum(dt.date.fromisoformat(r["date"]) <= dt.date(2012, 5, 1) for r in rows)
    twelve = sum(dt.date.fromisoformat(r["date"]) <= dt.date(2011, 11, 1) for r in rows)
    assert 0 < twelve < six
    # A delivery carries no follow-up checks: every placement past its point is unchecked.
    assert totals["retention"]["m6"] == {
        "due": six,
        "checked": 0,
        "in_work": 0,
        "left": 0,
        "unchecked": six,
        "share": None,
    }
    assert totals["retention"]["m12"]["due"] == twelve
    # With an as-of date the points are placed against that date instead.
    early = report(run, "--as-of", "2011-06-01")["totals"]["retention"]
    assert early["m12"]["due"] == 0
    assert early["m6"]["due"] < six


def test_the_public_report_suppresses_small_lasting_counts_per_project(run: Run) -> None:
    public = report(run, "--public")
    full = report(run)
    hidden = set(public["suppressed"])
    for i, (shown, whole) in enumerate(zip(public["projects"], full["projects"], strict=True)):
        for key, value in whole["lasting_counts"].items():
            if 0 < value < 10:
                assert shown["lasting_counts"][key] is None
                assert f"projects[{i}].lasting_counts.{key}" in hidden
        if shown["lasting_counts"]["lasting"] is None:
            assert shown["lasting"]["share"] is None
    assert any(".lasting_counts." in path for path in hidden)


def test_the_dutch_report_has_the_section_and_says_follow_ups_are_not_delivered(
    run: Run,
) -> None:
    result = run("report", "--delivery", "eindrapportage", "--format", "md", "--lang", "nl")
    assert result.code == 0, result.err
    assert "## Duurzame uitstroom" in result.out
    assert "Aandeel nog aan het werk" in result.out
    assert "bevat geen nametingen" in result.out
    assert "6 maanden" in result.out
    english = run("report", "--delivery", "eindrapportage", "--format", "md")
    assert "## Outcomes that last" in english.out
    assert "carries no follow-up checks" in english.out


def test_the_workbook_has_the_lasting_and_retention_sheets(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "rapport.xlsx"
    assert run("report", "--format", "xlsx", "-o", target).code == 0
    workbook = load_workbook(target)
    assert {"Lasting", "Still in work"} <= set(workbook.sheetnames)
    rows = list(workbook["Still in work"].iter_rows(values_only=True))
    assert rows[0][:2] == ("After placement", "Point passed")
    assert [r[0] for r in rows[1:]] == ["3 months", "6 months", "12 months"]
