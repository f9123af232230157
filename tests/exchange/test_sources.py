"""Tests for reading a delivery from a CSV folder, a .zip or an .xlsx workbook
(werkbrug.exchange.sources): encodings, delimiters, blank rows, archive safety, typed
workbook cells and damaged files."""

from __future__ import annotations

import codecs
import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import valid_tables, write_tables
from tests.exchange.test_validate import Reading, assert_place, read_delivery
from werkbrug.exchange import SourceError, open_source


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_tables(tmp_path / "delivery", valid_tables())


@pytest.fixture
def plain(folder: Path) -> Reading:
    """The example delivery as read from a plain UTF-8, comma-separated folder."""
    return read_delivery(folder)


def recode(path: Path, encoding: str) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, prefix + path.name)
    return target


# --- encodings --------------------------------------------------------------------------------


def test_a_file_in_utf8_with_a_byte_order_mark_is_read(folder: Path, plain: Reading) -> None:
    for path in folder.iterdir():
        recode(path, "utf-8-sig")
    assert (folder / "projects.csv").read_bytes().startswith(codecs.BOM_UTF8)
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows == plain.rows
    assert reading.content_hash == plain.content_hash


def test_accented_letters_in_utf8_are_read_as_written(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["projects"][0]["name"] = "Bouw & Café – ‘Zuidoost’ €"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.rows["projects"][0][1] == "Bouw & Café – ‘Zuidoost’ €"


def test_a_file_that_is_not_utf8_is_read_as_windows_1252(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["projects"][0]["name"] = "Bouw & Café ‘De Eendracht’ € – ë"
    tables["employers"][0]["name"] = "Bakkerij Ĳzendoorn"  # not in cp1252: this file stays UTF-8
    folder = write_tables(tmp_path / "d", tables)
    recode(folder / "projects.csv", "cp1252")
    with pytest.raises(UnicodeDecodeError):
        (folder / "projects.csv").read_bytes().decode("utf-8")
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows["projects"][0][1] == "Bouw & Café ‘De Eendracht’ € – ë"
    assert reading.rows["employers"][0][1] == "Bakkerij Ĳzendoorn"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_refused(folder: Path, encoding: str) -> None:
    recode(folder / "participants.csv", encoding)
    with pytest.raises(SourceError) as error:
        open_source(folder)
    assert error.value.file == "participants.csv"
    assert "UTF-16" in error.value.template


def test_a_file_that_is_neither_utf8_nor_windows_1252_is_refused(folder: Path) -> None:
    path = folder / "employers.csv"
    path.write_bytes(path.read_bytes() + b"E2,Bedrijf \x81\x8d\x90,F,3511,bouw\n")
    with pytest.raises(SourceError) as error:
        open_source(folder)
    assert error.value.file == "employers.csv"


def test_a_file_with_bytes_invalid_in_utf8_beyond_the_first_megabyte_is_still_detected(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["vacancies"][0]["title"] = "x" * 200
    base = tables["vacancies"][0]
    tables["vacancies"] = [dict(base, id=f"V{i}") for i in range(6000)]  # about 1.4 MB
    tables["vacancies"][-1]["title"] = "Caf\xe9medewerker"
    folder = write_tables(tmp_path / "d", tables)
    recode(folder / "vacancies.csv", "cp1252")
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows["vacancies"][-1][2] == "Caf\xe9medewerker"


# --- delimiters and blank rows ----------------------------------------------------------------


def test_semicolon_separated_files_are_detected(tmp_path: Path, plain: Reading) -> None:
    folder = write_tables(tmp_path / "semi", valid_tables(), delimiter=";")
    with open_source(folder) as source:
        assert {t.delimiter for t in source.tables.values()} == {";"}
        assert all(t.decimal_comma for t in source.tables.values())
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows == plain.rows
    assert reading.content_hash == plain.content_hash


def test_comma_and_semicolon_files_may_be_mixed_in_one_delivery(
    tmp_path: Path, plain: Reading
) -> None:
    folder = write_tables(tmp_path / "mixed", valid_tables())
    semi = write_tables(tmp_path / "semi", valid_tables(), delimiter=";")
    (folder / "participants.csv").write_bytes((semi / "participants.csv").read_bytes())
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows == plain.rows


def test_a_decimal_comma_is_read_in_a_semicolon_file(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0]["hours_before"] = "37,5"
    tables["projects"][0]["budget_eur"] = "1.234.567,89"
    reading = read_delivery(write_tables(tmp_path / "d", tables, delimiter=";"))
    assert reading.rendered == []
    assert reading.rows["participants"][0][11] == Decimal("37.5")
    assert reading.rows["projects"][0][9] == Decimal("1234567.89")


def test_a_decimal_comma_is_refused_in_a_comma_file(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0]["hours_before"] = "37,5"  # quoted by the CSV writer
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("participants.csv", 2, "hours_before")]


def test_quoted_cells_may_hold_the_delimiter_quotes_and_line_breaks(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["projects"][0]["name"] = 'Bouw, "Infra"; en\nmeer'
    for delimiter in (",", ";"):
        reading = read_delivery(write_tables(tmp_path / delimiter, tables, delimiter=delimiter))
        assert reading.rendered == []
        assert reading.rows["projects"][0][1] == 'Bouw, "Infra"; en\nmeer'


def test_blank_rows_and_rows_of_empty_cells_are_skipped(tmp_path: Path, plain: Reading) -> None:
    folder = write_tables(tmp_path / "d", valid_tables(), delimiter=";")
    path = folder / "participants.csv"
    lines = path.read_text().splitlines()
    path.write_text("\r\n".join([lines[0], lines[1], "", ";;;;;;;;;;;", *lines[2:], ";;;", ""]))
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.validator.counts == plain.validator.counts
    assert reading.rows == plain.rows


def test_lines_are_counted_as_in_the_file_even_after_skipped_rows(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][1]["gender"] = "q"
    folder = write_tables(tmp_path / "d", tables, delimiter=";")
    path = folder / "participants.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[1], "", ";;;;", lines[2], *lines[3:]]) + "\n")
    reading = read_delivery(folder)
    assert len(reading.errors) == 1
    assert_place(reading.errors[0], "participants.csv", 5, "gender")


def test_windows_line_endings_are_read(folder: Path, plain: Reading) -> None:
    for path in folder.iterdir():
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows == plain.rows


def test_a_semicolon_file_starting_with_a_blank_line_is_still_read(
    tmp_path: Path, plain: Reading
) -> None:
    folder = write_tables(tmp_path / "d", valid_tables(), delimiter=";")
    path = folder / "projects.csv"
    path.write_text("\n" + path.read_text())
    reading = read_delivery(folder)
    assert reading.errors == []
    assert reading.rows == plain.rows


def test_a_row_of_only_spaces_is_skipped_like_a_blank_row(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables(), delimiter=";")
    with open(folder / "participants.csv", "a") as handle:
        handle.write(" ; ;  ;\n")
    assert read_delivery(folder).errors == []


# --- folders ----------------------------------------------------------------------------------


def test_file_names_are_found_in_any_case(folder: Path, plain: Reading) -> None:
    (folder / "participants.csv").rename(folder / "Participants.CSV")
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows == plain.rows


def test_an_unknown_csv_file_is_reported_as_a_warning(folder: Path) -> None:
    (folder / "notities.csv").write_text("wat,waarom\nx,y\n")
    reading = read_delivery(folder)
    assert reading.errors == []
    assert len(reading.warnings) == 1
    assert_place(reading.warnings[0], "notities.csv", None, None)
    assert reading.warnings[0].render().startswith("notities.csv: warning: ")


def test_files_that_are_not_csv_and_subfolders_are_left_alone(folder: Path) -> None:
    (folder / "README.txt").write_text("toelichting")
    (folder / "oud").mkdir()
    (folder / "oud" / "projects.csv").write_text("kapot")
    assert read_delivery(folder).rendered == []


def test_a_folder_holding_one_table_twice_in_different_case_is_refused(folder: Path) -> None:
    if (folder / "PROJECTS.CSV").exists():
        pytest.skip("the file system ignores case in file names")
    text = (folder / "projects.csv").read_text().replace("Bouw naar Bouw", "Een andere naam")
    (folder / "Projects.csv").write_text(text)
    try:
        reading = read_delivery(folder)
    except SourceError:
        return
    assert reading.errors, "one of the two files was ignored without a word"


def test_a_path_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        open_source(tmp_path / "nergens")


@pytest.mark.parametrize("name", ["levering.csv", "levering.ods", "levering.xls"])
def test_a_single_file_that_is_not_a_workbook_or_archive_is_refused(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / name).write_text("code,name\n")
    with pytest.raises(SourceError) as error:
        open_source(tmp_path / name)
    assert error.value.file == name


def test_a_stray_quote_swallowing_a_huge_file_is_reported_not_raised(folder: Path) -> None:
    with open(folder / "vacancies.csv", "a") as handle:
        handle.write('V2,E1,"Stray quote\n')
        handle.write(("x" * 1023 + "\n") * (17 * 1024))
    reading = read_delivery(folder)
    assert any(p.file == "vacancies.csv" for p in reading.errors)


# --- zip archives -----------------------------------------------------------------------------


def test_a_zip_of_the_csv_files_reads_like_the_folder(
    tmp_path: Path, folder: Path, plain: Reading
) -> None:
    reading = read_delivery(zip_folder(folder, tmp_path / "levering.zip"))
    assert reading.rendered == []
    assert reading.rows == plain.rows
    assert reading.content_hash == plain.content_hash


def test_a_zip_with_the_files_in_a_subfolder_is_read_and_names_them_in_problems(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["participants"][2]["gender"] = "q"
    folder = write_tables(tmp_path / "d", tables)
    archive = zip_folder(folder, tmp_path / "levering.zip", prefix="levering 2012/")
    with zipfile.ZipFile(archive, "a") as handle:
        handle.writestr("__MACOSX/levering 2012/._projects.csv", b"\x00\x05\x16\x07")
        handle.writestr("levering 2012/", b"")
    reading = read_delivery(archive)
    assert len(reading.rendered) == 1
    assert_place(reading.errors[0], "levering.zip/levering 2012/participants.csv", 4, "gender")
    assert reading.validator.counts["participants"] == 5


def test_an_unknown_csv_file_in_a_zip_is_a_warning(tmp_path: Path, folder: Path) -> None:
    (folder / "extra.csv").write_text("a,b\n1,2\n")
    reading = read_delivery(zip_folder(folder, tmp_path / "levering.zip"))
    assert reading.errors == []
    assert [p.file for p in reading.warnings] == ["levering.zip/extra.csv"]


@pytest.mark.parametrize(
    "member",
    [
        "../projects.csv",
        "levering/../../projects.csv",
        "/etc/projects.csv",
        "..\\projects.csv",
        "C:/levering/projects.csv",
        "C:\\levering\\projects.csv",
        "\\\\server\\share\\projects.csv",
    ],
)
def test_a_zip_member_pointing_outside_the_archive_is_refused(
    tmp_path: Path, folder: Path, member: str
) -> None:
    archive = zip_folder(folder, tmp_path / "levering.zip")
    with zipfile.ZipFile(archive, "a") as handle:
        handle.writestr(zipfile.ZipInfo(member), b"code,name\n")
    with pytest.raises(SourceError) as error:
        open_source(archive)
    assert error.value.file == "levering.zip"
    assert member in str(error.value)


def test_a_zip_holding_a_table_twice_is_refused(tmp_path: Path, folder: Path) -> None:
    archive = zip_folder(folder, tmp_path / "levering.zip")
    with zipfile.ZipFile(archive, "a") as handle:
        handle.write(folder / "projects.csv", "oud/projects.csv")
    with pytest.raises(SourceError) as error:
        open_source(archive)
    assert "projects.csv" in str(error.value)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really", b"code,name\nbouw,x\n"])
def test_a_damaged_zip_is_refused(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "levering.zip").write_bytes(content)
    with pytest.raises(SourceError) as error:
        open_source(tmp_path / "levering.zip")
    assert error.value.file == "levering.zip"


def test_a_truncated_zip_is_refused(tmp_path: Path, folder: Path) -> None:
    archive = zip_folder(folder, tmp_path / "levering.zip")
    archive.write_bytes(archive.read_bytes()[:-30])
    with pytest.raises(SourceError):
        open_source(archive)


def mark_encrypted(archive: Path) -> None:
    """Set the 'encrypted' flag of every member, as a password-protected zip has."""
    data = bytearray(archive.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 1
            at = data.find(signature, at + 4)
    archive.write_bytes(bytes(data))


def test_a_password_protected_zip_is_refused_with_a_source_error(
    tmp_path: Path, folder: Path
) -> None:
    archive = zip_folder(folder, tmp_path / "levering.zip")
    mark_encrypted(archive)
    with pytest.raises(SourceError):
        open_source(archive)


def test_a_zip_member_with_damaged_data_is_refused_with_a_source_error(
    tmp_path: Path, folder: Path
) -> None:
    archive = tmp_path / "levering.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as handle:
        for path in sorted(folder.iterdir()):
            handle.write(path, path.name)
    data = bytearray(archive.read_bytes())
    data[data.find(b"Bouw naar Bouw")] = ord("X")
    archive.write_bytes(bytes(data))
    try:
        read_delivery(archive)
    except SourceError:
        return
    raise AssertionError("a damaged member was read without complaint")


# --- xlsx workbooks ---------------------------------------------------------------------------


def typed_workbook(path: Path) -> Path:
    """A workbook as Excel users make it: real dates, numbers and booleans, not text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Projects"
    sheet.append(
        [
            "code",
            "name",
            "start_date",
            "end_date",
            "target_participants",
            "target_transitions",
            "budget_eur",
            "union_involved",
            "sector",
        ]
    )
    sheet.append(
        [
            "bouw",
            "Bouw naar Bouw",
            dt.datetime(2010, 12, 1),
            dt.date(2011, 11, 30),
            10,
            8.0,
            1234.5,
            True,
            "f",
        ]
    )
    sheet.append(["regio", "Regio", "01-01-2011", None, 5, 4, 100000, False, None])
    sheet = workbook.create_sheet("participants")
    sheet.append(
        [
            "id",
            "project",
            "intake_date",
            "birth_year",
            "postcode",
            "occupation",
            "hours_before",
            "education",
        ]
    )
    sheet.append(["P001", "bouw", dt.datetime(2011, 2, 11), 1968, 3511, 7115, 37.5, "LBO"])
    sheet.append([None] * 8)
    sheet.append(["P002", "regio", dt.date(2011, 3, 1), 1970.0, "3512 AB", "2221", 38, None])
    sheet = workbook.create_sheet("outcomes")
    sheet.append(["participant", "outcome", "date", "hours", "benefit_days"])
    sheet.append(["P001", "work", dt.datetime(2011, 9, 1), 36.0, 0])
    workbook.create_sheet("Toelichting").append(["Deze levering bevat ..."])
    workbook.save(path)
    return path


def test_typed_cells_of_a_workbook_are_read_as_their_values(tmp_path: Path) -> None:
    reading = read_delivery(typed_workbook(tmp_path / "levering.xlsx"), name="werkboek")
    assert reading.errors == []
    bouw, regio = reading.rows["projects"]
    assert bouw[5:9] == [dt.date(2010, 12, 1), dt.date(2011, 11, 30), 10, 8]
    assert bouw[9] == Decimal("1234.5")
    assert bouw[14] is True
    assert bouw[3] == "F"
    assert regio[5:7] == [dt.date(2011, 1, 1), None]
    assert regio[9] == Decimal(100000)
    assert regio[14] is False
    first, second = reading.rows["participants"]
    assert first[2] == dt.date(2011, 2, 11)
    assert first[4] == 1968
    assert first[6] == "vmbo"
    assert first[8] == "7115"
    assert first[10] == "3511"
    assert first[11] == Decimal("37.5")
    assert second[4] == 1970
    assert second[10] == "3512"
    assert reading.rows["outcomes"] == [
        ["P001", "work", dt.date(2011, 9, 1), None, Decimal(36), None, None, None, 0],
    ]


def test_an_unknown_sheet_is_a_warning_and_rows_keep_their_excel_numbers(tmp_path: Path) -> None:
    path = typed_workbook(tmp_path / "levering.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["participants"].cell(row=4, column=8, value="mbo5")
    workbook.save(path)
    reading = read_delivery(path, name="werkboek")
    assert [p.file for p in reading.warnings] == ["levering.xlsx[Toelichting]"]
    assert len(reading.errors) == 1
    assert_place(reading.errors[0], "levering.xlsx[participants]", 4, "education")


def test_a_date_with_a_time_of_day_in_a_workbook_is_not_a_date(tmp_path: Path) -> None:
    path = typed_workbook(tmp_path / "levering.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["outcomes"].cell(row=2, column=3, value=dt.datetime(2011, 9, 1, 10, 30))
    workbook.save(path)
    reading = read_delivery(path, name="werkboek")
    assert reading.error_places == [("levering.xlsx[outcomes]", 2, "date")]
    assert "2011-09-01 10:30:00" in reading.errors[0].message()


def test_a_fraction_in_a_whole_number_column_of_a_workbook_is_refused(tmp_path: Path) -> None:
    path = typed_workbook(tmp_path / "levering.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["Projects"].cell(row=2, column=5, value=10.5)
    workbook.save(path)
    reading = read_delivery(path, name="werkboek")
    assert reading.error_places == [("levering.xlsx[Projects]", 2, "target_participants")]


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.8, 0.97])
def test_a_truncated_workbook_is_refused(tmp_path: Path, keep: float) -> None:
    whole = typed_workbook(tmp_path / "levering.xlsx").read_bytes()
    cut = tmp_path / "afgebroken.xlsx"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    with pytest.raises(SourceError) as error:
        open_source(cut)
    assert error.value.file == "afgebroken.xlsx"


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "levering.xlsx").write_text("code;name\nbouw;Bouw\n")
    with pytest.raises(SourceError):
        open_source(tmp_path / "levering.xlsx")
