from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkbrug.exchange.validate import name_problem
from werkbrug.textsafe import printable
from werkbrug.web.forms import DATE


def delivery_name_clean(raw: str) -> str:
    """A delivery's name from a form, by the exchange format's rule: never a path."""
    name = " ".join(raw.split())
    if name and (template := name_problem(name)):
        raise forms.ValidationError(gettext(template).format(value=printable(name, 40)))
    return name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    upload = MultipleFileField(
        label=_("Delivery"),
        help_text=_("One .xlsx workbook, one .zip, or the CSV files of the delivery."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to take the name from delivery.csv."),
    )
    delivered_on = forms.DateField(
        label=_("Delivered on"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to take the date from delivery.csv."),
    )
    dry_run = forms.BooleanField(label=_("Only validate"), required=False)
    replace = forms.BooleanField(label=_("Replace a delivery of the same name"), required=False)

    def clean_name(self) -> str:
        return delivery_name_clean(str(self.cleaned_data["name"]))

    def clean_upload(self) -> Any:
        files = self.cleaned_data["upload"]
        names = [f.name.lower() for f in files]
        csvs = [n for n in names if n.endswith(".csv")]
        if len(files) == 1 and names[0].endswith((".xlsx", ".zip", ".csv")):
            return files
        if len(csvs) == len(names):
            return files
        raise forms.ValidationError(_("Upload one .xlsx workbook, one .zip, or only .csv files."))
