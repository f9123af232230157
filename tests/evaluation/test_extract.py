"""The researchers' extract of the evaluation frame (pure): pseudonyms, labels, the four
formats read back (SPSS and Stata with pyreadstat), and text that no spreadsheet computes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from openpyxl import load_workbook

from werkbrug.evaluation import FRAME_COLUMNS
from werkbrug.evaluation.extract import VARIABLES, Extract, build_extract, write_extract
from werkbrug.taxonomy import OUTCOMES

WORK = OUTCOMES["work"]
PROJECTS = {"bouw": "Bouw naar Bouw", "=HYPERLINK(1)": "Hostile"}


def names(text: str) -> str:
    return text.upper()  # a stand-in translation that shows it was applied


def extract_of(demo: tuple[pd.DataFrame, dt.date], seed: int = 1) -> Extract:
    frame, _censor = demo
    projects = {code: code.upper() for code in frame["project"].unique()}
    return build_extract(
        frame, project_names=projects, lang="nl", translate=names, rng=random.Random(seed)
    )


def test_the_variables_are_the_frames_less_the_key_and_the_exact_intake_date() -> None:
    made = {v.source or v.name for v in VARIABLES}
    assert made == (set(FRAME_COLUMNS) - {"participant"}) | {"pseudonym"}


def test_pseudonyms_number_the_rows_in_a_random_order(
    demo: tuple[pd.DataFrame, dt.date],
) -> None:
    frame, _censor = demo
    one, two = extract_of(demo, seed=1), extract_of(demo, seed=2)
    assert list(one.data["pseudonym"]) == list(range(1, len(frame) + 1))
    assert "participant" not in one.data.columns
    keys = set(frame["participant"])
    text = write_extract(one, "csv").decode()
    assert not any(key in text for key in list(keys)[:50])
    # Another extract numbers the same people differently.
    columns = ["event", "duration_days", "project"]
    assert not one.data[columns].equals(two.data[columns])
    # ... and holds the same people: the same rows, in another order.
    ordered = [*columns, "age"]
    assert (
        one.data[ordered]
        .sort_values(ordered)
        .reset_index(drop=True)
        .equals(two.data[ordered].sort_values(ordered).reset_index(drop=True))
    )


def test_the_intake_date_becomes_its_month(demo: tuple[pd.DataFrame, dt.date]) -> None:
    made = extract_of(demo)
    assert set(made.data["intake_month"].dt.day) == {1}
    frame, _censor = demo
    months = {(d.year, d.month) for d in frame["intake_date"]}
    assert {(d.year, d.month) for d in made.data["intake_month"]} == months


def test_labels_are_translated_and_codes_keep_the_code_lists_order(
    demo: tuple[pd.DataFrame, dt.date],
) -> None:
    made = extract_of(demo)
    assert made.variable_labels["transition"] == "TRANSITION TO WORK"
    assert made.codes["outcome"] == ("work", "learn_work", "self_employed", "no_work", "dropout")
    assert made.codes["event"] == ("transition", "no_work", "dropout", "censored")
    assert made.codes["education"] == ("low", "middle", "high")
    assert made.value_labels["outcome"]["work"] == WORK.label("nl")  # the code list's label
    assert made.value_labels["education"]["middle"] == "MIDDLE"
    assert made.value_labels["union_involved"] == {1: "YES", 0: "NO"}


def test_spss_has_variable_and_value_labels(
    demo: tuple[pd.DataFrame, dt.date], tmp_path: Path
) -> None:
    made = extract_of(demo)
    path = tmp_path / "x.sav"
    path.write_bytes(write_extract(made, "sav"))
    data, meta = pyreadstat.read_sav(str(path))
    assert list(data.columns) == [v.name for v in VARIABLES]
    assert meta.column_names_to_labels["age"] == "AGE AT INTAKE (COMPLETED YEARS)"
    assert meta.variable_value_labels["outcome"][1.0] == WORK.label("nl")
    assert meta.variable_value_labels["event"][4.0] == "STILL IN A TRAJECTORY (CENSORED)"
    assert meta.variable_value_labels["transition"] == {1.0: "YES", 0.0: "NO"}
    # The numbers stand for the same codes as in the CSV.
    events = [made.codes["event"][int(n) - 1] for n in data["event"]]
    assert events == list(made.data["event"])
    assert data["pseudonym"].tolist() == list(range(1, len(data) + 1))
    unknown_age = made.data["age"].isna()
    assert data.loc[unknown_age.to_numpy(), "age"].isna().all()


def test_stata_has_variable_and_value_labels(
    demo: tuple[pd.DataFrame, dt.date], tmp_path: Path
) -> None:
    made = extract_of(demo)
    path = tmp_path / "x.dta"
    path.write_bytes(write_extract(made, "dta"))
    data, meta = pyreadstat.read_dta(str(path))
    assert len(data) == len(made.data)
    assert meta.column_names_to_labels["union_involved"] == "UNIONS ACTIVELY INVOLVED"
    assert meta.variable_value_labels["education"] == {1: "LOW", 2: "MIDDLE", 3: "HIGH"}
    months = pd.to_datetime(data["intake_month"])
    assert list(months) == list(made.data["intake_month"])
    shares = pd.Series([made.codes["outcome"][int(n) - 1] for n in data["outcome"].dropna()])
    assert shares.value_counts().to_dict() == made.data["outcome"].value_counts().to_dict()


def hostile_extract() -> Extract:
    frame = pd.DataFrame(
        {
            "participant": ["k1", "k2"],
            "project": ["=HYPERLINK(1)", "bouw"],
            "intake_date": [dt.date(2011, 3, 17), dt.date(2011, 4, 2)],
            "outcome": ["work", None],
            "duration_days": [40, 300],
            "event": ["transition", "censored"],
            "transition": [True, False],
            "age": [41.0, float("nan")],
            "education": ["middle", None],
            "situation": ["dismissed", None],
            "gender": ["f", None],
            "network": ["sector", "sector"],
            "union_involved": pd.array([True, None], dtype="boolean"),
            "formal_agreement": ["covenant", "covenant"],
            "individual_contribution": pd.array([False, False], dtype="boolean"),
            "employer_contribution": pd.array([None, None], dtype="boolean"),
            "formal_agreement_any": pd.array([True, True], dtype="boolean"),
        }
    )
    return build_extract(
        frame, project_names=PROJECTS, lang="en", translate=str, rng=random.Random(0)
    )


def test_csv_text_is_never_a_formula_and_missing_is_empty() -> None:
    made = hostile_extract()
    rows = list(csv.DictReader(io.StringIO(write_extract(made, "csv").decode())))
    projects = {row["project"] for row in rows}
    assert projects == {"'=HYPERLINK(1)", "bouw"}
    censored = next(row for row in rows if row["event"] == "censored")
    assert censored["age"] == ""
    assert censored["union_involved"] == ""
    assert censored["transition"] == "0"
    assert {row["intake_month"] for row in rows} == {"2011-03-01", "2011-04-01"}


def test_the_workbook_has_the_data_and_a_code_book_without_formulas() -> None:
    made = hostile_extract()
    book = load_workbook(io.BytesIO(write_extract(made, "xlsx")))
    assert book.sheetnames == ["Data", "Variables"]
    cells = [c for row in book["Data"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert "'=HYPERLINK(1)" in {c.value for c in cells}
    codebook = list(book["Variables"].iter_rows(values_only=True))
    assert ("project", "Project", None, None) in codebook
    assert (None, None, "'=HYPERLINK(1)", "Hostile") in codebook
    assert (None, None, "work", WORK.label("en")) in codebook


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="use one of csv, xlsx, sav, dta"):
        write_extract(hostile_extract(), "sas")
