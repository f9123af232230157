"""The ``werkbrug`` command.

Its own subcommands (``import``, ``export``, ``deliveries``, ``grants``, ``demo``, …) are
thin: they parse arguments, call the same service functions as the web app, and print. Any
other subcommand is passed to Django's management commands (``migrate``, ``runserver``,
``createsuperuser``, …).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from werkbrug import grants_cli
from werkbrug.textsafe import printable

if TYPE_CHECKING:
    from werkbrug.deliveries.models import Delivery

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2

Handler = Callable[[argparse.Namespace], int]
# Names in one-line messages are shortened; the full name is in `werkbrug deliveries`.
NAME_LIMIT = 80


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a date; use YYYY-MM-DD") from None


def _decimal(raw: str) -> Decimal:
    try:
        value = Decimal(raw.replace(",", "."))
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="werkbrug",
        description="werkbrug: van-werk-naar-werk programmes. Other commands than the ones "
        "below are Django management commands (migrate, runserver, createsuperuser, ...).",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=["nl", "en"],
        default=None,
        help="language of messages (default: WERKBRUG_LANG, else nl)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser(parents=[common], name="import", help="validate and store a delivery")
    imp.add_argument("path", type=Path, help="a folder of CSV files, an .xlsx workbook or a .zip")
    imp.add_argument("--name", help="the delivery's name (overrides delivery.csv)")
    imp.add_argument("--delivered-on", type=_date, help="YYYY-MM-DD (overrides delivery.csv)")
    imp.add_argument("--dry-run", action="store_true", help="only validate; write nothing")
    imp.add_argument("--replace", action="store_true", help="replace a delivery of the same name")
    imp.add_argument(
        "--exact",
        action="store_true",
        help="the files were written with 'export --exact': take no quote off text",
    )

    exp = commands.add_parser(
        parents=[common], name="export", help="write a stored delivery in the exchange format"
    )
    exp.add_argument("delivery", help="the delivery's name")
    exp.add_argument("path", type=Path, help="a new folder (csv) or a new .xlsx file")
    exp.add_argument(
        "--format",
        choices=["csv", "xlsx"],
        default=None,
        help="default: xlsx when PATH ends in .xlsx, else csv",
    )
    exp.add_argument(
        "--exact",
        action="store_true",
        help="CSV: write text exactly, without the quote that keeps spreadsheets from "
        "computing text that starts with = + - @ (for programs, not for Excel)",
    )

    commands.add_parser(parents=[common], name="deliveries", help="list the stored deliveries")

    ext = commands.add_parser(
        parents=[common],
        name="extract",
        help="a pseudonymised participant-level extract of a delivery, for researchers",
    )
    ext.add_argument("delivery", help="the delivery's name")
    ext.add_argument(
        "--format",
        default=None,
        metavar="FORMAT",
        help="sav (SPSS), dta (Stata), csv or xlsx; default: from the output's suffix",
    )
    ext.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    ext.add_argument(
        "--as-of", type=_date, help="censor at YYYY-MM-DD (default: the delivery date)"
    )

    taxonomy = commands.add_parser(
        parents=[common], name="taxonomy", help="load code lists into the database"
    )
    taxonomy.add_argument("action", choices=["load-esco"])
    taxonomy.add_argument(
        "folder", type=Path, help="an unpacked ESCO CSV download (occupations_nl.csv, …)"
    )
    match = commands.add_parser(
        parents=[common], name="match", help="vacancy suggestions and allocation (advice)"
    )
    match.add_argument("action", choices=["suggest", "scores", "assign", "batch"])
    match.add_argument("--delivery", help="match within this delivery (default: the live data)")
    match.add_argument("--project", help="live data: only this project's participants")
    match.add_argument("--participant", help="suggest vacancies for this participant")
    match.add_argument("--vacancy", help="suggest participants for this vacancy")
    match.add_argument("--top", type=int, default=10, help="how many suggestions (default 10)")
    match.add_argument("--min-score", type=float, default=0.5, help="for assign (default 0.5)")
    match.add_argument("--method", choices=["optimal", "stable"], default="optimal")
    match.add_argument("--format", choices=["json", "table"], default="json")
    match.add_argument(
        "--scheduler", help="batch: an existing Dask scheduler, e.g. tcp://127.0.0.1:8786"
    )
    match.add_argument(
        "--workers",
        type=int,
        default=2,
        help="batch: worker processes of a local Dask cluster (0: in this process; default 2)",
    )

    surv = commands.add_parser(parents=[common], name="survival", help="time to a new job")
    surv.add_argument("--delivery", help="the delivery's name (default: the latest)")
    surv.add_argument("--as-of", type=_date, help="censor at YYYY-MM-DD (default: delivery date)")
    surv.add_argument("--by", choices=["project", "network", "education"])
    surv.add_argument("--format", choices=["json", "html"], default="json")
    surv.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")

    fac = commands.add_parser(parents=[common], name="factors", help="success factors")
    fac.add_argument("--delivery", help="the delivery's name (default: the latest)")
    fac.add_argument("--as-of", type=_date, help="censor at YYYY-MM-DD (default: delivery date)")
    fac.add_argument("--bootstrap", type=int, default=9999, help="wild bootstrap draws")
    fac.add_argument("--format", choices=["json", "html"], default="json")
    fac.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")

    imp = commands.add_parser(parents=[common], name="impact", help="net impact (ATT)")
    imp.add_argument("--data", type=Path, required=True, help="CSV: participants and comparison")
    imp.add_argument("--treatment", required=True, help="column: 1 participant, 0 comparison")
    imp.add_argument("--outcome", required=True, help="column with the outcome")
    imp.add_argument("--covariates", required=True, help="columns, separated by commas")
    imp.add_argument("--method", choices=["psm", "ipw", "dr"], default="dr")
    imp.add_argument("--bootstrap", type=int, default=500, help="bootstrap replications")
    imp.add_argument("--format", choices=["json", "html"], default="json")
    imp.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")

    rep = commands.add_parser(
        parents=[common], name="report", help="the monitoring report on a delivery"
    )
    rep.add_argument("--delivery", help="the delivery's name (default: the latest)")
    rep.add_argument("--as-of", type=_date, help="count only what happened by YYYY-MM-DD")
    rep.add_argument("--compare", metavar="NAME", help="compare with this earlier delivery")
    rep.add_argument("--public", action="store_true", help="suppress small cells")
    rep.add_argument("--min-cell", type=int, default=10, help="minimum cell size (default 10)")
    rep.add_argument(
        "--fulltime-hours",
        type=_decimal,
        default=Decimal(36),
        help="weekly hours that count as full-time (default 36)",
    )
    rep.add_argument(
        "--near-threshold",
        type=_decimal,
        default=Decimal("0.9"),
        help="share of the participant target that counts as near (default 0.9)",
    )
    rep.add_argument("--format", choices=["json", "md", "html", "pdf", "xlsx"], default="json")
    rep.add_argument(
        "--factors",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="include the success-factor model (default: in readable formats, up to 100 projects)",
    )
    rep.add_argument("-o", "--output", type=Path, help="write to this file (default: stdout)")

    grants_cli.add_parser(commands, common, date=_date)

    worker = commands.add_parser(
        parents=[common], name="worker", help="run background jobs (stop with Ctrl-C or SIGTERM)"
    )
    worker.add_argument(
        "--interval", type=float, default=1.0, help="seconds between looks when idle (default 1)"
    )
    worker.add_argument("--once", action="store_true", help="run what is queued, then stop")

    jobs = commands.add_parser(
        parents=[common], name="jobs", help="list background jobs, or follow one"
    )
    jobs.add_argument("id", nargs="?", type=int, help="follow this job with a progress bar")

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="load the nine experiments, create a user per role and serve the web app",
    )
    demo.add_argument("--no-serve", action="store_true", help="prepare only; do not serve")
    demo.add_argument("--port", type=int, default=8000)

    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="run the production server (gunicorn); HUP restarts it gracefully",
    )
    serve.add_argument(
        "--workers",
        type=_workers,
        default=None,
        help="worker processes (default: WERKBRUG_WORKERS, else one per core plus one)",
    )
    serve.add_argument(
        "--bind",
        default=None,
        metavar="ADDR",
        help="HOST:PORT or unix:PATH to listen on (default: WERKBRUG_BIND, else 127.0.0.1:8000)",
    )

    backup = commands.add_parser(
        "backup", parents=[common], help="back up the database into a new folder, verified"
    )
    backup.add_argument("path", type=Path, help="a new folder for the backup")
    restore = commands.add_parser(
        "restore", parents=[common], help="restore a backup into an empty database, verified"
    )
    restore.add_argument("path", type=Path, help="a folder written by werkbrug backup")
    restore.add_argument(
        "--force", action="store_true", help="restore into a database that holds data"
    )
    return parser


def _workers(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"{raw!r} is out of range; use 1 to 64")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbrug.settings")
    parser = _parser()
    own = {
        "import",
        "export",
        "deliveries",
        "extract",
        "report",
        "match",
        "taxonomy",
        "survival",
        "factors",
        "impact",
        "grants",
        "worker",
        "jobs",
        "demo",
        "serve",
        "backup",
        "restore",
    }
    first = args_list[0] if args_list else None
    if first is not None and not first.startswith("-") and first not in own:
        return _django(args_list)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        if args.command == "serve":
            _prepare_serving()
        _setup(args.lang)
        handler: Handler = _HANDLERS[args.command]
        return handler(args)
    except KeyboardInterrupt:
        print("werkbrug: interrupted", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away (e.g. `werkbrug demo | head`); nothing is left to say.
        sys.stderr.close()
        return EXIT_FAILURE
    except Exception as exc:  # the last line of defence: never a traceback to a user
        if _traceback_wanted():
            raise
        print(f"werkbrug: error: {_one_line(exc)}", file=sys.stderr)
        print("(set WERKBRUG_TRACEBACK=1 to see where)", file=sys.stderr)
        return EXIT_FAILURE


def _one_line(exc: BaseException) -> str:
    """An error's text on one printable line: it can quote data (a file name, a column, a
    driver's message with the server's own line breaks)."""
    return printable(" ".join(str(exc).split()))


def _traceback_wanted() -> bool:
    from werkbrug.config import ConfigError, env_bool

    try:
        return env_bool(os.environ, "WERKBRUG_TRACEBACK")
    except ConfigError:
        return False


def _setup(lang: str | None) -> None:
    from werkbrug.config import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as exc:
        raise SystemExit(f"werkbrug: configuration: {exc}") from None
    from django.utils import translation

    translation.activate(lang or os.environ.get("WERKBRUG_LANG") or "nl")


# Django commands that serve the web app: production mode checks before they start.
_SERVING = {"runserver"}


def _django(argv: list[str]) -> int:
    from django.core.management import execute_from_command_line

    from werkbrug.config import ConfigError

    try:
        if argv and argv[0] in _SERVING:
            _refuse_to_serve_unsafely()
        execute_from_command_line(["werkbrug", *argv])
    except ConfigError as exc:
        print(f"werkbrug: configuration: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except _unsafe_to_serve() as exc:
        print(f"werkbrug: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def _unsafe_to_serve() -> type[Exception]:
    from werkbrug.accounts.checks import UnsafeToServe

    return UnsafeToServe


def _refuse_to_serve_unsafely() -> None:
    """The WSGI application refuses too, but in the development server it loads in a thread
    of the autoreloader, which would print a traceback and keep waiting; checking first
    gives one message and exit status 1."""
    import django

    django.setup()
    from werkbrug.accounts.checks import refuse_public_demo_passwords

    refuse_public_demo_passwords()


def _import(args: argparse.Namespace) -> int:
    import contextlib

    from django.db import transaction

    from werkbrug.deliveries.services import delivery_import
    from werkbrug.progress import FileProgress

    # The whole import, its checks before and after the write included, is one transaction
    # of the command's own: an error raised inside it means the database kept nothing, so the
    # message can say so; only an error while committing leaves that open. A dry run writes
    # nothing and needs no transaction (on SQLite it would hold a lock while it validates).
    one_transaction = contextlib.nullcontext() if args.dry_run else transaction.atomic()
    committing = False
    try:
        with FileProgress() as progress, one_transaction:
            result = delivery_import(
                path=args.path,
                name=args.name,
                delivered_on=args.delivered_on,
                dry_run=args.dry_run,
                replace=args.replace,
                progress=progress.update,
                exact=args.exact,
            )
            committing = True
    except _database_errors() as exc:
        print(_import_database_failure(exc, committing, args.dry_run), file=sys.stderr)
        return EXIT_FAILURE
    from werkbrug.deliveries.messages import problem_lines, result_summary

    # The lines quote the delivery (its name, cell values): printable, whatever the data holds.
    for line in problem_lines(result.problems):
        print(printable(line), file=sys.stderr)
    print(printable(result_summary(result)), file=sys.stdout if result.ok else sys.stderr)
    return EXIT_OK if result.ok else EXIT_INVALID


def _database_errors() -> tuple[type[Exception], ...]:
    """Errors of the database or its driver. Django wraps what its own cursors raise; the
    bulk writers talk to the driver directly (COPY, executemany), so its errors come bare."""
    import sqlite3

    import psycopg
    from django.db import Error

    return (Error, psycopg.Error, sqlite3.Error)


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and the errors it was raised from (Django's wrapper, then the driver's)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


# PostgreSQL error classes that mean the server ended the session: 08 connection exception;
# 57P01-57P03 administrator command, crash, cannot connect now (57014, a cancelled statement,
# leaves the connection as it was).
_SESSION_ENDED = ("08", "57P01", "57P02", "57P03")


def _connection_lost(exc: BaseException) -> bool:
    """Whether the error says the connection to the database went away, rather than that the
    database refused something (a lock, a full disk, a missing table) over a working one."""
    import sqlite3

    import psycopg
    from django.db import InterfaceError, OperationalError

    chain = _causes(exc)
    if any(isinstance(e, sqlite3.Error) for e in chain):
        return False  # SQLite is a file: there is no connection to lose
    for error in chain:
        if isinstance(error, psycopg.InterfaceError):
            return True
        if isinstance(error, psycopg.OperationalError):
            # No SQLSTATE: the client itself lost the server (a killed backend, the network).
            state = error.sqlstate or ""
            return not state or state.startswith(_SESSION_ENDED)
    return isinstance(exc, InterfaceError | OperationalError)


def _import_database_failure(exc: BaseException, committing: bool, dry_run: bool) -> str:
    """What to tell the operator when the database fails during ``werkbrug import``."""
    from django.utils.translation import gettext as _

    if committing:
        parts = [
            _(
                "the database failed while the import was being committed, so it is not known "
                "whether the delivery was saved."
            ),
            _(
                "Check with werkbrug deliveries once the database is reachable; importing "
                "again is safe: the same content under the same name changes nothing."
            ),
        ]
    else:
        lost = _connection_lost(exc)
        parts = [
            _("the connection to the database was lost during the import.")
            if lost
            else _("the database stopped the import with an error."),
            _("Nothing was saved: a dry run writes nothing.")
            if dry_run
            else _(
                "Nothing was saved: the import runs in one transaction, which the database has "
                "undone."
            ),
            _("Check that the database is running and reachable, then import again.")
            if lost
            else _(
                "Check the database (has it been migrated? werkbrug migrate), then import again."
            ),
        ]
    # The driver's own words, for whoever looks into the database: on one line, and shown
    # rather than acted on by the terminal.
    detail = _one_line(exc)
    return "werkbrug import: " + " ".join(parts) + (f" ({detail})" if detail else "")


def _find_delivery(name: str | None) -> Delivery | None:
    """The delivery of that name, or the latest without a name; otherwise ``None`` after
    telling the user which deliveries there are."""
    from django.utils.translation import gettext as _

    from werkbrug.deliveries import selectors

    delivery = selectors.delivery_get(name=name) if name else selectors.delivery_latest()
    if delivery is not None:
        return delivery
    if not name:
        print(_("No delivery is stored yet; import one first (werkbrug import)."), file=sys.stderr)
        return None
    names = ", ".join(printable(d.name, NAME_LIMIT) for d in selectors.delivery_list()[:20])
    print(
        _("No delivery named '{name}'; stored: {names}").format(
            name=printable(name, NAME_LIMIT), names=names or "-"
        ),
        file=sys.stderr,
    )
    return None


def _export(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from werkbrug.deliveries.services import ExportError, delivery_export

    delivery = _find_delivery(args.delivery)
    if delivery is None:
        return EXIT_FAILURE
    fmt = args.format or ("xlsx" if args.path.suffix.lower() == ".xlsx" else "csv")
    try:
        paths = delivery_export(delivery=delivery, path=args.path, fmt=fmt, exact=args.exact)
    except ExportError as exc:
        print(f"werkbrug export: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    print(
        _("Exported '{name}' to {path} ({files} file(s)).").format(
            name=printable(delivery.name), path=printable(str(args.path)), files=len(paths)
        )
    )
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from werkbrug.reports.extracts import ExtractError, extract_make

    delivery = _find_delivery(args.delivery)
    if delivery is None:
        return EXIT_FAILURE
    fmt = args.format or args.output.suffix.lower().lstrip(".")
    try:
        extract = extract_make(delivery=delivery, fmt=fmt, actor=None, as_of=args.as_of)
    except ExtractError as exc:
        print(f"werkbrug extract: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INVALID
    code = _write_output(args.output, extract.data, command="extract")
    if code == EXIT_OK:
        print(
            _("Wrote {rows} participants of '{name}' to {path} (censored at {date}).").format(
                rows=extract.rows,
                name=printable(delivery.name),
                path=printable(str(args.output)),
                date=extract.censor_date.isoformat(),
            )
        )
    return code


def _report(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from werkbrug.reports.services import ReportError, ReportOptions, report_render

    delivery = _find_delivery(args.delivery)
    if delivery is None:
        return EXIT_FAILURE
    other = _find_delivery(args.compare) if args.compare else None
    if args.compare and other is None:
        return EXIT_FAILURE
    options = ReportOptions(
        as_of=args.as_of,
        public=args.public,
        min_cell=args.min_cell,
        fulltime_hours=args.fulltime_hours,
        near_threshold=args.near_threshold,
        factors=args.factors,
    )
    try:
        rendered = report_render(
            delivery=delivery, options=options, fmt=args.format, compare_with=other
        )
    except ReportError as exc:
        print(f"werkbrug report: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INVALID
    if args.output:
        return _write_output(args.output, rendered.content, command="report")
    elif args.format in {"pdf", "xlsx"}:
        print(
            _("{format} is binary; write it to a file with -o FILE").format(
                format=args.format.upper()
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
    else:
        sys.stdout.buffer.write(rendered.content)
        sys.stdout.flush()
    return EXIT_OK


def _write_output(path: Path, content: bytes, *, command: str) -> int:
    """Write what the user asked for with ``-o``: reports and analyses carry personal and
    project data, so a new file is the user's only (600), from the moment it exists. A file
    that is already there keeps the mode its owner gave it."""
    from django.utils.translation import gettext as _

    from werkbrug.config import PRIVATE_FILE

    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
    except OSError as exc:
        print(
            _("werkbrug {command}: cannot write {path}: {reason}; choose another file (-o)").format(
                command=command, path=path, reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_OK


def _analysis(args: argparse.Namespace) -> int:
    from werkbrug.reports import analysis, loaders
    from werkbrug.reports.analysis_render import render_analysis_html

    names: dict[str, str] = {}
    try:
        if args.command == "impact":
            covariates = [c.strip() for c in args.covariates.split(",") if c.strip()]
            result = analysis.impact_compute(
                path=args.data,
                treatment=args.treatment,
                outcome=args.outcome,
                covariates=covariates,
                method=args.method,
                n_boot=args.bootstrap,
            )
        else:
            delivery = _find_delivery(args.delivery)
            if delivery is None:
                return EXIT_FAILURE
            names = loaders.project_names(delivery)
            if args.command == "survival":
                result = analysis.survival_compute(delivery=delivery, as_of=args.as_of, by=args.by)
            else:
                result = analysis.factors_compute(
                    delivery=delivery, as_of=args.as_of, n_boot=args.bootstrap
                )
    except analysis.AnalysisError as exc:
        print(f"werkbrug {args.command}: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        content = analysis.to_json(result)
    else:
        content = render_analysis_html(args.command, result, project_names=names).encode("utf-8")
    if args.output:
        return _write_output(args.output, content, command=args.command)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return EXIT_OK


def _match_batch(args: argparse.Namespace) -> int:
    """`werkbrug match batch`: the top-k of every participant, stored; a summary on stdout."""
    import json

    from werkbrug.matches.batch import Where, batch_run
    from werkbrug.matches.services import MatchError
    from werkbrug.progress import FileProgress

    if args.project or args.participant or args.vacancy:
        print(
            "werkbrug match: batch matches every participant; "
            "leave out --project, --participant and --vacancy",
            file=sys.stderr,
        )
        return EXIT_INVALID
    where = Where(workers=args.workers, scheduler=args.scheduler)
    try:
        with FileProgress() as bar:
            run = batch_run(
                delivery_name=args.delivery,
                top=args.top,
                where=where,
                progress=lambda done, total: bar.update("participants", done, total),
            )
    except MatchError as exc:
        print(f"werkbrug match: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INVALID
    summary = {
        "batch": run.pk,
        "delivery": run.delivery.name if run.delivery else None,
        "engine": run.engine,
        "participants": run.participants,
        "vacancies": run.openings,
        "partitions": run.partitions,
        "suggestions": run.suggestions.count(),
        "top": run.top_k,
        "uncertified_partitions": run.uncertified,
        "config_version": run.config_version,
        "seconds": round((run.finished_at - run.started_at).total_seconds(), 2),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True))
    return EXIT_OK


def _match(args: argparse.Namespace) -> int:
    import json

    from werkbrug.matches import pools as matching
    from werkbrug.matches.services import MatchError

    if args.action == "batch":
        return _match_batch(args)
    try:
        if args.delivery is not None:
            if args.project is not None:
                raise MatchError("--project applies to the live data, not a delivery")
            delivery = _find_delivery(args.delivery)
            if delivery is None:
                return EXIT_FAILURE
            pool = matching.delivery_pool(delivery)
        else:
            pool = matching.live_pool(args.project)
        if args.action == "suggest":
            if bool(args.participant) == bool(args.vacancy):
                raise MatchError("give either --participant ID or --vacancy ID")
            result: object = (
                matching.suggest_for_participant(pool, args.participant, args.top)
                if args.participant
                else matching.suggest_for_vacancy(pool, args.vacancy, args.top)
            )
        elif args.action == "scores":
            result = matching.all_scores(pool)
        else:
            result = matching.allocate(pool, min_score=args.min_score, method=args.method)
    except MatchError as exc:
        print(f"werkbrug match: {_one_line(exc)}", file=sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        rows = result["assignments"] if isinstance(result, dict) else result
        for row in rows:  # type: ignore[union-attr]
            # Keys come from the data (a delivery's ids): shown, never acted on.
            participant, vacancy = (
                printable(str(row["participant"])),
                printable(str(row["vacancy"])),
            )
            # a suggestion's confidence (the known share of the weight) goes with its score
            confidence = f"\t{row['confidence']:.3f}" if "confidence" in row else ""
            print(f"{participant}\t{vacancy}\t{row['score']:.3f}{confidence}")
    return EXIT_OK


def _taxonomy(args: argparse.Namespace) -> int:
    from werkbrug.matches.esco import esco_load
    from werkbrug.matching.esco import EscoFormatError

    if not args.folder.is_dir():
        print(
            f"werkbrug taxonomy: {args.folder} is not a folder; unpack the ESCO download first",
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        counts = esco_load(folder=args.folder)
    except FileNotFoundError as exc:
        print(f"werkbrug taxonomy: {_one_line(exc)}; nothing was loaded", file=sys.stderr)
        return EXIT_INVALID
    except EscoFormatError as exc:
        for problem in exc.problems:
            print(f"werkbrug taxonomy: {printable(str(problem))}", file=sys.stderr)
        print("werkbrug taxonomy: nothing was loaded", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"ESCO loaded: {counts.occupations} occupations, {counts.skills} skills, "
        f"{counts.relations} occupation-skill relations."
    )
    return EXIT_OK


def _deliveries(args: argparse.Namespace) -> int:  # noqa: ARG001 (every command's signature)
    from werkbrug.deliveries import selectors

    for d in selectors.delivery_list():
        delivered = d.delivered_on.isoformat() if d.delivered_on else "-"
        # A name is data (delivery.csv or --name): a control character in it is shown as an
        # escape, so it can neither drive the terminal nor add a tab-separated field.
        print(
            f"{printable(d.name)}\t{delivered}\t{d.project_count}\t{d.participant_count}\t"
            f"{d.outcome_count}\t{d.content_hash[:12]}"
        )
    return EXIT_OK


def _worker(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from werkbrug.jobs import worker

    if not 0 < args.interval <= 3600:
        print(
            _("werkbrug worker: --interval must be more than 0 and at most 3600"), file=sys.stderr
        )
        return EXIT_INVALID
    ran = worker.run(interval=args.interval, once=args.once)
    if args.once:
        print(_("{count} jobs run").format(count=ran))
    return EXIT_OK


def _jobs(args: argparse.Namespace) -> int:
    """The server's jobs (as the Django admin shows them), or one job followed to its end
    with the same bar as the file commands."""
    import time

    from django.utils.translation import gettext as _

    from werkbrug.jobs.models import Job
    from werkbrug.progress import FileProgress

    if args.id is None:
        for job in Job.objects.select_related("owner")[:100]:
            print(
                f"{job.pk}\t{job.kind}\t{job.state}\t{job.done}/{job.total}\t"
                f"{printable(job.owner.username)}\t{job.created_at:%Y-%m-%d %H:%M}"
            )
        return EXIT_OK
    found = Job.objects.filter(pk=args.id).first()
    if found is None:
        print(
            _("werkbrug jobs: there is no job {id}; `werkbrug jobs` lists them").format(id=args.id),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    job = found
    with FileProgress() as bar:
        while not job.finished:
            bar.update(f"{job.kind} #{job.pk}", job.done, job.total or 1)
            time.sleep(0.5)
            job.refresh_from_db()
    print(f"{job.pk}\t{job.state}\t{printable(job.result_name or job.error)}")
    return EXIT_OK if job.state == "done" else EXIT_FAILURE


def _demo(args: argparse.Namespace) -> int:
    import signal
    import subprocess

    from werkbrug.demo.services import demo_prepare

    demo_prepare(out=sys.stdout, port=args.port)
    if args.no_serve:
        return EXIT_OK
    # A worker next to the development server, for the background jobs; it goes when the
    # server goes (SIGTERM: it finishes the job at hand first).
    worker = subprocess.Popen([sys.executable, "-m", "werkbrug", "worker"])
    # SIGTERM would end this process without the clean-up below, leaving the worker behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(EXIT_OK))
    try:
        return _django(["runserver", f"127.0.0.1:{args.port}", "--noreload"])
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


def _prepare_serving() -> None:
    """Before Django starts: the metrics folder and JSON logs (werkbrug.ops.server)."""
    from werkbrug.config import ConfigError, data_dir
    from werkbrug.ops.server import prepare_environment

    try:
        prepare_environment(data_dir(os.environ))
    except ConfigError as exc:
        raise SystemExit(f"werkbrug: configuration: {exc}") from None


def _serve(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.utils.translation import gettext as _

    from werkbrug.config import ConfigError, env_int
    from werkbrug.ops.server import DEFAULT_BIND, ServeOptions, default_workers, run

    try:
        workers = args.workers or env_int(
            os.environ, "WERKBRUG_WORKERS", default=default_workers(), low=1, high=64
        )
    except ConfigError as exc:
        print(f"werkbrug: configuration: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    bind = args.bind or os.environ.get("WERKBRUG_BIND", "").strip() or DEFAULT_BIND
    try:
        _refuse_to_serve_unsafely()
    except _unsafe_to_serve() as exc:
        print(f"werkbrug: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if settings.PRODUCTION and not (settings.STATIC_ROOT / "staticfiles.json").is_file():
        # Every page would fail with a server error: say so before serving any.
        print(
            _(
                "werkbrug serve: production mode serves static files collected beforehand, "
                "and there are none in {folder}. Run werkbrug collectstatic --noinput, then "
                "start again."
            ).format(folder=settings.STATIC_ROOT),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    run(ServeOptions(bind=bind, workers=workers))
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from werkbrug.ops.backup import BackupError, backup_write

    try:
        summary = backup_write(path=args.path)
    except BackupError as exc:
        print(f"werkbrug backup: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    print(printable(summary))
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from werkbrug.ops.backup import BackupError, backup_restore

    try:
        summary = backup_restore(path=args.path, force=args.force)
    except BackupError as exc:
        print(f"werkbrug restore: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    print(printable(summary))
    return EXIT_OK


_HANDLERS: dict[str, Handler] = {
    "import": _import,
    "export": _export,
    "deliveries": _deliveries,
    "extract": _extract,
    "report": _report,
    "match": _match,
    "taxonomy": _taxonomy,
    "survival": _analysis,
    "factors": _analysis,
    "impact": _analysis,
    "grants": grants_cli.handle,
    "worker": _worker,
    "jobs": _jobs,
    "demo": _demo,
    "serve": _serve,
    "backup": _backup,
    "restore": _restore,
}
