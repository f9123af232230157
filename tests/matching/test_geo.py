"""Postcode distances: the built-in PC2 centres, haversine, and an exact PC4 table."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkbrug.matching import DEFAULT_LOCATOR, PostcodeLocator
from werkbrug.matching.geo import PC2_CENTROIDS, haversine_km


def test_every_pc2_area_has_a_centre_in_the_netherlands() -> None:
    assert sorted(PC2_CENTROIDS) == [str(i) for i in range(10, 100)]
    for lat, lon in PC2_CENTROIDS.values():
        assert 50.7 <= lat <= 53.6
        assert 3.3 <= lon <= 7.25


def test_haversine_known_distances() -> None:
    assert haversine_km(52.0, 5.0, 52.0, 5.0) == 0.0
    # one degree of latitude is about 111.2 km
    assert haversine_km(52.0, 5.0, 53.0, 5.0) == pytest.approx(111.19, abs=0.05)
    # Amsterdam centre to Rotterdam centre is about 57 km as the crow flies
    assert DEFAULT_LOCATOR.distance_km("1011", "3011") == pytest.approx(57, abs=5)
    # Groningen to Maastricht is about 265 km
    assert DEFAULT_LOCATOR.distance_km("9711", "6211") == pytest.approx(265, abs=15)


def test_same_area_is_zero_and_unknown_is_none() -> None:
    assert DEFAULT_LOCATOR.distance_km("3511", "3584 CS") == 0.0
    assert DEFAULT_LOCATOR.distance_km("3511", None) is None
    assert DEFAULT_LOCATOR.distance_km("3511", "abcd") is None
    assert DEFAULT_LOCATOR.precision == "pc2"
    assert DEFAULT_LOCATOR.area("3511 AB") == "35"


def test_pc4_table(tmp_path: Path) -> None:
    path = tmp_path / "pc4.csv"
    path.write_text("postcode,lat,lon\n3511,52.0930,5.1120\n3584,52.0860,5.1740\n", "utf-8")
    locator = PostcodeLocator.from_csv(path)
    assert locator.precision == "pc4"
    assert locator.distance_km("3511", "3584") == pytest.approx(4.3, abs=0.3)
    # a postcode missing from the table falls back to its area's centre
    assert locator.location("3600") == PC2_CENTROIDS["36"]
    points = locator.area_points()
    assert len(points["35"]) == 3  # the centre and the two postcodes


def test_bad_pc4_rows_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "pc4.csv"
    path.write_text("postcode,lat,lon\n35x1,52.1,5.1\n3511,40.0,5.1\n3512,a,b\n", "utf-8")
    with pytest.raises(ValueError, match=r"pc4\.csv:2:") as info:
        PostcodeLocator.from_csv(path)
    message = str(info.value)
    assert ":2:" in message
    assert ":3:" in message
    assert "outside the Netherlands" in message
    assert ":4: lat/lon must be numbers" in message
