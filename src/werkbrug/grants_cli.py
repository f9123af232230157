"""``werkbrug grants``: check an application, determine a subsidy.

Thin, like the rest of the command: it reads the files with :mod:`werkbrug.grants`, calls the
same functions the web app will, and prints. Problems with a file go to stderr as
``FILE:LINE: message`` or ``FILE: field.path: message``, and the command exits with status 2.

Where the award and the declaration come from is decided in one place each,
:func:`resolve_award` (a file, or an award in the database by its reference) and
:func:`resolve_declaration` (a file, which ``werkbrug grants declaration PROJECT --as-of
DATE`` writes from the case data).
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
    AmountError,
    Award,
    CheckReport,
    Declaration,
    Determination,
    FileProblem,
    Outcome,
    Result,
    Status,
    call_terms,
    check_application,
    declaration_json,
    determine,
    parse_amount,
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
    det.add_argument(
        "--award",
        required=True,
        metavar="ID|FILE",
        help="an award in the database (its reference: SP-2013-001) or a werkbrug-award/1 file",
    )
    det.add_argument(
        "--declaration", required=True, metavar="FILE", help="a werkbrug-declaration/1 file"
    )
    det.add_argument(
        "--reduce",
        action="store_true",
        help="below the nil threshold, reduce proportionally instead of nil (2013 art. 5.1.4)",
    )
    det.add_argument("--format", choices=["json", "table"], default="json")
    decl = actions.add_parser(
        "declaration",
        parents=[common],
        help="compute a project's declaration from the case data (werkbrug-declaration/1)",
    )
    decl.add_argument("project", help="the project's code (an awarded project)")
    decl.add_argument("--as-of", required=True, type=date, metavar="DATE", dest="as_of")
    decl.add_argument("--kind", choices=["final", "progress"], default="final")
    decl.add_argument(
        "--own-funds",
        metavar="EUR",
        dest="own_funds",
        help="own funds realised (default: the project's own funds)",
    )
    decl.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, not stdout")


def handle(args: argparse.Namespace) -> int:
    lang = lang_or_default(args.lang or os.environ.get("WERKBRUG_LANG"))
    if args.grants_action == "check":
        return _check(args, lang)
    if args.grants_action == "declaration":
        return _declaration(args, lang)
    return _determine(args, lang)


def resolve_award(ref: str) -> Result[Award]:
    """The award ``--award`` names: a ``werkbrug-award/1`` file when one exists at that path,
    else an award in the database by its reference (the application's, ``SP-2013-001``)."""
    if Path(ref).exists():
        return read_award(Path(ref))
    from werkbrug.schemes.documents import award_data
    from werkbrug.schemes.models import Decision

    decision = (
        Decision.objects.exclude(kind=Decision.Kind.REFUSAL)
        .select_related("application__call")
        .filter(application__reference=ref)
        .first()
    )
    if decision is None:
        problem = FileProblem(
            ref,
            None,
            None,
            say(
                "geen bestand en geen beschikking met dit kenmerk",
                "neither a file nor an award with this reference",
            ),
        )
        return Result(None, (problem,))
    return Result(award_data(decision))


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


def _declaration(args: argparse.Namespace, lang: Lang) -> int:
    from werkbrug.schemes.casedata import declaration_compute
    from werkbrug.schemes.models import Decision

    decision = (
        Decision.objects.exclude(kind=Decision.Kind.REFUSAL)
        .select_related("application__call", "project")
        .filter(project__code=args.project)
        .first()
    )
    if decision is None:
        message = say(
            "{project}: geen project met een beschikking onder deze code",
            "{project}: no awarded project with this code",
            project=printable(args.project, 80),
        )
        print(message.get(lang), file=sys.stderr)
        return EXIT_INVALID
    own = decision.project.own_funds_eur if decision.project else None
    if args.own_funds is not None:
        try:
            own = parse_amount(args.own_funds)
        except AmountError as exc:
            print(f"--own-funds: {exc.message.get(lang)}", file=sys.stderr)
            return EXIT_INVALID
    assert decision.start is not None
    if args.as_of < decision.start:
        message = say(
            "--as-of: de datum ligt vóór de looptijd van de beschikking ({start})",
            "--as-of: the date lies before the award's period ({start})",
            start=decision.start,
        )
        print(message.get(lang), file=sys.stderr)
        return EXIT_INVALID
    computed = declaration_compute(
        decision, kind=args.kind, as_of=args.as_of, own_funds_eur=own or Decimal(0)
    )
    text = json.dumps(declaration_json(computed.declaration), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
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
