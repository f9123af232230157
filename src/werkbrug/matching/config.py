"""The versioned matching configuration: weights, hard constraints and scoring parameters.

A :class:`MatchConfig` is immutable and travels as a plain dictionary (JSON)::

    {"version": "2", "weights": {"occupation": 0.3, ...}, "max_distance_km": 30, ...}

:meth:`MatchConfig.from_dict` refuses unknown keys, wrong types and out-of-range values and
names every problem at once (:class:`ConfigError`). Every :class:`~werkbrug.matching.score.
Suggestion` carries the configuration it was computed with, so a mediator's decision can be
stored with the configuration that produced the advice. What it carries is
:attr:`MatchConfig.stamp`, ``"<version>-<fingerprint>"``: the fingerprint hashes every
setting, so an edited configuration that kept its version still gets a new stamp.

``version`` names the scoring rules together with the defaults: raise the default whenever
:mod:`~werkbrug.matching.score` computes a different number for some pair
(``tests/matching/test_config_version.py`` pins the scores of a fixed sample to the stamp and
fails until you do). Versions so far: ``"1"`` gave an unknown component half marks; ``"2"``
gives it nothing and reports the known share of the weight as the confidence.

The fields (defaults in brackets):

``weights``
    One non-negative weight per component (:data:`COMPONENTS`); they need not sum to 1, the
    score divides by their sum. At least one must be positive.
``max_distance_km`` [30]
    The travel radius for candidates who did not state their own ``max_distance_km``.
``enforce_max_distance`` [true]
    Exclude pairs further apart than the radius (a hard constraint). When false, the distance
    component still falls to 0 at the radius, but the pair stays eligible.
``exclude_no_go_sectors`` [true]
    Exclude vacancies in a candidate's no-go sectors.
``exclude_education_gap`` [true]
    Exclude pairs where the candidate's education is more than one rank below the vacancy's
    minimum (one rank below is a *bridgeable gap*, see ``bridgeable_education_value``).
``min_score`` [0.0]
    Suggestions scoring below this are not shown; also the default minimum of ``assign``.
``essential_skill_weight`` [2.0]
    How much an essential skill counts against an optional one (1.0) in the skills component.
``skill_measure`` ["vacancy"]
    ``"vacancy"``: weighted Jaccard over the vacancy's skills (the weighted share of what the
    job asks that the candidate has); ``"union"``: classic weighted Jaccard over the union of
    both skill sets, which also penalises skills the job does not use. See
    :mod:`~werkbrug.matching.similarity` for why ``"vacancy"`` is the default.
``occupation_implies_skills`` [true]
    Count the essential skills of the candidate's own occupation (from the skills table) as
    skills they have.
``bridgeable_education_value`` [0.5]
    The education component for a candidate exactly one rank below the minimum.
``hours_tolerance`` [16.0]
    Difference in weekly hours at which the hours component reaches 0 (linear in between).
``occupation_levels`` [[0.25, 0.5, 0.75, 1.0]]
    Occupation similarity when two ISCO-08 codes share 1, 2, 3 or 4 levels (major group,
    sub-major, minor, unit); non-decreasing values in [0, 1].
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Final, Literal

from werkbrug.exchange.schema import MAX_WEEKLY_HOURS

__all__ = ["COMPONENTS", "DEFAULT_WEIGHTS", "ConfigError", "MatchConfig", "SkillMeasure"]

#: The score components, in the order they are reported.
COMPONENTS: Final = (
    "occupation",
    "skills",
    "education",
    "distance",
    "hours",
    "contract",
    "preference",
)

DEFAULT_WEIGHTS: Final[Mapping[str, float]] = MappingProxyType(
    {
        "occupation": 0.30,
        "skills": 0.20,
        "education": 0.10,
        "distance": 0.15,
        "hours": 0.10,
        "contract": 0.05,
        "preference": 0.10,
    }
)

SkillMeasure = Literal["vacancy", "union"]
_SKILL_MEASURES: Final = ("vacancy", "union")


class ConfigError(ValueError):
    """A configuration that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid matching configuration: " + "; ".join(self.problems))


def _frozen(weights: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType({name: float(weights[name]) for name in COMPONENTS})


@dataclass(frozen=True)
class MatchConfig:
    """Weights, hard constraints and parameters of the score (see the module notes)."""

    version: str = "2"
    weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_WEIGHTS)
    max_distance_km: float = 30.0
    enforce_max_distance: bool = True
    exclude_no_go_sectors: bool = True
    exclude_education_gap: bool = True
    min_score: float = 0.0
    essential_skill_weight: float = 2.0
    skill_measure: SkillMeasure = "vacancy"
    occupation_implies_skills: bool = True
    bridgeable_education_value: float = 0.5
    hours_tolerance: float = 16.0
    occupation_levels: tuple[float, float, float, float] = (0.25, 0.5, 0.75, 1.0)

    def __post_init__(self) -> None:
        problems = _check(self)
        if problems:
            raise ConfigError(problems)
        object.__setattr__(self, "weights", _frozen(self.weights))
        object.__setattr__(self, "occupation_levels", tuple(map(float, self.occupation_levels)))

    @property
    def total_weight(self) -> float:
        """The sum of the weights, by which the weighted components are divided."""
        return sum(self.weights[name] for name in COMPONENTS)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as a JSON-ready dictionary (``from_dict`` reads it back)."""
        return {
            "version": self.version,
            "weights": {name: self.weights[name] for name in COMPONENTS},
            "max_distance_km": self.max_distance_km,
            "enforce_max_distance": self.enforce_max_distance,
            "exclude_no_go_sectors": self.exclude_no_go_sectors,
            "exclude_education_gap": self.exclude_education_gap,
            "min_score": self.min_score,
            "essential_skill_weight": self.essential_skill_weight,
            "skill_measure": self.skill_measure,
            "occupation_implies_skills": self.occupation_implies_skills,
            "bridgeable_education_value": self.bridgeable_education_value,
            "hours_tolerance": self.hours_tolerance,
            "occupation_levels": list(self.occupation_levels),
        }

    def fingerprint(self) -> str:
        """A short hash of the whole configuration (12 hex digits)."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    @cached_property
    def stamp(self) -> str:
        """``"<version>-<fingerprint>"``: what a suggestion and a decision are stored with.

        Cached: every explained suggestion carries it, and the configuration is immutable."""
        return f"{self.version}-{self.fingerprint()}"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MatchConfig:
        """A configuration from a plain dictionary; missing keys take their defaults.

        ``weights`` may name only some components (the others keep their default weight).
        Raises :class:`ConfigError` naming every unknown key, wrong type or bad value.
        """
        if not isinstance(data, Mapping):
            raise ConfigError([f"expected an object, got {type(data).__name__}"])
        problems: list[str] = []
        known = set(cls.__dataclass_fields__)
        for key in data:
            if key == "neutral":
                problems.append(
                    "neutral: no longer a setting (since version 2 an unknown component"
                    " counts 0 and lowers the confidence); remove the key"
                )
            elif key not in known:
                problems.append(f"unknown key {key!r}")
        values: dict[str, Any] = {}
        for key in known & set(data):
            value = data[key]
            if key == "weights":
                value = _read_weights(value, problems)
            elif key == "occupation_levels":
                value = _read_levels(value, problems)
            elif key == "version":
                if not isinstance(value, str):
                    problems.append("version: must be text")
            elif key == "skill_measure":
                pass  # checked with the rest in _check
            elif isinstance(cls.__dataclass_fields__[key].default, bool):
                if not isinstance(value, bool):
                    problems.append(f"{key}: must be true or false, got {value!r}")
            elif not _is_number(value):
                problems.append(f"{key}: must be a number, got {value!r}")
            else:
                value = float(value)
            values[key] = value
        if problems:
            raise ConfigError(problems)
        return cls(**values)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _read_weights(value: object, problems: list[str]) -> Mapping[str, float]:
    if not isinstance(value, Mapping):
        problems.append("weights: must be an object of component → weight")
        return DEFAULT_WEIGHTS
    weights = dict(DEFAULT_WEIGHTS)
    for name, weight in value.items():
        if name not in COMPONENTS:
            problems.append(f"weights: unknown component {name!r} (known: {', '.join(COMPONENTS)})")
        elif not _is_number(weight):
            problems.append(f"weights.{name}: must be a number, got {weight!r}")
        else:
            weights[name] = float(weight)
    return weights


def _read_levels(value: object, problems: list[str]) -> tuple[float, float, float, float]:
    default = (0.25, 0.5, 0.75, 1.0)
    if not isinstance(value, list | tuple) or len(value) != 4:
        problems.append("occupation_levels: must be a list of 4 numbers")
        return default
    if not all(_is_number(v) for v in value):
        problems.append("occupation_levels: must be a list of 4 numbers")
        return default
    a, b, c, d = (float(v) for v in value)
    return (a, b, c, d)


def _finite(value: float) -> bool:
    return value == value and value not in (float("inf"), float("-inf"))


def _check(config: MatchConfig) -> list[str]:
    problems: list[str] = []
    if not isinstance(config.version, str) or not config.version.strip():
        problems.append("version: must be non-empty text")
    weights = config.weights
    missing = [name for name in COMPONENTS if name not in weights]
    extra = [name for name in weights if name not in COMPONENTS]
    if missing:
        problems.append(f"weights: missing {', '.join(missing)}")
    if extra:
        problems.append(f"weights: unknown component {', '.join(map(repr, extra))}")
    if not missing:
        for name in COMPONENTS:
            weight = weights[name]
            if not _is_number(weight) or not _finite(float(weight)) or weight < 0:
                problems.append(f"weights.{name}: must be a finite number ≥ 0, got {weight!r}")
        if not problems and sum(weights[name] for name in COMPONENTS) <= 0:
            problems.append("weights: at least one weight must be positive")

    def number(name: str, low: float, high: float | None, *, open_low: bool = False) -> None:
        value = getattr(config, name)
        bad = not _is_number(value) or not _finite(float(value))
        if not bad:
            bad = value <= low if open_low else value < low
            bad = bad or (high is not None and value > high)
        if bad:
            bound = f"> {low:g}" if open_low else f"≥ {low:g}"
            upper = "" if high is None else f" and ≤ {high:g}"
            problems.append(f"{name}: must be a number {bound}{upper}, got {value!r}")

    number("max_distance_km", 0, None, open_low=True)
    number("min_score", 0, 1)
    number("essential_skill_weight", 1, None)
    number("bridgeable_education_value", 0, 1)
    number("hours_tolerance", 0, MAX_WEEKLY_HOURS, open_low=True)
    for name in (
        "enforce_max_distance",
        "exclude_no_go_sectors",
        "exclude_education_gap",
        "occupation_implies_skills",
    ):
        if not isinstance(getattr(config, name), bool):
            problems.append(f"{name}: must be true or false")
    if config.skill_measure not in _SKILL_MEASURES:
        problems.append(
            f"skill_measure: must be one of {', '.join(_SKILL_MEASURES)},"
            f" got {config.skill_measure!r}"
        )
    levels = config.occupation_levels
    if (
        len(levels) != 4
        or not all(_is_number(v) and 0 <= v <= 1 for v in levels)
        or any(levels[i] > levels[i + 1] for i in range(3))
    ):
        problems.append(
            f"occupation_levels: must be 4 non-decreasing numbers in [0, 1], got {list(levels)!r}"
        )
    return problems
