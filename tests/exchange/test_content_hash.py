"""The content hash recomputed from typed rows (what a backup's verification does) is the
validator's hash of the same delivery, whatever the order of the rows."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import valid_tables, write_tables
from werkbrug.exchange import DeliveryValidator, Table, open_source
from werkbrug.exchange.validate import content_hash


def _validated(folder: Path) -> tuple[str, list[tuple[Table, list[list[Any]]]]]:
    with open_source(folder) as source:
        validator = DeliveryValidator(source)
        tables = [(table, [list(row) for row in rows]) for table, rows in validator.tables()]
    assert not validator.problems.has_errors
    assert validator.content_hash is not None
    return validator.content_hash, tables


def test_the_hash_of_typed_rows_is_the_validators(tmp_path: Path) -> None:
    expected, tables = _validated(write_tables(tmp_path / "d", valid_tables()))
    assert content_hash(tables) == expected
    # A table left out counts as empty, on import as here.
    without = [(t, rows) for t, rows in tables if t.name != "vacancies"]
    assert content_hash(without) == content_hash([*without, (tables[-1][0], [])])
    assert content_hash(without) != expected


@given(st.randoms(use_true_random=False))
def test_the_order_of_rows_does_not_matter(random: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        expected, tables = _validated(write_tables(Path(folder) / "d", valid_tables()))
    shuffled = []
    for table, rows in tables:
        rows = list(rows)
        random.shuffle(rows)
        shuffled.append((table, rows))
    random.shuffle(shuffled)
    assert content_hash(shuffled) == expected


def test_one_changed_cell_changes_the_hash(tmp_path: Path) -> None:
    expected, tables = _validated(write_tables(tmp_path / "d", valid_tables()))
    table, rows = tables[0]
    changed = [list(row) for row in rows]
    changed[0][1] = str(changed[0][1]) + "x"
    assert content_hash([(table, changed), *tables[1:]]) != expected
