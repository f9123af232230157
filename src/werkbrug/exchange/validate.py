"""Validate a delivery while streaming its rows.

:class:`DeliveryValidator` reads the tables in :data:`TABLE_ORDER` and yields, per table, the
rows that passed every check as tuples of typed values in the column order of the schema.
Problems are collected, never raised, so that a user sees all of them at once. A caller that
writes rows must write nothing when :attr:`DeliveryValidator.problems` has errors at the end
(the Django shell does this in one transaction).

The content hash identifies what was delivered regardless of row order, file format,
encoding or spelling of codes: it is the SHA-256 over the canonical form of every row, table by
table, with the rows' digests sorted (docs/exchange-format.md, "Content hash").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from werkbrug.exchange.cells import CellError, Parser
from werkbrug.exchange.formulas import restore
from werkbrug.exchange.limits import DEFAULT_LIMITS, Limits
from werkbrug.exchange.problems import Problems, gettext_noop
from werkbrug.exchange.schema import FORMAT, TABLE_ORDER, TABLES, Table
from werkbrug.exchange.sources import Source, SourceError, TableInput

Progress = Callable[[str, int, int], None]
Values = list[Any]

PROGRESS_EVERY = 20_000
NAME_LENGTH = 100  # of a delivery's name, as in delivery.csv

# A delivery's name is shown, searched and used for file names of downloads: never a path.
# Letters of any script, digits and a few marks; the first a letter or digit (no leading dot).
_NAME = re.compile(r"[^\W_][\w .,()+&'-]*")
NAME_RULE = gettext_noop(
    "'{value}' cannot be the name of a delivery; use letters, digits, spaces and "
    "- _ . , ( ) + & ', start with a letter or digit and do not write '..'"
)


def name_problem(name: str) -> str | None:
    """The message template when ``name`` may not name a delivery, else ``None``."""
    if _NAME.fullmatch(name) and ".." not in name:
        return None
    return NAME_RULE


def canonical(value: object) -> str:
    """The one text form of a typed value, used by the export and the content hash."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@dataclass
class DeliveryMeta:
    name: str | None = None
    delivered_on: dt.date | None = None
    description: str = ""


@dataclass
class _Column:
    position: int  # in the schema's column order
    cell: int  # in the file's header
    name: str
    required: bool
    parse: Parser


@dataclass
class _State:
    """What later tables need to know about earlier ones."""

    project_codes: set[str] = field(default_factory=set)
    employer_ids: set[str] = field(default_factory=set)
    intake: dict[str, dt.date | None] = field(default_factory=dict)
    seen_outcomes: set[str] = field(default_factory=set)
    vacancy_ids: set[str] = field(default_factory=set)
    project_lines: dict[str, int] = field(default_factory=dict)
    employer_lines: dict[str, int] = field(default_factory=dict)
    vacancy_lines: dict[str, int] = field(default_factory=dict)


class DeliveryValidator:
    def __init__(
        self,
        source: Source,
        *,
        name: str | None = None,
        delivered_on: dt.date | None = None,
        progress: Progress | None = None,
        keep_problems: int = 1000,
        limits: Limits = DEFAULT_LIMITS,
        exact: bool = False,
    ) -> None:
        self.source = source
        self.limits = limits
        # exact: the files were written with ``export --exact``; no quote is taken off.
        self.exact = exact
        self.problems = Problems(keep_problems)
        self.counts: dict[str, int] = {t: 0 for t in TABLE_ORDER if t != "delivery"}
        self.content_hash: str | None = None
        self._name_option = name
        self._date_option = delivered_on
        self._progress = progress
        self._meta: DeliveryMeta | None = None
        self._state = _State()
        self._digests: dict[str, list[bytes]] = {t: [] for t in self.counts}
        # Tables whose keys cannot be checked here: rows referring to them get no "not found"
        # errors. A table that could not be read (the errors would only repeat the one real
        # problem thousands of times), or for a live record every table (see check_cells).
        self._unchecked: set[str] = set()

    # --- the delivery's own row --------------------------------------------------------------

    def read_meta(self) -> DeliveryMeta:
        """Name, date and description from ``delivery.csv``, overridden by the options."""
        if self._meta is not None:
            return self._meta
        meta = DeliveryMeta()
        table_input = self.source.tables.get("delivery")
        errors_before = self.problems.error_count
        if table_input is not None:
            rows = list(self._parsed_rows(TABLES["delivery"], table_input))
            if len(rows) > 1:
                self.problems.error(
                    table_input.display,
                    rows[1][0],
                    None,
                    gettext_noop("has more than one row; keep one"),
                )
            if rows:
                values = rows[0][1]
                meta = DeliveryMeta(values[0], values[1], values[2] or "")
                if not self._name_option:
                    self._check_name(table_input.display, rows[0][0], "name", meta.name)
        if self._name_option:
            meta.name = self._name_option.strip()
            self._check_name("--name", None, None, meta.name)
            if len(meta.name) > NAME_LENGTH:
                self.problems.error(
                    "--name",
                    None,
                    None,
                    gettext_noop("is {length} characters long; at most {max} are allowed"),
                    length=len(meta.name),
                    max=NAME_LENGTH,
                )
        if self._date_option:
            meta.delivered_on = self._date_option
        if not meta.name and self.problems.error_count == errors_before:
            self.problems.error(
                "delivery.csv",
                None,
                "name",
                gettext_noop(
                    "the delivery has no name; add delivery.csv with a name or pass --name"
                ),
            )
        self._meta = meta
        return meta

    def _check_name(
        self, place: str, line: int | None, column: str | None, name: str | None
    ) -> None:
        if name and name_problem(name):
            self.problems.error(place, line, column, NAME_RULE, value=name)

    # --- the data tables ----------------------------------------------------------------------

    def tables(self) -> Iterator[tuple[Table, Iterator[Values]]]:
        """Yield each table present with an iterator over its valid rows; exhaust each
        iterator before asking for the next table."""
        self.read_meta()
        for extra in self.source.extra_files:
            self.problems.warning(
                extra, None, None, gettext_noop("is not part of the format; ignored")
            )
        for name in TABLE_ORDER[1:]:
            table = TABLES[name]
            if table.required and name not in self.source.tables:
                self._unchecked.add(name)
                self.problems.error(
                    table.filename,
                    None,
                    None,
                    gettext_noop("is missing; a delivery needs this file"),
                )
        for name in TABLE_ORDER[1:]:
            table_input = self.source.tables.get(name)
            if table_input is not None:
                yield TABLES[name], self._checked_rows(TABLES[name], table_input)
        self.content_hash = self._hash()

    def run(self) -> None:
        """Validate everything without keeping rows (a dry run)."""
        for _table, rows in self.tables():
            for _row in rows:
                pass

    @property
    def meta(self) -> DeliveryMeta:
        return self.read_meta()

    # --- one record of the live data ---------------------------------------------------------

    def check_cells(
        self, table: Table, cells: list[str], *, intake: Mapping[str, dt.date] | None = None
    ) -> Values | None:
        """Read and check one row of ``table``, given as trimmed cells in the schema's column
        order, exactly as a row of a delivery's file (:mod:`werkbrug.exchange.records` checks
        the live data with it). The row's references are not looked up: in the live data the
        database's foreign keys hold them. ``intake`` gives the intake date of the
        participants an outcome may refer to. Problems go to :attr:`problems`."""
        self._unchecked.update(TABLE_ORDER)
        self._state.intake.update(intake or {})
        columns = [
            _Column(i, i, column.name, column.required, column.parser(False))
            for i, column in enumerate(table.columns)
        ]
        values = self._parse_cells(
            table.filename, 1, cells, columns, [column.default for column in table.columns]
        )
        if values is None:
            return None
        # The row's own rules across columns and records (a fresh validator has seen no other
        # row, so a key is never a duplicate here: the database keeps keys unique).
        check = getattr(self, f"_check_{table.name}")
        return values if check(table.filename, 1, values) else None

    # --- reading and checking rows ------------------------------------------------------------

    def _checked_rows(self, table: Table, table_input: TableInput) -> Iterator[Values]:
        check = getattr(self, f"_check_{table.name}")
        digests = self._digests[table.name]
        names = table.column_names
        count = 0
        for line, values in self._parsed_rows(table, table_input):
            if not check(table_input.display, line, values):
                continue
            count += 1
            digests.append(_digest(names, values))
            yield values
        self.counts[table.name] = count

    def _parsed_rows(self, table: Table, table_input: TableInput) -> Iterator[tuple[int, Values]]:
        display = table_input.display
        try:
            rows = table_input.rows()
            first = next(rows, None)
            if first is None:
                self._unchecked.add(table.name)
                self.problems.error(
                    display,
                    None,
                    None,
                    gettext_noop("is empty; the first row must name the columns: {columns}"),
                    columns=", ".join(c.name for c in table.columns if c.required),
                )
                return
            columns = self._header(table, table_input, first[0], first[1])
            if columns is None:
                self._unchecked.add(table.name)
                return
            header_width = len(first[1])
            empty = [column.default for column in table.columns]
            key_cell = next((c.cell for c in columns if c.name == table.key), None)
            data_rows = 0
            for line, cells in rows:
                data_rows += 1
                if data_rows % PROGRESS_EVERY == 0 and self._progress is not None:
                    self._progress(display, table_input.position(), table_input.size)
                values = self._parse_cells(display, line, cells, columns, empty)
                too_wide = len(cells) > header_width and any(cells[header_width:])
                if (values is None or too_wide) and key_cell is not None and key_cell < len(cells):
                    self._remember_key(table.name, cells[key_cell])
                if too_wide:
                    self.problems.error(
                        display,
                        line,
                        None,
                        gettext_noop(
                            "the row has {cells} cells but the header has {header}; put cells that "
                            "contain '{delimiter}' between double quotes"
                        ),
                        cells=len(cells),
                        header=header_width,
                        delimiter=table_input.delimiter,
                    )
                    continue
                if values is not None:
                    yield line, values
            if data_rows == 0 and table.required:
                self.problems.error(display, None, None, gettext_noop("has a header but no rows"))
            if self._progress is not None:
                self._progress(display, table_input.size, table_input.size)
        except SourceError as exc:
            self._unchecked.add(table.name)
            self.problems.error(exc.file, exc.line, None, exc.template, **exc.params)

    def _header(
        self, table: Table, table_input: TableInput, line: int, header: list[str]
    ) -> list[_Column] | None:
        display = table_input.display
        known = {c.name: (i, c) for i, c in enumerate(table.columns)}
        columns: list[_Column] = []
        seen: set[str] = set()
        for cell_index, raw in enumerate(header):
            name = raw.lstrip("\ufeff").strip().lower()
            if name in seen:
                self.problems.error(
                    display, line, raw, gettext_noop("the column appears twice; keep one")
                )
                continue
            seen.add(name)
            if name not in known:
                if name:
                    self.problems.warning(
                        display,
                        line,
                        raw,
                        gettext_noop("unknown column; ignored (known columns: {known})"),
                        known=", ".join(table.column_names),
                    )
                continue
            position, column = known[name]
            parse = column.parser(table_input.decimal_comma)
            columns.append(_Column(position, cell_index, column.name, column.required, parse))
        missing = [c.name for c in table.columns if c.required and c.name not in seen]
        for name in missing:
            self.problems.error(display, line, name, gettext_noop("required column is missing"))
        if missing and len(header) == 1:
            self.problems.error(
                display,
                line,
                None,
                gettext_noop("the header has only one column; separate columns with ',' or ';'"),
            )
        return None if missing else columns

    def _parse_cells(
        self, display: str, line: int, cells: list[str], columns: list[_Column], empty: Values
    ) -> Values | None:
        values: Values = list(empty)
        ok = True
        count = len(cells)
        max_chars = self.limits.max_cell_chars
        for column in columns:
            raw = cells[column.cell] if column.cell < count else ""
            if not raw:
                if column.required:
                    self.problems.error(
                        display, line, column.name, gettext_noop("a value is required")
                    )
                    ok = False
                continue
            if len(raw) > max_chars:
                # Refused before parsing: no parser or message handles megabytes.
                self.problems.error(
                    display,
                    line,
                    column.name,
                    gettext_noop("the cell is {length} characters long; at most {max} are allowed"),
                    length=len(raw),
                    max=max_chars,
                )
                ok = False
                continue
            if raw[0] == "'" and not self.exact:
                raw = restore(raw)  # a text the export kept from being read as a formula
            try:
                values[column.position] = column.parse(raw)
            except CellError as exc:
                self.problems.error(display, line, column.name, exc.template, **exc.params)
                ok = False
        return values if ok else None

    def _remember_key(self, table: str, key: str) -> None:
        """Know the id of a row that failed its own checks, so that rows referring to it get
        no second, misleading "unknown id" error."""
        if not key:
            return
        if table == "projects":
            self._state.project_codes.add(key)
        elif table == "employers":
            self._state.employer_ids.add(key)
        elif table == "participants":
            self._state.intake.setdefault(key, None)

    # --- row and cross-file checks (one per table) -------------------------------------------

    def _duplicate(
        self, display: str, line: int, column: str, value: str, first: int | None
    ) -> bool:
        if first is None:
            self.problems.error(
                display,
                line,
                column,
                gettext_noop("duplicate '{value}'; every {name} must be unique"),
                value=value,
                name=column,
            )
        else:
            self.problems.error(
                display,
                line,
                column,
                gettext_noop("duplicate '{value}'; also on line {first}"),
                value=value,
                first=first,
            )
        return False

    def _check_projects(self, display: str, line: int, v: Values) -> bool:
        code, start, end = v[0], v[5], v[6]
        state = self._state
        if code in state.project_lines:
            return self._duplicate(display, line, "code", code, state.project_lines[code])
        state.project_lines[code] = line
        state.project_codes.add(code)
        if end is not None and end < start:
            self.problems.error(
                display,
                line,
                "end_date",
                gettext_noop(
                    "{end} is before start_date {start}; the end must be on or after the start"
                ),
                end=end.isoformat(),
                start=start.isoformat(),
            )
            return False
        return True

    def _check_employers(self, display: str, line: int, v: Values) -> bool:
        key, project = v[0], v[4]
        state = self._state
        if key in state.employer_lines:
            return self._duplicate(display, line, "id", key, state.employer_lines[key])
        state.employer_lines[key] = line
        state.employer_ids.add(key)
        if project is not None and self._missing("projects", project, state.project_codes):
            return self._unknown(display, line, "project", project, "projects.csv", "code")
        return True

    def _check_participants(self, display: str, line: int, v: Values) -> bool:
        key, project, intake, birth_date = v[0], v[1], v[2], v[3]
        state = self._state
        if key in state.intake:
            return self._duplicate(display, line, "id", key, None)
        state.intake[key] = intake
        if self._missing("projects", project, state.project_codes):
            return self._unknown(display, line, "project", project, "projects.csv", "code")
        if birth_date is not None and birth_date >= intake:
            self.problems.error(
                display,
                line,
                "birth_date",
                gettext_noop("{birth} is not before intake_date {intake}"),
                birth=birth_date.isoformat(),
                intake=intake.isoformat(),
            )
            return False
        return True

    def _check_outcomes(self, display: str, line: int, v: Values) -> bool:
        key, date = v[0], v[2]
        state = self._state
        if key in state.seen_outcomes:
            self.problems.error(
                display,
                line,
                "participant",
                gettext_noop(
                    "'{value}' has more than one outcome; give at most one row per participant"
                ),
                value=key,
            )
            return False
        state.seen_outcomes.add(key)
        if self._missing("participants", key, state.intake):
            return self._unknown(display, line, "participant", key, "participants.csv", "id")
        intake = state.intake.get(key)
        if intake is not None and date < intake:
            self.problems.error(
                display,
                line,
                "date",
                gettext_noop("{date} is before the participant's intake_date {intake}"),
                date=date.isoformat(),
                intake=intake.isoformat(),
            )
            return False
        return True

    def _check_vacancies(self, display: str, line: int, v: Values) -> bool:
        key, employer, open_date, close_date = v[0], v[1], v[11], v[12]
        state = self._state
        if key in state.vacancy_lines:
            return self._duplicate(display, line, "id", key, state.vacancy_lines[key])
        state.vacancy_lines[key] = line
        if employer is not None and self._missing("employers", employer, state.employer_ids):
            return self._unknown(display, line, "employer", employer, "employers.csv", "id")
        if open_date is not None and close_date is not None and close_date < open_date:
            self.problems.error(
                display,
                line,
                "close_date",
                gettext_noop(
                    "{end} is before open_date {start}; the end must be on or after the start"
                ),
                end=close_date.isoformat(),
                start=open_date.isoformat(),
            )
            return False
        return True

    def _missing(self, table: str, key: str, known: Collection[str]) -> bool:
        return key not in known and table not in self._unchecked

    def _unknown(
        self, display: str, line: int, column: str, value: str, other: str, other_column: str
    ) -> bool:
        self.problems.error(
            display,
            line,
            column,
            gettext_noop("'{value}' is not found in column {other_column} of {other}"),
            value=value,
            other=other,
            other_column=other_column,
        )
        return False

    # --- content hash -------------------------------------------------------------------------

    def _hash(self) -> str:
        return _combined(self._digests)


def content_hash(tables: Iterable[tuple[Table, Iterable[Sequence[object]]]]) -> str:
    """The content hash of a delivery given as typed rows per table, in each table's column
    order: what the validator computes on import, here for rows that are stored (a backup's
    verification recomputes it). A table that is not given counts as empty, as on import."""
    digests: dict[str, list[bytes]] = {name: [] for name in TABLE_ORDER if name != "delivery"}
    for table, rows in tables:
        digests[table.name].extend(_digest(table.column_names, row) for row in rows)
    return _combined(digests)


def _combined(digests: Mapping[str, list[bytes]]) -> str:
    # The rows' digests sorted: the hash says what was delivered, not in which order.
    total = hashlib.sha256(FORMAT.encode())
    for name, table_digests in digests.items():
        table_digests.sort()
        total.update(f"\n{name}:{len(table_digests)}\n".encode())
        for digest in table_digests:
            total.update(digest)
    return total.hexdigest()


def _digest(names: tuple[str, ...], values: Sequence[object]) -> bytes:
    # Only filled cells, each with its column name: a later format version may add optional
    # columns without changing the hash of rows that leave them empty.
    # Each cell as name:length:text, so no text can imitate a cell boundary.
    cells = [(n, canonical(v)) for n, v in zip(names, values, strict=True) if v is not None]
    line = "".join([f"{n}:{len(text)}:{text}" for n, text in cells])
    return hashlib.blake2b(line.encode(), digest_size=16).digest()
