"""Today, in one place for this app: ``werkbrug.clock.today()`` where the tree has that module,
else Django's local date. Looked up once: a failed import is not cached by Python, and the
queue asks for today once per application."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable

from django.utils import timezone


def _source() -> Callable[[], dt.date]:
    if importlib.util.find_spec("werkbrug.clock") is None:
        return timezone.localdate
    found: Callable[[], dt.date] = importlib.import_module("werkbrug.clock").today
    return found


_TODAY = _source()


def today() -> dt.date:
    return _TODAY()
