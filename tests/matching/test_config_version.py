"""The configuration version a suggestion and a decision are stored with follows the scoring.

A decision is stored with ``config_version`` so that one can tell later which scoring gave
the advice. The pinned digest below is over the scores of a fixed sample of pairs: when the
scoring changes and the stamp does not, this test fails. Then raise ``MatchConfig.version``
(config.py; say in its notes what changed) and pin the new stamp and digest.
"""

from __future__ import annotations

import hashlib
import random

from tests.matching.strategies import (
    CONTRACTS,
    EDUCATION,
    OCCUPATIONS,
    POSTCODES,
    SECTORS,
    SKILLS,
    TABLE,
)
from werkbrug.matching import Candidate, MatchConfig, Opening, score_pair

#: stamp → digest of the sample's scores and confidences.
PINNED = {"2-6b6bb522a932": "bf1dd7305e6ba36c"}


def _maybe(rng: random.Random, values: list[str]) -> str | None:
    return rng.choice(values) if rng.random() < 0.7 else None


def _some(rng: random.Random, values: list[str], most: int) -> frozenset[str]:
    return frozenset(rng.sample(values, rng.randint(0, most)))


def _sample(n: int = 400) -> list[tuple[Candidate, Opening]]:
    rng = random.Random(15)
    pairs = []
    for i in range(n):
        candidate = Candidate(
            f"P{i}",
            occupation=_maybe(rng, OCCUPATIONS),
            skills=_some(rng, SKILLS, 4),
            education=_maybe(rng, EDUCATION),
            postcode=_maybe(rng, POSTCODES),
            hours_wanted=rng.choice([None, 16.0, 32.0, 36.0, 40.0]),
            contract_wishes=_some(rng, CONTRACTS, 2),
            wanted_occupations=_some(rng, ["7", "71", "7126", "4321"], 2),
            wanted_sectors=_some(rng, SECTORS, 2),
            no_go_sectors=_some(rng, SECTORS, 1),
        )
        opening = Opening(
            f"V{i}",
            occupation=_maybe(rng, OCCUPATIONS),
            sector=_maybe(rng, SECTORS),
            postcode=_maybe(rng, POSTCODES),
            min_education=_maybe(rng, EDUCATION),
            hours=rng.choice([None, 20.0, 32.0, 36.0, 38.0]),
            contract=_maybe(rng, CONTRACTS),
            skills=_some(rng, SKILLS, 3),
        )
        pairs.append((candidate, opening))
    return pairs


def _digest(config: MatchConfig) -> str:
    lines = []
    for candidate, opening in _sample():
        for table in (None, TABLE):
            s = score_pair(candidate, opening, config, table)
            lines.append(f"{s.score:.9f} {s.confidence:.9f} {s.excluded}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def test_the_stamp_changes_when_the_scores_change() -> None:
    config = MatchConfig()
    digest = _digest(config)
    assert PINNED.get(config.stamp) == digest, (
        f"the scoring gives other numbers ({digest}) under stamp {config.stamp}: raise"
        " MatchConfig.version and pin the new stamp and digest in this test"
    )


def test_the_stamp_names_the_version_and_every_setting() -> None:
    config = MatchConfig()
    assert config.stamp.startswith("2-")  # version 2: unknown components earn nothing
    assert MatchConfig(version="3").stamp != config.stamp
    assert MatchConfig(hours_tolerance=8).stamp != config.stamp  # same version, other setting
    assert MatchConfig(hours_tolerance=8).stamp.startswith("2-")
