"""Distances between Dutch 4-digit postcodes, offline.

Two levels of precision:

* **Built in: PC2 areas.** :data:`PC2_CENTROIDS` gives an approximate centre for each of the
  90 two-digit postcode areas (``10``–``99``). Every postcode is placed at the centre of its
  area, so two addresses in the same area are 0 km apart and the distance between areas is
  the distance between their centres. The centres are our own estimates: the location of
  the main town or the middle of the towns that share the area, written down from general
  geographic knowledge, not computed from an official table. Expect the position of a single
  address to be off by **5–20 km** in compact areas (a city and its suburbs: 10, 25, 30, 35,
  56, …) and by **up to 30–40 km** in spread-out rural or mixed areas (14, 17, 43, 45, 77, 83,
  …); a distance between two postcodes is off by at most the sum of the two errors, usually
  much less. Good enough to tell "next town" from "other side of the country"; not good
  enough for a 10 km radius.
* **Exact: a PC4 table.** :meth:`PostcodeLocator.from_csv` loads a CSV with the columns
  ``postcode,lat,lon`` (one row per 4-digit postcode, WGS84 degrees; for example derived from
  the CBS/PDOK postcode statistics). Postcodes missing from the table fall back to their PC2
  centre.

Distances are great-circle (haversine) distances on a sphere of radius 6371 km, "as the
crow flies"; travel distance by road is typically 1.2–1.4 times longer. A postcode that is
not a Dutch 4-digit postcode (or an area without a centre) has **no location**: its distance
is ``None``, which the score treats as unknown (the distance component earns nothing and
lowers the confidence, and the radius is not enforced).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Final

from werkbrug.matching.model import normalise_postcode

__all__ = [
    "DEFAULT_LOCATOR",
    "EARTH_RADIUS_KM",
    "PC2_CENTROIDS",
    "PostcodeLocator",
    "haversine_km",
]

EARTH_RADIUS_KM: Final = 6371.0

#: Approximate centre (latitude, longitude) of each two-digit postcode area.
PC2_CENTROIDS: Final[Mapping[str, tuple[float, float]]] = MappingProxyType(
    {
        "10": (52.37, 4.89),  # Amsterdam
        "11": (52.36, 4.90),  # Amstelveen, Diemen, Amsterdam-Zuidoost, Waterland
        "12": (52.23, 5.18),  # Hilversum, Het Gooi
        "13": (52.37, 5.20),  # Almere, Weesp
        "14": (52.40, 4.88),  # Purmerend, Bussum, Uithoorn, Aalsmeer (spread out)
        "15": (52.46, 4.80),  # Zaanstad
        "16": (52.66, 5.06),  # Hoorn, Enkhuizen, Medemblik
        "17": (52.80, 4.80),  # Heerhugowaard, Schagen, Den Helder (spread out)
        "18": (52.63, 4.74),  # Alkmaar
        "19": (52.49, 4.65),  # Beverwijk, Heemskerk, IJmuiden, Castricum
        "20": (52.38, 4.64),  # Haarlem
        "21": (52.30, 4.63),  # Heemstede, Hoofddorp, Hillegom, Lisse
        "22": (52.20, 4.43),  # Noordwijk, Katwijk, Wassenaar
        "23": (52.16, 4.50),  # Leiden
        "24": (52.12, 4.69),  # Alphen aan den Rijn, Bodegraven
        "25": (52.07, 4.30),  # Den Haag
        "26": (52.00, 4.34),  # Delft, Westland, Pijnacker
        "27": (52.05, 4.53),  # Zoetermeer, Waddinxveen, Boskoop
        "28": (52.01, 4.70),  # Gouda
        "29": (51.89, 4.59),  # Capelle, Krimpen, Ridderkerk, Barendrecht
        "30": (51.92, 4.48),  # Rotterdam
        "31": (51.91, 4.35),  # Schiedam, Vlaardingen, Maassluis
        "32": (51.83, 4.24),  # Spijkenisse, Hellevoetsluis, Voorne-Putten
        "33": (51.81, 4.69),  # Dordrecht, Papendrecht, Sliedrecht
        "34": (52.05, 4.99),  # Nieuwegein, IJsselstein, Woerden
        "35": (52.09, 5.12),  # Utrecht
        "36": (52.17, 4.97),  # Maarssen, Breukelen, Mijdrecht
        "37": (52.13, 5.25),  # Zeist, De Bilt, Soest, Baarn
        "38": (52.20, 5.43),  # Amersfoort, Nijkerk, Harderwijk
        "39": (52.02, 5.45),  # Veenendaal, Rhenen, Wijk bij Duurstede
        "40": (51.89, 5.42),  # Tiel
        "41": (51.93, 5.16),  # Culemborg, Vianen, Leerdam, Geldermalsen
        "42": (51.82, 4.99),  # Gorinchem, Altena
        "43": (51.54, 3.72),  # Middelburg, Vlissingen, Zierikzee (spread out)
        "44": (51.48, 3.95),  # Goes, Zuid-Beveland
        "45": (51.31, 3.78),  # Zeeuws-Vlaanderen: Terneuzen, Hulst, Oostburg (spread out)
        "46": (51.51, 4.26),  # Bergen op Zoom, Steenbergen, Tholen
        "47": (51.56, 4.50),  # Roosendaal, Zevenbergen
        "48": (51.58, 4.76),  # Breda, Etten-Leur
        "49": (51.65, 4.86),  # Oosterhout, Geertruidenberg
        "50": (51.56, 5.08),  # Tilburg, Oisterwijk
        "51": (51.64, 4.98),  # Dongen, Waalwijk, Kaatsheuvel, Rijen
        "52": (51.69, 5.30),  # 's-Hertogenbosch
        "53": (51.78, 5.40),  # Oss, Zaltbommel
        "54": (51.64, 5.60),  # Uden, Veghel, Gemert
        "55": (51.39, 5.39),  # Veldhoven, Valkenswaard, Eersel
        "56": (51.44, 5.47),  # Eindhoven
        "57": (51.46, 5.70),  # Helmond, Deurne
        "58": (51.58, 5.97),  # Venray, Boxmeer
        "59": (51.37, 6.12),  # Venlo, Tegelen, Panningen
        "60": (51.21, 5.85),  # Weert, Roermond
        "61": (51.03, 5.85),  # Sittard-Geleen, Echt
        "62": (50.85, 5.70),  # Maastricht
        "63": (50.88, 5.88),  # Valkenburg, Nuth, Voerendaal
        "64": (50.89, 6.01),  # Heerlen, Kerkrade
        "65": (51.84, 5.86),  # Nijmegen
        "66": (51.86, 5.75),  # Wijchen, Druten, Beuningen, Elst
        "67": (52.02, 5.67),  # Ede, Wageningen
        "68": (51.98, 5.91),  # Arnhem
        "69": (51.95, 6.08),  # Zevenaar, Duiven, Doesburg
        "70": (51.95, 6.30),  # Doetinchem
        "71": (51.97, 6.62),  # Winterswijk, Aalten, Groenlo
        "72": (52.14, 6.32),  # Zutphen, Lochem, Borculo
        "73": (52.21, 5.97),  # Apeldoorn
        "74": (52.29, 6.31),  # Deventer, Rijssen, Nijverdal
        "75": (52.22, 6.89),  # Enschede, Hengelo
        "76": (52.35, 6.65),  # Almelo
        "77": (52.57, 6.55),  # Hardenberg, Ommen, Dedemsvaart (spread out)
        "78": (52.77, 6.90),  # Emmen
        "79": (52.72, 6.35),  # Hoogeveen, Meppel
        "80": (52.51, 6.09),  # Zwolle
        "81": (52.41, 6.18),  # Raalte, Heerde, Dalfsen
        "82": (52.53, 5.70),  # Lelystad, Kampen
        "83": (52.73, 5.85),  # Emmeloord, Urk, Steenwijk (spread out)
        "84": (52.97, 6.02),  # Heerenveen, Gorredijk
        "85": (52.92, 5.76),  # Joure, Lemmer
        "86": (53.03, 5.62),  # Sneek
        "87": (53.02, 5.47),  # Bolsward, Workum
        "88": (53.18, 5.45),  # Franeker, Harlingen
        "89": (53.20, 5.80),  # Leeuwarden
        "90": (53.15, 5.88),  # around Leeuwarden (Grou)
        "91": (53.30, 5.99),  # Dokkum
        "92": (53.10, 6.10),  # Drachten
        "93": (53.14, 6.41),  # Roden, Leek
        "94": (52.99, 6.56),  # Assen
        "95": (52.99, 6.95),  # Stadskanaal
        "96": (53.13, 6.81),  # Hoogezand, Veendam
        "97": (53.22, 6.57),  # Groningen
        "98": (53.26, 6.40),  # Zuidhorn, Westerkwartier
        "99": (53.32, 6.75),  # Appingedam, Delfzijl, Winsum
    }
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class PostcodeLocator:
    """Looks up a location for a Dutch postcode and measures distances between postcodes.

    Without a table it places every postcode at its PC2 centre; with ``pc4`` (4-digit postcode
    → (lat, lon)) it uses the exact location and falls back to the PC2 centre.
    """

    __slots__ = ("_pc2", "_pc4", "precision")

    def __init__(
        self,
        pc4: Mapping[str, tuple[float, float]] | None = None,
        pc2: Mapping[str, tuple[float, float]] = PC2_CENTROIDS,
    ) -> None:
        self._pc4: Mapping[str, tuple[float, float]] = MappingProxyType(dict(pc4 or {}))
        self._pc2 = pc2
        #: ``"pc4"`` when a postcode table is loaded, else ``"pc2"``.
        self.precision = "pc4" if self._pc4 else "pc2"

    @classmethod
    def from_csv(cls, path: str | Path) -> PostcodeLocator:
        """A locator with the exact locations of a ``postcode,lat,lon`` CSV file.

        Raises ``ValueError`` naming the line of a bad row (not a postcode, or a location
        outside the Netherlands' bounding box).
        """
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return cls(read_pc4_rows(csv.DictReader(handle), str(path)))

    def location(self, postcode: str | None) -> tuple[float, float] | None:
        """(lat, lon) of a postcode, or None when it has none."""
        code = normalise_postcode(postcode)
        if code is None:
            return None
        found = self._pc4.get(code)
        return found if found is not None else self._pc2.get(code[:2])

    def area(self, postcode: str | None) -> str | None:
        """The PC2 area of a postcode (its first two digits), or None."""
        code = normalise_postcode(postcode)
        return None if code is None or code[:2] not in self._pc2 else code[:2]

    def distance_km(self, a: str | None, b: str | None) -> float | None:
        """The distance between two postcodes in km, or None when either has no location."""
        la, lb = self.location(a), self.location(b)
        if la is None or lb is None:
            return None
        if la == lb:
            return 0.0
        return haversine_km(la[0], la[1], lb[0], lb[1])

    def locations(self) -> Mapping[str, tuple[float, float]]:
        """Every known location: the PC4 table when loaded, else the PC2 centres."""
        return self._pc4 if self._pc4 else self._pc2

    def area_points(self) -> dict[str, list[tuple[float, float]]]:
        """The known locations grouped by PC2 area (the centre alone without a PC4 table).

        A PC4 table may leave postcodes out; those fall back to the centre, so every area
        also contains its centre.
        """
        points: dict[str, list[tuple[float, float]]] = {
            area: [centre] for area, centre in self._pc2.items()
        }
        for code, point in self._pc4.items():
            points.setdefault(code[:2], []).append(point)
        return points


def read_pc4_rows(
    rows: Iterable[Mapping[str, str | None]], source: str = "<rows>"
) -> dict[str, tuple[float, float]]:
    """Parse ``postcode,lat,lon`` rows; raise ``ValueError`` listing every bad line."""
    table: dict[str, tuple[float, float]] = {}
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        code = normalise_postcode(row.get("postcode"))
        try:
            lat = float((row.get("lat") or "").replace(",", "."))
            lon = float((row.get("lon") or "").replace(",", "."))
        except ValueError:
            problems.append(f"{source}:{line}: lat/lon must be numbers")
            continue
        if code is None:
            problems.append(f"{source}:{line}: {row.get('postcode')!r} is not a 4-digit postcode")
        elif not (50.6 <= lat <= 53.7 and 3.2 <= lon <= 7.3):
            problems.append(f"{source}:{line}: {lat}, {lon} is outside the Netherlands")
        else:
            table[code] = (lat, lon)
    if problems:
        raise ValueError("; ".join(problems[:20]))
    return table


#: The built-in locator (PC2 centres).
DEFAULT_LOCATOR: Final = PostcodeLocator()
