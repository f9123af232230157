"""The checks of an application: the scheme's rules from the pure package, and the two that
need the database (2013 art. 2.3.4, one application per lead applicant per call for the same
sectors or regions; art. 2.3.6, a decision within 13 weeks of the complete application)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from werkbrug import clock, grants
from werkbrug.grants import Status, Text
from werkbrug.grants.text import say
from werkbrug.schemes.documents import application_data
from werkbrug.schemes.flows import DECIDED, SENT
from werkbrug.schemes.models import Application, State

#: 2013 art. 2.3.6: thirteen weeks from the complete application.
DECISION_TERM = dt.timedelta(weeks=13)
#: The schemes that have the two database rules (the 2010 decree has neither).
DATABASE_RULES = frozenset({"sectorplannen-2013"})


@dataclass(frozen=True)
class CheckRow:
    rule: str
    article: str
    status: Status
    message: Text


@dataclass(frozen=True)
class Checks:
    rows: tuple[CheckRow, ...]

    @property
    def failed(self) -> tuple[CheckRow, ...]:
        return tuple(r for r in self.rows if r.status is Status.FAILED)

    @property
    def judgements(self) -> tuple[CheckRow, ...]:
        return tuple(r for r in self.rows if r.status is Status.JUDGEMENT)

    @property
    def passed(self) -> tuple[CheckRow, ...]:
        return tuple(r for r in self.rows if r.status is Status.PASSED)


def scope_of(application: Application) -> tuple[set[str], set[str]]:
    return (
        {s for s in application.sectors.split(",") if s},
        {r for r in application.regions.split(",") if r},
    )


def application_checks(
    application: Application, others: Iterable[Application] | None = None
) -> Checks:
    """Every check of one application. ``others``: the call's other applications, when the
    caller (the queue) has them already; otherwise they are read here."""
    data = application_data(application)
    if application.complete_on is not None or application.submitted_on is not None:
        # The pure rules read the arrival from the file; the stored dates are the truth.
        data = _dated(data, application)
    report = grants.check_application(data, grants.CallTerms(window_end=application.call.closes_on))
    rows = [CheckRow(r.rule, r.article, r.status, r.message) for r in report.results]
    if application.call.scheme in DATABASE_RULES:
        if others is None:
            others = Application.objects.filter(call=application.call_id).exclude(pk=application.pk)
        rows.insert(3, one_per_call(application, others))
        rows.insert(4, decision_term(application))
    return Checks(tuple(rows))


def _dated(data: grants.Application, application: Application) -> grants.Application:
    from dataclasses import replace

    return replace(
        data,
        submitted_on=application.submitted_on or data.submitted_on,
        complete_on=application.complete_on,
    )


def one_per_call(application: Application, others: Iterable[Application]) -> CheckRow:
    sectors, regions = scope_of(application)
    clash = [
        o
        for o in others
        if o.pk != application.pk
        and o.organisation_id == application.organisation_id
        and o.state in {s.value for s in SENT}
        and o.state != State.REFUSED
        and _overlaps((sectors, regions), scope_of(o))
    ]
    rule, article = "sp2013.one_per_call", "2.3.4"
    if clash:
        refs = ", ".join(o.reference for o in clash)
        return CheckRow(
            rule,
            article,
            Status.FAILED,
            say(
                "Een hoofdaanvrager dient per oproep niet meer dan één aanvraag in voor "
                "dezelfde sectoren, branches of regio's (artikel 2.3, vierde lid); deze "
                "aanvrager diende ook {refs} in voor dezelfde sector of regio.",
                "A lead applicant may make no more than one application per call for the "
                "same sectors, branches or regions (article 2.3(4)); this applicant also "
                "applied with {refs} for the same sector or region.",
                refs=refs,
            ),
        )
    return CheckRow(
        rule,
        article,
        Status.PASSED,
        say(
            "Geen andere aanvraag van deze hoofdaanvrager in deze oproep voor dezelfde "
            "sectoren of regio's (artikel 2.3, vierde lid).",
            "No other application by this lead applicant in this call for the same sectors "
            "or regions (article 2.3(4)).",
        ),
    )


def _overlaps(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    # A plan without a stated scope covers everything it might clash with.
    if not (a[0] or a[1]) or not (b[0] or b[1]):
        return True
    return bool(a[0] & b[0]) or bool(a[1] & b[1])


def decision_due(application: Application) -> dt.date | None:
    return application.complete_on + DECISION_TERM if application.complete_on else None


def decision_term(application: Application, on: dt.date | None = None) -> CheckRow:
    rule, article = "sp2013.decision_term", "2.3.6"
    due = decision_due(application)
    if due is None:
        return CheckRow(
            rule,
            article,
            Status.JUDGEMENT,
            say(
                "De beslistermijn van 13 weken (artikel 2.3, zesde lid) begint wanneer de "
                "aanvraag compleet is; dat is zij nog niet.",
                "The 13-week decision term (article 2.3(6)) starts when the application is "
                "complete; it is not yet.",
            ),
        )
    decided = getattr(application, "decision", None) if application.state in DECIDED else None
    day = decided.decided_on if decided is not None else (on or clock.today())
    if day > due:
        return CheckRow(
            rule,
            article,
            Status.FAILED,
            say(
                "Op de aanvraag moest uiterlijk {due} worden beslist, 13 weken nadat zij "
                "compleet was (artikel 2.3, zesde lid).",
                "The application had to be decided by {due}, 13 weeks after it was complete "
                "(article 2.3(6)).",
                due=due,
            ),
        )
    return CheckRow(
        rule,
        article,
        Status.PASSED,
        say(
            "Te beslissen uiterlijk {due}, 13 weken nadat de aanvraag compleet was (artikel "
            "2.3, zesde lid).",
            "To be decided by {due}, 13 weeks after the application was complete (article 2.3(6)).",
            due=due,
        ),
    )
