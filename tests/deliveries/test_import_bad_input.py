"""Bad input through the CLI: every case names file, line and column, says what is allowed,
leaves the database as it was and exits with status 2."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult, valid_tables, write_tables
from werkbrug.deliveries.models import (
    Delivery,
    DeliveryEmployer,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
    DeliveryVacancy,
)

pytestmark = pytest.mark.django_db

Run = Callable[..., CliResult]
MODELS = (
    Delivery,
    DeliveryProject,
    DeliveryParticipant,
    DeliveryOutcome,
    DeliveryEmployer,
    DeliveryVacancy,
)


def snapshot() -> list[int]:
    return [m.objects.count() for m in MODELS]


def refused(run: Run, path: Path, *args: str) -> str:
    before = snapshot()
    result = run("import", path, *args)
    assert result.code == 2, result
    assert "nothing was saved" in result.err
    assert snapshot() == before
    return result.err


def test_a_tab_separated_file_is_refused_with_a_hint_about_the_delimiter(
    run: Run, tmp_path: Path
) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    write_tables(folder, {"participants": valid_tables()["participants"]}, delimiter="\t")
    err = refused(run, folder)
    assert "participants.csv:1: id: required column is missing" in err
    assert "separate columns with ',' or ';'" in err


def test_a_utf16_file_is_refused_with_the_encoding_to_use(run: Run, tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    text = (folder / "projects.csv").read_text(encoding="utf-8")
    (folder / "projects.csv").write_bytes(text.encode("utf-16"))
    err = refused(run, folder)
    assert "projects.csv: is UTF-16 or binary; in Excel, save it as 'CSV UTF-8'" in err


def test_a_windows_1252_semicolon_file_with_decimal_commas_is_read(
    run: Run, tmp_path: Path
) -> None:
    tables = valid_tables()
    tables["projects"][0]["name"] = "Schilders één"
    tables["projects"][0]["budget_eur"] = "1.234,50"
    folder = write_tables(tmp_path / "d", {k: v for k, v in tables.items() if k != "projects"})
    write_tables(folder, {"projects": tables["projects"]}, delimiter=";")
    raw = (folder / "projects.csv").read_text(encoding="utf-8")
    (folder / "projects.csv").write_bytes(raw.encode("cp1252"))
    result = run("import", folder)
    assert result.code == 0, result.err
    project = DeliveryProject.objects.get(code="bouw")
    assert project.name == "Schilders één"
    assert str(project.budget_eur) == "1234.50"


def test_a_missing_required_column_is_named(run: Run, tmp_path: Path) -> None:
    tables = valid_tables()
    for row in tables["participants"]:
        del row["intake_date"]
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert "participants.csv:1: intake_date: required column is missing" in err


def test_unknown_codes_are_listed_with_what_is_allowed(run: Run, tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][2]["education"] = "university"
    tables["outcomes"][0]["contract"] = "forever"
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert "participants.csv:4: education: unknown code 'university'; use one of: " in err
    assert "vmbo" in err
    assert (
        "outcomes.csv:2: contract: unknown code 'forever'; use one of: fixed_term, permanent, "
        "agency, on_call, other"
    ) in err


def test_duplicate_ids_are_refused(run: Run, tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][3]["id"] = "P001"
    tables["projects"][1]["code"] = "bouw"
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert "participants.csv:5: id: duplicate 'P001'" in err
    assert "projects.csv:3: code: duplicate 'bouw'; also on line 2" in err


def test_an_outcome_for_an_unknown_participant_is_refused(run: Run, tmp_path: Path) -> None:
    tables = valid_tables()
    tables["outcomes"][1]["participant"] = "P999"
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert (
        "outcomes.csv:3: participant: 'P999' is not found in column id of participants.csv" in err
    )


def test_an_outcome_before_intake_is_refused(run: Run, tmp_path: Path) -> None:
    tables = valid_tables()
    tables["outcomes"][0]["date"] = "2010-01-01"
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert "outcomes.csv:2: date: 2010-01-01 is before the participant's intake_date" in err


def test_an_end_before_the_start_is_refused(run: Run, tmp_path: Path) -> None:
    tables = valid_tables()
    tables["projects"][0]["end_date"] = "30-11-2010"
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert (
        "projects.csv:2: end_date: 2010-11-30 is before start_date 2010-12-01; "
        "the end must be on or after the start"
    ) in err


@pytest.mark.parametrize(
    ("value", "message"),
    [("tien", "'tien' is not a whole number"), ("-3", "-3 is out of range; it must be at least 0")],
)
def test_targets_must_be_whole_numbers_of_at_least_zero(
    run: Run, tmp_path: Path, value: str, message: str
) -> None:
    tables = valid_tables()
    tables["projects"][1]["target_participants"] = value
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert f"projects.csv:3: target_participants: {message}" in err


def test_an_empty_file_is_refused(run: Run, tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    (folder / "participants.csv").write_bytes(b"")
    err = refused(run, folder)
    assert "participants.csv: is empty; the first row must name the columns: id, project" in err


def test_a_file_with_only_a_header_is_refused(run: Run, tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    header = (folder / "projects.csv").read_text().splitlines()[0]
    (folder / "projects.csv").write_text(header + "\n")
    err = refused(run, folder)
    assert "projects.csv: has a header but no rows" in err


def test_a_bad_last_row_of_a_large_file_is_found_and_nothing_is_written(
    run: Run, tmp_path: Path
) -> None:
    tables = valid_tables()
    template = tables["participants"][0]
    tables["participants"] = [dict(template, id=f"Q{i:06d}") for i in range(30_000)]
    tables["participants"][-1]["intake_date"] = "2011-02-30"
    tables["outcomes"] = [dict(tables["outcomes"][0], participant="Q000001")]
    err = refused(run, write_tables(tmp_path / "d", tables))
    assert "participants.csv:30001: intake_date: '2011-02-30' is not an existing date" in err


def test_a_truncated_workbook_is_refused(run: Run, tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    assert run("import", folder).code == 0
    assert run("export", "proef", tmp_path / "proef.xlsx").code == 0
    data = (tmp_path / "proef.xlsx").read_bytes()
    (tmp_path / "kapot.xlsx").write_bytes(data[: len(data) // 2])
    err = refused(run, tmp_path / "kapot.xlsx", "--name", "kapot")
    assert "kapot.xlsx: is not a readable .xlsx workbook (damaged or truncated?)" in err


@pytest.mark.parametrize("member", ["../projects.csv", "/etc/projects.csv", "a/../../x.csv"])
def test_a_zip_with_members_outside_the_archive_is_refused(
    run: Run, tmp_path: Path, member: str
) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    archive = tmp_path / "levering.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.iterdir():
            zf.write(path, path.name)
        zf.writestr(member, "code,name\n")
    err = refused(run, archive)
    assert f"levering.zip: refused: the entry '{member}' points outside the archive" in err


def test_the_same_delivery_imported_twice_changes_nothing(run: Run, delivery_dir: Path) -> None:
    assert run("import", delivery_dir).code == 0
    before = snapshot()
    delivery = Delivery.objects.get()
    again = run("import", delivery_dir)
    assert again.code == 0
    assert "already imported with this content; nothing changed" in again.out
    assert snapshot() == before
    assert Delivery.objects.get().imported_at == delivery.imported_at


def test_other_content_under_an_existing_name_needs_replace(
    run: Run, delivery_dir: Path, tmp_path: Path
) -> None:
    assert run("import", delivery_dir).code == 0
    tables = valid_tables()
    tables["participants"].pop()
    changed = write_tables(tmp_path / "changed", tables)
    err = refused(run, changed)
    assert (
        "delivery.csv: name: a delivery named 'proef' already exists with different content; "
        "give another name or choose to replace it (--name, --replace)"
    ) in err
    replaced = run("import", changed, "--replace")
    assert replaced.code == 0, replaced.err
    assert "Replaced delivery 'proef'" in replaced.out
    assert DeliveryParticipant.objects.count() == len(tables["participants"])
    assert Delivery.objects.count() == 1


def test_a_dry_run_validates_and_writes_nothing(run: Run, delivery_dir: Path) -> None:
    result = run("import", delivery_dir, "--dry-run")
    assert result.code == 0
    assert "Checked only: delivery 'proef' is valid" in result.out
    assert snapshot() == [0] * len(MODELS)
