"""``werkbrug grants``: check an application, determine a subsidy.

Thin, like the rest of the command: it reads the files with :mod:`werkbrug.grants`, calls the
same functions the web app will, and prints. Problems with a file go to stderr as
``FILE:LINE: message`` or ``FILE: field.path: message``, and the command exits with status 2.

Where the award and the declaration come from is decided in one place each,
:func:`resolve_award` and :func:`resolve_declaration`: today both are files. An award stored
in the database (``--award ID``) and a declaration computed from the case data (``werkbrug
grants declaration PROJECT --as-of DATE``) plug in there, without changing the commands.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from werkbrug.grants import (
    SCHEMES,
    Award,
    CheckReport,
    Declaration,
    Determination,
    Outcome,
    Result,
    Status,
    call_terms,
    check_application,
    determine,
    read_application,
    read_award,
    read_declaration,
)
from werkbrug.grants.text import Lang, euro_text, lang_or_default, say, share_text
from werkbrug.textsafe import printable

T = TypeVar("T")

EXIT_OK = 0
EXIT_INVALID = 2


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    date: Callable[[str], dt.date],
) -> None:
    """The ``grants`` command and its actions. ``--lang`` goes on the actions only: argparse
    lets a subcommand's defaults overwrite what its parent parsed."""
    grants = commands.add_parser(
        "grants", help="subsidy schemes: check an application, determine a subsidy"
    )
    actions = grants.add_subparsers(dest="grants_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", parents=[common], help="check a werkbrug-application/1 file against its scheme"
    )
    check.add_argument("file", type=Path, help="the application (JSON)")
    check.add_argument("--format", choices=["json", "table"], default="json")
    check.add_argument(
        "--window-end",
        type=date,
        metavar="DATE",
        help="the call's last day for applications (default: the scheme's own call; "
        "tijdelijk-besluit-2010: 2010-10-31)",
    )
    det = actions.add_parser(
        "determine", parents=[common], help="set the subsidy from an award and a declaration"
    )
    det.add_argument("--award", required=True, metavar="FILE", help="a werkbrug-award/1 file")
    det.add_argument(
        "--declaration", required=True, metavar="FILE", help="a werkbrug-declaration/1 file"
    )
    det.add_argument(
        "--reduce",
        action="store_true",
        help="below the nil threshold, reduce proportionally instead of nil (2013 art. 5.1.4)",
    )
    det.add_argument("--format", choices=["json", "table"], default="json")


def handle(args: argparse.Namespace) -> int:
    lang = lang_or_default(args.lang or os.environ.get("WERKBRUG_LANG"))
    if args.grants_action == "check":
        return _check(args, lang)
    return _determine(args, lang)


def resolve_award(ref: str) -> Result[Award]:
    """The award ``--award`` names: for now always a ``werkbrug-award/1`` file."""
    return read_award(Path(ref))


def resolve_declaration(ref: str) -> Result[Declaration]:
    """The declaration ``--declaration`` names: for now always a ``werkbrug-declaration/1``
    file."""
    return read_declaration(Path(ref))


def _check(args: argparse.Namespace, lang: Lang) -> int:
    read = read_application(args.file)
    _print_problems(read, lang)
    if read.value is None:
        return EXIT_INVALID
    scheme = SCHEMES[read.value.scheme]
    report = check_application(read.value, call_terms(scheme, args.window_end))
    if args.format == "json":
        _print_json(report.as_json())
    else:
        _print_check_table(report, lang)
    return EXIT_INVALID if report.failed else EXIT_OK


def _determine(args: argparse.Namespace, lang: Lang) -> int:
    award = resolve_award(args.award)
    declaration = resolve_declaration(args.declaration)
    _print_problems(award, lang)
    _print_problems(declaration, lang)
    if award.value is None or declaration.value is None:
        return EXIT_INVALID
    result = determine(
        award.value, declaration.value, reduce=args.reduce, declaration_name=args.declaration
    )
    _print_problems(result, lang)
    if result.value is None:
        return EXIT_INVALID
    if args.format == "json":
        _print_json(result.value.as_json())
    else:
        _print_determination_table(result.value, lang)
    return EXIT_OK


def _print_problems(result: Result[T], lang: Lang) -> None:
    for problem in result.problems:
        print(problem.render(lang), file=sys.stderr)
    if result.omitted:
        more = say("… en nog {n} problemen", "… and {n} more problems", n=result.omitted)
        print(more.get(lang), file=sys.stderr)


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


_STATUS = {
    Status.PASSED: say("voldaan", "passed"),
    Status.FAILED: say("niet voldaan", "failed"),
    Status.JUDGEMENT: say("ter beoordeling", "judgement"),
}


def _print_check_table(report: CheckReport, lang: Lang) -> None:
    width = max(len(r.rule) for r in report.results)
    for r in report.results:
        status = _STATUS[r.status].get(lang)
        print(f"{status:<15} {r.rule:<{width}} {r.article:<7} {r.message.get(lang)}")
    summary = say(
        "{n} regels: {passed} voldaan, {failed} niet voldaan, {judged} ter beoordeling",
        "{n} rules: {passed} passed, {failed} failed, {judged} to be assessed",
        n=len(report.results),
        passed=len(report.results) - len(report.failed) - len(report.judgements),
        failed=len(report.failed),
        judged=len(report.judgements),
    )
    print(summary.get(lang))


_OUTCOME = {
    Outcome.FULL: say("volledig", "full"),
    Outcome.NIL: say("nihil", "nil"),
    Outcome.REDUCED: say("naar rato verlaagd", "reduced"),
}


def _print_determination_table(found: Determination, lang: Lang) -> None:
    def euro(amount: Decimal) -> str:
        return euro_text(amount, lang)

    rows = [
        (say("Regeling", "Scheme"), found.scheme),
        (say("Beschikking", "Award"), printable(found.award, 80)),
        (say("Subsidiabel in beschikking", "Eligible in award"), euro(found.eligible_awarded_eur)),
        (
            say("Subsidiabel gerealiseerd", "Eligible realised"),
            f"{euro(found.eligible_realised_eur)} ({share_text(found.realised_share, lang)})",
        ),
        (say("Subsidie maatregelen", "Measures subsidy"), euro(found.measures_subsidy_eur)),
        (say("Overhead", "Overhead"), euro(found.overhead_eur)),
        (say("Subsidie", "Subsidy"), euro(found.subsidy_eur)),
        (say("Uitkomst", "Outcome"), _OUTCOME[found.outcome].get(lang)),
        (say("Voorschotten betaald", "Advances paid"), euro(found.advances_paid_eur)),
        (say("Saldo", "Balance"), euro(found.balance_eur)),
    ]
    width = max(len(label.get(lang)) for label, _ in rows)
    for label, value in rows:
        print(f"{label.get(lang):<{width}}  {value}")
    print()
    print(say("Motivering:", "Reasons:").get(lang))
    for reason in found.reasons:
        print(f"  {reason.article:<7} {reason.message.get(lang)}")
