"""``werkbrug grants check`` and ``werkbrug grants determine``, run in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliResult
from tests.grants.builders import (
    application_2010,
    application_2013,
    award_2013,
    changed,
    declaration_2013,
    write,
)

Run = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def _dutch_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WERKBRUG_LANG", raising=False)


def test_check_prints_the_report_and_exits_0_when_no_rule_fails(run: Run, tmp_path: Path) -> None:
    result = run("grants", "check", write(tmp_path, "app.json", application_2010()))
    assert (result.code, result.err) == (0, "")
    report = json.loads(result.out)
    assert [entry["rule"] for entry in report] == [
        "tb2010.applicant",
        "tb2010.workers",
        "tb2010.window",
        "tb2010.plan",
        "tb2010.cofinancing",
        "tb2010.duration",
        "tb2010.requested",
        "tb2010.target_group",
    ]
    assert report[4] == {
        "rule": "tb2010.cofinancing",
        "article": "5.2",
        "status": "passed",
        "message": {
            "nl": "De eigen middelen dekken 58,3% van de kosten (€ 140.000 van € 240.000); ten "
            "minste 50% is vereist (artikel 5, tweede lid).",
            "en": "Own funds cover 58.3% of the costs (€140,000 of €240,000); at least 50% is "
            "required (article 5(2)).",
        },
    }
    assert {entry["status"] for entry in report} == {"passed", "judgement"}


def test_check_exits_2_when_a_rule_fails(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "app.json", changed(application_2013(), "requested_eur", "200000"))
    result = run("grants", "check", path)
    assert result.code == 2
    failed = [e for e in json.loads(result.out) if e["status"] == "failed"]
    assert [(e["rule"], e["article"]) for e in failed] == [("sp2013.minimum", "2.3.1")]


def test_check_as_a_table_in_dutch_and_english(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "app.json", changed(application_2010(), "complete_on", "2010-11-02"))
    dutch = run("grants", "check", path, "--format", "table")
    assert dutch.code == 2
    assert (
        "niet voldaan    tb2010.window       5.1     Aanvragen konden worden ingediend tot en "
        "met 31 oktober 2010 (artikel 5, eerste lid); deze aanvraag dateert van 2 november 2010."
    ) in dutch.out.splitlines()
    assert dutch.out.splitlines()[-1] == "8 regels: 6 voldaan, 1 niet voldaan, 1 ter beoordeling"
    english = run("grants", "check", path, "--format", "table", "--lang", "en")
    assert english.out.splitlines()[-1] == "8 rules: 6 passed, 1 failed, 1 to be assessed"


def test_check_takes_the_calls_window(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "app.json", changed(application_2010(), "complete_on", "2010-11-02"))
    assert run("grants", "check", path, "--window-end", "2010-11-30").code == 0
    assert run("grants", "check", path, "--window-end", "2010-11-01").code == 2


def test_a_broken_file_exits_2_with_file_and_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "app.json"
    path.write_text('{"format": "werkbrug-application/1",\n "scheme": }', encoding="utf-8")
    result = run("grants", "check", path, "--lang", "en")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"{path}:2: not valid JSON: Expecting value (column 12)\n"


def test_a_bad_field_exits_2_with_file_and_field_path(run: Run, tmp_path: Path) -> None:
    data = changed(application_2013(), "measures.2.cost_eur", "honderd")
    result = run("grants", "check", write(tmp_path, "app.json", data))
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(
        f"{tmp_path / 'app.json'}: measures[2].cost_eur: 'honderd' is geen bedrag in euro's;"
    )


def test_warnings_go_to_stderr_and_do_not_change_the_exit_status(run: Run, tmp_path: Path) -> None:
    data = changed(application_2010(), "notes", "bijlage volgt")
    result = run("grants", "check", write(tmp_path, "app.json", data), "--lang", "en")
    assert result.code == 0
    assert result.err.startswith(f"{tmp_path / 'app.json'}: notes: warning: unknown field")


def test_a_file_name_with_control_characters_is_shown_escaped(run: Run, tmp_path: Path) -> None:
    result = run("grants", "check", tmp_path / "x\x1b[2J.json", "--lang", "en")
    assert result.code == 2
    assert "\x1b" not in result.err
    assert "x\\x1b[2J.json: file not found" in result.err


def test_a_bad_date_option_is_refused_by_the_command_line(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("grants", "check", tmp_path / "a.json", "--window-end", "eind oktober")
    assert exit_info.value.code == 2
    assert "'eind oktober' is not a date; use YYYY-MM-DD" in capsys.readouterr().err


def files(tmp_path: Path, **declaration: Any) -> list[Path]:
    """The 2013 award, and its declaration with ``declaration``'s fields changed."""
    return [
        write(tmp_path, "award.json", award_2013()),
        write(tmp_path, "declaration.json", {**declaration_2013(), **declaration}),
    ]


def test_determine_prints_the_determination(run: Run, tmp_path: Path) -> None:
    award, declaration = files(tmp_path)
    result = run("grants", "determine", "--award", award, "--declaration", declaration)
    assert (result.code, result.err) == (0, "")
    found = json.loads(result.out)
    assert list(found) == [
        "scheme",
        "award",
        "eligible_awarded_eur",
        "eligible_realised_eur",
        "realised_share",
        "measures_subsidy_eur",
        "overhead_eur",
        "subsidy_eur",
        "rule",
        "advances_paid_eur",
        "balance_eur",
        "reasons",
    ]
    assert (found["subsidy_eur"], found["balance_eur"], found["rule"]) == (
        "471250.00",
        "391250.00",
        "full",
    )
    assert found["reasons"][0]["article"] == "4.4"
    assert set(found["reasons"][0]["message"]) == {"nl", "en"}


def test_determine_nil_or_reduced(run: Run, tmp_path: Path) -> None:
    # 300.000 + 200.000 + 30.000 = 530.000 of 900.000 (58,9%): nil, or 319.750 reduced.
    measures = [
        {"code": "M1", "eligible_cost_eur": "300000"},
        {"code": "M2", "eligible_cost_eur": "200000"},
        {"code": "M3", "eligible_cost_eur": "30000", "wage_costs_eur": "200000"},
    ]
    award, declaration = files(tmp_path, measures=measures)
    options = ["grants", "determine", "--award", award, "--declaration", declaration]
    nil = json.loads(run(*options).out)
    assert (nil["rule"], nil["subsidy_eur"], nil["balance_eur"]) == ("nil", "0.00", "-80000.00")
    reduced = json.loads(run(*options, "--reduce").out)
    assert (reduced["rule"], reduced["subsidy_eur"]) == ("reduced", "319750.00")


def test_determine_as_a_table(run: Run, tmp_path: Path) -> None:
    award, declaration = files(tmp_path)
    result = run(
        "grants", "determine", "--award", award, "--declaration", declaration, "--format", "table"
    )
    assert result.code == 0
    lines = result.out.splitlines()
    assert "Subsidie                    € 471.250" in lines
    assert "Saldo                       € 391.250" in lines
    assert "Motivering:" in lines
    english = run(
        "grants",
        "determine",
        "--award",
        award,
        "--declaration",
        declaration,
        "--format",
        "table",
        "--lang",
        "en",
    )
    assert "Subsidy            €471,250" in english.out.splitlines()


def test_determine_refuses_a_declaration_of_another_award(run: Run, tmp_path: Path) -> None:
    award, declaration = files(tmp_path, award="SP-2014-001")
    result = run(
        "grants", "determine", "--award", award, "--declaration", declaration, "--lang", "en"
    )
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{declaration}: award: this declaration belongs to award 'SP-2014-001', not to "
        "'SP-2013-017'\n"
    )


def test_determine_reports_both_broken_files(run: Run, tmp_path: Path) -> None:
    award = write(tmp_path, "award.json", changed(award_2013(), "maximum_eur", "veel"))
    declaration = write(tmp_path, "declaration.json", application_2010())
    result = run(
        "grants", "determine", "--award", award, "--declaration", declaration, "--lang", "en"
    )
    assert result.code == 2
    assert result.err.splitlines() == [
        f"{award}: maximum_eur: 'veel' is not an amount in euros; write for example "
        '"250000.00", 250000 or "250.000,00" (at most two decimals, no currency sign)',
        f"{declaration}: format: this is an application, not a declaration; this must be "
        "'werkbrug-declaration/1'",
    ]
