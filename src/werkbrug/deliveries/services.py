"""Writes for deliveries: import, export, delete. The CLI and the web app call these."""

from __future__ import annotations

import datetime as dt
import enum
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from werkbrug.accounts.models import User
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record
from werkbrug.deliveries import selectors
from werkbrug.deliveries.bulk import RowSink
from werkbrug.deliveries.models import (
    Delivery,
    DeliveryEmployer,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
    DeliveryVacancy,
)
from werkbrug.exchange import (
    DeliveryMeta,
    DeliveryValidator,
    Problems,
    SourceError,
    open_source,
    write_csv_folder,
    write_xlsx,
)
from werkbrug.exchange.limits import Limits
from werkbrug.exchange.problems import gettext_noop
from werkbrug.exchange.validate import Progress, name_problem
from werkbrug.exchange.writer import write_csv_zip
from werkbrug.ops import metrics


def import_limits() -> Limits:
    """The installation's limits for deliveries (settings.IMPORT_LIMITS, from the
    environment)."""
    limits: Limits = settings.IMPORT_LIMITS
    return limits


class ImportStatus(enum.Enum):
    IMPORTED = "imported"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"  # the same content was already stored under this name
    VALID = "valid"  # a dry run found nothing wrong
    INVALID = "invalid"


@dataclass
class ImportResult:
    status: ImportStatus
    problems: Problems
    name: str | None = None
    delivery: Delivery | None = None
    counts: dict[str, int] = field(default_factory=dict)
    content_hash: str | None = None
    existing: bool = False  # a delivery with this name was already there

    @property
    def ok(self) -> bool:
        return self.status is not ImportStatus.INVALID


class _Rollback(Exception):
    pass


def delivery_import(
    *,
    path: Path,
    name: str | None = None,
    delivered_on: dt.date | None = None,
    dry_run: bool = False,
    replace: bool = False,
    actor: User | None = None,
    source_name: str | None = None,
    progress: Progress | None = None,
    exact: bool = False,
) -> ImportResult:
    """Validate a delivery and, when it is valid, store it in one transaction.

    Nothing is written when there is any error. The same content under the same name changes
    nothing; other content under an existing name is refused unless ``replace``.
    ``exact``: the files come from ``export --exact``, so no leading quote is taken off text.
    """
    limits = import_limits()
    try:
        source = open_source(path, limits)
    except SourceError as exc:
        problems = Problems()
        problems.error(exc.file, exc.line, None, exc.template, **exc.params)
        return ImportResult(ImportStatus.INVALID, problems)

    def new_validator() -> DeliveryValidator:
        return DeliveryValidator(
            source,
            name=name,
            delivered_on=delivered_on,
            progress=progress,
            limits=limits,
            exact=exact,
        )

    with source:
        validator = new_validator()
        meta = validator.read_meta()
        # A name that breaks the rule is never looked up (PostgreSQL refuses a NUL in a query).
        usable = bool(meta.name) and name_problem(meta.name or "") is None
        existing = Delivery.objects.filter(name=meta.name).first() if usable else None
        if dry_run or existing is not None or validator.problems.has_errors:
            validator.run()
            result = _result(validator, existing)
            if result.status is ImportStatus.INVALID:
                return result
            if existing is not None:
                if existing.content_hash == validator.content_hash:
                    result.delivery = existing
                    result.status = ImportStatus.UNCHANGED
                    if replace and not dry_run and _meta_changed(existing, meta):
                        # Same rows, new date or description: only the label changes.
                        existing.delivered_on = meta.delivered_on
                        existing.description = meta.description
                        existing.save(update_fields=["delivered_on", "description"])
                        result.status = ImportStatus.REPLACED
                        _audit_import(actor, existing, result.status, source_name or path.name)
                    return result
                if not replace:
                    validator.problems.error(
                        "delivery.csv",
                        None,
                        "name",
                        gettext_noop(
                            "a delivery named '{name}' already exists with different content; "
                            "give another name or choose to replace it (--name, --replace)"
                        ),
                        name=meta.name,
                    )
                    return _result(validator, existing)
            if dry_run:
                return result
            # Validated once; read again to write (sources can be read more than once).
            validator = new_validator()
            validator.read_meta()
        # A message names the source as the user knows it: the uploaded files' names in the
        # web app (the folder they were written to is a temporary one on the server), the
        # path given on the command line.
        shown = source.display if source_name is None else source_name
        return _write(validator, shown, existing, actor, source_name or path.name)


def _meta_changed(delivery: Delivery, meta: DeliveryMeta) -> bool:
    return (delivery.delivered_on, delivery.description) != (meta.delivered_on, meta.description)


def _result(validator: DeliveryValidator, existing: Delivery | None) -> ImportResult:
    status = ImportStatus.INVALID if validator.problems.has_errors else ImportStatus.VALID
    return ImportResult(
        status,
        validator.problems,
        name=validator.meta.name,
        counts=dict(validator.counts),
        content_hash=validator.content_hash,
        existing=existing is not None,
    )


def _write(
    validator: DeliveryValidator,
    shown: str,
    existing: Delivery | None,
    actor: User | None,
    source_name: str,
) -> ImportResult:
    meta = validator.meta
    assert meta.name is not None
    try:
        with transaction.atomic():
            if existing is not None:
                _delete_rows(existing)
            delivery = Delivery.objects.create(
                name=meta.name,
                delivered_on=meta.delivered_on,
                description=meta.description,
                content_hash="",
                source=source_name[:255],
                imported_by=actor,
                imported_by_name=actor.get_username() if actor else "",
            )
            sink = RowSink(delivery, stop=lambda: validator.problems.has_errors)
            for table, rows in validator.tables():
                sink.write(table, rows)
            if validator.problems.has_errors:
                raise _Rollback
            assert validator.content_hash is not None
            delivery.content_hash = validator.content_hash
            delivery.project_count = validator.counts["projects"]
            delivery.participant_count = validator.counts["participants"]
            delivery.outcome_count = validator.counts["outcomes"]
            delivery.save()
            status = ImportStatus.REPLACED if existing else ImportStatus.IMPORTED
            _audit_import(actor, delivery, status, source_name)
            # Counted once the rows are really stored (the CLI's outer transaction included).
            counts = dict(validator.counts)
            transaction.on_commit(lambda: metrics.record_import(counts))
    except _Rollback:
        return _result(validator, existing)
    except IntegrityError:
        # Another import took the name between our check and our write.
        validator.problems.error(
            "delivery.csv",
            None,
            "name",
            gettext_noop("a delivery named '{name}' was stored at the same moment; import again"),
            name=meta.name,
        )
        return _result(validator, existing)
    same = Delivery.objects.filter(content_hash=delivery.content_hash).exclude(pk=delivery.pk)
    for twin in same.order_by("name")[:3]:
        validator.problems.warning(
            shown,
            None,
            None,
            gettext_noop("has the same content as the delivery '{other}'"),
            other=twin.name,
        )
    result = _result(validator, existing)
    result.status = ImportStatus.REPLACED if existing else ImportStatus.IMPORTED
    result.delivery = delivery
    return result


def _audit_import(
    actor: User | None, delivery: Delivery, status: ImportStatus, source: str
) -> None:
    # Who stored which content under which name, from which file: a replaced delivery changes
    # every report on it. ``actor`` None: from the command line.
    audit_record(
        actor=actor,
        action=Action.CREATE if status is ImportStatus.IMPORTED else Action.CHANGE,
        obj=delivery,
        changes={
            "status": [None, status.value],
            "content_hash": [None, delivery.content_hash],
            "source": [None, source[:255]],
        },
    )


def _delete_rows(delivery: Delivery) -> None:
    # Child tables first, each one DELETE statement; the ORM's cascade would load every row.
    for model in (
        DeliveryOutcome,
        DeliveryVacancy,
        DeliveryEmployer,
        DeliveryParticipant,
        DeliveryProject,
    ):
        model.objects.filter(delivery=delivery).delete()
    delivery.delete()


@transaction.atomic
def delivery_delete(*, delivery: Delivery) -> None:
    _delete_rows(delivery)


class ExportError(Exception):
    pass


def _audit_export(actor: User | None, delivery: Delivery, fmt: str, exact: bool) -> None:
    changes: dict[str, list[object]] = {"format": [None, fmt]}
    if exact:
        changes["exact"] = [None, True]
    audit_record(actor=actor, action=Action.EXPORT, obj=delivery, changes=changes)


def delivery_export(
    *,
    delivery: Delivery,
    path: Path,
    fmt: str = "csv",
    actor: User | None = None,
    exact: bool = False,
) -> list[Path]:
    """Write a stored delivery in the exchange format: a CSV folder or one workbook, readable
    by their owner only. ``exact``: CSV text as it is, without the quote that keeps a
    spreadsheet from computing it. Every export is written to the audit log (``actor`` None:
    from the command line)."""
    meta = DeliveryMeta(delivery.name, delivery.delivered_on, delivery.description)
    tables = selectors.delivery_tables(delivery=delivery)
    if fmt == "xlsx":
        if path.exists():
            raise ExportError(f"{path} exists; choose a new file name")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_xlsx(path, meta, tables)
        written = [path]
    elif fmt != "csv":
        raise ExportError(f"unknown format {fmt!r}; use csv or xlsx")
    else:
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise ExportError(f"{path} exists and is not an empty folder; choose a new folder")
        written = write_csv_folder(path, meta, tables, exact=exact)
    _audit_export(actor, delivery, fmt, exact)
    return written


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    data: bytes


def download_name(delivery: Delivery) -> str:
    """A file name made from the delivery's name that is never a path: a delivery stored
    before names were checked may be called anything."""
    return slugify(delivery.name) or f"levering-{delivery.pk}"


def delivery_download(
    *, delivery: Delivery, fmt: str, actor: User | None, exact: bool = False
) -> Download:
    """A stored delivery as a zip of its CSV files or as a workbook, built in memory: nothing
    is written to the server's disk. Audited like every export."""
    meta = DeliveryMeta(delivery.name, delivery.delivered_on, delivery.description)
    tables = selectors.delivery_tables(delivery=delivery)
    buffer = io.BytesIO()
    stem = download_name(delivery)
    if fmt == "xlsx":
        write_xlsx(buffer, meta, tables)
        download = Download(
            f"{stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            buffer.getvalue(),
        )
    elif fmt == "csv":
        write_csv_zip(buffer, stem, meta, tables, exact=exact)
        download = Download(f"{stem}.zip", "application/zip", buffer.getvalue())
    else:
        raise ExportError(f"unknown format {fmt!r}; use csv or xlsx")
    _audit_export(actor, delivery, fmt, exact)
    return download
