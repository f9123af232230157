"""SBI 2008 sections and the 35 arbeidsmarktregio's."""

import string

import pytest

from werkbrug.taxonomy import REGIONS, SBI_SECTIONS


def test_there_are_21_sbi_sections_a_to_u() -> None:
    assert SBI_SECTIONS.codes == tuple(string.ascii_uppercase[:21])


def test_sbi_sections_have_the_official_names() -> None:
    assert SBI_SECTIONS["a"].label_nl == "Landbouw, bosbouw en visserij"
    assert SBI_SECTIONS["A"].label_en == "Agriculture, forestry and fishing"
    assert SBI_SECTIONS["F"].label_nl == "Bouwnijverheid"
    assert SBI_SECTIONS["Q"].label_en == "Human health and social work activities"


def test_a_sector_is_only_found_by_its_letter() -> None:
    assert SBI_SECTIONS.get("Bouwnijverheid") is None
    assert SBI_SECTIONS.get("V") is None
    assert SBI_SECTIONS.get("F1") is None


def test_there_are_35_regions_with_unique_names() -> None:
    assert len(REGIONS) == 35
    assert len({region.label_nl for region in REGIONS}) == 35


@pytest.mark.parametrize(
    "name",
    [
        "Groot Amsterdam",
        "Rijnmond",
        "Midden-Utrecht",
        "Haaglanden",
        "Zuid-Holland Centraal",
        "Zuidoost-Brabant",
        "Noord-Limburg",
        "Twente",
        "Stedendriehoek en Noordwest Veluwe",
    ],
)
def test_well_known_regions_are_found_by_name(name: str) -> None:
    region = REGIONS.get(name)
    assert region is not None
    assert region.label_nl == name


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Zuidoost Brabant", "zuidoost-brabant"),
        ("zuidoost-brabant", "zuidoost-brabant"),
        ("ZUIDOOST  BRABANT", "zuidoost-brabant"),
        ("Stedendriehoek en Noordwest-Veluwe", "stedendriehoek-nw-veluwe"),
        ("Zaanstreek-Waterland", "zaanstreek-waterland"),
        ("Zaanstreek / Waterland", "zaanstreek-waterland"),
        ("Zuid-Kennemerland & IJmond", "zuid-kennemerland-ijmond"),
        ("Helmond De Peel", "helmond-de-peel"),
        ("Arbeidsmarktregio Groningen", "groningen"),
        ("Fryslân", "friesland"),
        ("Food Valley", "foodvalley"),
        ("groot-amsterdam", "groot-amsterdam"),
    ],
)
def test_name_variants_find_the_same_region(raw: str, code: str) -> None:
    assert REGIONS.canonical(raw) == code


def test_unknown_regions_are_not_found() -> None:
    for raw in ("Amsterdam", "Brabant", "AM01", "arbeidsmarktregio", ""):
        assert REGIONS.get(raw) is None


def test_region_codes_are_stable_slugs() -> None:
    for region in REGIONS:
        assert region.code == region.code.lower()
        assert " " not in region.code
