"""A report on one project and a handful of participants reads well: the singular where there
is one project, and a success-factor section that says in words why no model was fitted."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, valid_tables, write_tables
from tests.language import leaks, visible_text

Run = Callable[..., CliResult]


@pytest.fixture
def one_project(run: Run, tmp_path: Path, db: None) -> None:  # noqa: ARG001 (the database)
    tables = valid_tables()
    tables["projects"] = [p for p in tables["projects"] if p["code"] == "bouw"]
    tables["participants"] = [p for p in tables["participants"] if p["project"] == "bouw"]
    keys = {p["id"] for p in tables["participants"]}
    tables["outcomes"] = [o for o in tables["outcomes"] if o["participant"] in keys]
    assert run("import", write_tables(tmp_path / "one", tables)).code == 0


def report_text(run: Run, tmp_path: Path, lang: str) -> str:
    out = tmp_path / f"one-{lang}.html"
    result = run("report", "--delivery", "proef", "--lang", lang, "--format", "html", "-o", out)
    assert result.code == 0, result.err
    return " ".join(visible_text(out.read_text(encoding="utf-8")).split())


@pytest.mark.usefixtures("one_project")
def test_a_one_project_report_speaks_of_one_project(run: Run, tmp_path: Path) -> None:
    dutch = report_text(run, tmp_path, "nl")
    assert "De 1 projecten" not in dutch  # the plural came from the formatted count
    assert "Het project had zich ten doel gesteld 10 deelnemers" in dutch
    english = report_text(run, tmp_path, "en")
    assert "The project aimed at 10 participants" in english


@pytest.mark.usefixtures("one_project")
def test_a_one_project_report_says_why_it_has_no_success_factors(run: Run, tmp_path: Path) -> None:
    dutch = report_text(run, tmp_path, "nl")
    section = dutch[dutch.rindex("Succesfactoren") :]
    assert re.match(r"Succesfactoren Er is geen model van succesfactoren geschat\.", section)
    assert "Er is maar één project" in section
    assert "Kenmerk Effect" not in section  # no empty table
    assert leaks(dutch, "nl", besides=["Bouw naar Bouw", "test", "proef"]) == []
