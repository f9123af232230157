"""What a rule is: a named check of an application, with its article and a message.

A rule gives one :class:`Finding`: ``passed``, ``failed`` (its message names the article and
says what would pass), or ``judgement``: something a person must assess, which the product
never passes by itself. Rules are made by small factories that take the scheme's figures
(50%, one year, € 250.000), so a scheme is a list of configured rules (``schemes.py``) and a
third scheme is a new list, not new code.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass

from werkbrug.grants.model import Application
from werkbrug.grants.text import Text

__all__ = ["Assess", "CallTerms", "Finding", "Rule", "Status", "anniversary", "is_blank"]


class Status(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    JUDGEMENT = "judgement"


@dataclass(frozen=True)
class CallTerms:
    """What the rules need to know of the call an application answers."""

    #: The last day on which an application may arrive; ``None``: not known.
    window_end: dt.date | None = None


@dataclass(frozen=True)
class Finding:
    status: Status
    message: Text

    @classmethod
    def passed(cls, message: Text) -> Finding:
        return cls(Status.PASSED, message)

    @classmethod
    def failed(cls, message: Text) -> Finding:
        return cls(Status.FAILED, message)

    @classmethod
    def judgement(cls, message: Text) -> Finding:
        return cls(Status.JUDGEMENT, message)


Assess = Callable[[Application, CallTerms], Finding]


@dataclass(frozen=True)
class Rule:
    #: ``tb2010.cofinancing``: the scheme's prefix and the rule's name.
    id: str
    #: The article as the check report gives it (``5.2``, ``2.3.1``, ``2.5 b``).
    article: str
    assess: Assess


def is_blank(text: str) -> bool:
    return not text.strip()


def anniversary(start: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 1 March for a 29 February that the later year lacks, so
    that a period from 29 February up to and including 28 February is exactly one year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return dt.date(start.year + years, 3, 1)
