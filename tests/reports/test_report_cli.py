"""The report on the nine experiments through the CLI: every figure of the letter, in the
JSON and in the text of the PDF."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import CliResult
from werkbrug.indicators import percent

pytestmark = pytest.mark.usefixtures("demo_deliveries")

Run = Callable[..., CliResult]


def report(run: Run, *args: str) -> dict[str, Any]:
    result = run("report", *args)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in data["projects"]}


def test_the_final_report_has_the_letters_totals(run: Run) -> None:
    t = report(run, "--delivery", "eindrapportage")["totals"]
    assert (t["target_participants"], t["target_transitions"]) == (785, 670)
    assert (t["reached"], t["transitions"], t["ongoing"]) == (680, 404, 58)
    assert t["by_outcome"]["learn_work"] == 103
    # 404 of 680 is 59.4%; the letter's "60%" is 404 of the 670 planned transitions.
    assert percent(t["transition_rate"]) == 59
    assert percent(t["transition_target_ratio"]) == 60
    assert [percent(t["education"][k]) for k in ("low", "middle", "high")] == [39, 51, 10]
    assert percent(t["contract"]["fixed_term"]) == 74
    assert percent(t["contract"]["permanent"]) == 12
    assert percent(t["fulltime"]["share"]) == 84
    assert t["reach_classes"] == {"above": 5, "near": 1, "below": 3}


def test_the_projects_are_placed_against_their_targets_as_in_the_letter(run: Run) -> None:
    projects = by_name(report(run))
    classes = {name: p["reach_class"] for name, p in projects.items()}
    assert {n for n, c in classes.items() if c == "above"} == {
        "Schilder^sCOOL",
        "Grafimediabranche",
        "ZW Haaglanden",
        "SSWT",
        "FNV Bouw",
    }
    assert {n for n, c in classes.items() if c == "near"} == {"RIVU"}
    assert {n for n, c in classes.items() if c == "below"} == {
        "TC Maasland-Hardenberg",
        "Voorsprongvoucher",
        "MKB Eindhoven",
    }


def test_ages_education_and_continuation_per_project(run: Run) -> None:
    projects = by_name(report(run))
    assert round(projects["Schilder^sCOOL"]["mean_age"]) == 21
    for name in ("ZW Haaglanden", "TC Maasland-Hardenberg"):
        assert projects[name]["mean_age_band"] == "40–45"
    for name in (
        "Grafimediabranche",
        "SSWT",
        "FNV Bouw",
        "RIVU",
        "Voorsprongvoucher",
        "MKB Eindhoven",
    ):
        assert projects[name]["mean_age_band"] == "45–50"
    assert percent(projects["FNV Bouw"]["education"]["low"]) == 68
    assert percent(projects["SSWT"]["education"]["low"]) == 74
    assert percent(projects["TC Maasland-Hardenberg"]["education"]["high"]) == 20
    assert percent(projects["ZW Haaglanden"]["education"]["high"]) == 33
    assert percent(projects["RIVU"]["education"]["high"]) == 17
    continuation = {name: p["continuation"] for name, p in projects.items()}
    assert continuation == {
        "Schilder^sCOOL": "continued",
        "Grafimediabranche": "continued",
        "SSWT": "continued",
        "RIVU": "stopped",
        "ZW Haaglanden": "stopped",
        "MKB Eindhoven": "stopped",
        "FNV Bouw": "intends",
        "TC Maasland-Hardenberg": "intends",
        "Voorsprongvoucher": "adapted",
    }
    assert projects["Schilder^sCOOL"]["by_outcome"]["learn_work"] == 103


def test_compared_with_the_interim_report_permanent_contracts_went_from_8_to_12_percent(
    run: Run,
) -> None:
    data = report(run, "--delivery", "eindrapportage", "--compare", "tussenrapportage")
    before = data["comparison"]["totals"]
    assert (before["reached"], before["transitions"], before["finished"]) == (651, 340, 464)
    assert before["ongoing"] == 187
    change = {c["key"]: c for c in data["comparison"]["changes"]}["contract.permanent"]
    assert (percent(change["before"]), percent(change["after"])) == (8, 12)


def test_the_json_is_byte_identical_for_the_same_inputs(run: Run) -> None:
    first = run("report", "--delivery", "eindrapportage", "--compare", "tussenrapportage")
    second = run("report", "--delivery", "eindrapportage", "--compare", "tussenrapportage")
    assert first.out == second.out


def test_an_as_of_date_counts_only_what_had_happened(run: Run) -> None:
    early = report(run, "--as-of", "2011-06-01")["totals"]
    full = report(run)["totals"]
    assert early["reached"] < full["reached"]
    assert early["transitions"] < full["transitions"]
    assert report(run, "--as-of", "2010-01-01")["totals"]["reached"] == 0


def test_the_public_report_suppresses_small_cells_and_says_which(run: Run) -> None:
    data = report(run, "--public")
    assert data["public"] is True
    assert data["suppressed"]
    for path in data["suppressed"]:
        assert "target" not in path
    assert data["totals"]["reached"] == 680


def test_the_pdf_text_contains_the_letters_figures(run: Run, tmp_path: Path) -> None:
    pdf = tmp_path / "rapport.pdf"
    result = run(
        "report", "--compare", "tussenrapportage", "--format", "pdf", "-o", pdf, "--lang", "en"
    )
    assert result.code == 0, result.err
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert len(reader.pages) >= 5
    for figure in (
        "785",
        "670",
        "680",
        "404",
        "59%",
        "60%",
        "103",
        "58",
        "39%",
        "51%",
        "10%",
        "68%",
        "74%",
        "20%",
        "33%",
        "17%",
        "12%",
        "84%",
    ):
        assert figure in text, figure
    assert "permanent contracts up from 8% to 12%" in text
    for name in ("Schilder^sCOOL", "Grafimediabranche", "RIVU", "MKB Eindhoven"):
        assert name in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_formats_go_to_stdout(run: Run, fmt: str) -> None:
    result = run("report", "--format", fmt)
    assert result.code == 0, result.err
    assert "Grafimediabranche" in result.out


def test_an_excel_report_has_a_sheet_per_table(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "rapport.xlsx"
    assert run("report", "--format", "xlsx", "-o", target, "--lang", "en").code == 0
    sheets = load_workbook(target).sheetnames
    assert sheets[:5] == ["About", "Targets", "Age", "Education", "Contracts"]


def test_unknown_deliveries_and_bad_settings_are_refused_clearly(run: Run) -> None:
    missing = run("report", "--delivery", "eind")
    assert missing.code == 1
    assert "No delivery named 'eind'" in missing.err
    bad = run("report", "--min-cell", "0")
    assert bad.code == 2
    assert "minimum cell size must be at least 1" in bad.err
    binary = run("report", "--format", "pdf")
    assert binary.code == 2
    assert "-o FILE" in binary.err


def test_the_public_comparison_still_shows_the_change_in_permanent_contracts(run: Run) -> None:
    data = report(run, "--public", "--compare", "tussenrapportage")
    change = {c["key"]: c for c in data["comparison"]["changes"]}["contract.permanent"]
    assert (percent(change["before"]), percent(change["after"])) == (8, 12)


def test_public_success_factors_leave_out_the_per_project_counts(run: Run) -> None:
    data = report(run, "--public", "--factors")
    assert "rates" not in data["success_factors"]
    assert "caveat" in data["success_factors"]


def test_the_workbook_keeps_decimals_and_percentages_as_numbers(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "rapport.xlsx"
    assert run("report", "--format", "xlsx", "-o", target, "--lang", "nl").code == 0
    book = load_workbook(target)
    ages = {row[0]: row[1] for row in book.worksheets[2].iter_rows(values_only=True)}
    assert ages["Schilder^sCOOL"] == pytest.approx(20.9, abs=0.05)
    targets = {row[0]: row for row in book.worksheets[1].iter_rows(values_only=True)}
    assert targets["RIVU"][3] == pytest.approx(0.97)
