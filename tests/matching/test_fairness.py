"""The fairness monitor: rates by gender and age band, flags, small groups."""

from __future__ import annotations

import json

import pytest

from werkbrug.matching import Candidate, fairness_report


def _pool() -> tuple[list[dict[str, str]], list[dict[str, object]], list[str]]:
    participants = [{"key": f"m{i}", "gender": "m", "age_band": "30-44"} for i in range(20)]
    participants += [{"key": f"f{i}", "gender": "f", "age_band": "45-54"} for i in range(20)]
    participants += [{"key": f"x{i}", "gender": "x", "age_band": "55+"} for i in range(3)]
    decisions: list[dict[str, object]] = []
    for i in range(20):  # every man gets a suggestion; 18 accepted, 2 rejected
        decisions.append(
            {
                "participant": f"m{i}",
                "vacancy": "V",
                "decision": "accepted" if i < 18 else "rejected",
            }
        )
    for i in range(12):  # 12 women get one; 6 accepted, 4 rejected, 2 undecided
        decision = "accepted" if i < 6 else "rejected" if i < 10 else None
        decisions.append({"participant": f"f{i}", "vacancy": "V", "decision": decision})
    decisions.append({"participant": "x0", "vacancy": "V", "decision": "accepted"})
    decisions.append({"participant": "stranger", "vacancy": "V", "decision": "accepted"})
    placed = [f"m{i}" for i in range(10)] + [f"f{i}" for i in range(5)] + ["x0"]
    return participants, decisions, placed


def test_rates_per_group() -> None:
    report = fairness_report(*_pool())
    gender = report["by"]["gender"]["groups"]
    assert gender["m"]["suggestion_rate"] == 1.0
    assert gender["f"]["suggestion_rate"] == pytest.approx(12 / 20)
    assert gender["m"]["acceptance_rate"] == pytest.approx(18 / 20)
    assert gender["f"]["decided"] == 10
    assert gender["f"]["acceptance_rate"] == pytest.approx(6 / 10)
    assert gender["f"]["placement_rate"] == pytest.approx(5 / 20)
    # the small group shows counts but no rates
    assert gender["x"]["participants"] == 3
    assert gender["x"]["small"] is True
    assert gender["x"]["placement_rate"] is None
    json.dumps(report)


def test_gaps_are_flagged_against_the_best_group() -> None:
    report = fairness_report(*_pool())
    flags = {(f["metric"], f["group"]): f for f in report["by"]["gender"]["flags"]}
    suggestion = flags[("suggestion_rate", "f")]
    assert suggestion["reference_group"] == "m"
    assert suggestion["ratio"] == pytest.approx(0.6)
    assert suggestion["reasons"] == ["four_fifths", "gap"]
    placement = flags[("placement_rate", "f")]
    assert placement["ratio"] == pytest.approx(0.5)
    assert ("suggestion_rate", "x") not in flags  # too small to judge
    assert report["flagged"] is True
    assert report["by"]["age_band"]["groups"]["45-54"]["placement_rate"] == pytest.approx(0.25)


def test_only_a_gap_or_only_a_ratio() -> None:
    participants = [Candidate(f"a{i}", gender="f", age_band=None) for i in range(100)]
    participants += [Candidate(f"b{i}", gender="m", age_band=None) for i in range(100)]
    # placement 0.95 vs 0.83: a 12-point gap, ratio 0.87 (no four-fifths flag)
    placed = [f"a{i}" for i in range(95)] + [f"b{i}" for i in range(83)]
    report = fairness_report(participants, [], placed)
    (flag,) = report["by"]["gender"]["flags"]
    assert flag["reasons"] == ["gap"]
    assert report["by"]["age_band"]["groups"]["unknown"]["participants"] == 200
    # placement 0.10 vs 0.07: ratio 0.7 but only 3 points apart
    placed = [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(7)]
    (flag,) = fairness_report(participants, [], placed)["by"]["gender"]["flags"]
    assert flag["reasons"] == ["four_fifths"]


def test_equal_groups_are_not_flagged_and_bad_input_is_refused() -> None:
    participants = [{"key": f"p{i}", "gender": "fm"[i % 2]} for i in range(40)]
    report = fairness_report(participants, [], [f"p{i}" for i in range(20)])
    assert report["flagged"] is False
    with pytest.raises(ValueError, match="decision"):
        fairness_report(participants, [{"participant": "p1", "decision": "maybe"}])
    with pytest.raises(ValueError, match="key"):
        fairness_report([{"gender": "f"}])


def test_only_what_a_mediator_asked_for_counts_as_suggested() -> None:
    participants = [{"key": f"m{i}", "gender": "m"} for i in range(10)]
    shown = [{"participant": f"m{i}", "vacancy": "V", "requested": False} for i in range(10)]
    report = fairness_report(participants, shown)
    assert report["by"]["gender"]["groups"]["m"]["suggested"] == 0
    asked = [*shown[:5], {"participant": "m0", "vacancy": "W", "requested": True}]
    decided = [{"participant": "m1", "vacancy": "V", "requested": False, "decision": "accepted"}]
    row = fairness_report(participants, asked + decided)["by"]["gender"]["groups"]["m"]
    assert (row["suggested"], row["decided"], row["accepted"]) == (1, 1, 1)
