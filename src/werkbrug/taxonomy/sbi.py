"""SBI 2008 sections A–U (Standaard Bedrijfsindeling; its sections equal NACE Rev. 2).

Dutch names are the CBS section names of SBI 2008, English names the NACE Rev. 2 section
titles. Only the 21 sections are listed: the exchange format codes a sector by its section
letter. Later revisions of the classification are not modelled.
"""

from __future__ import annotations

from typing import Final

from werkbrug.taxonomy.codes import Code, CodeList

__all__ = ["SBI_SECTIONS"]

_SECTIONS: Final = (
    ("A", "Landbouw, bosbouw en visserij", "Agriculture, forestry and fishing"),
    ("B", "Delfstoffenwinning", "Mining and quarrying"),
    ("C", "Industrie", "Manufacturing"),
    (
        "D",
        "Productie en distributie van en handel in elektriciteit, aardgas, stoom en gekoelde lucht",
        "Electricity, gas, steam and air conditioning supply",
    ),
    (
        "E",
        "Winning en distributie van water; afval- en afvalwaterbeheer en sanering",
        "Water supply; sewerage, waste management and remediation activities",
    ),
    ("F", "Bouwnijverheid", "Construction"),
    (
        "G",
        "Groot- en detailhandel; reparatie van auto's",
        "Wholesale and retail trade; repair of motor vehicles and motorcycles",
    ),
    ("H", "Vervoer en opslag", "Transportation and storage"),
    ("I", "Logies-, maaltijd- en drankverstrekking", "Accommodation and food service activities"),
    ("J", "Informatie en communicatie", "Information and communication"),
    ("K", "Financiële instellingen", "Financial and insurance activities"),
    ("L", "Verhuur van en handel in onroerend goed", "Real estate activities"),
    (
        "M",
        "Advisering, onderzoek en overige specialistische zakelijke dienstverlening",
        "Professional, scientific and technical activities",
    ),
    (
        "N",
        "Verhuur van roerende goederen en overige zakelijke dienstverlening",
        "Administrative and support service activities",
    ),
    (
        "O",
        "Openbaar bestuur, overheidsdiensten en verplichte sociale verzekeringen",
        "Public administration and defence; compulsory social security",
    ),
    ("P", "Onderwijs", "Education"),
    ("Q", "Gezondheids- en welzijnszorg", "Human health and social work activities"),
    ("R", "Cultuur, sport en recreatie", "Arts, entertainment and recreation"),
    ("S", "Overige dienstverlening", "Other service activities"),
    (
        "T",
        "Huishoudens als werkgever; niet-gedifferentieerde productie van goederen en diensten"
        " door huishoudens voor eigen gebruik",
        "Activities of households as employers; undifferentiated goods- and"
        " services-producing activities of households for own use",
    ),
    (
        "U",
        "Extraterritoriale organisaties en lichamen",
        "Activities of extraterritorial organisations and bodies",
    ),
)

SBI_SECTIONS: Final = CodeList("SBI 2008 section", (Code(*row) for row in _SECTIONS))
