"""The report as an Excel workbook for analysts: every table on its own sheet, with its
definition underneath, and the provenance first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

Row = Sequence[Any]


def _append(sheet: Worksheet, values: Row) -> None:
    """Append a row in which no text is a formula: openpyxl makes every string that starts
    with '=' one, and a project called '=HYPERLINK(…)' must stay a name. Soft hyphens (where
    a PDF's table header may break a word) have no place in a cell."""
    sheet.append([v.replace("\u00ad", "") if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
        elif isinstance(cell.value, Percent):
            cell.number_format = "0%"


def _sheet(
    workbook: Workbook, title: str, header: Row, rows: Sequence[Row], note: str = ""
) -> None:
    sheet = workbook.create_sheet(title[:31])
    _append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        _append(sheet, [_value(v) for v in row])
    if note:
        sheet.append([])
        _append(sheet, [note])
    sheet.freeze_panes = "B2"


def _value(text: Any) -> Any:
    """Numbers as numbers where the printed text is one, so analysts can compute with them:
    counts as integers, percentages as fractions shown as percentages (rounded as printed;
    the JSON report has them at full precision)."""
    if not isinstance(text, str):
        return text
    if text.endswith("%") and text[:-1].isdigit():
        return Percent(int(text[:-1]) / 100)
    thousands, decimal = (".", ",") if (get_language() or "nl").startswith("nl") else (",", ".")
    plain = text.replace(thousands, "")
    whole, _sep, fraction = plain.partition(decimal)
    if whole.isdigit() and (not fraction or fraction.isdigit()):
        return float(f"{whole}.{fraction}") if fraction else int(whole)
    return text


class Percent(float):
    """A share read from its printed form; the sheet shows it as a percentage."""


def report_workbook(context: Mapping[str, Any]) -> Workbook:
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = _("About")
    _append(about, [str(context["title"])])
    about["A1"].font = Font(bold=True, size=14)
    for key, value in context["provenance"]:
        _append(about, [key, value])
    if context["description"]:
        _append(about, [context["description"]])
    targets = [*context["targets"], context["targets_total"]]
    _sheet(
        workbook,
        _("Targets"),
        [
            _("Project"),
            _("Target participants"),
            _("Reached"),
            _("Of target"),
            _("Target transitions"),
            _("Transitions"),
            _("Learn-work"),
            _("Ongoing"),
            _("Transition rate"),
            _("Against target"),
        ],
        [
            [
                r["name"],
                r["target_participants"],
                r["reached"],
                r["reach_ratio"],
                r["target_transitions"],
                r["transitions"],
                r["learn_work"],
                r["ongoing"],
                r["transition_rate"],
                r["reach_class"],
            ]
            for r in targets
        ],
    )
    ages = [*context["ages"], context["ages_total"]]
    _sheet(
        workbook,
        _("Age"),
        [_("Project"), _("Mean age"), _("Between"), *context["age_bands"], _("Known")],
        [[r["name"], r["mean_age"], r["mean_age_band"], *r["bands"], r["known"]] for r in ages],
    )
    education = [*context["education"], context["education_total"]]
    level_header = [part for level in context["levels"] for part in (level, f"{level} %")]
    _sheet(
        workbook,
        _("Education"),
        [_("Project"), *level_header, _("Known")],
        [
            [r["name"], *[x for lv in r["levels"] for x in (lv["count"], lv["share"])], r["known"]]
            for r in education
        ],
    )
    _sheet(
        workbook,
        _("Contracts"),
        [_("Contract"), _("Number"), _("Share"), _("95% interval")],
        [[r["label"], r["count"], r["share"], r["ci"]] for r in context["contracts"]],
    )
    lasting = [*context["lasting"], context["lasting_total"]]
    _sheet(
        workbook,
        _("Lasting"),
        [
            _("Project"),
            _("Transitions"),
            _("Lasting"),
            _("Not lasting"),
            _("Known"),
            _("Share lasting"),
            _("95% interval"),
        ],
        [
            [r[key] for key in ("name", "transitions", "lasting", "not_lasting", "known")]
            + [r["share"], r["ci"]]
            for r in lasting
        ],
    )
    _sheet(
        workbook,
        _("Still in work"),
        [
            _("After placement"),
            _("Point passed"),
            _("Checked"),
            _("Still in work"),
            _("No longer in work"),
            _("Not checked"),
            _("Share still in work"),
        ],
        [
            [r[key] for key in ("label", "due", "checked", "in_work", "left", "unchecked", "share")]
            for r in context["retention"]
        ],
    )
    if context["change"]:
        change = context["change"]
        _sheet(
            workbook,
            _("Change"),
            [_("Share"), change["delivery"], context["delivery"]],
            [[r["label"], r["before"], r["after"]] for r in change["rows"]],
        )
    _sheet(
        workbook,
        _("Characteristics"),
        [
            _("Project"),
            _("Network"),
            _("Union involved"),
            _("Formal agreements"),
            _("Own contribution of participants"),
            _("Employer contribution"),
            _("Of target"),
            _("Transition rate"),
            _("Continuation"),
        ],
        [
            [
                r["name"],
                r["network"],
                r["union_involved"],
                r["formal_agreement"],
                r["individual_contribution"],
                r["employer_contribution"],
                r["reach_ratio"],
                r["transition_rate"],
                r["continuation"],
            ]
            for r in context["factors"]
        ],
    )
    return workbook
