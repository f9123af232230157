"""Matching participants and vacancies: explainable scores, rankings, allocation, fairness.

Pure Python with numpy, scipy and faiss; no Django, no database. Plain data goes in, frozen
dataclasses with a JSON-ready ``to_dict()`` (or plain dicts) come out. Matching is advice
for a mediator, never an automatic decision.

Data (:mod:`~werkbrug.matching.model`)
    ``Candidate(key, occupation, skills, education, postcode, hours_wanted,
    contract_wishes, wanted_occupations, wanted_sectors, no_go_sectors, max_distance_km,
    sector, gender, age_band)`` and ``Opening(key, title, employer, occupation, sector,
    postcode, min_education, hours, contract, positions, skills, open_date, close_date)``;
    ``Opening.from_row(row)`` reads a ``vacancies.csv`` row.

Configuration (:mod:`~werkbrug.matching.config`)
    ``MatchConfig`` — versioned weights and hard constraints;
    ``MatchConfig.from_dict(d)`` / ``.to_dict()`` (JSON) refuse bad values with a
    ``ConfigError`` listing every problem; ``.fingerprint()`` hashes the content.

One pair (:mod:`~werkbrug.matching.score`)
    ``score_pair(candidate, opening, config, skills_table=None, *, locator=…) ->
    Suggestion`` with ``.score``, ``.components`` (value, weight, contribution, known;
    the contributions sum to the score), ``.matched_skills``, ``.missing_skills``,
    ``.skill_labels``, ``.training_needed``, ``.distance_km``, ``.excluded`` (None or
    ``"distance"``/``"no_go_sector"``/``"education"``), ``.explanation`` ({"nl", "en"})
    and ``.config_version``; ``.to_dict()`` is ``{participant, vacancy, score, components,
    missing_skills, explanation, excluded, config_version, …}``.
    ``score_value(...) -> (score, excluded)`` is the same without the explanation.

Many pairs (:mod:`~werkbrug.matching.rank`)
    Small sets, exact: ``rank_vacancies(candidate, openings, config, table, k=20)``,
    ``rank_candidates(opening, candidates, config, table, k=20)`` and ``score_all(
    candidates, openings, config, table)`` (every pair, for ``werkbrug match scores``).
    Any size: ``VacancyIndex(config, table)`` and ``CandidateIndex(config, table)`` with
    ``add(items)`` (same key replaces), ``remove(keys)``, ``top(query, k) ->
    [Ranked(key, score)]``, ``suggest(query, k) -> [Suggestion]``, ``top_many(queries, k)``
    and ``exact_top(query, k)`` (brute force). Keep one index per process and update it as
    vacancies open and close; both directions give the same score for the same pair.

Allocation (:mod:`~werkbrug.matching.assign`)
    ``assign(scores, capacities, min_score=0, method="optimal"|"stable") -> Allocation``
    (``.to_dict()`` is ``{method, assignments: [{participant, vacancy, score}],
    total_score, matched}``) from suggestions, ``(participant, vacancy, score)`` tuples or a
    (sparse) score matrix; ``compare_allocations(a, b)`` and ``blocking_pairs(...)``.

Fairness (:mod:`~werkbrug.matching.fairness`)
    ``fairness_report(participants, decisions, placed)`` — suggestion, acceptance and
    placement rates by gender and age band with four-fifths and 10-point gaps flagged.

ESCO and places
    :mod:`~werkbrug.matching.esco` reads the official ESCO CSV download
    (``read_esco_dir(folder) -> EscoData``; ``.skills_table()`` gives the ``SkillsTable``
    the score uses); without ESCO, occupations are compared on ISCO-08 alone and skills as
    written. :mod:`~werkbrug.matching.geo` measures distances between postcodes (PC2
    centres built in, ``PostcodeLocator.from_csv`` for an exact PC4 table).

Index internals: :mod:`~werkbrug.matching.vectors` (the vectors whose inner product bounds
the score), :mod:`~werkbrug.matching.bounded` (the exact bounded IVF index),
:mod:`~werkbrug.matching.ann` (plain FAISS flat, IVF and HNSW, kept for comparison) and
:mod:`~werkbrug.matching.columns` (vectorised exact scoring).
"""

from werkbrug.matching.assign import (
    Allocation,
    Assignment,
    assign,
    blocking_pairs,
    compare_allocations,
)
from werkbrug.matching.config import COMPONENTS, DEFAULT_WEIGHTS, ConfigError, MatchConfig
from werkbrug.matching.esco import EscoData, EscoFormatError, read_esco_dir
from werkbrug.matching.fairness import fairness_report
from werkbrug.matching.geo import DEFAULT_LOCATOR, PostcodeLocator
from werkbrug.matching.model import Candidate, Opening
from werkbrug.matching.rank import (
    CandidateIndex,
    QueryInfo,
    Ranked,
    VacancyIndex,
    rank_candidates,
    rank_vacancies,
    score_all,
)
from werkbrug.matching.score import Component, Suggestion, score_pair, score_value
from werkbrug.matching.similarity import (
    OccupationSkills,
    SkillsTable,
    missing_skills,
    occupation_similarity,
)

__all__ = [
    "COMPONENTS",
    "DEFAULT_LOCATOR",
    "DEFAULT_WEIGHTS",
    "Allocation",
    "Assignment",
    "Candidate",
    "CandidateIndex",
    "Component",
    "ConfigError",
    "EscoData",
    "EscoFormatError",
    "MatchConfig",
    "OccupationSkills",
    "Opening",
    "PostcodeLocator",
    "QueryInfo",
    "Ranked",
    "SkillsTable",
    "Suggestion",
    "VacancyIndex",
    "assign",
    "blocking_pairs",
    "compare_allocations",
    "fairness_report",
    "missing_skills",
    "occupation_similarity",
    "rank_candidates",
    "rank_vacancies",
    "read_esco_dir",
    "score_all",
    "score_pair",
    "score_value",
]
