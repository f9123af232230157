"""Export of each demo delivery, re-imported under a new name, gives identical rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult
from werkbrug.deliveries import selectors
from werkbrug.deliveries.models import Delivery
from werkbrug.demo.services import DELIVERIES, demo_data_dir
from werkbrug.exchange import TABLE_ORDER

pytestmark = pytest.mark.django_db


def rows(name: str) -> dict[str, list[list[object]]]:
    delivery = Delivery.objects.get(name=name)
    return {
        table: list(selectors.delivery_rows(delivery=delivery, table=table))
        for table in TABLE_ORDER[1:]
    }


@pytest.mark.parametrize("name", DELIVERIES)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_demo_delivery_reimports_to_identical_rows(
    run: Callable[..., CliResult], tmp_path: Path, name: str, fmt: str
) -> None:
    assert run("import", demo_data_dir() / name).code == 0
    target = tmp_path / (f"{name}.xlsx" if fmt == "xlsx" else name)
    exported = run("export", name, target)
    assert exported.code == 0, exported.err
    again = run("import", target, "--name", f"{name}-again")
    assert again.code == 0, again.err
    assert rows(f"{name}-again") == rows(name)
    original = Delivery.objects.get(name=name)
    copy = Delivery.objects.get(name=f"{name}-again")
    assert copy.content_hash == original.content_hash
    assert copy.delivered_on == original.delivered_on
    assert copy.description == original.description
    assert f"has the same content as the delivery '{name}'" in again.err


def test_export_refuses_to_overwrite_a_folder_with_files(
    run: Callable[..., CliResult], tmp_path: Path
) -> None:
    assert run("import", demo_data_dir() / "eindrapportage").code == 0
    (tmp_path / "notes.txt").write_text("mine")
    result = run("export", "eindrapportage", tmp_path)
    assert result.code == 1
    assert "is not an empty folder" in result.err
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_export_of_an_unknown_delivery_names_the_stored_ones(
    run: Callable[..., CliResult], tmp_path: Path
) -> None:
    assert run("import", demo_data_dir() / "eindrapportage").code == 0
    result = run("export", "eindrapport", tmp_path / "x")
    assert result.code == 1
    assert "No delivery named 'eindrapport'; stored: eindrapportage" in result.err


def test_the_latest_delivery_is_the_newest_dated_one_and_an_undated_one_comes_last(
    run: Callable[..., CliResult], tmp_path: Path
) -> None:
    from tests.conftest import valid_tables, write_tables

    tables = valid_tables()
    tables["delivery"][0]["delivered_on"] = ""
    assert run("import", write_tables(tmp_path / "undated", tables), "--name", "undated").code == 0
    assert run("import", demo_data_dir() / "tussenrapportage").code == 0
    assert run("import", demo_data_dir() / "eindrapportage").code == 0
    assert [d.name for d in selectors.delivery_list()] == [
        "eindrapportage",
        "tussenrapportage",
        "undated",
    ]
