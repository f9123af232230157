"""`werkbrug match` on a delivery: explained suggestions both ways and the allocation."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import CliResult
from werkbrug.deliveries.models import DeliveryOutcome, DeliveryParticipant

pytestmark = pytest.mark.usefixtures("demo_deliveries")

Run = Callable[..., CliResult]


@pytest.fixture
def demo_deliveries(run: Run, db: None) -> None:  # noqa: ARG001 (requested for the database)
    from werkbrug.demo.services import demo_data_dir

    assert run("import", demo_data_dir() / "eindrapportage").code == 0


def ongoing_participant() -> str:
    done = set(DeliveryOutcome.objects.values_list("participant_key", flat=True))
    keys = DeliveryParticipant.objects.order_by("key").values_list("key", flat=True)
    return next(k for k in keys if k not in done)


def match(run: Run, *args: str) -> Any:
    result = run("match", *args, "--delivery", "eindrapportage", "--lang=en")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_suggestions_for_a_participant_are_ranked_and_explained(run: Run) -> None:
    suggestions = match(run, "suggest", "--participant", ongoing_participant(), "--top", "5")
    assert 0 < len(suggestions) <= 5
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    for s in suggestions:
        parts = sum(c["contribution"] for c in s["components"].values())
        assert parts == pytest.approx(s["score"])
        assert s["explanation"]["nl"]
        assert s["explanation"]["en"]
        assert isinstance(s["missing_skills"], list)


def test_both_directions_agree_on_the_score_of_a_pair(run: Run) -> None:
    key = ongoing_participant()
    best = match(run, "suggest", "--participant", key, "--top", "1")[0]
    from_vacancy = match(run, "suggest", "--vacancy", best["vacancy"], "--top", "1000")
    same = next(s for s in from_vacancy if s["participant"] == key)
    assert same["score"] == pytest.approx(best["score"])


def test_the_optimal_allocation_is_never_worse_than_the_stable_one(run: Run) -> None:
    optimal = match(run, "assign", "--method", "optimal", "--min-score", "0.4")
    stable = match(run, "assign", "--method", "stable", "--min-score", "0.4")
    assert optimal["total_score"] >= stable["total_score"] - 1e-9
    participants = [a["participant"] for a in optimal["assignments"]]
    assert len(participants) == len(set(participants))
    assert all(a["score"] >= 0.4 for a in optimal["assignments"])


def test_unknown_participants_and_missing_choices_are_refused(run: Run) -> None:
    result = run("match", "suggest", "--delivery", "eindrapportage", "--participant", "P0")
    assert result.code == 2
    assert "no participant 'P0' still in a trajectory" in result.err
    both = run("match", "suggest", "--delivery", "eindrapportage")
    assert both.code == 2
    assert "give either --participant ID or --vacancy ID" in both.err


def test_a_suggestion_carries_its_confidence_and_nothing_is_listed_as_missing_unrecorded(
    run: Run,
) -> None:
    """A delivery records no skills: nothing is known to be missing, and what is unknown
    lowers the confidence, which the table shows next to the score."""
    best = match(run, "suggest", "--participant", ongoing_participant(), "--top", "3")
    for s in best:
        assert s["skills_recorded"] is False
        assert s["missing_skills"] == []
        assert 0 < s["score"] <= s["confidence"] < 1
        assert not s["components"]["skills"]["known"]
        assert "mist:" not in s["explanation"]["nl"]
        assert f"zekerheid {round(100 * s['confidence'])}%" in s["explanation"]["nl"]
    result = run(
        "match", "suggest", "--delivery", "eindrapportage", "--vacancy", best[0]["vacancy"],
        "--top", "2", "--format", "table",
    )  # fmt: skip
    assert result.code == 0, result.err
    for line in result.out.splitlines():
        _participant, _vacancy, score, confidence = line.split("\t")
        assert 0 < float(score) <= float(confidence) < 1
