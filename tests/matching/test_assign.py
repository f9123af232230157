"""Allocation: optimal equals an LP / brute-force optimum, stable has no blocking pair."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from werkbrug.matching import (
    Candidate,
    MatchConfig,
    Opening,
    assign,
    blocking_pairs,
    compare_allocations,
    score_all,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw: st.DrawFn, max_p: int = 6, max_v: int = 4) -> tuple[np.ndarray, list[int]]:
    """A score matrix with missing pairs (NaN) and ties, and capacities 0–3."""
    n_p = draw(st.integers(1, max_p))
    n_v = draw(st.integers(1, max_v))
    cells = st.one_of(
        st.just(float("nan")), st.sampled_from([0.1, 0.25, 0.5, 0.75]), st.floats(0, 1)
    )
    matrix = np.array(
        draw(st.lists(st.lists(cells, min_size=n_v, max_size=n_v), min_size=n_p, max_size=n_p))
    )
    capacities = draw(st.lists(st.integers(0, 3), min_size=n_v, max_size=n_v))
    return matrix, capacities


def _lp_optimum(matrix: np.ndarray, capacities: list[int], min_score: float) -> float:
    """The optimum of the LP relaxation; the bipartite b-matching polytope is integral."""
    rows, cols = np.nonzero(np.isfinite(matrix) & (np.nan_to_num(matrix, nan=-1) >= min_score))
    if len(rows) == 0:
        return 0.0
    weights = matrix[rows, cols]
    n_p, n_v = matrix.shape
    a = np.zeros((n_p + n_v, len(rows)))
    a[rows, np.arange(len(rows))] = 1
    a[n_p + cols, np.arange(len(rows))] = 1
    bounds = np.concatenate([np.ones(n_p), np.array(capacities, dtype=float)])
    result = linprog(-weights, A_ub=a, b_ub=bounds, bounds=(0, 1), method="highs")
    assert result.success
    return float(-result.fun)


def _brute_force(matrix: np.ndarray, capacities: list[int], min_score: float) -> float:
    n_p, n_v = matrix.shape
    best = 0.0
    for choice in itertools.product(range(-1, n_v), repeat=n_p):
        used = [0] * n_v
        total = 0.0
        for p, v in enumerate(choice):
            if v < 0:
                continue
            s = matrix[p, v]
            if not np.isfinite(s) or s < min_score:
                break
            used[v] += 1
            total += s
        else:
            if all(u <= c for u, c in zip(used, capacities, strict=True)):
                best = max(best, total)
    return best


def _check_feasible(allocation, matrix, capacities, min_score) -> None:  # type: ignore[no-untyped-def]
    seen: set[str] = set()
    per_vacancy: dict[str, int] = {}
    for a in allocation.assignments:
        assert a.participant not in seen
        seen.add(a.participant)
        per_vacancy[a.vacancy] = per_vacancy.get(a.vacancy, 0) + 1
        s = matrix[int(a.participant), int(a.vacancy)]
        assert np.isfinite(s)
        assert s >= min_score
        assert a.score == s
    for v, n in per_vacancy.items():
        assert n <= capacities[int(v)]
    assert allocation.total_score == pytest.approx(sum(a.score for a in allocation.assignments))


@SETTINGS
@given(instances(), st.sampled_from([0.0, 0.3, 0.6]))
def test_optimal_equals_the_lp_optimum_and_beats_stable(
    instance: tuple[np.ndarray, list[int]], min_score: float
) -> None:
    matrix, capacities = instance
    optimal = assign(matrix, capacities, min_score)
    stable = assign(matrix, capacities, min_score, "stable")
    _check_feasible(optimal, matrix, capacities, min_score)
    _check_feasible(stable, matrix, capacities, min_score)
    # HiGHS works to about 1e-7, so it may leave out a pair scoring less than that.
    lp = _lp_optimum(matrix, capacities, min_score)
    assert optimal.total_score == pytest.approx(lp, abs=1e-6)
    assert optimal.total_score >= stable.total_score - 1e-9
    assert blocking_pairs(stable, matrix, capacities, min_score) == []


@settings(max_examples=40, deadline=None)
@given(instances(max_p=4, max_v=3), st.sampled_from([0.0, 0.5]))
def test_optimal_equals_brute_force(
    instance: tuple[np.ndarray, list[int]], min_score: float
) -> None:
    matrix, capacities = instance
    optimal = assign(matrix, capacities, min_score)
    assert optimal.total_score == pytest.approx(
        _brute_force(matrix, capacities, min_score), abs=1e-6
    )


@SETTINGS
@given(instances(), st.data())
def test_stable_with_own_preferences_has_no_blocking_pair(
    instance: tuple[np.ndarray, list[int]], data: st.DataObject
) -> None:
    matrix, capacities = instance
    n_p, n_v = matrix.shape
    preferences = {
        str(p): data.draw(st.permutations([str(v) for v in range(n_v)])) for p in range(n_p)
    }
    stable = assign(matrix, capacities, method="stable", preferences=preferences)
    assert blocking_pairs(stable, matrix, capacities, preferences=preferences) == []


def test_a_stable_matching_can_cost_total_score() -> None:
    # A is everyone's favourite; B only suits p0. Stable (by score) gives A to p0.
    matrix = np.array([[0.9, 0.8], [0.85, np.nan]])
    optimal = assign(matrix, [1, 1], participants=["p0", "p1"], vacancies=["A", "B"])
    stable = assign(
        matrix, [1, 1], method="stable", participants=["p0", "p1"], vacancies=["A", "B"]
    )
    assert optimal.vacancy_of() == {"p0": "B", "p1": "A"}
    assert stable.vacancy_of() == {"p0": "A"}
    difference = compare_allocations(optimal, stable)
    assert difference["total_score"]["difference"] == pytest.approx(0.75)
    assert difference["matched"] == {"optimal": 2, "stable": 1, "difference": 1}
    assert difference["different_vacancy"] == ["p0", "p1"]
    data = optimal.to_dict()
    assert data["method"] == "optimal"
    assert data["assignments"][0] == {"participant": "p0", "vacancy": "B", "score": 0.8}
    assert data["total_score"] == pytest.approx(1.65)


def test_input_forms_agree() -> None:
    matrix = np.array([[0.9, 0.2, np.nan], [0.4, 0.8, 0.6], [np.nan, 0.7, 0.5]])
    keys_p, keys_v = ["a", "b", "c"], ["x", "y", "z"]
    dense = assign(matrix, [1, 2, 1], participants=keys_p, vacancies=keys_v)
    rows, cols = np.nonzero(np.isfinite(matrix))
    sparse = sp.csr_array((matrix[rows, cols], (rows, cols)), shape=matrix.shape)
    from_sparse = assign(sparse, [1, 2, 1], participants=keys_p, vacancies=keys_v)
    tuples = [(keys_p[r], keys_v[c], float(matrix[r, c])) for r, c in zip(rows, cols, strict=True)]
    from_tuples = assign(tuples, {"x": 1, "y": 2, "z": 1})
    dicts = [{"participant": p, "vacancy": v, "score": s} for p, v, s in tuples]
    dicts.append({"participant": "a", "vacancy": "z", "score": 5.0, "excluded": "distance"})
    from_dicts = assign(dicts, {"x": 1, "y": 2, "z": 1})
    assert dense == from_sparse == from_tuples == from_dicts
    # duplicates keep their best score
    again = assign([*tuples, ("a", "x", 0.1)], {"x": 1, "y": 2, "z": 1})
    assert again == dense


def test_assign_suggestions_respects_positions_and_exclusions() -> None:
    people = [Candidate(f"P{i}", occupation="7115", postcode="3511") for i in range(4)]
    jobs = [
        Opening("V1", occupation="7115", postcode="3512", positions=2),
        Opening("V2", occupation="7126", postcode="3512"),
        Opening("V3", occupation="7115", postcode="9711", positions=5),  # too far for all
    ]
    suggestions = score_all(people, jobs, MatchConfig())
    allocation = assign(suggestions, {o.key: o.positions for o in jobs})
    counts: dict[str, int] = {}
    for a in allocation.assignments:
        counts[a.vacancy] = counts.get(a.vacancy, 0) + 1
    assert counts == {"V1": 2, "V2": 1}
    assert len(allocation.assignments) == 3


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="method"):
        assign([], method="fast")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="capacities"):
        assign(np.ones((2, 2)), [1])
    with pytest.raises(ValueError, match="two dimensions"):
        assign(np.ones(3))
    assert assign([]).to_dict() == {
        "method": "optimal",
        "assignments": [],
        "total_score": 0.0,
        "matched": 0,
    }
