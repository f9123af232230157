"""The national batch (werkbrug.matching.batch): partitions, and the same top-k as ranking
every participant on its own — in this process and on a local Dask cluster."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.matching.strategies import (
    CONTRACTS,
    EDUCATION,
    OCCUPATIONS,
    POSTCODES,
    SECTORS,
    SKILLS,
    TABLE,
    candidates,
    numbered,
    openings,
)
from werkbrug.matching import Candidate, MatchConfig, Opening, rank_vacancies
from werkbrug.matching.batch import BatchRow, partition_of, partitions, run_batch, tasks


def test_a_partition_is_the_region_and_the_occupation_group() -> None:
    assert partition_of(Candidate(key="a", postcode="3512", occupation="7115")) == "35-7"
    assert partition_of(Candidate(key="b", postcode=None, occupation="7115")) == "onbekend-7"
    assert partition_of(Candidate(key="c", postcode="1011")) == "10-onbekend"
    groups = partitions([Candidate(key="z", postcode="3512"), Candidate(key="a", postcode="3599")])
    assert list(groups) == ["35-onbekend"]
    assert [c.key for c in groups["35-onbekend"]] == ["a", "z"]


def test_partitions_are_packed_into_tasks_whole_and_in_order() -> None:
    groups = {
        name: [Candidate(key=f"{name}{i}") for i in range(n)]
        for name, n in [("a", 3), ("b", 1), ("c", 5), ("d", 2)]
    }
    packed = tasks(groups, 4)
    assert [[len(m) for m in task] for task in packed] == [[3, 1], [5], [2]]
    assert [c for task in packed for m in task for c in m] == [
        c for m in groups.values() for c in m
    ]


def _one_by_one(
    people: list[Candidate], jobs: list[Opening], table: object, k: int
) -> list[BatchRow]:
    rows = []
    for person in sorted(people, key=lambda c: c.key):
        found = rank_vacancies(person, jobs, MatchConfig(), table, k=k)  # type: ignore[arg-type]
        rows += [
            BatchRow(person.key, rank, s.vacancy, round(s.score, 6))
            for rank, s in enumerate(found, start=1)
        ]
    return rows


@settings(max_examples=40, deadline=None)
@given(
    st.lists(candidates(), min_size=1, max_size=12),
    st.lists(openings(), min_size=1, max_size=30),
    st.sampled_from([TABLE, None]),
    st.integers(1, 6),
)
def test_the_batch_equals_ranking_each_participant_alone(
    people: list[Candidate], jobs: list[Opening], table: object, k: int
) -> None:
    people, jobs = numbered(people, "P"), numbered(jobs, "V")
    result = run_batch(people, jobs, MatchConfig(), table, k=k)  # type: ignore[arg-type]
    want = _one_by_one(people, jobs, table, k)
    assert [(r.participant, r.rank, r.vacancy) for r in result.rows] == [
        (r.participant, r.rank, r.vacancy) for r in want
    ]
    assert [r.score for r in result.rows] == pytest.approx([r.score for r in want], abs=1e-5)
    assert result.participants == len(people)
    assert result.uncertified == 0


def _people_and_jobs(n_people: int, n_jobs: int) -> tuple[list[Candidate], list[Opening]]:
    rng = random.Random(7)
    people = [
        Candidate(
            key=f"P{i:04d}",
            occupation=rng.choice(OCCUPATIONS),
            skills=frozenset(rng.sample(SKILLS, 3)),
            education=rng.choice(EDUCATION),
            postcode=rng.choice(POSTCODES),
            hours_wanted=rng.choice([24.0, 32.0, 38.0]),
            sector=rng.choice(SECTORS),
        )
        for i in range(n_people)
    ]
    jobs = [
        Opening(
            key=f"V{i:05d}",
            title="vacature",
            occupation=rng.choice(OCCUPATIONS),
            sector=rng.choice(SECTORS),
            postcode=rng.choice(POSTCODES),
            min_education=rng.choice(EDUCATION),
            hours=rng.choice([20.0, 32.0, 38.0]),
            contract=rng.choice(CONTRACTS),
            skills=frozenset(rng.sample(SKILLS, 2)),
        )
        for i in range(n_jobs)
    ]
    return people, jobs


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_a_local_dask_cluster_gives_the_same_rows_as_one_process(client: object) -> None:
    people, jobs = _people_and_jobs(300, 2_000)
    here = run_batch(people, jobs, MatchConfig(), TABLE, k=5)
    seen: list[tuple[int, int]] = []
    there = run_batch(
        people,
        jobs,
        MatchConfig(),
        TABLE,
        k=5,
        client=client,  # type: ignore[arg-type]
        task_size=50,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert there.rows == here.rows
    assert len(here.rows) == 5 * len(people)
    assert there.partitions == here.partitions > 10
    assert seen[-1] == (len(people), len(people))
