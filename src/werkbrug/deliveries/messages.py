"""What an import says to its user, in the active language; the CLI and the web app both use
these, so the same result reads the same everywhere."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from werkbrug.deliveries.services import ImportResult, ImportStatus
from werkbrug.exchange import Problems


def counts_text(counts: dict[str, int]) -> str:
    parts = [
        ngettext("{n} project", "{n} projects", counts.get("projects", 0)),
        ngettext("{n} employer", "{n} employers", counts.get("employers", 0)),
        ngettext("{n} participant", "{n} participants", counts.get("participants", 0)),
        ngettext("{n} outcome", "{n} outcomes", counts.get("outcomes", 0)),
        ngettext("{n} vacancy", "{n} vacancies", counts.get("vacancies", 0)),
    ]
    keys = ("projects", "employers", "participants", "outcomes", "vacancies")
    return ", ".join(p.format(n=counts.get(k, 0)) for p, k in zip(parts, keys, strict=True))


def result_summary(result: ImportResult) -> str:
    name, counts = result.name, counts_text(result.counts)
    if result.status is ImportStatus.IMPORTED:
        return _("Imported delivery '{name}': {counts}.").format(name=name, counts=counts)
    if result.status is ImportStatus.REPLACED:
        return _("Replaced delivery '{name}': {counts}.").format(name=name, counts=counts)
    if result.status is ImportStatus.UNCHANGED:
        return _(
            "Delivery '{name}' was already imported with this content; nothing changed."
        ).format(name=name)
    if result.status is ImportStatus.VALID:
        return _("Checked only: delivery '{name}' is valid ({counts}); nothing was saved.").format(
            name=name, counts=counts
        )
    errors = result.problems.error_count
    return ngettext(
        "Delivery not imported: {n} error; nothing was saved.",
        "Delivery not imported: {n} errors; nothing was saved.",
        errors,
    ).format(n=errors)


def problem_lines(problems: Problems) -> list[str]:
    lines = [problem.render(_) for problem in problems]
    if problems.omitted:
        lines.append(
            ngettext("… and {n} more problem", "… and {n} more problems", problems.omitted).format(
                n=problems.omitted
            )
        )
    return lines
