"""Write → read round trips: what the exchange writer exports (a CSV folder or an .xlsx
workbook) reads back to exactly the same typed rows and the same content hash."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import valid_tables, write_tables
from tests.exchange.test_validate import (
    DECIMAL_COLUMNS,
    Reading,
    Tables,
    copy,
    deliveries,
    read_delivery,
    write_delivery,
)
from werkbrug.exchange import TABLE_ORDER, TABLES, write_csv_folder, write_xlsx


def export(reading: Reading, target: Path, form: str) -> Path:
    """Write what was read as a CSV folder (``form="csv"``) or a workbook (``"xlsx"``)."""
    meta = reading.validator.read_meta()
    tables = [(TABLES[name], rows) for name, rows in reading.rows.items()]
    if form == "csv":
        write_csv_folder(target, meta, tables)
        return target
    workbook = target.with_suffix(".xlsx")
    write_xlsx(workbook, meta, tables)
    return workbook


def with_decimal_comma(tables: Tables) -> Tables:
    """The same tables as Dutch Excel writes them in a ';' file: 37,5 instead of 37.5."""
    changed = copy(tables)
    for name, columns in DECIMAL_COLUMNS.items():
        for row in changed.get(name, []):
            for column in columns:
                row[column] = row[column].replace(".", ",")
    return changed


def assert_round_trip(tables: Tables, delimiter: str, form: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = tables if delimiter == "," else with_decimal_comma(tables)
        first = read_delivery(write_delivery(Path(tmp) / "in", source, delimiter=delimiter))
        assert first.rendered == []
        second = read_delivery(export(first, Path(tmp) / "out", form))
    assert second.rendered == []
    assert second.rows == first.rows
    assert second.content_hash == first.content_hash
    assert second.validator.counts == first.validator.counts
    assert second.validator.read_meta() == first.validator.read_meta()


@settings(max_examples=50, deadline=None)
@given(tables=deliveries(), delimiter=st.sampled_from([",", ";"]))
def test_a_valid_delivery_written_as_csv_reads_back_to_the_same_rows_and_hash(
    tables: Tables, delimiter: str
) -> None:
    assert_round_trip(tables, delimiter, "csv")


@settings(max_examples=50, deadline=None)
@given(tables=deliveries(), delimiter=st.sampled_from([",", ";"]))
def test_a_valid_delivery_written_as_xlsx_reads_back_to_the_same_rows_and_hash(
    tables: Tables, delimiter: str
) -> None:
    assert_round_trip(tables, delimiter, "xlsx")


@settings(max_examples=25, deadline=None)
@given(tables=deliveries())
def test_exporting_an_exported_delivery_again_gives_the_same_files(tables: Tables) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = read_delivery(write_delivery(Path(tmp) / "in", tables))
        once = export(first, Path(tmp) / "once", "csv")
        twice = export(read_delivery(once), Path(tmp) / "twice", "csv")
        files = sorted(p.name for p in once.iterdir())
        assert files == sorted(p.name for p in twice.iterdir())
        for name in files:
            assert (once / name).read_bytes() == (twice / name).read_bytes()


# --- examples ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_the_example_delivery_survives_a_round_trip(form: str) -> None:
    assert_round_trip(valid_tables(), ",", form)
    assert_round_trip(valid_tables(), ";", form)


def test_the_csv_export_writes_canonical_values_in_utf8_with_commas(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0].update(
        intake_date="11-02-2011",
        education="LBO",
        gender="M",
        hours_before="37,50",
        postcode="3511 ab",
    )
    tables["projects"][0].update(
        individual_contribution="Nee",
        union_involved="JA",
        budget_eur="100.000,00",
        name="Bouw, Infra & Café",
    )
    reading = read_delivery(write_tables(tmp_path / "in", tables, delimiter=";"))
    assert reading.rendered == []
    out = export(reading, tmp_path / "out", "csv")

    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLE_ORDER)
    participants = (out / "participants.csv").read_bytes().decode("utf-8").split("\n")
    assert participants[0] == ",".join(TABLES["participants"].column_names)
    assert participants[1] == "P001,bouw,2011-02-11,1968-05-02,,m,vmbo,threatened,7115,F,3511,37.5"
    assert participants[-1] == ""  # every line ends with \n, no \r
    projects = (out / "projects.csv").read_text(encoding="utf-8").split("\n")
    assert projects[1].startswith('bouw,"Bouw, Infra & Café",sector,F,,2010-12-01,2011-11-30,')
    assert ",100000,50000,50000,false,true,true,covenant,continued" in projects[1]
    delivery = (out / "delivery.csv").read_text(encoding="utf-8").split("\n")
    assert delivery[:2] == ["name,delivered_on,description", "proef,2012-06-15,test"]
    assert not (out / "participants.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_csv_export_writes_the_name_given_as_an_option(tmp_path: Path) -> None:
    tables = valid_tables()
    del tables["delivery"]
    reading = read_delivery(
        write_tables(tmp_path / "in", tables), name="optie", delivered_on=dt.date(2013, 1, 2)
    )
    out = export(reading, tmp_path / "out", "csv")
    assert (out / "delivery.csv").read_text().split("\n")[1] == "optie,2013-01-02,"
    again = read_delivery(out)
    assert again.validator.read_meta().name == "optie"
    assert again.content_hash == reading.content_hash


def test_the_xlsx_export_has_a_sheet_per_table_with_typed_numbers_and_dates(
    tmp_path: Path,
) -> None:
    reading = read_delivery(write_tables(tmp_path / "in", valid_tables()))
    path = export(reading, tmp_path / "levering", "xlsx")
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == list(TABLE_ORDER)
    projects = list(workbook["projects"].iter_rows(values_only=True))
    assert projects[0] == TABLES["projects"].column_names
    bouw = projects[1]
    assert bouw[5] == dt.datetime(2010, 12, 1)  # a real date, not text
    assert bouw[7] == 10
    assert bouw[9] == 100000
    assert bouw[12] == "false"
    participants = list(workbook["participants"].iter_rows(values_only=True))
    assert participants[1][8] == "7115"  # codes stay text: no leading zeros lost
    assert participants[1][11] == 38
    workbook.close()


def test_an_isco_code_with_a_leading_zero_survives_both_exports(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0]["occupation"] = "0110"
    tables["employers"][0]["postcode"] = "1011"
    reading = read_delivery(write_tables(tmp_path / "in", tables))
    for form in ("csv", "xlsx"):
        again = read_delivery(export(reading, tmp_path / form, form))
        assert again.rows == reading.rows
        assert again.rows["participants"][0][8] == "0110"


# --- edge cases, some of them known failures ------------------------------------------------


def round_trip_or_refusal(tmp_path: Path, tables: Tables, form: str) -> None:
    """Either the importer refuses the value, or it survives an export and re-import."""
    first = read_delivery(write_tables(tmp_path / "in", tables))
    if first.errors:
        return
    second = read_delivery(export(first, tmp_path / "out", form))
    assert second.rendered == []
    assert second.rows == first.rows
    assert second.content_hash == first.content_hash


def test_text_starting_with_an_equals_sign_survives_the_xlsx_export(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["projects"][0]["name"] = "=1+1"
    tables["employers"][0]["name"] = '=HYPERLINK("http://example.org","klik")'
    round_trip_or_refusal(tmp_path, tables, "xlsx")


def test_text_with_a_control_character_is_refused_or_survives_the_xlsx_export(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["projects"][0]["name"] = "Bouw\x07naar Bouw"
    round_trip_or_refusal(tmp_path, tables, "xlsx")


def test_minus_zero_hours_keep_their_hash_through_the_xlsx_export(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0]["hours_before"] = "-0"
    round_trip_or_refusal(tmp_path, tables, "xlsx")


def test_a_birth_date_at_the_end_of_1899_is_refused_or_survives_the_xlsx_export(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["participants"][0]["birth_date"] = "1899-12-31"
    round_trip_or_refusal(tmp_path, tables, "xlsx")


def test_skills_of_only_separators_survive_a_round_trip(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["vacancies"][0]["skills"] = " | "
    round_trip_or_refusal(tmp_path, tables, "csv")
