"""The kinds of job: a name and the function that does the work. Apps register their kinds
in their AppConfig.ready, so this app imports none of them (the jobs app sits below them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from werkbrug.accounts.models import User


class JobError(Exception):
    """The job cannot be done as asked: the message (in the owner's language) says why and
    what to do, and is shown on the job's page."""


class LeaseLost(Exception):
    """Another worker has taken the job over (this one was thought dead): stop, write nothing."""


@dataclass(frozen=True)
class FileResult:
    content: bytes
    filename: str
    content_type: str


@dataclass(frozen=True)
class JobInput:
    owner: User
    params: dict[str, Any]
    # progress(done, total): also the heartbeat; raises LeaseLost when the job is no longer ours.
    progress: Callable[[int, int], None]


Result = FileResult | dict[str, Any]
Runner = Callable[[JobInput], Result]

_KINDS: dict[str, Runner] = {}


def register(kind: str, runner: Runner) -> None:
    _KINDS[kind] = runner


def runner_for(kind: str) -> Runner | None:
    return _KINDS.get(kind)


def known(kind: str) -> bool:
    return kind in _KINDS
