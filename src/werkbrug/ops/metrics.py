"""Prometheus metrics: a small registry that any part of werkbrug can add to, and the text
that ``/metrics`` answers.

Other modules define their metric once, at import, through :func:`counter`,
:func:`histogram` or :func:`gauge` (the API will count its calls this way), and update it
with prometheus-client's own methods. Asking twice for the same name gives the same metric,
so a module imported again (a test, the development server's reloader) does not fail.

Under ``werkbrug serve`` several gunicorn workers each count their own requests. With
``PROMETHEUS_MULTIPROC_DIR`` set (``serve`` sets it), prometheus-client keeps every
process's values in files in that folder, and ``/metrics`` adds them up over all workers,
whichever worker answers. Without it (the development server, tests) the values are this
process's.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import TypeVar

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.metrics import MetricWrapperBase

from werkbrug.ops import MULTIPROCESS_ENV

CONTENT_TYPE = CONTENT_TYPE_LATEST

_M = TypeVar("_M", bound=MetricWrapperBase)
_lock = threading.Lock()
_made: dict[str, MetricWrapperBase] = {}


def _metric(
    kind: type[_M], name: str, documentation: str, labels: Sequence[str], **extra: object
) -> _M:
    with _lock:
        existing = _made.get(name)
        if existing is not None:
            if not isinstance(existing, kind):
                raise ValueError(f"metric {name} exists as a {type(existing).__name__}")
            return existing
        made = kind(name, documentation, list(labels), **extra)  # type: ignore[arg-type]
        _made[name] = made
        return made


def counter(name: str, documentation: str, labels: Sequence[str] = ()) -> Counter:
    """A counter named ``werkbrug_…_total``; only ever goes up."""
    return _metric(Counter, name, documentation, labels)


def histogram(
    name: str,
    documentation: str,
    labels: Sequence[str] = (),
    buckets: Sequence[float] | None = None,
) -> Histogram:
    """A histogram of durations or sizes, with prometheus-client's buckets unless given."""
    if buckets is None:
        return _metric(Histogram, name, documentation, labels)
    return _metric(Histogram, name, documentation, labels, buckets=tuple(buckets))


def gauge(name: str, documentation: str, labels: Sequence[str] = ()) -> Gauge:
    """A value that goes up and down. With several workers, the workers' values are summed."""
    return _metric(Gauge, name, documentation, labels, multiprocess_mode="livesum")


# --- werkbrug's own metrics ---------------------------------------------------------------

# Seconds: a page takes 20-300 ms; a large import through the web takes minutes.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

REQUESTS = counter(
    "werkbrug_http_requests_total",
    "HTTP requests answered, by route name, method and status code.",
    ("route", "method", "status"),
)
LATENCY = histogram(
    "werkbrug_http_request_duration_seconds",
    "Time from receiving a request to having its response, by route name.",
    ("route",),
    buckets=LATENCY_BUCKETS,
)
IMPORT_ROWS = counter(
    "werkbrug_import_rows_total",
    "Rows of deliveries stored by imports in this server, by table.",
    ("table",),
)


def record_request(route: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(route=route, method=method, status=str(status)).inc()
    LATENCY.labels(route=route).observe(seconds)


def record_import(counts: dict[str, int]) -> None:
    """Count the rows an import stored, per table."""
    for table, rows in counts.items():
        if rows:
            IMPORT_ROWS.labels(table=table).inc(rows)


def exposition() -> bytes:
    """The metrics in Prometheus's text format: of every worker under ``werkbrug serve``."""
    if os.environ.get(MULTIPROCESS_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def worker_exited(pid: int) -> None:
    """Forget the live gauges of a worker that is gone (gunicorn's child_exit hook)."""
    if os.environ.get(MULTIPROCESS_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
