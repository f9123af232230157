"""Candidate and Opening normalisation, and the versioned configuration."""

from __future__ import annotations

import json
from datetime import date

import pytest

from werkbrug.matching import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    Candidate,
    ConfigError,
    MatchConfig,
    Opening,
)
from werkbrug.matching.model import normalise_postcode, skill_key, split_skills


def test_postcodes_are_cut_to_four_digits() -> None:
    assert normalise_postcode("1234 AB") == "1234"
    assert normalise_postcode(" 3511ab ") == "3511"
    assert normalise_postcode("0123") is None
    assert normalise_postcode("12345") is None
    assert normalise_postcode(None) is None


def test_skill_keys_and_cells() -> None:
    assert skill_key("  Lezen van   Bouwtekeningen ") == "lezen van bouwtekeningen"
    assert split_skills("timmeren| lezen van bouwtekeningen ||") == {
        "timmeren",
        "lezen van bouwtekeningen",
    }
    assert split_skills("") == frozenset()


def test_candidate_normalises_codes() -> None:
    c = Candidate("P1", postcode="3511 AB", wanted_sectors=frozenset({" f "}), sector="c ")
    assert c.postcode == "3511"
    assert c.wanted_sectors == {"F"}
    assert c.sector == "C"
    with pytest.raises(ValueError, match="hours_wanted"):
        Candidate("P1", hours_wanted=90)
    with pytest.raises(ValueError, match="key"):
        Candidate("")


def test_opening_from_exchange_row() -> None:
    row = {
        "id": "V1",
        "employer": "E1",
        "title": "Timmerman",
        "occupation": "7115",
        "sector": "F",
        "postcode": "3512",
        "min_education": "vmbo",
        "hours": "38,5",
        "contract": "fixed_term",
        "positions": "2",
        "skills": "timmeren|lezen van bouwtekeningen",
        "open_date": "2011-02-01",
        "close_date": "",
    }
    opening = Opening.from_row(row)
    assert opening.hours == 38.5
    assert opening.positions == 2
    assert opening.skills == {"timmeren", "lezen van bouwtekeningen"}
    assert opening.open_date == date(2011, 2, 1)
    assert opening.close_date is None
    assert opening.is_open(date(2011, 3, 1))
    assert not opening.is_open(date(2011, 1, 1))
    with pytest.raises(ValueError, match="positions"):
        Opening("V2", positions=0)
    typed = Opening.from_row(
        {"id": "V3", "hours": 38.0, "positions": 3, "open_date": date(2011, 2, 1), "title": None}
    )
    assert (typed.hours, typed.positions, typed.open_date) == (38.0, 3, date(2011, 2, 1))


def test_default_config_roundtrips_through_json() -> None:
    config = MatchConfig()
    assert set(config.weights) == set(COMPONENTS)
    assert config.total_weight == pytest.approx(1.0)
    data = json.loads(json.dumps(config.to_dict()))
    again = MatchConfig.from_dict(data)
    assert again == config
    assert again.fingerprint() == config.fingerprint()


def test_partial_dict_keeps_defaults_and_changes_fingerprint() -> None:
    config = MatchConfig.from_dict({"version": "2026-1", "weights": {"distance": 0.5}})
    assert config.version == "2026-1"
    assert config.weights["distance"] == 0.5
    assert config.weights["occupation"] == DEFAULT_WEIGHTS["occupation"]
    assert config.fingerprint() != MatchConfig().fingerprint()


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as info:
        MatchConfig.from_dict(
            {
                "colour": "blue",
                "weights": {"occupation": -1, "luck": 1, "skills": "a lot"},
                "max_distance_km": 0,
                "enforce_max_distance": "yes",
                "min_score": 2,
            }
        )
    problems = info.value.problems
    text = " | ".join(problems)
    assert "unknown key 'colour'" in text
    assert "unknown component 'luck'" in text
    assert "weights.skills" in text
    assert "enforce_max_distance" in text
    # Type errors are reported first; range checks follow once types are right.
    with pytest.raises(ConfigError) as info:
        MatchConfig.from_dict({"weights": {"occupation": -1}, "max_distance_km": 0, "min_score": 2})
    text = " | ".join(info.value.problems)
    assert "weights.occupation" in text
    assert "max_distance_km" in text
    assert "min_score" in text


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"weights": dict.fromkeys(COMPONENTS, 0)}, "at least one weight"),
        ({"neutral": 1.5}, "neutral"),
        ({"skill_measure": "cosine"}, "skill_measure"),
        ({"occupation_levels": [0.5, 0.25, 0.75, 1]}, "occupation_levels"),
        ({"occupation_levels": [0.5, 1]}, "occupation_levels"),
        ({"essential_skill_weight": 0.5}, "essential_skill_weight"),
        ({"hours_tolerance": 0}, "hours_tolerance"),
        ({"version": ""}, "version"),
        ({"version": 3}, "version"),
    ],
)
def test_bad_values_are_refused(data: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        MatchConfig.from_dict(data)


def test_config_is_immutable() -> None:
    config = MatchConfig()
    with pytest.raises(AttributeError):
        config.version = "2"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.weights["occupation"] = 1.0  # type: ignore[index]
