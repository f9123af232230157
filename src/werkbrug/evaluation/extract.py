"""A pseudonymised participant-level extract of the evaluation frame, for researchers (pure).

:func:`build_extract` turns :func:`~werkbrug.evaluation.participant_frame` into what a
researcher may take away: one row per participant with the frame's variables, a variable
label for each and value labels for the coded ones. The writers give the same extract as
CSV, Excel, SPSS ``.sav`` and Stata ``.dta``.

What makes it pseudonymised, and why:

- The delivery's participant key is replaced by a **pseudonym made for this extract**: the
  rows are put in a random order and numbered 1, 2, …; two extracts of the same delivery
  number the same person differently, so extracts cannot be linked to each other or to the
  delivery by the number, nor by the order of the rows.
- The frame holds no names, contact details, BSN hashes or free text; the extract keeps it
  so (:data:`VARIABLES` is the complete list, and a test holds it to the frame).
- The intake date is rounded down to its month (``intake_month``): an exact date next to age,
  gender and project points to a person in a small project; ``duration_days`` keeps the exact
  time to the outcome, which the survival models need.

Codes stay text in CSV and Excel (``transition``, ``middle``) with a code book in the
workbook; in SPSS and Stata every coded variable is a number 1, 2, … with value labels, and
a yes/no variable is 1/0 with the labels yes/no, as both programs expect. Text in CSV and
Excel is neutralised (:func:`werkbrug.exchange.formulas.neutralise`): a project code such as
``=HYPERLINK(…)`` is shown, never computed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import secrets
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

import pandas as pd

from werkbrug.evaluation.data import EVENTS
from werkbrug.exchange.formulas import neutralise
from werkbrug.taxonomy import FORMAL_AGREEMENTS, GENDERS, NETWORKS, OUTCOMES, SITUATIONS, CodeList

__all__ = [
    "FORMATS",
    "VARIABLES",
    "Extract",
    "Variable",
    "build_extract",
    "write_extract",
]

Kind = Literal["id", "code", "bool", "int", "float", "date"]
Translate = Callable[[str], str]


@dataclass(frozen=True)
class Variable:
    """One column of the extract; ``label`` is English, translated by the caller."""

    name: str
    label: str
    kind: Kind
    source: str = ""  # the frame's column it is made from (default: the same name)


#: The extract's columns, in order. Labels are gettext message ids (the shell translates).
VARIABLES: Final[tuple[Variable, ...]] = (
    Variable("pseudonym", "Pseudonym of the participant (this extract only)", "id"),
    Variable("project", "Project", "code"),
    Variable("intake_month", "Month of intake", "date", source="intake_date"),
    Variable("outcome", "Outcome", "code"),
    Variable("duration_days", "Days from intake to the outcome or the censoring date", "int"),
    Variable("event", "Event at the end of the observed time", "code"),
    Variable("transition", "Transition to work", "bool"),
    Variable("age", "Age at intake (completed years)", "float"),
    Variable("education", "Education level (CBS)", "code"),
    Variable("situation", "Situation at intake", "code"),
    Variable("gender", "Gender", "code"),
    Variable("network", "Kind of partnership", "code"),
    Variable("union_involved", "Unions actively involved", "bool"),
    Variable("formal_agreement", "Formal agreements", "code"),
    Variable("individual_contribution", "Participants pay an own contribution", "bool"),
    Variable("employer_contribution", "Employers contribute financially", "bool"),
    Variable("formal_agreement_any", "Any formal agreement", "bool"),
)

FORMATS: Final = ("csv", "xlsx", "sav", "dta")

_CODE_LISTS: Final[Mapping[str, CodeList]] = {
    "outcome": OUTCOMES,
    "situation": SITUATIONS,
    "gender": GENDERS,
    "network": NETWORKS,
    "formal_agreement": FORMAL_AGREEMENTS,
}
#: Labels of the codes that have no code list of their own (gettext message ids).
EVENT_LABELS: Final[Mapping[str, str]] = {
    "transition": "transition to work",
    "no_work": "ended without work",
    "dropout": "dropped out",
    "censored": "still in a trajectory (censored)",
}
LEVEL_LABELS: Final[Mapping[str, str]] = {"low": "low", "middle": "middle", "high": "high"}
YES_NO: Final[Mapping[int, str]] = {1: "yes", 0: "no"}


@dataclass(frozen=True)
class Extract:
    """The data with its labels.

    ``data``: one row per participant, in pseudonym order; coded variables hold their code as
    text, yes/no variables a boolean, missing values ``<NA>``. ``variable_labels``: per
    column. ``codes``: per coded variable, its codes in order (the number of a code in SPSS
    and Stata is its place, from 1). ``value_labels``: per coded variable the label of each
    code, per yes/no variable the labels of 1 and 0.
    """

    data: pd.DataFrame
    variable_labels: dict[str, str]
    codes: dict[str, tuple[str, ...]]
    value_labels: dict[str, dict[Any, str]]
    titles: dict[str, str]  # the workbook's sheet and column titles, translated


def build_extract(
    frame: pd.DataFrame,
    *,
    project_names: Mapping[str, str],
    lang: str,
    translate: Translate,
    rng: random.Random | None = None,
) -> Extract:
    """The extract of a participant frame; ``project_names`` labels the project codes.

    ``rng`` orders the rows (default: the operating system's random source, so no one can
    redo the order); a test passes a seeded one.
    """
    order = list(range(len(frame)))
    (rng or secrets.SystemRandom()).shuffle(order)
    rows = frame.iloc[order].reset_index(drop=True)
    data = pd.DataFrame({"pseudonym": pd.Series(range(1, len(rows) + 1), dtype="int64")})
    for variable in VARIABLES[1:]:
        data[variable.name] = _column(variable.kind, rows[variable.source or variable.name])
    codes = _codes(data, project_names)
    value_labels: dict[str, dict[Any, str]] = {}
    for name, listed in codes.items():
        value_labels[name] = {
            code: _code_label(name, code, project_names, lang, translate) for code in listed
        }
    for variable in VARIABLES:
        if variable.kind == "bool":
            value_labels[variable.name] = {n: translate(text) for n, text in YES_NO.items()}
    titles = {
        key: translate(text)
        for key, text in (
            ("data", "Data"),
            ("codebook", "Variables"),
            ("variable", "Variable"),
            ("label", "Label"),
            ("value", "Value"),
            ("value_label", "Value label"),
        )
    }
    return Extract(
        data=data,
        variable_labels={v.name: translate(v.label) for v in VARIABLES},
        codes=codes,
        value_labels=value_labels,
        titles=titles,
    )


def _column(kind: Kind, values: pd.Series[Any]) -> pd.Series[Any]:
    if kind == "date":  # the month only (the module notes say why)
        return pd.Series(pd.to_datetime([dt.date(d.year, d.month, 1) for d in values]))
    if kind == "bool":
        return values.astype("boolean")
    if kind == "code":
        return values.astype("string")
    if kind == "int":
        return values.astype("int64")
    return values.astype("float64")


def _codes(data: pd.DataFrame, project_names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Each coded variable's codes in a fixed order: the code list's, else sorted; a code
    that occurs but is in no list comes after the listed ones (it still gets a number)."""
    codes: dict[str, tuple[str, ...]] = {}
    for variable in VARIABLES:
        if variable.kind != "code":
            continue
        name = variable.name
        if name == "project":
            listed: tuple[str, ...] = tuple(sorted(project_names))
        elif name == "event":
            listed = tuple(EVENTS)
        elif name == "education":
            listed = tuple(LEVEL_LABELS)
        else:
            listed = tuple(_CODE_LISTS[name].codes)
        seen = sorted(set(data[name].dropna()) - set(listed))
        codes[name] = (*listed, *seen)
    return codes


def _code_label(
    name: str, code: str, project_names: Mapping[str, str], lang: str, translate: Translate
) -> str:
    if name == "project":
        return project_names.get(code) or code
    if name == "event":
        return translate(EVENT_LABELS[code]) if code in EVENT_LABELS else code
    if name == "education":
        return translate(LEVEL_LABELS[code]) if code in LEVEL_LABELS else code
    found = _CODE_LISTS[name].get(code)
    return found.label(lang) if found is not None else code


# --- writers --------------------------------------------------------------------------------


def write_extract(extract: Extract, fmt: str) -> bytes:
    """The extract as a file in ``fmt`` (one of :data:`FORMATS`)."""
    writers: dict[str, Callable[[Extract], bytes]] = {
        "csv": _csv,
        "xlsx": _xlsx,
        "sav": _sav,
        "dta": _dta,
    }
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writers[fmt](extract)


def _text_cell(value: Any) -> Any:
    """A value for CSV or Excel: missing is empty, yes/no is 1/0, a date is ISO, text safe."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return neutralise(value)
    return value


def _rows(extract: Extract) -> list[list[Any]]:
    frame = extract.data.astype(object)
    return [
        [_text_cell(v) for v in row]
        for row in frame.where(frame.notna(), None).itertuples(index=False)
    ]


def _csv(extract: Extract) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(extract.data.columns))
    for row in _rows(extract):
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else value


def _xlsx(extract: Extract) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = extract.titles["data"][:31]
    sheet.append(list(extract.data.columns))
    for row in _rows(extract):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm"
    sheet.freeze_panes = "B2"
    book = workbook.create_sheet(extract.titles["codebook"][:31])
    book.append([extract.titles[k] for k in ("variable", "label", "value", "value_label")])
    for cell in book[1]:
        cell.font = Font(bold=True)
    for name, label in extract.variable_labels.items():
        book.append([name, neutralise(label), None, None])
        for value, text in extract.value_labels.get(name, {}).items():
            book.append([None, None, _text_cell(value), neutralise(text)])
    return _saved(workbook)


def _saved(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _numeric(extract: Extract) -> tuple[pd.DataFrame, dict[str, dict[Any, str]]]:
    """The data with numbers for codes and yes/no, and the value labels by number."""
    data = extract.data.copy()
    labels: dict[str, dict[Any, str]] = {}
    for name, listed in extract.codes.items():
        number = {code: float(i) for i, code in enumerate(listed, start=1)}
        data[name] = [number[v] if isinstance(v, str) else float("nan") for v in data[name]]
        labels[name] = {int(number[c]): extract.value_labels[name][c] for c in listed}
    for variable in VARIABLES:
        if variable.kind == "bool":
            data[variable.name] = data[variable.name].astype("Float64").astype("float64")
            labels[variable.name] = dict(extract.value_labels[variable.name])
    data["duration_days"] = data["duration_days"].astype("float64")
    data["pseudonym"] = data["pseudonym"].astype("float64")
    return data, labels


def _written(write: Callable[[pd.DataFrame, str], None], data: pd.DataFrame, suffix: str) -> bytes:
    # pyreadstat writes to a path only: a private temporary folder, removed at once.
    with tempfile.TemporaryDirectory(prefix="werkbrug-extract-") as folder:
        path = Path(folder) / f"extract{suffix}"
        write(data, str(path))
        return path.read_bytes()


def _sav(extract: Extract) -> bytes:
    import pyreadstat

    data, labels = _numeric(extract)
    return _written(
        lambda frame, path: pyreadstat.write_sav(
            frame,
            path,
            column_labels=dict[str, str | None](extract.variable_labels),
            variable_value_labels=labels,
        ),
        data,
        ".sav",
    )


def _dta(extract: Extract) -> bytes:
    import pyreadstat

    data, labels = _numeric(extract)
    # Stata: a variable label has at most 80 characters.
    column_labels: dict[str, str | None] = {k: v[:80] for k, v in extract.variable_labels.items()}
    return _written(
        lambda frame, path: pyreadstat.write_dta(
            frame,
            path,
            column_labels=column_labels,
            variable_value_labels=labels,
        ),
        data,
        ".dta",
    )
