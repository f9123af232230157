"""The ``werkbrug`` command.

Its own subcommands (``import``, ``export``, ``deliveries``, ``demo``) are thin: they parse
arguments, call the same service functions as the web app, and print. Any other subcommand is
passed to Django's management commands (``migrate``, ``runserver``, ``createsuperuser``, …).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2

Handler = Callable[[argparse.Namespace], int]


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a date; use YYYY-MM-DD") from None


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

    commands.add_parser(parents=[common], name="deliveries", help="list the stored deliveries")

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="load the nine experiments, create a user per role and serve the web app",
    )
    demo.add_argument("--no-serve", action="store_true", help="prepare only; do not serve")
    demo.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkbrug.settings")
    parser = _parser()
    own = {"import", "export", "deliveries", "demo"}
    first = args_list[0] if args_list else None
    if first is not None and not first.startswith("-") and first not in own:
        return _django(args_list)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
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
        print(f"werkbrug: error: {exc}", file=sys.stderr)
        print("(set WERKBRUG_TRACEBACK=1 to see where)", file=sys.stderr)
        return EXIT_FAILURE


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


def _django(argv: list[str]) -> int:
    from django.core.management import execute_from_command_line

    from werkbrug.config import ConfigError

    try:
        execute_from_command_line(["werkbrug", *argv])
    except ConfigError as exc:
        print(f"werkbrug: configuration: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from werkbrug.deliveries.services import delivery_import
    from werkbrug.progress import FileProgress

    with FileProgress() as progress:
        result = delivery_import(
            path=args.path,
            name=args.name,
            delivered_on=args.delivered_on,
            dry_run=args.dry_run,
            replace=args.replace,
            progress=progress.update,
        )
    from werkbrug.deliveries.messages import problem_lines, result_summary

    for line in problem_lines(result.problems):
        print(line, file=sys.stderr)
    print(result_summary(result), file=sys.stdout if result.ok else sys.stderr)
    return EXIT_OK if result.ok else EXIT_INVALID


def _export(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from werkbrug.deliveries import selectors
    from werkbrug.deliveries.services import ExportError, delivery_export

    delivery = selectors.delivery_get(name=args.delivery)
    if delivery is None:
        names = ", ".join(d.name for d in selectors.delivery_list()[:20]) or "-"
        print(
            _("No delivery named '{name}'; stored: {names}").format(
                name=args.delivery, names=names
            ),
            file=sys.stderr,
        )
        return EXIT_FAILURE
    fmt = args.format or ("xlsx" if args.path.suffix.lower() == ".xlsx" else "csv")
    try:
        paths = delivery_export(delivery=delivery, path=args.path, fmt=fmt)
    except ExportError as exc:
        print(f"werkbrug export: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    print(
        _("Exported '{name}' to {path} ({files} file(s)).").format(
            name=delivery.name, path=args.path, files=len(paths)
        )
    )
    return EXIT_OK


def _deliveries(args: argparse.Namespace) -> int:
    from werkbrug.deliveries import selectors

    for d in selectors.delivery_list():
        delivered = d.delivered_on.isoformat() if d.delivered_on else "-"
        print(
            f"{d.name}\t{delivered}\t{d.project_count}\t{d.participant_count}\t"
            f"{d.outcome_count}\t{d.content_hash[:12]}"
        )
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from werkbrug.demo.services import demo_prepare

    demo_prepare(out=sys.stdout, port=args.port)
    if args.no_serve:
        return EXIT_OK
    return _django(["runserver", f"127.0.0.1:{args.port}", "--noreload"])


_HANDLERS: dict[str, Handler] = {
    "import": _import,
    "export": _export,
    "deliveries": _deliveries,
    "demo": _demo,
}
