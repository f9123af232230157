"""Ranking: exact scoring in bulk, the index bound, exact top-K, both directions, updates."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matching.strategies import TABLE, candidates, numbered, openings
from werkbrug.matching import (
    Candidate,
    CandidateIndex,
    MatchConfig,
    Opening,
    VacancyIndex,
    rank_candidates,
    rank_vacancies,
    score_all,
    score_pair,
)
from werkbrug.matching.columns import OpeningColumns
from werkbrug.matching.geo import DEFAULT_LOCATOR
from werkbrug.matching.similarity import SkillsTable
from werkbrug.matching.vectors import FeatureSpace

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
configs = st.builds(
    MatchConfig,
    skill_measure=st.sampled_from(["vacancy", "union"]),
    min_score=st.sampled_from([0.0, 0.4]),
    enforce_max_distance=st.booleans(),
    exclude_no_go_sectors=st.booleans(),
    exclude_education_gap=st.booleans(),
)
tables = st.sampled_from([None, TABLE])


@SETTINGS
@given(
    st.lists(candidates(), min_size=1, max_size=4),
    st.lists(openings(), min_size=1, max_size=30),
    configs,
    tables,
)
def test_bulk_scores_equal_score_pair(
    people: list[Candidate],
    jobs: list[Opening],
    config: MatchConfig,
    table: dict[str, tuple[frozenset[str], frozenset[str]]] | None,
) -> None:
    skills = SkillsTable(table) if table else None
    columns = OpeningColumns(skills, DEFAULT_LOCATOR)
    columns.extend(numbered(jobs, "V"))
    for candidate in people:
        scores, eligible = columns.score(candidate, config)
        some = np.array([len(jobs) - 1, 0], dtype=np.int64)
        sub_scores, sub_eligible = columns.score(candidate, config, some)
        assert list(sub_scores) == [scores[-1], scores[0]]
        assert list(sub_eligible) == [eligible[-1], eligible[0]]
        for i, opening in enumerate(columns.openings):
            assert opening is not None
            s = score_pair(candidate, opening, config, skills)
            assert math.isclose(scores[i], s.score, rel_tol=0, abs_tol=1e-12)
            assert bool(eligible[i]) == (s.excluded is None)


@SETTINGS
@given(
    st.lists(candidates(), min_size=1, max_size=4),
    st.lists(openings(), min_size=1, max_size=30),
    configs,
    tables,
)
def test_index_score_bounds_the_score_of_every_eligible_pair(
    people: list[Candidate],
    jobs: list[Opening],
    config: MatchConfig,
    table: dict[str, tuple[frozenset[str], frozenset[str]]] | None,
) -> None:
    skills = SkillsTable(table) if table else None
    space = FeatureSpace(config, skills, DEFAULT_LOCATOR, skill_dims=8)
    items = space.items(jobs)
    for candidate in people:
        bounds = items @ space.query(candidate)
        for opening, bound in zip(jobs, bounds, strict=True):
            s = score_pair(candidate, opening, config, skills)
            if s.excluded is None:
                assert bound >= s.score - 1e-5
            else:
                assert bound <= s.score + 1e-5  # never above: an exclusion only lowers it


def _exact(
    candidate: Candidate, jobs: list[Opening], config: MatchConfig, table: object, k: int
) -> list[float]:
    return [s.score for s in rank_vacancies(candidate, jobs, config, table, k=k)]  # type: ignore[arg-type]


@SETTINGS
@given(
    st.lists(candidates(), min_size=1, max_size=3),
    st.lists(openings(), min_size=1, max_size=60),
    configs,
    tables,
    st.sampled_from(["flat", "bounded"]),
    st.integers(1, 8),
)
def test_index_returns_the_exact_top_k(
    people: list[Candidate],
    jobs: list[Opening],
    config: MatchConfig,
    table: dict[str, tuple[frozenset[str], frozenset[str]]] | None,
    kind: str,
    k: int,
) -> None:
    jobs = numbered(jobs, "V")
    # a small first pool, so that certification has to grow it
    index = VacancyIndex(config, table, kind=kind, pool_min=2, pool_factor=1, skill_dims=8)  # type: ignore[arg-type]
    index.add(jobs)
    for candidate in people:
        got = index.top(candidate, k)
        assert index.last.certified
        want = _exact(candidate, jobs, config, table, k)
        assert [r.score for r in got] == pytest.approx(want, abs=1e-5)
        assert [r.score for r in index.exact_top(candidate, k)] == pytest.approx(want, abs=1e-9)


@SETTINGS
@given(
    st.lists(candidates(), min_size=1, max_size=6),
    st.lists(openings(), min_size=1, max_size=25),
    configs,
    tables,
    st.integers(min_value=0, max_value=8),
)
def test_the_exact_rankings_equal_sorting_every_explained_pair(
    people: list[Candidate],
    jobs: list[Opening],
    config: MatchConfig,
    table: dict[str, tuple[frozenset[str], frozenset[str]]] | None,
    k: int,
) -> None:
    """rank_vacancies and rank_candidates explain only the pairs they keep; what they keep,
    in what order and with what explanation is what explaining every pair would give."""
    people, jobs = numbered(people, "P"), numbered(jobs, "V")
    every = score_all(people, jobs, config, table)
    for candidate in people:
        full = sorted(
            (
                s
                for s in every
                if s.participant == candidate.key
                and s.excluded is None
                and s.score >= config.min_score
            ),
            key=lambda s: (-s.score, s.vacancy),
        )[:k]
        ranked = rank_vacancies(candidate, jobs, config, table, k=k)
        assert [s.to_dict() for s in ranked] == [s.to_dict() for s in full]
    for opening in jobs:
        full = sorted(
            (
                s
                for s in every
                if s.vacancy == opening.key and s.excluded is None and s.score >= config.min_score
            ),
            key=lambda s: (-s.score, s.participant),
        )[:k]
        ranked = rank_candidates(opening, people, config, table, k=k)
        assert [s.to_dict() for s in ranked] == [s.to_dict() for s in full]


@SETTINGS
@given(
    st.lists(candidates(), min_size=1, max_size=12),
    st.lists(openings(), min_size=1, max_size=12),
    tables,
    st.sampled_from(["flat", "bounded"]),
)
def test_both_directions_agree_on_pair_scores(
    people: list[Candidate],
    jobs: list[Opening],
    table: dict[str, tuple[frozenset[str], frozenset[str]]] | None,
    kind: str,
) -> None:
    people, jobs = numbered(people, "P"), numbered(jobs, "V")
    config = MatchConfig()
    vacancies = VacancyIndex(config, table, kind=kind)  # type: ignore[arg-type]
    vacancies.add(jobs)
    participants = CandidateIndex(config, table, kind=kind)  # type: ignore[arg-type]
    participants.add(people)
    forward = {(s.participant, s.vacancy): s.score for c in people for s in vacancies.suggest(c, 5)}
    backward = {
        (s.participant, s.vacancy): s.score for o in jobs for s in participants.suggest(o, 5)
    }
    for pair in forward.keys() & backward.keys():
        assert forward[pair] == backward[pair]
    # and both equal the exact helpers
    for o in jobs:
        exact = rank_candidates(o, people, config, table, k=5)
        assert [s.score for s in participants.suggest(o, 5)] == pytest.approx(
            [s.score for s in exact], abs=1e-5
        )


def test_suggestions_are_explained_and_sorted() -> None:
    config = MatchConfig()
    jobs = [
        Opening("V1", occupation="7115", postcode="3512", hours=38),
        Opening("V2", occupation="7126", postcode="3512", hours=38),
        Opening("V3", occupation="7115", postcode="9711", hours=38),
        Opening("V4", occupation="2512", postcode="3512", hours=20),
    ]
    index = VacancyIndex(config)
    index.add(jobs)
    candidate = Candidate("P", occupation="7115", postcode="3511", hours_wanted=38)
    suggestions = index.suggest(candidate, 10)
    assert [s.vacancy for s in suggestions] == ["V1", "V2", "V4"]  # V3 is too far
    assert suggestions[0].explanation["nl"].startswith("Zelfde beroepsgroep")
    assert [s.to_dict() for s in suggestions] == [
        s.to_dict() for s in rank_vacancies(candidate, jobs, config, k=10)
    ]
    assert len(score_all([candidate], jobs, config)) == 4


def test_vacancies_open_close_and_change() -> None:
    config = MatchConfig()
    index = VacancyIndex(config, kind="bounded")
    index.add(Opening(f"V{i}", occupation="7115", postcode="3512", hours=20 + i) for i in range(20))
    candidate = Candidate("P", occupation="7115", postcode="3511", hours_wanted=38)
    assert index.top(candidate, 1)[0].key == "V18"
    assert index.remove(["V18", "V19", "nope"]) == 2
    assert "V18" not in index
    assert len(index) == 18
    assert index.top(candidate, 1)[0].key == "V17"
    # the same key again replaces the vacancy
    index.add([Opening("V0", occupation="7115", postcode="3512", hours=38)])
    assert len(index) == 18
    assert index.top(candidate, 1)[0].key == "V0"
    assert index.get("V0").hours == 38  # type: ignore[union-attr]
    index.rebuild()
    assert index.top(candidate, 1)[0].key == "V0"
    assert sorted(index) == sorted(f"V{i}" for i in range(18))


def test_auto_switches_from_flat_to_bounded() -> None:
    index = VacancyIndex(MatchConfig(), flat_limit=10)
    index.add(Opening(f"V{i}", occupation="7115", postcode="3512") for i in range(5))
    assert index.index_kind == "flat"
    index.add(Opening(f"W{i}", occupation="7115", postcode="3512") for i in range(10))
    assert index.index_kind == "bounded"
    assert len(index.top(Candidate("P", occupation="7115", postcode="3511"), 20)) == 15


@pytest.mark.parametrize("kind", ["ivf", "hnsw"])
def test_approximate_kinds_work_on_small_sets(kind: str) -> None:
    jobs = [Opening(f"V{i}", occupation="7115", postcode="3512", hours=10 + i) for i in range(60)]
    index = VacancyIndex(MatchConfig(), kind=kind, nprobe=64)  # type: ignore[arg-type]
    index.add(jobs)
    candidate = Candidate("P", occupation="7115", postcode="3511", hours_wanted=40)
    assert index.index_kind == kind
    assert [r.key for r in index.top(candidate, 3)] == ["V30", "V29", "V31"] or [
        r.score for r in index.top(candidate, 3)
    ] == [r.score for r in index.exact_top(candidate, 3)]
    index.remove(["V30"])
    assert "V30" not in [r.key for r in index.top(candidate, 3)]
