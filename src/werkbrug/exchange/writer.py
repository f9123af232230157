"""Write a delivery in the exchange format: a CSV folder or an ``.xlsx`` workbook.

Rows come in as typed values in the schema's column order and go out in their canonical
form, so that what is exported reads back to exactly the same rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from werkbrug.exchange.schema import TABLES, Table
from werkbrug.exchange.validate import DeliveryMeta, Values, canonical

TableRows = Iterable[tuple[Table, Iterable[Values]]]


def _meta_row(meta: DeliveryMeta) -> Values:
    return [meta.name, meta.delivered_on, meta.description or None]


def write_csv_folder(folder: Path, meta: DeliveryMeta, tables: TableRows) -> list[Path]:
    """Write ``delivery.csv`` and one CSV file per table (UTF-8, comma, header row)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [_write_csv(folder, TABLES["delivery"], [_meta_row(meta)])]
    for table, rows in tables:
        written.append(_write_csv(folder, table, rows))
    return written


def _write_csv(folder: Path, table: Table, rows: Iterable[Values]) -> Path:
    path = folder / table.filename
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([canonical(v) for v in row] for row in rows)
    return path


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


def write_xlsx(path: Path, meta: DeliveryMeta, tables: TableRows) -> Path:
    """Write one workbook with a sheet per table, named like the CSV files."""
    from openpyxl import Workbook  # imported here: only workbook exports pay for it

    workbook = Workbook(write_only=True)
    sheets: list[tuple[Table, Iterable[Values]]] = [(TABLES["delivery"], [_meta_row(meta)])]
    sheets.extend(tables)
    for table, rows in sheets:
        sheet = workbook.create_sheet(table.name)
        sheet.append(list(table.column_names))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    workbook.save(path)
    return path


__all__ = ["write_csv_folder", "write_xlsx"]
