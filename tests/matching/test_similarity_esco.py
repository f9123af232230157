"""Occupation similarity, skills tables and the ESCO CSV reader (own ESCO-shaped fixtures)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from werkbrug.matching import Candidate, EscoFormatError, Opening, SkillsTable, read_esco_dir
from werkbrug.matching.esco import read_occupations, read_relations, read_skills
from werkbrug.matching.similarity import (
    OccupationSkills,
    candidate_skills,
    missing_skills,
    occupation_similarity,
    skill_match,
    vacancy_skills,
)

ESCO = "http://data.europa.eu/esco/"
CARPENTER = ESCO + "occupation/11111111-1111-1111-1111-111111111111"
JOINER = ESCO + "occupation/22222222-2222-2222-2222-222222222222"
PLUMBER = ESCO + "occupation/33333333-3333-3333-3333-333333333333"
S = {name: ESCO + f"skill/{name}" for name in ("saw", "drawings", "measure", "pipes", "safety")}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("7115", "7115", 1.0),
        ("7115", "7114", 0.75),
        ("7115", "7126", 0.5),
        ("7115", "7411", 0.25),
        ("7115", "2512", 0.0),
        ("71", "7115", 0.5),
        ("7", "7", 0.25),
        ("7115", None, None),
        ("nonsense", "7115", None),
    ],
)
def test_occupation_similarity_follows_the_isco_levels(
    a: str | None, b: str | None, expected: float | None
) -> None:
    assert occupation_similarity(a, b) == expected


def test_custom_levels_and_esco_uris() -> None:
    table = SkillsTable({}, isco={CARPENTER: "7115", JOINER: "7115", PLUMBER: "7126"})
    assert occupation_similarity(CARPENTER, JOINER, table=table) == 1.0
    assert occupation_similarity(CARPENTER, PLUMBER, (0.1, 0.2, 0.3, 1.0), table) == 0.2
    assert occupation_similarity(CARPENTER, PLUMBER) is None  # no table: URI unknown


def test_isco_groups_are_aggregated_from_esco_occupations() -> None:
    table = SkillsTable(
        {
            CARPENTER: ({S["saw"], S["drawings"]}, {S["measure"]}),
            JOINER: ({S["saw"], S["measure"]}, {S["safety"]}),
        },
        isco={CARPENTER: "7115", JOINER: "7115"},
    )
    group = table.skills_of("7115")
    # essential for at least half of the group's occupations; optional for at least a quarter
    assert group.essential == {S["saw"], S["drawings"], S["measure"]}
    assert group.optional == {S["safety"]}
    assert table.skills_of("9999") == OccupationSkills(frozenset(), frozenset())


def test_labels_are_matched_to_uris() -> None:
    table = SkillsTable(
        {"7115": ({S["drawings"]}, set())},
        labels={S["drawings"]: {"nl": "Lezen van bouwtekeningen", "en": "read blueprints"}},
    )
    opening = Opening("V1", occupation="7115", skills=frozenset({"lezen van bouwtekeningen"}))
    need = vacancy_skills(opening, table)
    assert need.essential == {S["drawings"]}
    candidate = Candidate("P1", skills=frozenset({"READ BLUEPRINTS"}))
    assert candidate_skills(candidate, table) == {S["drawings"]}
    welder = Candidate("P2", skills=frozenset({"lassen"}))
    assert missing_skills(welder, opening, table) == ["Lezen van bouwtekeningen"]
    assert missing_skills(welder, opening, table, lang="en") == ["read blueprints"]
    assert missing_skills(Candidate("P3"), opening, table) == []  # none recorded: none known


def test_candidate_gets_the_essential_skills_of_their_occupation() -> None:
    table = SkillsTable({"7115": ({"saw"}, {"measure"})})
    candidate = Candidate("P1", occupation="7115", skills=frozenset({"drive"}))
    assert candidate_skills(candidate, table) == {"saw", "drive"}
    assert candidate_skills(candidate, table, implied=False) == {"drive"}


def test_weighted_jaccard_measures() -> None:
    need = OccupationSkills(frozenset({"a", "b"}), frozenset({"c"}))
    # vacancy form: (2·1 + 1) / (2·2 + 1)
    match = skill_match(frozenset({"a", "c", "x", "y"}), need)
    assert match.value == pytest.approx(3 / 5)
    assert match.missing == {"b"}
    assert match.matched == {"a", "c"}
    # union form: the two skills the job does not use add 1 each
    union = skill_match(frozenset({"a", "c", "x", "y"}), need, measure="union")
    assert union.value == pytest.approx(3 / 7)
    assert skill_match(frozenset({"a", "b", "c"}), need).value == 1.0
    assert skill_match(frozenset(), need).value is None
    assert skill_match(frozenset({"a"}), OccupationSkills(frozenset(), frozenset())).value is None


# --- the ESCO CSV reader -------------------------------------------------------------------


def _write(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _esco_folder(folder: Path) -> Path:
    folder.mkdir()
    occupation_header = [
        "conceptType",
        "conceptUri",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "description",
        "code",
    ]
    _write(
        folder / "occupations_nl.csv",
        occupation_header,
        [
            [
                "Occupation",
                CARPENTER,
                "7115",
                "timmerman",
                "timmervrouw\nbouwtimmerman",
                "",
                "7115.1",
            ],
            ["Occupation", JOINER, "7115", "meubelmaker", "", "maakt, met zorg, meubels", "7115.2"],
            ["Occupation", PLUMBER, "7126", "loodgieter", "", "", "7126.1"],
        ],
        bom=True,
    )
    _write(
        folder / "occupations_en.csv",
        occupation_header,
        [
            ["Occupation", CARPENTER, "7115", "carpenter", "", "", "7115.1"],
            ["Occupation", JOINER, "7115", "joiner", "", "", "7115.2"],
            ["Occupation", PLUMBER, "7126", "plumber", "", "", "7126.1"],
        ],
    )
    skill_header = [
        "conceptType",
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
    ]
    _write(
        folder / "skills_nl.csv",
        skill_header,
        [
            ["KnowledgeSkillCompetence", S["saw"], "skill/competence", "", "zagen", ""],
            [
                "KnowledgeSkillCompetence",
                S["drawings"],
                "skill/competence",
                "",
                "lezen van bouwtekeningen",
                "",
            ],
            ["KnowledgeSkillCompetence", S["pipes"], "knowledge", "", "leidingen", ""],
        ],
    )
    _write(
        folder / "skills_en.csv",
        skill_header,
        [
            ["KnowledgeSkillCompetence", S["saw"], "skill/competence", "", "saw wood", ""],
            [
                "KnowledgeSkillCompetence",
                S["drawings"],
                "skill/competence",
                "",
                "read blueprints",
                "",
            ],
            ["KnowledgeSkillCompetence", S["pipes"], "knowledge", "", "pipes", ""],
        ],
    )
    _write(
        folder / "occupationSkillRelations_en.csv",
        ["occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel"],
        [
            [CARPENTER, "carpenter", "essential", "skill/competence", S["saw"], "saw wood"],
            [CARPENTER, "carpenter", "essential", "skill/competence", S["drawings"], "read"],
            [JOINER, "joiner", "essential", "skill/competence", S["saw"], "saw wood"],
            [JOINER, "joiner", "optional", "skill/competence", S["drawings"], "read"],
            [PLUMBER, "plumber", "essential", "knowledge", S["pipes"], "pipes"],
            [PLUMBER, "plumber", "optional", "skill/competence", S["drawings"], "read"],
        ],
    )
    return folder


def test_read_esco_dir(tmp_path: Path) -> None:
    data = read_esco_dir(_esco_folder(tmp_path / "esco"))
    assert data.isco == {CARPENTER: "7115", JOINER: "7115", PLUMBER: "7126"}
    assert data.occupation_labels[CARPENTER] == {"nl": "timmerman", "en": "carpenter"}
    assert data.skill_labels[S["drawings"]] == {
        "nl": "lezen van bouwtekeningen",
        "en": "read blueprints",
    }
    assert data.skill_types[S["pipes"]] == "knowledge"
    assert data.relations[JOINER] == (frozenset({S["saw"]}), frozenset({S["drawings"]}))
    table = data.skills_table()
    assert table.skills_of("7115").essential == {S["saw"], S["drawings"]}
    assert table.isco_of(PLUMBER) == "7126"
    assert table.label(S["saw"], "en") == "saw wood"


def test_row_readers_keep_alt_labels_and_codes(tmp_path: Path) -> None:
    folder = _esco_folder(tmp_path / "esco")
    occupations = list(read_occupations(folder / "occupations_nl.csv"))
    assert occupations[0].alt_labels == ("timmervrouw", "bouwtimmerman")
    assert occupations[1].code == "7115.2"
    assert next(s.label for s in read_skills(folder / "skills_en.csv")) == "saw wood"
    assert sum(r.essential for r in read_relations(folder / "occupationSkillRelations_en.csv")) == 4


def test_bad_esco_files_name_file_and_line(tmp_path: Path) -> None:
    folder = _esco_folder(tmp_path / "esco")
    path = folder / "occupationSkillRelations_en.csv"
    _write(
        path,
        ["occupationUri", "relationType", "skillUri"],
        [
            [CARPENTER, "essential", S["saw"]],
            [CARPENTER, "sometimes", S["saw"]],
            ["", "optional", S["saw"]],
        ],
    )
    with pytest.raises(EscoFormatError) as info:
        read_esco_dir(folder)
    assert info.value.problems == [
        "occupationSkillRelations_en.csv:3: relationType 'sometimes' is not essential or optional",
        "occupationSkillRelations_en.csv:4: occupationUri and skillUri must not be empty",
    ]
    _write(folder / "occupations_nl.csv", ["conceptUri", "preferredLabel"], [[CARPENTER, "x"]])
    with pytest.raises(EscoFormatError, match=r"occupations_nl\.csv:1: missing column iscoGroup"):
        read_esco_dir(folder)
    _write(
        folder / "occupations_nl.csv",
        ["conceptUri", "preferredLabel", "iscoGroup"],
        [[CARPENTER, "x", "1234567"]],
    )
    with pytest.raises(EscoFormatError, match="not an ISCO-08 code"):
        read_esco_dir(folder)


def test_missing_esco_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="occupations"):
        read_esco_dir(tmp_path / "empty")
    folder = _esco_folder(tmp_path / "esco")
    (folder / "occupationSkillRelations_en.csv").unlink()
    with pytest.raises(FileNotFoundError, match="occupationSkillRelations"):
        read_esco_dir(folder)
