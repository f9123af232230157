"""Where a delivery comes from: a folder of CSV files, an ``.xlsx`` workbook or a ``.zip``.

Each table of the delivery becomes a :class:`TableInput` that yields ``(line, cells)`` pairs,
header first, with cells as trimmed strings. Encoding and delimiter are detected per file the
way Dutch Excel users need: UTF-8 (with or without BOM), else Windows-1252; ``,`` or ``;``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from werkbrug.exchange.problems import gettext_noop
from werkbrug.exchange.schema import TABLES

Row = tuple[int, list[str]]

# Cells can hold long descriptions; the csv module's default limit (128 KiB) is enough, but a
# stray quote can swallow a whole file into one cell, which we want to report, not crash on.
csv.field_size_limit(16 * 1024 * 1024)


class SourceError(Exception):
    """The delivery as a whole cannot be read; carries a translatable message."""

    def __init__(self, file: str, template: str, line: int | None = None, **params: Any) -> None:
        super().__init__(template.format(**params))
        self.file = file
        self.line = line
        self.template = template
        self.params = params


@dataclass
class TableInput:
    table: str
    display: str
    size: int  # bytes, or rows for a worksheet; 0 when unknown
    _rows: Callable[[TableInput], Iterator[Row]]
    decimal_comma: bool = False
    delimiter: str = ","
    position: Callable[[], int] = field(default=lambda: 0)

    def rows(self) -> Iterator[Row]:
        return self._rows(self)


@dataclass
class Source:
    display: str
    tables: dict[str, TableInput]
    extra_files: list[str]
    _close: Callable[[], None] = field(default=lambda: None)

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(path: Path) -> Source:
    if not path.exists():
        raise SourceError(
            str(path),
            gettext_noop("not found; give a folder of CSV files, an .xlsx workbook or a .zip file"),
        )
    if path.is_dir():
        return _folder_source(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_source(path)
    if suffix == ".zip":
        return _zip_source(path)
    raise SourceError(
        path.name,
        gettext_noop("is not a delivery; give a folder of CSV files, an .xlsx workbook or a .zip"),
    )


# --- CSV ------------------------------------------------------------------------------------

Opener = Callable[[], AbstractContextManager[IO[bytes]]]


@contextmanager
def _readable(display: str) -> Iterator[None]:
    """Turn the ways a damaged or locked archive member fails into one clear message."""
    try:
        yield
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        RuntimeError,
        EOFError,
        OSError,
    ) as exc:
        raise SourceError(
            display,
            gettext_noop("cannot be read ({reason}); is the file damaged or encrypted?"),
            reason=str(exc),
        ) from None


def _detect_encoding(display: str, opener: Opener) -> str:
    with _readable(display):
        return _detect_encoding_unchecked(display, opener)


def _detect_encoding_unchecked(display: str, opener: Opener) -> str:
    with opener() as stream:
        head = stream.read(1 << 20)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head[:4096]:
            raise SourceError(
                display,
                gettext_noop("is UTF-16 or binary; in Excel, save it as 'CSV UTF-8'"),
            )
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = stream.read(1 << 20)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    with opener() as stream:
        fallback = codecs.getincrementaldecoder("cp1252")()
        try:
            while chunk := stream.read(1 << 20):
                fallback.decode(chunk)
        except UnicodeDecodeError as exc:
            raise SourceError(
                display,
                gettext_noop("is neither UTF-8 nor Windows-1252 text ({reason})"),
                reason=exc.reason,
            ) from None
    return "cp1252"


def _pick_delimiter(header_line: str) -> str:
    # The header holds no quoted delimiters in practice; count outside quotes to be safe.
    outside = "".join(part for i, part in enumerate(header_line.split('"')) if i % 2 == 0)
    return ";" if outside.count(";") > outside.count(",") else ","


def _csv_table(table: str, display: str, size: int, opener: Opener) -> TableInput:
    encoding = _detect_encoding(display, opener)
    with opener() as probe:
        lines = io.TextIOWrapper(probe, encoding=encoding, newline="")
        first = next((line for line in lines if line.strip(" \t\r\n,;")), "")
    delimiter = _pick_delimiter(first)

    def rows(self: TableInput) -> Iterator[Row]:
        with _readable(display), opener() as binary:
            self.position = binary.tell
            text = io.TextIOWrapper(binary, encoding=encoding, newline="")
            reader = csv.reader(text, delimiter=delimiter)
            try:
                for cells in reader:
                    trimmed = [c.strip() for c in cells]
                    if any(trimmed):  # skip blank lines and the ;;;; rows Excel writes
                        yield reader.line_num, trimmed
            except csv.Error as exc:
                raise SourceError(
                    display,
                    line=reader.line_num,
                    template=gettext_noop(
                        "cannot be read as CSV ({reason}); check for a stray quote"
                    ),
                    reason=str(exc),
                ) from None

    return TableInput(
        table=table,
        display=display,
        size=size,
        _rows=rows,
        decimal_comma=delimiter == ";",
        delimiter=delimiter,
    )


def _table_name(filename: str) -> str | None:
    lower = filename.lower()
    if not lower.endswith(".csv"):
        return None
    return lower[:-4].strip()


def _folder_source(folder: Path) -> Source:
    tables: dict[str, TableInput] = {}
    extra: list[str] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        name = _table_name(path.name)
        if name is None:
            continue
        if name not in TABLES:
            extra.append(path.name)
            continue
        if name in tables:
            raise SourceError(
                path.name,
                gettext_noop("and {other} are the same table; keep one of them"),
                other=tables[name].display,
            )
        tables[name] = _csv_table(name, path.name, path.stat().st_size, _file_opener(path))
    return Source(display=str(folder), tables=tables, extra_files=extra)


def _file_opener(path: Path) -> Opener:
    return lambda: open(path, "rb")


# --- ZIP ------------------------------------------------------------------------------------


def _unsafe_member(name: str) -> bool:
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return True
    return ".." in PurePosixPath(normal).parts


def _zip_source(path: Path) -> Source:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise SourceError(
            path.name, gettext_noop("is not a readable .zip file (damaged or truncated?)")
        ) from None
    try:
        members = archive.infolist()
        for info in members:
            if _unsafe_member(info.filename):
                raise SourceError(
                    path.name,
                    gettext_noop(
                        "refused: the entry '{member}' points outside the archive; "
                        "zip the CSV files themselves"
                    ),
                    member=info.filename,
                )
        tables: dict[str, TableInput] = {}
        extra: list[str] = []
        for info in members:
            base = PurePosixPath(info.filename.replace("\\", "/"))
            if info.is_dir() or "__MACOSX" in base.parts:
                continue
            name = _table_name(base.name)
            if name is None:
                continue
            display = f"{path.name}/{info.filename}"
            if name not in TABLES:
                extra.append(display)
                continue
            if name in tables:
                raise SourceError(
                    path.name,
                    gettext_noop("contains {member} twice; put one delivery in each archive"),
                    member=base.name,
                )
            tables[name] = _csv_table(
                name, display, info.file_size, _member_opener(archive, info, display)
            )
    except BaseException:
        archive.close()
        raise
    return Source(display=path.name, tables=tables, extra_files=extra, _close=archive.close)


def _member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> Opener:
    def opener() -> AbstractContextManager[IO[bytes]]:
        try:
            return archive.open(info)
        except RuntimeError:
            # zipfile says "File <ZipInfo …> is encrypted…": not a message for a user.
            raise SourceError(
                display,
                gettext_noop("is protected with a password; zip the files without one"),
            ) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
            raise SourceError(
                display, gettext_noop("cannot be read from the archive; is it damaged?")
            ) from None

    return opener


# --- XLSX -----------------------------------------------------------------------------------


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _xlsx_source(path: Path) -> Source:
    import openpyxl  # imported here: only workbook deliveries pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on damaged files; all mean the same here
        raise SourceError(
            path.name, gettext_noop("is not a readable .xlsx workbook (damaged or truncated?)")
        ) from None
    tables: dict[str, TableInput] = {}
    extra: list[str] = []
    for sheet in workbook.worksheets:
        name = sheet.title.strip().lower()
        display = f"{path.name}[{sheet.title}]"
        if name not in TABLES:
            extra.append(display)
            continue
        if name in tables:
            workbook.close()
            raise SourceError(
                path.name,
                gettext_noop("has two sheets for {table}: {one} and {other}; keep one of them"),
                table=name,
                one=tables[name].display,
                other=display,
            )

        def rows(self: TableInput, sheet: Any = sheet) -> Iterator[Row]:
            counter = itertools.count(1)
            current = 0
            self.position = lambda: current
            try:
                for values in sheet.iter_rows(values_only=True):
                    current = next(counter)
                    cells = [_xlsx_cell(v) for v in values]
                    if any(cells):
                        yield current, cells
            except Exception:
                raise SourceError(
                    self.display, gettext_noop("cannot be read (damaged or truncated workbook?)")
                ) from None

        tables[name] = TableInput(table=name, display=display, size=sheet.max_row or 0, _rows=rows)
    return Source(display=path.name, tables=tables, extra_files=extra, _close=workbook.close)
