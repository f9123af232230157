"""Checking an application against its scheme: one finding per rule, in the scheme's order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from werkbrug.grants.model import Application
from werkbrug.grants.rules import CallTerms, Status
from werkbrug.grants.schemes import Scheme, scheme_get
from werkbrug.grants.text import Text

__all__ = ["CheckReport", "RuleResult", "call_terms", "check_application"]


@dataclass(frozen=True)
class RuleResult:
    rule: str
    article: str
    status: Status
    message: Text

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "article": self.article,
            "status": self.status.value,
            "message": self.message.as_json(),
        }


@dataclass(frozen=True)
class CheckReport:
    scheme: str
    results: tuple[RuleResult, ...]

    @property
    def failed(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.status is Status.FAILED)

    @property
    def judgements(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.status is Status.JUDGEMENT)

    def as_json(self) -> list[dict[str, object]]:
        """The check report of SCHEMES.md §5: one entry per rule, in the scheme's order."""
        return [r.as_json() for r in self.results]


def call_terms(scheme: Scheme, window_end: dt.date | None = None) -> CallTerms:
    """The call's terms: the given last day, or else the scheme's own call's."""
    return CallTerms(window_end=window_end or scheme.window_end)


def check_application(application: Application, call: CallTerms | None = None) -> CheckReport:
    """Every rule of the application's scheme applied to it. Without ``call``, the scheme's
    own call is assumed (for the 2010 scheme: applications up to 31 October 2010)."""
    scheme = scheme_get(application.scheme)
    if scheme is None:
        raise ValueError(f"unknown scheme {application.scheme!r}")
    terms = call if call is not None else call_terms(scheme)
    return CheckReport(
        scheme.id,
        tuple(
            RuleResult(rule.id, rule.article, finding.status, finding.message)
            for rule in scheme.rules
            for finding in (rule.assess(application, terms),)
        ),
    )
