"""Write a delivery in the exchange format: a CSV folder, a zip of one, or an ``.xlsx``
workbook.

Rows come in as typed values in the schema's column order and go out in their canonical
form, so that what is exported reads back to exactly the same rows. CSV text that a
spreadsheet would compute is written with a leading quote (:mod:`werkbrug.exchange.formulas`);
``exact=True`` writes every value as it is, for machines that read the files themselves. The
importer reads both back to the same values. Files are created readable by their owner only:
they hold participants' records.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from werkbrug.exchange.formulas import neutralise
from werkbrug.exchange.schema import TABLES, Table
from werkbrug.exchange.validate import DeliveryMeta, Values, canonical

TableRows = Iterable[tuple[Table, Iterable[Values]]]
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def _meta_row(meta: DeliveryMeta) -> Values:
    return [meta.name, meta.delivered_on, meta.description or None]


def cell_text(value: object, exact: bool = False) -> str:
    """A typed value as a CSV cell of an export (and of a frozen delivery)."""
    text = canonical(value)
    # Only text can be a formula: numbers and dates are written in their canonical form.
    return text if exact or not isinstance(value, str) else neutralise(text)


def _all_tables(meta: DeliveryMeta, tables: TableRows) -> TableRows:
    yield TABLES["delivery"], [_meta_row(meta)]
    yield from tables


def write_csv_table(handle: IO[str], table: Table, rows: Iterable[Values], exact: bool) -> None:
    """One table as CSV: UTF-8, comma, a header row, ``\\n`` line ends."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(table.column_names)
    writer.writerows([cell_text(v, exact) for v in row] for row in rows)


def private_open(path: Path, mode: str = "w") -> IO[Any]:
    """Open a new file that only its owner can read, whatever the umask; never an existing
    one (an export does not overwrite)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE)
    if "b" in mode:
        return os.fdopen(descriptor, mode)
    return os.fdopen(descriptor, mode, encoding="utf-8", newline="")


def write_csv_folder(
    folder: Path, meta: DeliveryMeta, tables: TableRows, *, exact: bool = False
) -> list[Path]:
    """Write ``delivery.csv`` and one CSV file per table into ``folder``."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    written = []
    for table, rows in _all_tables(meta, tables):
        path = folder / table.filename
        with private_open(path) as handle:
            write_csv_table(handle, table, rows, exact)
        written.append(path)
    return written


def write_csv_zip(
    target: IO[bytes], folder: str, meta: DeliveryMeta, tables: TableRows, *, exact: bool = False
) -> None:
    """The CSV folder as a zip archive written to ``target``, its files under ``folder/``."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table, rows in _all_tables(meta, tables):
            with (
                archive.open(f"{folder}/{table.filename}", "w", force_zip64=True) as member,
                io.TextIOWrapper(member, encoding="utf-8", newline="") as text,
            ):
                write_csv_table(text, table, rows, exact)


def _xlsx_value(value: object) -> object:
    # Numbers and dates stay typed so Excel users can sort and sum; Decimal becomes a float only
    # when that is exact enough to read back to the same value.
    if isinstance(value, Decimal):
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _xlsx_cell(sheet: Any, value: object) -> object:
    converted = _xlsx_value(value)
    if isinstance(converted, str) and converted.startswith("="):
        # Text that looks like a formula stays text: the workbook must never compute what a
        # user typed, and "=1+1" must read back as "=1+1".
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=converted)
        cell.data_type = "s"
        return cell
    return converted


def write_xlsx(target: Path | IO[bytes], meta: DeliveryMeta, tables: TableRows) -> None:
    """Write one workbook with a sheet per table, named like the CSV files, to a new file or
    an open binary stream."""
    from openpyxl import Workbook  # imported here: only workbook exports pay for it

    workbook = Workbook(write_only=True)
    for table, rows in _all_tables(meta, tables):
        sheet = workbook.create_sheet(table.name)
        sheet.append(list(table.column_names))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    if isinstance(target, Path):
        with private_open(target, "wb") as handle:
            workbook.save(handle)
    else:
        workbook.save(target)
