"""Hostile deliveries through the CLI: path-like names, archive and workbook bombs, huge cells
and control characters. Each is refused with exit status 2 and a short, escaped message, and
nothing is written (issue 11, "Hardening")."""

from __future__ import annotations

import io
import os
import random
import string
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CliResult, valid_tables, write_tables
from tests.deliveries.test_import_bad_input import refused
from werkbrug.deliveries.models import Delivery

pytestmark = pytest.mark.django_db

Run = Callable[..., CliResult]

BAD_NAMES = [
    "/var/anything/created-by-coordinator",
    "../../../../anywhere/pwned",
    "levering\\..\\x",
    ".verborgen",
    "a/b",
    "naam\x1b[2Jwissen",
    "nul\x00teken",
]


def assert_printable(text: str) -> None:
    """No control character reaches the operator's terminal (newlines end the lines)."""
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in text), text


# --- names that would be paths ----------------------------------------------------------------


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_path_like_name_is_refused_with_what_is_allowed(
    run: Run, delivery_dir: Path, name: str
) -> None:
    err = refused(run, delivery_dir, "--name", name)
    assert "--name:" in err
    assert "letters, digits" in err
    assert_printable(err)


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_path_like_name_in_delivery_csv_is_refused(run: Run, tmp_path: Path, name: str) -> None:
    tables = valid_tables()
    tables["delivery"][0]["name"] = name
    folder = write_tables(tmp_path / "d", tables)
    err = refused(run, folder)
    assert_printable(err)
    if name.isprintable():
        assert "delivery.csv:2: name:" in err
        assert "letters, digits" in err
    else:  # refused as a control character, or the file as binary (NUL)
        assert "delivery.csv" in err


def test_ordinary_names_are_accepted(run: Run, delivery_dir: Path) -> None:
    for name in ["eindrapportage 2011", "Tussenrapportage (juni) v1.2", "Bouw_naar_Bouw-2"]:
        result = run("import", delivery_dir, "--name", name, "--dry-run")
        assert result.code == 0, result


# --- archive bombs ----------------------------------------------------------------------------


def _deflated_member(archive: zipfile.ZipFile, name: str, chunk: bytes, repeat: int) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        for _ in range(repeat):
            member.write(chunk)


def zip_bomb(target: Path, folder: Path, member_bytes: int) -> Path:
    """The example delivery plus a participants.csv of one endless line."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.name != "participants.csv":
                archive.write(path, path.name)
        chunk = b"a" * (1 << 20)
        _deflated_member(archive, "participants.csv", chunk, member_bytes >> 20)
    return target


def test_a_zip_bomb_is_refused_before_it_is_unpacked(run: Run, delivery_dir: Path) -> None:
    bomb = zip_bomb(delivery_dir.parent / "bomb.zip", delivery_dir, 1100 << 20)
    assert bomb.stat().st_size < 3 << 20
    err = refused(run, bomb)
    assert "bomb.zip/participants.csv:" in err
    assert "unpacks to" in err
    assert len(err) < 2000


def test_a_highly_compressed_member_is_refused_for_its_ratio(run: Run, delivery_dir: Path) -> None:
    bomb = zip_bomb(delivery_dir.parent / "ratio.zip", delivery_dir, 64 << 20)
    err = refused(run, bomb)
    assert "ratio.zip/participants.csv:" in err
    assert "compressed" in err


def test_an_archive_with_too_many_entries_is_refused(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "many.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for i in range(10_050):
            archive.writestr(f"x{i}.txt", b"")
    err = refused(run, target)
    assert "many.zip:" in err
    assert "entries" in err


def test_member_limits_are_configurable(
    run: Run, delivery_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkbrug.exchange.limits import Limits

    target = delivery_dir.parent / "plain.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(delivery_dir.iterdir()):
            archive.write(path, path.name)
    monkeypatch.setattr(
        "werkbrug.deliveries.services.import_limits", lambda: Limits(max_member_bytes=100)
    )
    err = refused(run, target)
    assert "unpacks to" in err


# --- lines and cells --------------------------------------------------------------------------


def test_an_endless_line_is_refused_at_its_line(run: Run, delivery_dir: Path) -> None:
    letters = "".join(random.Random(1).choices(string.ascii_letters, k=5 << 20))
    with open(delivery_dir / "outcomes.csv", "a", encoding="utf-8") as handle:
        handle.write(letters + "\n")
    err = refused(run, delivery_dir)
    assert "outcomes.csv:4: the line is longer than" in err
    assert len(err) < 2000


def test_huge_date_cells_give_short_messages(run: Run, delivery_dir: Path) -> None:
    """200 cells of 100,000 characters each: every message quotes only the start."""
    lines = ["participant,outcome,date"]
    lines += [f"P001,work,{'9' * 100_000}" for _ in range(200)]
    (delivery_dir / "outcomes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(run, delivery_dir)
    assert "outcomes.csv:2: date: the cell is 100000 characters long" in err
    assert len(err) < 200 * 300


def test_control_characters_from_a_cell_are_escaped(run: Run, delivery_dir: Path) -> None:
    text = (delivery_dir / "outcomes.csv").read_text(encoding="utf-8")
    text = text.replace("2011-09-01", "\x1b[2J\x1b[Hweg\x07", 1)
    (delivery_dir / "outcomes.csv").write_text(text, encoding="utf-8")
    (delivery_dir / "participants.csv").write_text(
        (delivery_dir / "participants.csv")
        .read_text(encoding="utf-8")
        .replace("threatened", "\u202ethreatened", 1),
        encoding="utf-8",
    )
    err = refused(run, delivery_dir)
    assert_printable(err)
    assert "\\x1b[2J\\x1b[Hweg\\x07" in err
    assert "\u202e" not in err
    assert "\\u202e" in err


def test_a_control_character_in_a_header_is_escaped(run: Run, delivery_dir: Path) -> None:
    path = delivery_dir / "employers.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("postcode", "post\x1b]0;titel\x07code", 1),
        encoding="utf-8",
    )
    result = run("import", delivery_dir, "--dry-run")
    assert_printable(result.err)
    assert "post\\x1b]0;titel\\x07code" in result.err


# --- workbooks --------------------------------------------------------------------------------


def _workbook(path: Path, tables: dict[str, list[dict[str, str]]] | None = None) -> Path:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, rows in (tables or valid_tables()).items():
        sheet = book.create_sheet(name)
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
    book.save(path)
    return path


def _replace_member(
    path: Path, member: str, data: bytes | Callable[[zipfile.ZipFile], None]
) -> None:
    original = path.read_bytes()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as old,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            if info.filename == member:
                continue
            new.writestr(info, old.read(info))
        if callable(data):
            data(new)
        else:
            new.writestr(member, data)


def test_a_workbook_with_huge_shared_strings_is_refused(run: Run, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "levering.xlsx")

    def strings(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main">'
            )
            item = b"<si><t>" + b"x" * 1000 + b"</t></si>"
            for _ in range(300_000):
                member.write(item)
            member.write(b"</sst>")

    _replace_member(path, "xl/sharedStrings.xml", strings)
    assert path.stat().st_size < 5 << 20
    err = refused(run, path)
    assert "levering.xlsx[xl/sharedStrings.xml]:" in err or "levering.xlsx/xl/sharedStrings" in err


def test_a_sheet_with_more_rows_than_allowed_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkbrug.exchange.limits import Limits

    path = _workbook(tmp_path / "lang.xlsx")
    monkeypatch.setattr(
        "werkbrug.deliveries.services.import_limits", lambda: Limits(max_sheet_rows=5)
    )
    err = refused(run, path)
    assert "lang.xlsx[participants]:6: the sheet has more than 5 rows" in err


def test_a_huge_workbook_cell_gives_a_short_message(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkbrug.exchange.limits import Limits

    # openpyxl itself cuts cells at Excel's 32,767 characters: lower the limit to test it.
    monkeypatch.setattr(
        "werkbrug.deliveries.services.import_limits", lambda: Limits(max_cell_chars=1_000)
    )
    tables = valid_tables()
    tables["outcomes"][0]["date"] = "1" * 20_000
    path = _workbook(tmp_path / "cel.xlsx", tables)
    err = refused(run, path)
    assert "cel.xlsx[outcomes]:2: date: the cell is 20000 characters long" in err
    assert len(err) < 2000


# --- memory, measured in a subprocess ---------------------------------------------------------


RSS_SCRIPT = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.write(f"{done.returncode} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.stdout.flush()
sys.stderr.buffer.write(done.stderr)
"""


def peak_kib(args: list[str], env: dict[str, str]) -> tuple[int, int, str]:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, sys.executable, "-m", "werkbrug", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    code, rss = done.stdout.split()
    return int(code), int(rss), done.stderr


@pytest.fixture(scope="module")
def subprocess_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh SQLite database of its own for the subprocesses."""
    import subprocess
    import sys

    data = tmp_path_factory.mktemp("rss-data")
    env = {**os.environ, "WERKBRUG_DATA_DIR": str(data), "DATABASE_URL": "", "WERKBRUG_LANG": "en"}
    subprocess.run(
        [sys.executable, "-m", "werkbrug", "migrate", "--verbosity", "0"],
        env=env,
        check=True,
        timeout=600,
    )
    return env


@pytest.mark.django_db(False)
def test_refused_bombs_take_no_more_memory_than_a_small_import(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    folder = write_tables(tmp_path / "delivery", valid_tables())
    code, normal, _err = peak_kib(["import", str(folder), "--dry-run"], subprocess_env)
    assert code == 0
    bomb = zip_bomb(tmp_path / "bomb.zip", folder, 1100 << 20)
    lines = tmp_path / "lines"
    write_tables(lines, valid_tables())
    with open(lines / "participants.csv", "a", encoding="utf-8") as handle:
        handle.write("x" * (300 << 20) + "\n")
    for hostile in (bomb, lines):
        code, peak, err = peak_kib(["import", str(hostile)], subprocess_env)
        assert code == 2, err
        assert "nothing was saved" in err
        assert peak < normal + 40 * 1024, (hostile.name, peak, normal)


def test_nothing_is_stored_under_a_bad_name_and_the_deliveries_stay_as_they_were(
    run: Run, delivery_dir: Path
) -> None:
    run("import", delivery_dir, "--name", "goed")
    for name in BAD_NAMES:
        run("import", delivery_dir, "--name", name)
    assert list(Delivery.objects.values_list("name", flat=True)) == ["goed"]
