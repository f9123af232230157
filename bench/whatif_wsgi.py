"""What-ifs for the web benchmark, never for production: werkbrug's WSGI application with one
or both of the changes proposed in bench/README.md applied in memory. Nothing in `src/`
changes.

    WERKBRUG_BENCH_WHATIF=employer python bench/web_live.py --app whatif_wsgi:application \\
        --results web-results-whatif.md

`WERKBRUG_BENCH_WHATIF` is a comma-separated list (default `employer`):

- `employer`: the participant page renders the status form (`MoveForm`), whose "new
  employer" field is a `<select>` with every employer the user may see: 5,000 options for a
  mediator on the benchmark data, each rendered through Django's option template. This
  replaces the widget by a text input (the employer's id), as an autocomplete field would.
  Validation is unchanged: the field still checks the id against the employers the user may
  see.
- `caseload`: the caseload is paged in two steps: the page's 25 ids are sorted and cut on the
  narrow join the ordering needs (participant and trajectory), then those 25 rows are read with
  their contact details, mediator and project, instead of joining all four tables for every
  participant of the list before sorting (a coordinator's list has ~1,000, the largest project
  13,000).
"""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from werkbrug.wsgi import application  # sets Django up before the modules below are imported

WHATIF = {w.strip() for w in os.environ.get("WERKBRUG_BENCH_WHATIF", "employer").split(",")}


def _employer_as_text_input() -> None:
    from werkbrug.people.forms import MoveForm

    original = MoveForm.__init__

    def init(self: MoveForm, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.fields["employer"].widget = forms.TextInput(attrs={"inputmode": "numeric"})

    MoveForm.__init__ = init  # type: ignore[method-assign]


class TwoStepPaginator(Paginator):  # type: ignore[type-arg]
    """Sort and cut ids on the narrow query; read the page's rows with select_related."""

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        found = {p.pk: p for p in rows.filter(pk__in=ids).order_by()}
        return self._get_page([found[pk] for pk in ids], number, self)


def _caseload_in_two_steps() -> None:
    from werkbrug.people import views

    views.Paginator = TwoStepPaginator  # type: ignore[misc]


if "employer" in WHATIF:
    _employer_as_text_input()
if "caseload" in WHATIF:
    _caseload_in_two_steps()

__all__ = ["application"]
