"""check_record: one record's typed values checked as a delivery checks its rows, so that
the live data (which werkbrug freezes by writing it out and importing it) always freezes."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exchange.test_validate import read_delivery
from werkbrug.exchange import TABLES, DeliveryMeta, write_csv_folder
from werkbrug.exchange.records import Finding, RecordError, check_record
from werkbrug.taxonomy import EDUCATION, SBI_SECTIONS

D = dt.date
PROJECT = {
    "code": "bouw",
    "name": "Bouw naar Bouw",
    "start_date": D(2010, 1, 1),
    "target_participants": 10,
    "target_transitions": 5,
}
PARTICIPANT = {"id": "P1", "project": "bouw", "intake_date": D(2011, 1, 10)}


def findings(table: str, values: dict[str, Any], **options: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(RecordError) as raised:
        check_record(table, values, **options)
    return [(f.column, f.message()) for f in raised.value.findings]


def test_a_valid_record_comes_back_as_a_delivery_holds_it() -> None:
    checked = check_record(
        "participants",
        {
            **PARTICIPANT,
            "education": "LBO",
            "sector": "f",
            "postcode": "3511 ab",
            "hours_before": Decimal("38.50"),
            "occupation": " 7115 ",
        },
    )
    assert checked["education"] == "vmbo"
    assert (checked["sector"], checked["postcode"]) == ("F", "3511")
    assert checked["hours_before"] == Decimal("38.5")
    assert checked["occupation"] == "7115"
    assert checked["birth_date"] is None  # a column left out is empty


def test_every_bad_cell_is_named_with_what_is_allowed() -> None:
    assert findings(
        "participants", {**PARTICIPANT, "occupation": "drukker", "hours_before": Decimal(95)}
    ) == [
        (
            "occupation",
            "'drukker' is not an ISCO-08 unit group (4 digits, e.g. 7131) or an ESCO "
            "occupation URI",
        ),
        ("hours_before", "95 is out of range; it must be between 0 and 80"),
    ]


def test_a_required_value_is_required() -> None:
    assert findings("employers", {"id": "E1", "name": "   "}) == [("name", "a value is required")]


@pytest.mark.parametrize(
    ("table", "values", "expected"),
    [
        (
            "participants",
            {**PARTICIPANT, "birth_date": D(2011, 1, 10)},
            ("birth_date", "2011-01-10 is not before intake_date 2011-01-10"),
        ),
        (
            "vacancies",
            {
                "id": "V1",
                "title": "Timmerman",
                "open_date": D(2011, 2, 1),
                "close_date": D(2011, 1, 1),
            },
            (
                "close_date",
                "2011-01-01 is before open_date 2011-02-01; the end must be on or after the start",
            ),
        ),
        (
            "projects",
            {**PROJECT, "end_date": D(2009, 12, 31)},
            (
                "end_date",
                "2009-12-31 is before start_date 2010-01-01; the end must be on or after the start",
            ),
        ),
    ],
)
def test_the_rules_across_columns(
    table: str, values: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert findings(table, values) == [expected]


def test_an_outcome_may_not_lie_before_the_participants_intake() -> None:
    outcome = {"participant": "P1", "outcome": "work", "date": D(2011, 1, 9)}
    assert findings("outcomes", outcome, intake_date=D(2011, 1, 10)) == [
        ("date", "2011-01-09 is before the participant's intake_date 2011-01-10")
    ]
    assert check_record("outcomes", outcome, intake_date=D(2011, 1, 9))["date"] == D(2011, 1, 9)


def test_references_are_left_to_the_database() -> None:
    # A live participant's project is a foreign key: no "not found in projects.csv".
    assert check_record("participants", {**PARTICIPANT, "project": "elders"})["project"] == "elders"


def test_a_column_the_table_does_not_have_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match=r"participants\.csv has no columns name"):
        check_record("participants", {**PARTICIPANT, "name": "Anna"})


def test_a_finding_reads_in_the_language_it_is_given() -> None:
    finding = Finding("sector", "unknown code '{value}'", {"value": "Z"})
    assert finding.message(lambda text: text.replace("unknown code", "onbekende code")) == (
        "onbekende code 'Z'"
    )


# --- the property: check_record says what a frozen delivery would say --------------------

cells = {
    "birth_date": st.none() | st.dates(D(1880, 1, 1), D(2012, 12, 31)),
    "birth_year": st.none() | st.integers(1850, 2200),
    "education": st.none() | st.sampled_from([*EDUCATION.codes, "LBO", "mbo-2"]),
    "occupation": st.none() | st.sampled_from(["7115", "0110", "drukker", "711", " 2221", "=1+1"]),
    "sector": st.none() | st.sampled_from([*SBI_SECTIONS.codes, "z", "CC"]),
    "postcode": st.none() | st.sampled_from(["3511", "3511 AB", "0123", "35", "'3511"]),
    "hours_before": st.none() | st.decimals(Decimal(-1), Decimal(100), places=3),
}


def frozen(participant: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """What a delivery with this participant says when written out and read back, as the
    freeze does: the problems of participants.csv, and its row."""
    schema = TABLES["participants"]
    row = [participant.get(name) for name in schema.column_names]
    project = [PROJECT.get(name) for name in TABLES["projects"].column_names]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "d"
        meta = DeliveryMeta(name="property")
        write_csv_folder(folder, meta, [(TABLES["projects"], [project]), (schema, [row])])
        reading = read_delivery(folder)
    problems = [p.render() for p in reading.errors]
    return problems, reading.rows.get("participants", [[]])[0] if not problems else []


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional=cells))
def test_a_record_is_accepted_exactly_when_its_delivery_would_be(values: dict[str, Any]) -> None:
    participant = {**PARTICIPANT, **values}
    problems, row = frozen(participant)
    if problems:
        columns = {p.split(": ")[1] for p in problems}
        with pytest.raises(RecordError) as raised:
            check_record("participants", participant)
        assert {f.column for f in raised.value.findings} == columns
    else:
        assert list(check_record("participants", participant).values()) == row
