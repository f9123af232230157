"""Tests for DeliveryValidator: every problem at once, cross-file checks, the delivery's own
row, and properties of the content hash.

The helpers at the top (``read_delivery``, ``write_delivery`` and the ``deliveries``
strategy) are used by test_writer_roundtrip.py too.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.conftest import valid_tables, write_tables
from werkbrug.exchange import TABLES, DeliveryValidator, Problem, Severity, open_source
from werkbrug.exchange.validate import name_problem
from werkbrug.taxonomy import (
    CONTINUATIONS,
    CONTRACTS,
    EDUCATION,
    FORMAL_AGREEMENTS,
    GENDERS,
    NETWORKS,
    OUTCOMES,
    SBI_SECTIONS,
    SITUATIONS,
    isco_unit_groups,
)

Tables = dict[str, list[dict[str, str]]]
TypedRows = dict[str, list[list[Any]]]

# --- helpers ----------------------------------------------------------------------------------


@dataclass
class Reading:
    """What validating a delivery gave: the validator (problems, counts, hash) and the valid
    rows of every table, typed."""

    validator: DeliveryValidator
    rows: TypedRows

    @property
    def errors(self) -> list[Problem]:
        return self.validator.problems.errors()

    @property
    def warnings(self) -> list[Problem]:
        return self.validator.problems.warnings()

    @property
    def rendered(self) -> list[str]:
        return [p.render() for p in self.validator.problems]

    @property
    def error_places(self) -> list[tuple[str, int | None, str | None]]:
        return [(p.file, p.line, p.column) for p in self.errors]

    @property
    def content_hash(self) -> str:
        assert self.validator.content_hash is not None
        return self.validator.content_hash


def read_delivery(path: Path, **options: Any) -> Reading:
    """Open and validate a delivery, keeping every valid row."""
    with open_source(path) as source:
        validator = DeliveryValidator(source, **options)
        rows: TypedRows = {}
        for table, table_rows in validator.tables():
            rows[table.name] = list(table_rows)
    return Reading(validator, rows)


def write_delivery(
    folder: Path, tables: Tables, *, delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    """Write raw tables as CSV files (empty tables are left out)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        if not rows:
            continue
        with open(folder / f"{name}.csv", "w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(list(rows[0]))
            writer.writerows([list(row.values()) for row in rows])
    return folder


def read_tables(tables: Tables, **options: Any) -> Reading:
    """Write raw tables to a fresh folder and validate them (usable inside @given)."""
    with tempfile.TemporaryDirectory() as tmp:
        return read_delivery(write_delivery(Path(tmp) / "delivery", tables), **options)


def copy(tables: Tables) -> Tables:
    return {name: [dict(row) for row in rows] for name, rows in tables.items()}


def assert_place(problem: Problem, file: str, line: int | None, column: str | None) -> None:
    """The problem is reported at exactly this place, rendered as ``file:line: column: ``."""
    assert (problem.file, problem.line, problem.column) == (file, line, column)
    place = file if line is None else f"{file}:{line}"
    prefix = f"{place}: {column}: " if column else f"{place}: "
    assert problem.render().startswith(prefix)
    assert not problem.render()[len(prefix) :].startswith(" ")


# --- strategies: small valid deliveries -------------------------------------------------------

# Text a user may type: letters, digits, punctuation that needs CSV quoting, line breaks and
# Dutch accented letters. Every character is in Windows-1252, and none of them is a UTF-8
# continuation byte there (0x80-0xBF), so a Windows-1252 file cannot pass as UTF-8 by chance.
# No '=' (a spreadsheet formula) and no control characters: those have their own tests.
TEXT_ALPHABET = string.ascii_letters + string.digits + " ,;\"'|-_./&()\n" + "éëïöüèàçÉ"
KEY_ALPHABET = string.ascii_letters + string.digits + "-_"

CODE_COLUMNS = {
    "projects": (
        "network",
        "sector",
        "region",
        "formal_agreement",
        "continuation",
        "individual_contribution",
        "employer_contribution",
        "union_involved",
    ),
    "participants": ("gender", "education", "situation", "sector"),
    "outcomes": ("outcome", "contract", "sector"),
    "employers": ("sector",),
    "vacancies": ("sector", "min_education", "contract"),
}
DECIMAL_COLUMNS = {
    "projects": ("budget_eur", "own_funds_eur", "subsidy_eur"),
    "participants": ("hours_before",),
    "outcomes": ("hours",),
    "vacancies": ("hours",),
}
DATE_COLUMNS = {
    "projects": ("start_date", "end_date"),
    "participants": ("intake_date", "birth_date"),
    "outcomes": ("date",),
    "vacancies": ("open_date", "close_date"),
}

ESCO_URI = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
OCCUPATIONS = [*[g.code for g in isco_unit_groups()][::20], ESCO_URI]
REGION_SPELLINGS = [
    "groot-amsterdam",
    "Groot Amsterdam",
    "Zuidoost-Brabant",
    "friesland",
    "Fryslân",
    "Rijk van Nijmegen",
]
BOOLEAN_SPELLINGS = ["true", "false", "yes", "no", "ja", "nee", "1", "0"]
EARLIEST = dt.date(1900, 3, 1)  # openpyxl reads 1899-12-30/31 back as a time; see roundtrip


def texts(max_size: int = 12, alphabet: str = TEXT_ALPHABET) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=1, max_size=max_size).filter(lambda s: s.strip() != "")


def keys() -> st.SearchStrategy[str]:
    return st.text(KEY_ALPHABET, min_size=1, max_size=8)


def spelled(codes: list[str]) -> st.SearchStrategy[str]:
    """A code from the list, in any case."""
    return st.sampled_from(codes).flatmap(
        lambda code: st.sampled_from([code, code.upper(), code.lower(), code.title()])
    )


def numbers(low_cents: int, high_cents: int) -> st.SearchStrategy[str]:
    """A number with at most two decimals between the bounds (given in hundredths)."""

    def show(cents: int) -> str:
        whole, part = divmod(cents, 100)
        return f"{whole}.{part:02d}" if part else str(whole)

    return st.integers(low_cents, high_cents).map(show)


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


def date_text(day: dt.date, dutch: bool) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}" if dutch else day.isoformat()


def delivery_names() -> st.SearchStrategy[str]:
    """Names a delivery may have: never a path (werkbrug.exchange.validate.name_problem)."""
    # Latin letters only: the hash test also writes the files in Windows-1252.
    pattern = r"[A-Za-z0-9À-ÖØ-öø-ÿ][A-Za-z0-9À-ÖØ-öø-ÿ .,()+&'_-]{0,19}"
    return st.from_regex(pattern, fullmatch=True).filter(
        lambda name: name == name.strip() and name_problem(name) is None
    )


@st.composite
def deliveries(draw: st.DrawFn) -> Tables:
    """A small valid delivery as raw tables: unique keys, references that exist, dates in
    order, optional cells sometimes empty, codes in any case, dates in both forms."""

    def date(day: dt.date) -> str:
        return date_text(day, draw(st.booleans()))

    def maybe(strategy: st.SearchStrategy[str]) -> str:
        return draw(optional(strategy))

    any_day = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
    education = [c.code for c in EDUCATION] + ["lbo", "mavo", "vbo"]

    codes = draw(st.lists(keys(), min_size=1, max_size=3, unique=True))
    projects = []
    for code in codes:
        start = draw(any_day)
        end = draw(st.one_of(st.none(), st.integers(0, 3000)))
        projects.append(
            {
                "code": code,
                "name": draw(texts()),
                "network": maybe(spelled(list(NETWORKS.codes))),
                "sector": maybe(spelled(list(SBI_SECTIONS.codes))),
                "region": maybe(st.sampled_from(REGION_SPELLINGS)),
                "start_date": date(start),
                "end_date": "" if end is None else date(start + dt.timedelta(days=end)),
                "target_participants": str(draw(st.integers(0, 10_000))),
                "target_transitions": str(draw(st.integers(0, 10_000))),
                "budget_eur": maybe(numbers(0, 10**9)),
                "own_funds_eur": maybe(numbers(0, 10**8)),
                "subsidy_eur": maybe(numbers(0, 10**8)),
                "individual_contribution": maybe(spelled(BOOLEAN_SPELLINGS)),
                "employer_contribution": maybe(spelled(BOOLEAN_SPELLINGS)),
                "union_involved": maybe(spelled(BOOLEAN_SPELLINGS)),
                "formal_agreement": maybe(spelled(list(FORMAL_AGREEMENTS.codes))),
                "continuation": maybe(spelled(list(CONTINUATIONS.codes))),
            }
        )

    employer_ids = draw(st.lists(keys(), max_size=3, unique=True))
    employers = [
        {
            "id": key,
            "name": draw(texts()),
            "sector": maybe(spelled(list(SBI_SECTIONS.codes))),
            "postcode": maybe(st.integers(1000, 9999).map(str)),
            "project": maybe(st.sampled_from(codes)),
        }
        for key in employer_ids
    ]

    participant_ids = draw(st.lists(keys(), min_size=1, max_size=6, unique=True))
    participants = []
    outcomes = []
    for key in participant_ids:
        intake = draw(any_day)
        born = draw(st.one_of(st.none(), st.integers(1, (intake - EARLIEST).days)))
        participants.append(
            {
                "id": key,
                "project": draw(st.sampled_from(codes)),
                "intake_date": date(intake),
                "birth_date": "" if born is None else date(intake - dt.timedelta(days=born)),
                "birth_year": maybe(st.integers(1900, 2100).map(str)),
                "gender": maybe(spelled(list(GENDERS.codes))),
                "education": maybe(spelled(education)),
                "situation": maybe(spelled(list(SITUATIONS.codes))),
                "occupation": maybe(st.sampled_from(OCCUPATIONS)),
                "sector": maybe(spelled(list(SBI_SECTIONS.codes))),
                "postcode": maybe(st.sampled_from(["3511", "9999", "1000 AB", "6211xy"])),
                "hours_before": maybe(numbers(0, 8000)),
            }
        )
        if draw(st.booleans()):
            outcomes.append(
                {
                    "participant": key,
                    "outcome": draw(spelled(list(OUTCOMES.codes))),
                    "date": date(intake + dt.timedelta(days=draw(st.integers(0, 2000)))),
                    "contract": maybe(spelled(list(CONTRACTS.codes))),
                    "hours": maybe(numbers(1, 8000)),
                    "employer": maybe(texts()),
                    "sector": maybe(spelled(list(SBI_SECTIONS.codes))),
                    "occupation": maybe(st.sampled_from(OCCUPATIONS)),
                    "benefit_days": maybe(st.integers(0, 5000).map(str)),
                }
            )

    vacancies = []
    for key in draw(st.lists(keys(), max_size=3, unique=True)):
        opened = draw(st.one_of(st.none(), any_day))
        closed = draw(st.one_of(st.none(), st.integers(0, 400)))
        skills = draw(st.lists(texts(10, TEXT_ALPHABET.replace("|", "")), max_size=3))
        vacancies.append(
            {
                "id": key,
                "employer": maybe(st.sampled_from(employer_ids)) if employer_ids else "",
                "title": draw(texts()),
                "occupation": maybe(st.sampled_from(OCCUPATIONS)),
                "sector": maybe(spelled(list(SBI_SECTIONS.codes))),
                "postcode": maybe(st.integers(1000, 9999).map(str)),
                "min_education": maybe(spelled(education)),
                "hours": maybe(numbers(1, 8000)),
                "contract": maybe(spelled(list(CONTRACTS.codes))),
                "positions": maybe(st.integers(1, 50).map(str)),
                "skills": "|".join(skills),
                "open_date": "" if opened is None else date(opened),
                "close_date": (
                    ""
                    if opened is None or closed is None
                    else date(opened + dt.timedelta(days=closed))
                ),
            }
        )

    return {
        "delivery": [
            {
                "name": draw(delivery_names()),
                "delivered_on": date(draw(any_day)),
                "description": maybe(texts(40)),
            }
        ],
        "projects": projects,
        "employers": employers,
        "participants": participants,
        "outcomes": outcomes,
        "vacancies": vacancies,
    }


# --- a valid delivery -------------------------------------------------------------------------


def test_the_valid_example_delivery_has_no_problems_and_counts_every_row(tmp_path: Path) -> None:
    reading = read_delivery(write_tables(tmp_path / "d", valid_tables()))
    assert reading.rendered == []
    assert reading.validator.counts == {
        "projects": 2,
        "employers": 1,
        "participants": 6,
        "outcomes": 2,
        "vacancies": 1,
    }
    assert len(reading.content_hash) == 64
    assert int(reading.content_hash, 16) >= 0


def test_rows_come_out_typed_in_the_column_order_of_the_schema(tmp_path: Path) -> None:
    reading = read_delivery(write_tables(tmp_path / "d", valid_tables()))
    first = reading.rows["participants"][0]
    assert first[:4] == ["P001", "bouw", dt.date(2011, 2, 11), dt.date(1968, 5, 2)]
    assert first[4] is None  # birth_year empty
    assert reading.rows["outcomes"][1][3:] == [None] * 6


# --- every problem at once --------------------------------------------------------------------


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["projects"][1]["end_date"] = "2010-01-01"  # before its start, 2011-01-01
    tables["participants"][1]["intake_date"] = "2011-02-30"
    tables["participants"][2]["gender"] = "v"
    tables["participants"][3]["project"] = "zorg"
    tables["outcomes"][0]["date"] = "2010-01-01"  # before P001's intake
    tables["outcomes"].append(dict(tables["outcomes"][1], participant="P999"))
    tables["vacancies"][0]["positions"] = "0"
    reading = read_delivery(write_tables(tmp_path / "d", tables))

    expected = [
        ("projects.csv", 3, "end_date", "2010-01-01"),
        ("participants.csv", 3, "intake_date", "2011-02-30"),
        ("participants.csv", 4, "gender", "'v'"),
        ("participants.csv", 5, "project", "'zorg'"),
        ("outcomes.csv", 2, "date", "2010-01-01"),
        ("outcomes.csv", 4, "participant", "'P999'"),
        ("vacancies.csv", 2, "positions", "0"),
    ]
    assert len(reading.errors) == len(expected)
    for problem, (file, line, column, value) in zip(reading.errors, expected, strict=True):
        assert_place(problem, file, line, column)
        assert value in problem.message()
    assert reading.warnings == []
    assert reading.validator.counts == {
        "projects": 1,
        "employers": 1,
        "participants": 3,
        "outcomes": 1,
        "vacancies": 0,
    }


def test_several_bad_cells_in_one_row_are_all_reported(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0].update(gender="q", postcode="12", hours_before="81")
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [
        ("participants.csv", 2, "gender"),
        ("participants.csv", 2, "postcode"),
        ("participants.csv", 2, "hours_before"),
    ]


def test_a_missing_required_file_is_reported_without_a_line(tmp_path: Path) -> None:
    tables = valid_tables()
    del tables["participants"], tables["outcomes"]
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert len(reading.errors) == 1
    assert_place(reading.errors[0], "participants.csv", None, None)


def test_an_empty_file_asks_for_a_header_with_the_required_columns(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    (folder / "participants.csv").write_bytes(b"")
    reading = read_delivery(folder)
    problem = next(p for p in reading.errors if p.file == "participants.csv")
    assert_place(problem, "participants.csv", None, None)
    assert "id, project, intake_date" in problem.message()


def test_a_required_file_with_only_a_header_is_an_error(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    header = (folder / "projects.csv").read_text().splitlines()[0]
    (folder / "projects.csv").write_text(header + "\n")
    reading = read_delivery(folder)
    assert ("projects.csv", None, None) in reading.error_places


def test_an_optional_file_with_only_a_header_is_fine(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    (folder / "vacancies.csv").write_text("id,title\n")
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.validator.counts["vacancies"] == 0


def test_only_the_first_problems_are_kept_but_all_are_counted(tmp_path: Path) -> None:
    tables = valid_tables()
    for row in tables["participants"]:
        row["gender"] = "q"
    with open_source(write_tables(tmp_path / "d", tables)) as source:
        validator = DeliveryValidator(source, keep_problems=2)
        validator.run()
    assert len(validator.problems) == 2
    assert validator.problems.error_count == 6
    assert validator.problems.omitted == 4


# --- headers and row shapes -------------------------------------------------------------------


def test_an_unknown_column_is_a_warning_and_its_cells_are_ignored(tmp_path: Path) -> None:
    tables = valid_tables()
    for row in tables["participants"]:
        row["remarks"] = "not part of the format"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    plain = read_delivery(write_tables(tmp_path / "plain", valid_tables()))
    assert reading.errors == []
    assert not reading.validator.problems.has_errors
    assert len(reading.warnings) == 1
    warning = reading.warnings[0]
    assert warning.severity is Severity.WARNING
    assert_place(warning, "participants.csv", 1, "remarks")
    assert warning.render().startswith("participants.csv:1: remarks: warning: ")
    assert reading.rows == plain.rows
    assert reading.content_hash == plain.content_hash


def test_header_names_are_found_in_any_case_and_with_surrounding_spaces(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    path = folder / "participants.csv"
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    header[:4] = [" ID ", "Project", "INTAKE_DATE  ", "\tBirth_Date"]
    path.write_text("\n".join([",".join(header), *lines[1:]]) + "\n")
    reading = read_delivery(folder)
    plain = read_delivery(write_tables(tmp_path / "plain", valid_tables()))
    assert reading.rendered == []
    assert reading.rows == plain.rows


def test_columns_may_come_in_any_order(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"] = [dict(reversed(list(row.items()))) for row in tables["participants"]]
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    plain = read_delivery(write_tables(tmp_path / "plain", valid_tables()))
    assert reading.rendered == []
    assert reading.rows == plain.rows


def test_a_column_named_twice_is_an_error(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    path = folder / "employers.csv"
    path.write_text("id,name,Name\nE1,Bouwbedrijf,Ander\n")
    reading = read_delivery(folder)
    assert reading.error_places == [("employers.csv", 1, "Name")]


def test_a_missing_required_column_is_an_error_and_the_file_is_not_read(tmp_path: Path) -> None:
    tables = valid_tables()
    for row in tables["participants"]:
        del row["intake_date"]
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places[0] == ("participants.csv", 1, "intake_date")
    assert [p for p in reading.errors if p.file == "participants.csv"] == reading.errors[:1]
    assert reading.rows["participants"] == []


@pytest.mark.parametrize("broken", ["a required column is missing", "the file is missing"])
def test_rows_referring_to_an_unreadable_table_are_not_blamed_for_it(
    tmp_path: Path, broken: str
) -> None:
    tables = valid_tables()
    if broken == "the file is missing":
        del tables["projects"]
    else:
        for row in tables["projects"]:
            del row["start_date"]
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert [p.file for p in reading.errors] == ["projects.csv"]


def test_a_header_in_one_column_hints_at_the_delimiter(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    (folder / "employers.csv").write_text("id|name|sector\nE1|Bouwbedrijf|F\n")
    reading = read_delivery(folder)
    assert [place for place in reading.error_places if place[0] == "employers.csv"] == [
        ("employers.csv", 1, "id"),
        ("employers.csv", 1, "name"),
        ("employers.csv", 1, None),
    ]


def test_a_row_with_more_cells_than_the_header_is_an_error_for_that_row(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    path = folder / "vacancies.csv"
    lines = path.read_text().splitlines()
    lines[1] += ",surplus,cells"
    path.write_text("\n".join(lines) + "\n")
    reading = read_delivery(folder)
    assert len(reading.errors) == 1
    problem = reading.errors[0]
    assert_place(problem, "vacancies.csv", 2, None)
    assert problem.params["cells"] == 15
    assert problem.params["header"] == 13
    assert problem.params["delimiter"] == ","
    assert reading.validator.counts["vacancies"] == 0


def test_the_extra_cells_error_names_the_semicolon_in_a_semicolon_file(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables(), delimiter=";")
    with open(folder / "employers.csv", "a") as handle:
        handle.write("E2;Bouw; Infra;;3511;bouw\n")  # 'Bouw; Infra' should have been quoted
    reading = read_delivery(folder)
    [problem] = [p for p in reading.errors if p.column is None]
    assert problem.params["delimiter"] == ";"
    assert_place(problem, "employers.csv", 3, None)
    assert reading.validator.counts["employers"] == 1


def test_empty_cells_after_the_last_column_are_harmless(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    path = folder / "employers.csv"
    lines = path.read_text().splitlines()
    lines[1] += ",,,"
    path.write_text("\n".join(lines) + "\n")
    assert read_delivery(folder).rendered == []


def test_a_short_row_reads_its_missing_cells_as_empty(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    (folder / "employers.csv").write_text("id,name,sector,postcode,project\nE1,De Proef\n")
    reading = read_delivery(folder)
    assert reading.rendered == []
    assert reading.rows["employers"] == [["E1", "De Proef", None, None, None]]


def test_a_short_row_without_its_required_cells_reports_them(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    (folder / "employers.csv").write_text("id,name,sector\nE1\n")
    reading = read_delivery(folder)
    assert reading.error_places == [("employers.csv", 2, "name")]


# --- required cells and row checks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "column", "line"),
    [
        ("projects", "code", 2),
        ("projects", "target_transitions", 3),
        ("participants", "intake_date", 4),
        ("outcomes", "outcome", 2),
        ("employers", "name", 2),
        ("vacancies", "title", 2),
    ],
)
def test_an_empty_required_cell_is_reported_at_its_place(
    tmp_path: Path, table: str, column: str, line: int
) -> None:
    tables = valid_tables()
    tables[table][line - 2][column] = ""
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places[0] == (f"{table}.csv", line, column)


def test_a_cell_of_spaces_counts_as_empty(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0]["intake_date"] = "   "
    tables["participants"][0]["gender"] = "  "
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("participants.csv", 2, "intake_date")]


def test_cells_are_trimmed_before_they_are_read(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0].update(id=" P001 ", gender=" m ", intake_date=" 2011-02-11\t")
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    plain = read_delivery(write_tables(tmp_path / "plain", valid_tables()))
    assert reading.rendered == []
    assert reading.rows == plain.rows


def test_a_duplicate_project_code_names_the_line_of_the_first(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["projects"][1]["code"] = "bouw"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    problem = reading.errors[0]
    assert_place(problem, "projects.csv", 3, "code")
    assert problem.params["first"] == 2


def test_a_duplicate_participant_id_is_an_error(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][5]["id"] = "P001"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("participants.csv", 7, "id")]
    assert "'P001'" in reading.errors[0].message()


def test_a_second_outcome_for_one_participant_is_an_error(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["outcomes"].append(dict(tables["outcomes"][0], outcome="dropout"))
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("outcomes.csv", 4, "participant")]


def test_a_birth_date_on_or_after_the_intake_is_an_error(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][0]["birth_date"] = tables["participants"][0]["intake_date"]
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("participants.csv", 2, "birth_date")]


def test_an_outcome_on_the_intake_date_is_fine(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["outcomes"][0]["date"] = tables["participants"][0]["intake_date"]
    assert read_delivery(write_tables(tmp_path / "d", tables)).rendered == []


def test_a_vacancy_closing_before_it_opens_is_an_error(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["vacancies"][0]["close_date"] = "2011-01-31"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("vacancies.csv", 2, "close_date")]


def test_references_to_unknown_employers_and_projects_are_errors(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["employers"][0]["project"] = "zorg"
    tables["vacancies"][0]["employer"] = "E9"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [
        ("employers.csv", 2, "project"),
        ("vacancies.csv", 2, "employer"),
    ]


def test_an_outcome_for_a_participant_whose_row_was_invalid_gets_no_second_error(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["participants"][0]["intake_date"] = "2011-13-01"
    tables["participants"][1]["gender"] = "q"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [
        ("participants.csv", 2, "intake_date"),
        ("participants.csv", 3, "gender"),
    ]


def test_a_participant_of_a_project_whose_row_was_invalid_gets_no_second_error(
    tmp_path: Path,
) -> None:
    tables = valid_tables()
    tables["projects"][0]["target_participants"] = "veel"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("projects.csv", 2, "target_participants")]


def test_an_outcome_for_a_participant_row_with_too_many_cells_gets_no_second_error(
    tmp_path: Path,
) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    path = folder / "participants.csv"
    lines = path.read_text().splitlines()
    lines[1] += ",extra"
    path.write_text("\n".join(lines) + "\n")
    reading = read_delivery(folder)
    assert reading.error_places == [("participants.csv", 2, None)]


# --- the delivery's own row -------------------------------------------------------------------


def test_the_name_and_date_come_from_delivery_csv(tmp_path: Path) -> None:
    with open_source(write_tables(tmp_path / "d", valid_tables())) as source:
        meta = DeliveryValidator(source).read_meta()
    assert (meta.name, meta.delivered_on, meta.description) == (
        "proef",
        dt.date(2012, 6, 15),
        "test",
    )


def test_the_name_and_date_options_override_delivery_csv(tmp_path: Path) -> None:
    with open_source(write_tables(tmp_path / "d", valid_tables())) as source:
        validator = DeliveryValidator(source, name="anders", delivered_on=dt.date(2013, 1, 2))
        meta = validator.read_meta()
        validator.run()
    assert (meta.name, meta.delivered_on, meta.description) == (
        "anders",
        dt.date(2013, 1, 2),
        "test",
    )
    assert validator.problems.errors() == []


def test_the_name_does_not_change_the_content_hash(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    one = read_delivery(folder)
    other = read_delivery(folder, name="anders", delivered_on=dt.date(2020, 1, 1))
    assert one.content_hash == other.content_hash


def test_without_delivery_csv_the_name_option_names_the_delivery(tmp_path: Path) -> None:
    tables = valid_tables()
    del tables["delivery"]
    reading = read_delivery(write_tables(tmp_path / "d", tables), name="optie")
    assert reading.rendered == []
    assert reading.validator.read_meta().name == "optie"
    assert reading.validator.read_meta().delivered_on is None


def test_a_delivery_without_any_name_is_an_error(tmp_path: Path) -> None:
    tables = valid_tables()
    del tables["delivery"]
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert len(reading.errors) == 1
    assert_place(reading.errors[0], "delivery.csv", None, "name")
    assert reading.validator.counts["participants"] == 6  # the rest is still checked


def test_an_empty_name_in_delivery_csv_is_an_error(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["delivery"][0]["name"] = ""
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert ("delivery.csv", 2, "name") in reading.error_places


def test_a_delivery_csv_with_two_rows_is_an_error(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["delivery"].append(dict(tables["delivery"][0], name="tweede"))
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("delivery.csv", 3, None)]
    assert reading.validator.read_meta().name == "proef"


def test_reading_the_meta_twice_reports_its_problems_once(tmp_path: Path) -> None:
    tables = valid_tables()
    del tables["delivery"]
    with open_source(write_tables(tmp_path / "d", tables)) as source:
        validator = DeliveryValidator(source)
        validator.read_meta()
        validator.read_meta()
        validator.run()
    assert len(validator.problems.errors()) == 1


def test_a_bad_date_in_delivery_csv_is_the_only_error_reported(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["delivery"][0]["delivered_on"] = "15-13-2012"
    reading = read_delivery(write_tables(tmp_path / "d", tables))
    assert reading.error_places == [("delivery.csv", 2, "delivered_on")]


# --- content hash: examples -------------------------------------------------------------------


def test_the_same_files_give_the_same_hash(tmp_path: Path) -> None:
    folder = write_tables(tmp_path / "d", valid_tables())
    assert read_delivery(folder).content_hash == read_delivery(folder).content_hash


def test_code_aliases_and_number_spellings_give_the_same_hash(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["participants"][2]["education"] = "MAVO"  # was 'lbo': both are vmbo
    tables["participants"][4]["education"] = "Vbo"  # was 'vmbo'
    tables["participants"][0]["hours_before"] = "38.00"  # was '38'
    tables["projects"][0]["budget_eur"] = "100000.00"  # was '100000'
    tables["projects"][0]["individual_contribution"] = "Nee"  # was 'false'
    tables["projects"][0]["start_date"] = "01-12-2010"  # was '2010-12-01'
    one = read_delivery(write_tables(tmp_path / "a", tables))
    other = read_delivery(write_tables(tmp_path / "b", valid_tables()))
    assert one.rendered == other.rendered == []
    assert one.content_hash == other.content_hash


def test_an_empty_positions_cell_means_one_position(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["vacancies"][0]["positions"] = ""
    empty = read_delivery(write_tables(tmp_path / "a", tables))
    tables["vacancies"][0]["positions"] = "1"
    one = read_delivery(write_tables(tmp_path / "b", tables))
    assert empty.rows["vacancies"][0][9] == 1
    assert empty.rows == one.rows
    assert empty.content_hash == one.content_hash


def test_a_rejected_row_is_not_part_of_the_hash(tmp_path: Path) -> None:
    tables = valid_tables()
    tables["vacancies"].append(dict(tables["vacancies"][0], id="V2", positions="0"))
    with_bad_row = read_delivery(write_tables(tmp_path / "a", tables))
    plain = read_delivery(write_tables(tmp_path / "b", valid_tables()))
    assert len(with_bad_row.errors) == 1
    assert with_bad_row.content_hash == plain.content_hash


def test_two_different_deliveries_never_share_a_hash_through_a_separator_in_text(
    tmp_path: Path,
) -> None:
    # Text that imitates the hash's own cell encoding (name:length:text).
    employer = {"id": "E2", "name": "A:4:name", "sector": "", "postcode": "", "project": ""}
    one, other = valid_tables(), valid_tables()
    one["employers"].append(dict(employer))
    other["employers"].append(dict(employer, id="E2name:1:A", name="name"))
    first = read_delivery(write_tables(tmp_path / "a", one))
    second = read_delivery(write_tables(tmp_path / "b", other))
    assert first.rendered == second.rendered == []
    assert first.rows != second.rows
    assert first.content_hash != second.content_hash


# --- content hash: properties -----------------------------------------------------------------


def respell(tables: Tables, rng: random.Random, delimiter: str) -> Tables:
    """The same delivery, written differently: rows shuffled, codes in another case, dates in
    the other form, and a decimal comma in ';' files."""
    changed = copy(tables)
    for name, rows in changed.items():
        rng.shuffle(rows)
        for row in rows:
            for column in CODE_COLUMNS.get(name, ()):
                row[column] = rng.choice([str.upper, str.lower, str.swapcase])(row[column])
            for column in DATE_COLUMNS.get(name, ()):
                if row[column]:
                    day = cells_date(row[column])
                    row[column] = date_text(day, rng.random() < 0.5)
            if delimiter == ";":
                for column in DECIMAL_COLUMNS.get(name, ()):
                    row[column] = row[column].replace(".", ",")
    return changed


def cells_date(raw: str) -> dt.date:
    if raw[4] == "-":
        return dt.date.fromisoformat(raw)
    return dt.date(int(raw[6:]), int(raw[3:5]), int(raw[:2]))


@settings(max_examples=50, deadline=None)
@given(
    tables=deliveries(),
    rng=st.randoms(use_true_random=False),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_the_hash_ignores_row_order_delimiter_encoding_and_spelling(
    tables: Tables, rng: random.Random, delimiter: str, encoding: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plain = read_delivery(write_delivery(Path(tmp) / "plain", tables))
        other = read_delivery(
            write_delivery(
                Path(tmp) / "other",
                respell(tables, rng, delimiter),
                delimiter=delimiter,
                encoding=encoding,
            )
        )
    assert plain.rendered == []
    assert other.rendered == []
    assert other.content_hash == plain.content_hash
    for name, rows in plain.rows.items():
        assert sorted(map(repr, other.rows[name])) == sorted(map(repr, rows))


def iso_dates(low: dt.date, high: dt.date) -> st.SearchStrategy[str]:
    return st.dates(low, high).map(dt.date.isoformat)


def code_of(codes: Any) -> st.SearchStrategy[str]:
    return optional(st.sampled_from(list(codes.codes)))


BOOLEANS = st.sampled_from(["true", "false", ""])
ALL = None
# Per cell of the example delivery (tests.conftest): valid values that keep it valid.
# (table, column, rows that may change or ALL, values)
CHANGES: list[tuple[str, str, list[int] | None, st.SearchStrategy[str]]] = [
    ("projects", "name", ALL, texts()),
    ("projects", "network", ALL, code_of(NETWORKS)),
    ("projects", "sector", ALL, code_of(SBI_SECTIONS)),
    ("projects", "region", ALL, optional(st.sampled_from(["groot-amsterdam", "twente"]))),
    ("projects", "start_date", ALL, iso_dates(dt.date(2000, 1, 1), dt.date(2010, 12, 31))),
    ("projects", "end_date", ALL, optional(iso_dates(dt.date(2011, 1, 1), dt.date(2020, 12, 31)))),
    ("projects", "target_participants", ALL, st.integers(0, 10**6).map(str)),
    ("projects", "target_transitions", ALL, st.integers(0, 10**6).map(str)),
    ("projects", "budget_eur", ALL, optional(numbers(0, 10**11))),
    ("projects", "own_funds_eur", ALL, optional(numbers(0, 10**11))),
    ("projects", "subsidy_eur", ALL, optional(numbers(0, 10**11))),
    ("projects", "individual_contribution", ALL, BOOLEANS),
    ("projects", "employer_contribution", ALL, BOOLEANS),
    ("projects", "union_involved", ALL, BOOLEANS),
    ("projects", "formal_agreement", ALL, code_of(FORMAL_AGREEMENTS)),
    ("projects", "continuation", ALL, code_of(CONTINUATIONS)),
    ("employers", "name", ALL, texts()),
    ("employers", "sector", ALL, code_of(SBI_SECTIONS)),
    ("employers", "postcode", ALL, optional(st.integers(1000, 9999).map(str))),
    ("employers", "project", ALL, st.sampled_from(["bouw", "regio", ""])),
    ("participants", "id", [2, 3, 4, 5], st.from_regex(r"Q[0-9]{1,5}", fullmatch=True)),
    ("participants", "project", ALL, st.sampled_from(["bouw", "regio"])),
    ("participants", "intake_date", ALL, iso_dates(dt.date(1970, 1, 1), dt.date(2011, 8, 31))),
    (
        "participants",
        "birth_date",
        ALL,
        optional(iso_dates(dt.date(1900, 1, 1), dt.date(1969, 12, 31))),
    ),
    ("participants", "birth_year", ALL, optional(st.integers(1900, 2100).map(str))),
    ("participants", "gender", ALL, code_of(GENDERS)),
    ("participants", "education", ALL, code_of(EDUCATION)),
    ("participants", "situation", ALL, code_of(SITUATIONS)),
    ("participants", "occupation", ALL, optional(st.sampled_from(OCCUPATIONS))),
    ("participants", "sector", ALL, code_of(SBI_SECTIONS)),
    ("participants", "postcode", ALL, optional(st.integers(1000, 9999).map(str))),
    ("participants", "hours_before", ALL, optional(numbers(0, 8000))),
    ("outcomes", "participant", ALL, st.sampled_from(["P003", "P004", "P005", "P006"])),
    ("outcomes", "outcome", ALL, st.sampled_from(list(OUTCOMES.codes))),
    ("outcomes", "date", ALL, iso_dates(dt.date(2011, 6, 1), dt.date(2015, 12, 31))),
    ("outcomes", "contract", ALL, code_of(CONTRACTS)),
    ("outcomes", "hours", ALL, optional(numbers(1, 8000))),
    ("outcomes", "employer", ALL, optional(texts())),
    ("outcomes", "sector", ALL, code_of(SBI_SECTIONS)),
    ("outcomes", "occupation", ALL, optional(st.sampled_from(OCCUPATIONS))),
    ("outcomes", "benefit_days", ALL, optional(st.integers(0, 10**5).map(str))),
    ("vacancies", "id", ALL, keys()),
    ("vacancies", "employer", ALL, st.sampled_from(["E1", ""])),
    ("vacancies", "title", ALL, texts()),
    ("vacancies", "occupation", ALL, optional(st.sampled_from(OCCUPATIONS))),
    ("vacancies", "sector", ALL, code_of(SBI_SECTIONS)),
    ("vacancies", "postcode", ALL, optional(st.integers(1000, 9999).map(str))),
    ("vacancies", "min_education", ALL, code_of(EDUCATION)),
    ("vacancies", "hours", ALL, optional(numbers(1, 8000))),
    ("vacancies", "contract", ALL, code_of(CONTRACTS)),
    ("vacancies", "positions", ALL, optional(st.integers(1, 10**4).map(str))),
    (
        "vacancies",
        "skills",
        ALL,
        optional(
            st.lists(texts(10, string.ascii_letters + " "), min_size=1, max_size=3).map("|".join)
        ),
    ),
    ("vacancies", "open_date", ALL, optional(iso_dates(dt.date(2000, 1, 1), dt.date(2011, 6, 1)))),
    (
        "vacancies",
        "close_date",
        ALL,
        optional(iso_dates(dt.date(2011, 2, 1), dt.date(2020, 12, 31))),
    ),
]


def test_every_column_of_every_data_table_can_be_changed_by_the_hash_property() -> None:
    covered = {(table, column) for table, column, _rows, _values in CHANGES}
    keys_referred_to = {("projects", "code"), ("employers", "id")}
    for name in ("projects", "employers", "participants", "outcomes", "vacancies"):
        for column in TABLES[name].column_names:
            assert (name, column) in covered | keys_referred_to


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_changing_any_single_cell_to_another_valid_value_changes_the_hash(
    data: st.DataObject,
) -> None:
    table, column, rows, values = data.draw(st.sampled_from(CHANGES), label="cell")
    base = valid_tables()
    row = data.draw(st.sampled_from(rows or range(len(base[table]))), label="row")
    new = data.draw(values, label="value")
    assume(new != base[table][row][column])
    changed = copy(base)
    changed[table][row][column] = new

    before = read_tables(base)
    after = read_tables(changed)
    assert after.rendered == []
    # Another spelling of the same code (lbo for vmbo) is the same value, with the same hash.
    assume(after.rows != before.rows)
    assert after.content_hash != before.content_hash


# --- the parser never raises ------------------------------------------------------------------

ANY_TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20
)


@settings(max_examples=50, deadline=None)
@given(
    overrides=st.lists(
        st.lists(st.one_of(st.none(), ANY_TEXT), min_size=12, max_size=12),
        min_size=6,
        max_size=6,
    )
)
def test_arbitrary_text_in_any_participant_cell_gives_problems_never_exceptions(
    overrides: list[list[str | None]],
) -> None:
    tables = valid_tables()
    for row, cells in zip(tables["participants"], overrides, strict=True):
        for column, cell in zip(list(row), cells, strict=True):
            if cell is not None:
                row[column] = cell
    reading = read_tables(tables)

    assert all(isinstance(line, str) for line in reading.rendered)
    assert {p.file for p in reading.validator.problems} <= {"participants.csv", "outcomes.csv"}
    # Every non-blank participant row is either counted or has an error on its own line.
    data_rows = [row for row in tables["participants"] if any(row.values())]
    bad_lines = {p.line for p in reading.errors if p.file == "participants.csv"}
    assert reading.validator.counts["participants"] == len(data_rows) - len(bad_lines)


@settings(max_examples=50, deadline=None)
@given(lines=st.lists(ANY_TEXT, max_size=8))
def test_arbitrary_lines_in_participants_csv_give_problems_never_exceptions(
    lines: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_tables(Path(tmp) / "d", valid_tables())
        path = folder / "participants.csv"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        reading = read_delivery(folder)
    assert all(isinstance(line, str) for line in reading.rendered)
