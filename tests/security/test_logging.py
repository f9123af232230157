"""No personal data in the logs: query strings are cut from logged request paths."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from werkbrug.web.logfilters import StripQueryStrings, strip_query_strings


@pytest.mark.parametrize(
    ("logged", "kept"),
    [
        ("GET /people/?q=Jansen HTTP/1.1", "GET /people/ HTTP/1.1"),
        ("Not Found: /x?name=Piet%20de%20Vries", "Not Found: /x"),
        ("https://werkbrug.example.nl/a/b?c=d&e=f#top", "https://werkbrug.example.nl/a/b#top"),
        ('"POST /login/ HTTP/1.1" 302 0', '"POST /login/ HTTP/1.1" 302 0'),
        ("no path here? none", "no path here? none"),
    ],
)
def test_query_strings_are_cut(logged: str, kept: str) -> None:
    assert strip_query_strings(logged) == kept


def test_the_filter_cleans_message_and_arguments() -> None:
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /reports/?q=Jansen HTTP/1.1", "200", "512"),
        None,
    )
    assert StripQueryStrings().filter(record)
    assert record.getMessage() == '"GET /reports/ HTTP/1.1" 200 512'


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Point the handlers that werkbrug's logging settings installed at one buffer."""
    stream = io.StringIO()
    loggers = [logging.getLogger("django.server"), logging.getLogger()]
    handlers = [
        handler
        for logger in loggers
        for handler in logger.handlers
        if isinstance(handler, logging.StreamHandler)
        and any(isinstance(f, StripQueryStrings) for f in handler.filters)
    ]
    assert len(handlers) == 2  # the server's request lines and everything else
    # Swapped by hand: setStream() flushes the old stream, which may be an earlier test's
    # closed capture (a CLI test that set Django up again while stderr was captured).
    previous = [handler.stream for handler in handlers]
    for handler in handlers:
        handler.stream = stream
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.stream = old


def test_the_configured_log_output_has_no_query_strings(captured: io.StringIO) -> None:
    logging.getLogger("django.server").info(
        '"%s" %s %s', "GET /people/?q=Jansen HTTP/1.1", "200", "512", extra={"status_code": 200}
    )
    logging.getLogger("django.request").warning("Not Found: %s", "/people/?q=de%20Vries")
    output = captured.getvalue()
    assert "GET /people/ HTTP/1.1" in output
    assert "Not Found: /people/" in output
    assert "Jansen" not in output
    assert "Vries" not in output
