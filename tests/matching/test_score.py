"""score_pair: components, recombination, hard constraints, explanations, JSON."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.matching.strategies import TABLE, candidates, openings
from werkbrug.matching import COMPONENTS, Candidate, MatchConfig, Opening, score_pair, score_value

CARPENTER = Candidate(
    "P1",
    occupation="7115",
    skills=frozenset({"timmeren"}),
    education="vmbo",
    postcode="3511",
    hours_wanted=38,
    contract_wishes=frozenset({"fixed_term"}),
    sector="F",
)
VACANCY = Opening(
    "V1",
    title="Timmerman",
    occupation="7115",
    sector="F",
    postcode="3512",
    min_education="vmbo",
    hours=38,
    contract="fixed_term",
    skills=frozenset({"timmeren", "lezen van bouwtekeningen"}),
)


def test_a_good_pair_is_explained_in_dutch_and_english() -> None:
    s = score_pair(CARPENTER, VACANCY, MatchConfig())
    assert s.excluded is None
    assert s.components["occupation"].value == 1.0
    assert s.components["distance"].value == 1.0
    assert s.components["skills"].value == pytest.approx(0.5)
    assert s.missing_skills == ("lezen van bouwtekeningen",)
    assert s.matched_skills == ("timmeren",)
    nl, en = s.explanation["nl"], s.explanation["en"]
    assert nl.startswith("Zelfde beroepsgroep (ISCO 7115)")
    assert "ca. 0 km van huis" in nl
    assert "mist: lezen van bouwtekeningen — te overbruggen met een BBL-opleiding" in nl
    assert en.startswith("Same occupation group (ISCO 7115)")
    assert "missing: lezen van bouwtekeningen" in en
    assert s.config_version == MatchConfig().stamp


def test_cross_sector_move_is_named() -> None:
    planner = Opening("V2", occupation="4323", sector="H", postcode="3812", hours=40)
    s = score_pair(CARPENTER, planner, MatchConfig())
    assert s.components["occupation"].value == 0.0
    assert "Ander beroepsveld" in s.explanation["nl"]
    assert "andere sector (Bouwnijverheid → Vervoer en opslag)" in s.explanation["nl"]
    assert "km from home" in s.explanation["en"]


def test_bridgeable_education_gap_needs_training() -> None:
    higher = Opening("V3", occupation="7115", postcode="3511", min_education="mbo2")
    s = score_pair(CARPENTER, higher, MatchConfig(bridgeable_education_value=0.4))
    assert s.excluded is None
    assert s.training_needed
    assert s.components["education"].value == 0.4
    assert "opleiding één niveau onder de eis (mbo niveau 2)" in s.explanation["nl"]


@pytest.mark.parametrize(
    ("candidate", "opening", "reason"),
    [
        (CARPENTER, Opening("V", occupation="7115", postcode="9711"), "distance"),
        (
            Candidate("P", postcode="3511", no_go_sectors=frozenset({"Q"})),
            Opening("V", sector="Q", postcode="3511"),
            "no_go_sector",
        ),
        (CARPENTER, Opening("V", min_education="hbo", postcode="3511"), "education"),
    ],
)
def test_hard_constraints_exclude_with_reason(
    candidate: Candidate, opening: Opening, reason: str
) -> None:
    s = score_pair(candidate, opening, MatchConfig())
    assert s.excluded == reason
    assert s.explanation["nl"].startswith("Uitgesloten:")
    assert s.explanation["en"].startswith("Excluded:")
    assert score_value(candidate, opening, MatchConfig()) == (s.score, reason)


def test_hard_constraints_can_be_switched_off() -> None:
    far = Opening("V", min_education="hbo", postcode="9711", sector="Q")
    candidate = Candidate("P", postcode="3511", education="vmbo", no_go_sectors=frozenset({"Q"}))
    config = MatchConfig(
        enforce_max_distance=False, exclude_no_go_sectors=False, exclude_education_gap=False
    )
    s = score_pair(candidate, far, config)
    assert s.excluded is None
    assert s.components["distance"].value == 0.0
    assert s.components["education"].value == 0.0
    assert s.components["preference"].value == 0.0  # sector half 0, the other unknown


def test_own_radius_overrides_the_default() -> None:
    wide = Candidate("P", postcode="1011", max_distance_km=100)
    s = score_pair(wide, Opening("V", postcode="3011"), MatchConfig())
    assert s.excluded is None
    assert s.components["distance"].value == pytest.approx(1 - s.distance_km / 100)  # type: ignore[operator]


def test_unknown_inputs_earn_nothing() -> None:
    s = score_pair(Candidate("P"), Opening("V"), MatchConfig())
    for name in COMPONENTS:
        component = s.components[name]
        if name == "education":  # no minimum: nothing to fall short of
            assert component.value == 1.0
            assert component.known
        else:
            assert component.value == 0.0
            assert not component.known
    assert "afstand onbekend" in s.explanation["nl"]


def test_preferences() -> None:
    wants = Candidate("P", wanted_occupations=frozenset({"71"}), wanted_sectors=frozenset({"F"}))
    assert score_pair(wants, VACANCY, MatchConfig()).components["preference"].value == 1.0
    other = Opening("V", occupation="4321", sector="H")
    assert score_pair(wants, other, MatchConfig()).components["preference"].value == 0.0
    s = score_pair(wants, Opening("V", occupation="7126"), MatchConfig())
    assert s.components["preference"].value == 0.5  # occupation wish met, sector unknown: 0
    assert "gewenst beroep" in s.explanation["nl"]


def test_skills_from_the_table() -> None:
    candidate = Candidate("P", occupation="7114")
    opening = Opening("V", occupation="7115")
    s = score_pair(candidate, opening, MatchConfig(), TABLE)
    # candidate has s1, s2, s5 (7114's essentials); 7115 asks s0, s1, s2 (essential), s3, s4
    assert s.components["skills"].value == pytest.approx((2 * 2) / (2 * 3 + 2))
    assert s.missing_skills == ("s0",)
    assert s.skill_labels["s0"] == {"nl": "s0", "en": "s0"}


def test_json_form() -> None:
    data = score_pair(CARPENTER, VACANCY, MatchConfig()).to_dict()
    text = json.dumps(data)
    again = json.loads(text)
    assert set(again) >= {
        "participant",
        "vacancy",
        "score",
        "components",
        "missing_skills",
        "explanation",
        "excluded",
        "config_version",
    }
    assert set(again["components"]) == set(COMPONENTS)
    assert again["explanation"].keys() == {"nl", "en"}


weights = st.fixed_dictionaries(
    {name: st.floats(0, 5, allow_nan=False) for name in COMPONENTS}
).filter(lambda w: sum(w.values()) > 0)


@settings(max_examples=200, deadline=None)
@given(candidates(), openings(), weights, st.sampled_from(["vacancy", "union"]), st.booleans())
def test_components_recombine_exactly_to_the_score(
    candidate: Candidate,
    opening: Opening,
    weights: dict[str, float],
    measure: str,
    use_table: bool,
) -> None:
    config = MatchConfig(weights=weights, skill_measure=measure)  # type: ignore[arg-type]
    s = score_pair(candidate, opening, config, TABLE if use_table else None)
    total = 0.0
    for name in COMPONENTS:
        total += s.components[name].contribution
    assert total == s.score  # exactly: the score is defined as this sum
    weighted = sum(c.weight * c.value for c in s.components.values()) / config.total_weight
    assert math.isclose(weighted, s.score, rel_tol=1e-12, abs_tol=1e-12)
    assert all(0.0 <= c.value <= 1.0 for c in s.components.values())
    assert -1e-12 <= s.score <= 1 + 1e-12
    assert s.to_dict()["score"] == s.score
