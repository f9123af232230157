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
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from werkbrug.exchange.limits import DEFAULT_LIMITS, MIB, Limits
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


def open_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Open a delivery for reading; a file beyond ``limits`` is refused before it is read."""
    if not path.exists():
        raise SourceError(
            str(path),
            gettext_noop("not found; give a folder of CSV files, an .xlsx workbook or a .zip file"),
        )
    if path.is_dir():
        return _folder_source(path, limits)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_source(path, limits)
    if suffix == ".zip":
        return _zip_source(path, limits)
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


class _LineGuard:
    """Refuses a file as soon as one physical line is longer than the limit, while the bytes
    stream past: an endless line must not be read into memory to find out how long it is."""

    def __init__(self, display: str, max_bytes: int) -> None:
        self.display = display
        self.max_bytes = max_bytes
        self.line = 1
        self.run = 0  # bytes since the last line break

    def feed(self, chunk: bytes) -> None:
        # Chunks are never longer than the limit, so only the line that runs across chunk
        # boundaries (the first and last piece of this chunk) can be too long.
        first = chunk.find(b"\n")
        if first == -1:
            self.run += len(chunk)
        else:
            self._check(self.run + first)
            self.line += chunk.count(b"\n")
            self.run = len(chunk) - chunk.rfind(b"\n") - 1
        self._check(self.run)

    def _check(self, length: int) -> None:
        if length > self.max_bytes:
            raise SourceError(
                self.display,
                line=self.line,
                template=gettext_noop(
                    "the line is longer than {max} bytes; is this a CSV file? (a line break "
                    "may be missing, or the file is damaged)"
                ),
                max=self.max_bytes,
            )


def _chunks(stream: IO[bytes], guard: _LineGuard) -> Iterator[bytes]:
    size = min(1 * MIB, guard.max_bytes)
    while chunk := stream.read(size):
        guard.feed(chunk)
        yield chunk


def _detect_encoding(display: str, opener: Opener, limits: Limits) -> str:
    with _readable(display):
        return _detect_encoding_unchecked(display, opener, limits)


def _detect_encoding_unchecked(display: str, opener: Opener, limits: Limits) -> str:
    with opener() as stream:
        chunks = _chunks(stream, _LineGuard(display, limits.max_line_bytes))
        head = next(chunks, b"")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head[:4096]:
            raise SourceError(
                display,
                gettext_noop("is UTF-16 or binary; in Excel, save it as 'CSV UTF-8'"),
            )
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            decoder.decode(head)
            for chunk in chunks:
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    with opener() as stream:
        fallback = codecs.getincrementaldecoder("cp1252")()
        try:
            for chunk in _chunks(stream, _LineGuard(display, limits.max_line_bytes)):
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


def _csv_table(table: str, display: str, size: int, opener: Opener, limits: Limits) -> TableInput:
    encoding = _detect_encoding(display, opener, limits)
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


def _folder_source(folder: Path, limits: Limits) -> Source:
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
        tables[name] = _csv_table(name, path.name, path.stat().st_size, _file_opener(path), limits)
    return Source(display=str(folder), tables=tables, extra_files=extra)


def _file_opener(path: Path) -> Opener:
    return lambda: open(path, "rb")


# --- ZIP ------------------------------------------------------------------------------------


def _unsafe_member(name: str) -> bool:
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return True
    return ".." in PurePosixPath(normal).parts


_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


def _entry_count(path: Path) -> int | None:
    """How many entries the archive's end record announces, read from its last 64 KiB
    before :mod:`zipfile` builds an object for each (a million empty entries would take
    gigabytes); ``None`` when there is no end record (zipfile then says it is damaged)."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        start = max(0, size - (1 << 16) - 22)
        handle.seek(start)
        tail = handle.read()
        at = tail.rfind(_EOCD)
        if at == -1 or len(tail) < at + 22:
            return None
        entries = struct.unpack_from("<H", tail, at + 10)[0]
        if entries != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != _EOCD64_LOCATOR:
            return int(entries)
        offset = struct.unpack_from("<Q", tail, at - 12)[0]
        handle.seek(offset)
        record = handle.read(56)
        if len(record) < 56 or record[:4] != _EOCD64:
            return None
        return int(struct.unpack_from("<Q", record, 32)[0])


def _check_archive(path: Path, limits: Limits) -> None:
    entries = _entry_count(path)
    if entries is not None and entries > limits.max_entries:
        raise SourceError(
            path.name,
            gettext_noop("has {count} entries; at most {max} are allowed"),
            count=entries,
            max=limits.max_entries,
        )


def _check_members(
    display: str, members: list[zipfile.ZipInfo], limits: Limits, parts: dict[str, int]
) -> None:
    """Refuse an archive whose members would unpack to too much, before unpacking any.

    zipfile never yields more than a member's declared size, so the declared sizes bound
    what reading can cost. ``parts`` gives lower limits for named members."""
    total = 0
    for info in members:
        place = f"{display}/{info.filename}"
        limit = parts.get(info.filename, limits.max_member_bytes)
        if info.file_size > limit:
            raise SourceError(
                place,
                gettext_noop("unpacks to {size} MB; at most {max} MB are allowed"),
                size=info.file_size // MIB,
                max=limit // MIB,
            )
        packed = max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and info.file_size > packed * limits.max_ratio:
            raise SourceError(
                place,
                gettext_noop(
                    "is compressed {ratio} times; more than {max} times is refused as a "
                    "possible zip bomb"
                ),
                ratio=info.file_size // packed,
                max=limits.max_ratio,
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise SourceError(
            display,
            gettext_noop("unpacks to {size} MB in all; at most {max} MB are allowed"),
            size=total // MIB,
            max=limits.max_total_bytes // MIB,
        )


def _open_zip(path: Path, message: str, limits: Limits) -> zipfile.ZipFile:
    _check_archive(path, limits)
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SourceError(path.name, message) from None


def _zip_source(path: Path, limits: Limits) -> Source:
    archive = _open_zip(
        path, gettext_noop("is not a readable .zip file (damaged or truncated?)"), limits
    )
    try:
        members = archive.infolist()
        _check_members(path.name, members, limits, {})
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
                name, display, info.file_size, _member_opener(archive, info, display), limits
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


_SHARED_STRINGS = "xl/sharedStrings.xml"


def _check_workbook(path: Path, limits: Limits) -> None:
    """A workbook is a zip archive: the same limits, and a lower one for the shared strings,
    which openpyxl reads into memory whole when it opens the workbook."""
    message = gettext_noop("is not a readable .xlsx workbook (damaged or truncated?)")
    with _open_zip(path, message, limits) as archive:
        _check_members(
            path.name,
            archive.infolist(),
            limits,
            {_SHARED_STRINGS: limits.max_shared_strings_bytes},
        )


def _xlsx_source(path: Path, limits: Limits) -> Source:
    import openpyxl  # imported here: only workbook deliveries pay for it

    _check_workbook(path, limits)
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
                    if current > limits.max_sheet_rows:
                        raise SourceError(
                            self.display,
                            line=current,
                            template=gettext_noop("the sheet has more than {max} rows"),
                            max=limits.max_sheet_rows,
                        )
                    cells = [_xlsx_cell(v) for v in values]
                    if any(cells):
                        yield current, cells
            except SourceError:
                raise
            except Exception:
                raise SourceError(
                    self.display, gettext_noop("cannot be read (damaged or truncated workbook?)")
                ) from None

        tables[name] = TableInput(table=name, display=display, size=sheet.max_row or 0, _rows=rows)
    return Source(display=path.name, tables=tables, extra_files=extra, _close=workbook.close)
