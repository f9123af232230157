#!/usr/bin/env python3
"""Generate the werkbrug demo data: the nine van-werk-naar-werk experiments as two deliveries.

The letter to parliament (Kamerstuk 29 544, nr. 433) publishes totals and a few facts per
project; ``docs/NINE-EXPERIMENTS.md`` turns them into a per-project table. This script writes
participant-level records that reproduce every one of those figures under the definitions of
``werkbrug-report/1`` (INDICATORS.md), in the exchange format ``werkbrug-exchange/1``:

    src/werkbrug/demo/data/eindrapportage/     final delivery
    src/werkbrug/demo/data/tussenrapportage/   interim delivery (an earlier, less complete
                                               snapshot of the same people)

Everything the sources are silent about is invented; src/werkbrug/demo/README.md lists the
choices. The output is deterministic: the same seed gives byte-identical files. After writing,
the script reads the files back and recomputes every published figure with its own, separate
code; it exits with status 1 and names each figure that is off.

Standard library only. Usage::

    python scripts/generate_demo.py                 # write and verify
    python scripts/generate_demo.py --verify-only   # only verify the files on disk
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Final

REPO: Final = Path(__file__).resolve().parent.parent
DEFAULT_OUT: Final = REPO / "src" / "werkbrug" / "demo" / "data"
DEFAULT_SEED: Final = 433  # the letter's number: Kamerstuk 29 544, nr. 433

FINAL: Final = "eindrapportage"
INTERIM: Final = "tussenrapportage"
PERIOD_START: Final = date(2010, 12, 1)
PERIOD_END: Final = date(2012, 3, 1)

# fmt: off
# The exchange format's files and columns, in the order of EXCHANGE.md.
HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "delivery": ("name", "delivered_on", "description"),
    "projects": (
        "code", "name", "network", "sector", "region", "start_date", "end_date",
        "target_participants", "target_transitions", "budget_eur", "own_funds_eur",
        "subsidy_eur", "individual_contribution", "employer_contribution", "union_involved",
        "formal_agreement", "continuation",
    ),
    "participants": (
        "id", "project", "intake_date", "birth_date", "birth_year", "gender", "education",
        "situation", "occupation", "sector", "postcode", "hours_before",
    ),
    "outcomes": (
        "participant", "outcome", "date", "contract", "hours", "employer", "sector",
        "occupation", "benefit_days",
    ),
    "employers": ("id", "name", "sector", "postcode", "project"),
    "vacancies": (
        "id", "employer", "title", "occupation", "sector", "postcode", "min_education",
        "hours", "contract", "positions", "skills", "open_date", "close_date",
    ),
}

# fmt: on
# ISCO-08 unit groups used in the demo (all checked against the ISCO-08 structure). The
# verification refuses any other code, so a typo cannot slip in.
ISCO_UNIT_GROUPS: Final[dict[str, str]] = {
    "1219": "Business services and administration managers not elsewhere classified",
    "1324": "Supply, distribution and related managers",
    "2144": "Mechanical engineers",
    "2166": "Graphic and multimedia designers",
    "2221": "Nursing professionals",
    "2411": "Accountants",
    "2421": "Management and organization analysts",
    "2423": "Personnel and careers professionals",
    "2512": "Software developers",
    "3112": "Civil engineering technicians",
    "3115": "Mechanical engineering technicians",
    "3118": "Draughtspersons",
    "3122": "Manufacturing supervisors",
    "3123": "Construction supervisors",
    "3221": "Nursing associate professionals",
    "3313": "Accounting associate professionals",
    "3315": "Valuers and loss assessors",
    "3322": "Commercial sales representatives",
    "3343": "Administrative and executive secretaries",
    "3512": "Information and communications technology user support technicians",
    "4110": "General office clerks",
    "4222": "Contact centre information clerks",
    "4311": "Accounting and bookkeeping clerks",
    "4313": "Payroll clerks",
    "4321": "Stock clerks",
    "4323": "Transport clerks",
    "5153": "Building caretakers",
    "5223": "Shop sales assistants",
    "5321": "Health care assistants",
    "5322": "Home-based personal care workers",
    "5414": "Security guards",
    "6112": "Tree and shrub crop growers",
    "7111": "House builders",
    "7112": "Bricklayers and related workers",
    "7114": "Concrete placers, concrete finishers and related workers",
    "7115": "Carpenters and joiners",
    "7121": "Roofers",
    "7123": "Plasterers",
    "7125": "Glaziers",
    "7126": "Plumbers and pipe fitters",
    "7131": "Painters and related workers",
    "7132": "Spray painters and varnishers",
    "7212": "Welders and flamecutters",
    "7214": "Structural-metal preparers and erectors",
    "7223": "Metal working machine tool setters and operators",
    "7233": "Agricultural and industrial machinery mechanics and repairers",
    "7321": "Pre-press technicians",
    "7322": "Printers",
    "7323": "Print finishing and binding workers",
    "7411": "Building and related electricians",
    "7412": "Electrical mechanics and fitters",
    "7522": "Cabinet-makers and related workers",
    "7523": "Woodworking-machine tool setters and operators",
    "8142": "Plastic products machine operators",
    "8160": "Food and related products machine operators",
    "8172": "Wood processing plant operators",
    "8211": "Mechanical machinery assemblers",
    "8219": "Assemblers not elsewhere classified",
    "8322": "Car, taxi and van drivers",
    "8332": "Heavy truck and lorry drivers",
    "8342": "Earthmoving and related plant operators",
    "8344": "Lifting truck operators",
    "9112": "Cleaners and helpers in offices, hotels and other establishments",
    "9211": "Crop farm labourers",
    "9312": "Civil engineering labourers",
    "9313": "Building construction labourers",
    "9329": "Manufacturing labourers not elsewhere classified",
    "9333": "Freight handlers",
}

# ---------------------------------------------------------------------------------------------
# What the generator is told: one specification per project.
# ---------------------------------------------------------------------------------------------

Job = tuple[str, str, int]  # ISCO-08 unit group, SBI section of the employer, weight
Place = tuple[int, int, int]  # first postcode, last postcode, weight


@dataclass(frozen=True)
class Contracts:
    """How many of a project's transitions have each kind of new contract."""

    fixed_term: int
    permanent: int
    agency: int
    on_call: int
    other: int

    def as_list(self) -> list[str]:
        return (
            ["fixed_term"] * self.fixed_term
            + ["permanent"] * self.permanent
            + ["agency"] * self.agency
            + ["on_call"] * self.on_call
            + ["other"] * self.other
        )


@dataclass(frozen=True)
class ProjectSpec:
    """A project: published figures, invented attributes, and how to draw its people."""

    code: str
    name: str
    network: str
    sector: str
    region: str
    start: date
    target_participants: int
    target_transitions: int
    continuation: str
    own_share: Fraction
    individual_contribution: bool | None
    employer_contribution: bool | None
    union_involved: bool | None
    formal_agreement: str
    # final delivery
    reached: int
    transitions: int
    learn_work: int
    self_employed: int
    ongoing: int
    dropouts: int  # of the finished non-transitions; the rest is no_work
    education: tuple[int, int, int]  # low, middle, high
    contracts: Contracts
    part_time: int  # transitions below 36 hours
    # interim delivery
    late: int  # participants registered after the interim delivery
    interim_transitions: int
    interim_others: int  # finished without a transition
    interim_permanent: int
    # how to draw the people
    mean_age: float
    age_sd: float
    age_range: tuple[int, int]
    unknown_age: int
    male_share: float
    situations: tuple[float, float, float, float]  # threatened, dismissed, unemployed, other
    places: tuple[Place, ...]
    jobs_before: tuple[Job, ...]
    jobs_after: tuple[Job, ...]


# fmt: off
NATIONAL: Final[tuple[Place, ...]] = (
    (3511, 3585, 6), (1011, 1109, 6), (3011, 3089, 6), (5611, 5658, 4), (8011, 8046, 3),
    (9711, 9747, 3), (6811, 6846, 3), (5211, 5248, 3), (4811, 4839, 3), (3811, 3829, 3),
    (8911, 8939, 2), (5011, 5049, 3), (6511, 6546, 3), (7311, 7339, 3), (7511, 7548, 3),
    (2011, 2037, 2), (2311, 2334, 2), (1811, 1829, 2), (6211, 6229, 2), (5911, 5929, 2),
    (7411, 7429, 2), (3771, 3774, 1), (7771, 7773, 1), (4001, 4007, 1),
)
HAAGLANDEN: Final[tuple[Place, ...]] = (
    (2491, 2599, 10), (2611, 2629, 3), (2711, 2729, 3), (2281, 2289, 2), (2261, 2275, 2),
    (2671, 2671, 1), (2641, 2642, 1), (2241, 2245, 1),
)
RIVIERENLAND: Final[tuple[Place, ...]] = (
    (4001, 4007, 4), (4101, 4107, 3), (4191, 4194, 2), (5301, 5308, 2), (6658, 6658, 1),
    (4041, 4043, 1), (4116, 4117, 1),
)
HARDENBERG: Final[tuple[Place, ...]] = (
    (7771, 7773, 6), (7701, 7703, 3), (7776, 7776, 1), (7783, 7783, 1), (7691, 7691, 1),
    (7731, 7731, 2), (8011, 8046, 1),
)
STEDENDRIEHOEK: Final[tuple[Place, ...]] = (
    (7311, 7339, 6), (7411, 7429, 4), (7201, 7207, 2), (7391, 7392, 1), (8161, 8162, 1),
    (6711, 6721, 2), (6701, 6709, 1), (3901, 3907, 2),
)
ZUIDOOST_BRABANT: Final[tuple[Place, ...]] = (
    (5611, 5658, 8), (5501, 5509, 2), (5681, 5684, 1), (5671, 5674, 1), (5581, 5583, 1),
    (5691, 5694, 1),
)

OFFICE_JOBS: Final[tuple[Job, ...]] = (
    ("2421", "M", 6), ("2411", "M", 5), ("3313", "M", 6), ("4110", "N", 8), ("4311", "K", 6),
    ("3343", "K", 5), ("2512", "J", 6), ("2423", "M", 4), ("3221", "Q", 6), ("5321", "Q", 8),
    ("2221", "Q", 3), ("5223", "G", 6), ("3322", "G", 5), ("4222", "N", 6), ("8322", "H", 3),
    ("1219", "K", 2), ("3315", "K", 3),
)
RIVER_JOBS: Final[tuple[Job, ...]] = (
    ("8332", "H", 12), ("4321", "H", 8), ("9333", "H", 10), ("8344", "H", 8), ("9329", "C", 10),
    ("7233", "C", 6), ("7223", "C", 5), ("4110", "C", 6), ("3322", "G", 5), ("6112", "A", 4),
    ("9211", "A", 6), ("5223", "G", 4), ("1324", "H", 2), ("2144", "C", 2), ("3313", "M", 2),
)
VECHTDAL_JOBS: Final[tuple[Job, ...]] = (
    ("7223", "C", 10), ("7212", "C", 10), ("8219", "C", 8), ("8142", "C", 8), ("9329", "C", 8),
    ("3122", "C", 5), ("2144", "C", 5), ("3115", "C", 5), ("4110", "C", 5), ("7233", "C", 4),
    ("8332", "H", 4), ("5321", "Q", 4), ("2421", "M", 2), ("3221", "Q", 2),
)
VALLEI_JOBS: Final[tuple[Job, ...]] = (
    ("8160", "C", 10), ("9329", "C", 8), ("4110", "N", 8), ("4311", "M", 6), ("5223", "G", 8),
    ("8332", "H", 6), ("4321", "H", 6), ("3322", "G", 5), ("4222", "N", 5), ("2421", "M", 3),
    ("5321", "Q", 5), ("9112", "N", 3), ("7233", "C", 3), ("3122", "C", 2),
)
BRAINPORT_JOBS: Final[tuple[Job, ...]] = (
    ("7223", "C", 10), ("8211", "C", 8), ("3115", "C", 6), ("2144", "C", 4), ("3118", "M", 5),
    ("7412", "C", 5), ("7411", "F", 5), ("4110", "G", 6), ("5223", "G", 6), ("3322", "G", 5),
    ("2512", "J", 3), ("4321", "G", 4), ("8332", "H", 3),
)
USUAL_SITUATIONS: Final = (0.80, 0.10, 0.08, 0.02)

PROJECTS: Final[tuple[ProjectSpec, ...]] = (
    ProjectSpec(
        code="schilderscool", name="Schilder^sCOOL", network="sector", sector="F", region="",
        start=date(2010, 12, 1), target_participants=80, target_transitions=70,
        continuation="continued", own_share=Fraction(55, 100), individual_contribution=True,
        employer_contribution=True, union_involved=True, formal_agreement="covenant",
        reached=130, transitions=110, learn_work=103, self_employed=1, ongoing=5, dropouts=6,
        education=(58, 70, 2), contracts=Contracts(104, 3, 2, 0, 1), part_time=4,
        late=4, interim_transitions=96, interim_others=8, interim_permanent=2,
        mean_age=21.0, age_sd=2.6, age_range=(17, 29), unknown_age=0, male_share=0.93,
        situations=(0.85, 0.05, 0.10, 0.0), places=NATIONAL,
        jobs_before=(
            ("7131", "F", 70), ("7132", "F", 8), ("9313", "F", 10), ("7123", "F", 4),
            ("5223", "G", 4), ("9329", "C", 4),
        ),
        jobs_after=(("7131", "F", 6), ("7132", "C", 1), ("9313", "F", 1), ("5223", "G", 1)),
    ),
    ProjectSpec(
        code="grafimedia", name="Grafimediabranche", network="sector", sector="C", region="",
        start=date(2010, 12, 1), target_participants=100, target_transitions=85,
        continuation="continued", own_share=Fraction(60, 100), individual_contribution=False,
        employer_contribution=True, union_involved=True, formal_agreement="both",
        reached=125, transitions=70, learn_work=0, self_employed=2, ongoing=15, dropouts=10,
        education=(30, 78, 17), contracts=Contracts(48, 10, 6, 3, 3), part_time=12,
        late=5, interim_transitions=60, interim_others=24, interim_permanent=6,
        mean_age=47.6, age_sd=8.0, age_range=(24, 63), unknown_age=0, male_share=0.72,
        situations=USUAL_SITUATIONS, places=NATIONAL,
        jobs_before=(
            ("7322", "C", 30), ("7321", "C", 12), ("7323", "C", 15), ("2166", "C", 6),
            ("3322", "C", 6), ("4321", "C", 5), ("8322", "C", 3), ("3122", "C", 5),
            ("4110", "C", 4), ("7322", "J", 4), ("2166", "J", 3),
        ),
        jobs_after=(
            ("7322", "C", 20), ("7321", "C", 6), ("7323", "C", 8), ("2166", "M", 4),
            ("4321", "G", 6), ("9333", "H", 6), ("8344", "H", 4), ("8332", "H", 3),
            ("5223", "G", 4), ("4110", "N", 4), ("3322", "G", 3), ("8219", "C", 4),
            ("2166", "J", 2),
        ),
    ),
    ProjectSpec(
        code="zw-haaglanden", name="ZW Haaglanden", network="region", sector="",
        region="Haaglanden", start=date(2011, 1, 1), target_participants=60,
        target_transitions=50, continuation="stopped", own_share=Fraction(50, 100),
        individual_contribution=True, employer_contribution=True, union_involved=True,
        formal_agreement="steering_group",
        reached=70, transitions=40, learn_work=0, self_employed=1, ongoing=8, dropouts=6,
        education=(12, 35, 23), contracts=Contracts(26, 6, 4, 2, 2), part_time=12,
        late=3, interim_transitions=33, interim_others=12, interim_permanent=3,
        mean_age=42.6, age_sd=9.0, age_range=(23, 63), unknown_age=1, male_share=0.48,
        situations=USUAL_SITUATIONS, places=HAAGLANDEN,
        jobs_before=OFFICE_JOBS, jobs_after=OFFICE_JOBS,
    ),
    ProjectSpec(
        code="sswt", name="SSWT", network="sector", sector="C", region="",
        start=date(2010, 12, 1), target_participants=75, target_transitions=65,
        continuation="continued", own_share=Fraction(60, 100), individual_contribution=False,
        employer_contribution=True, union_involved=True, formal_agreement="both",
        reached=95, transitions=60, learn_work=0, self_employed=1, ongoing=6, dropouts=7,
        education=(70, 23, 2), contracts=Contracts(40, 9, 7, 2, 2), part_time=6,
        late=4, interim_transitions=51, interim_others=16, interim_permanent=5,
        mean_age=48.0, age_sd=8.0, age_range=(24, 64), unknown_age=0, male_share=0.90,
        situations=USUAL_SITUATIONS, places=NATIONAL,
        jobs_before=(
            ("7522", "C", 30), ("7523", "C", 25), ("8172", "C", 10), ("7115", "C", 12),
            ("9329", "C", 10), ("8344", "C", 5), ("3122", "C", 5), ("4110", "C", 3),
        ),
        jobs_after=(
            ("7115", "F", 15), ("7522", "C", 15), ("7523", "C", 10), ("8219", "C", 6),
            ("9333", "H", 6), ("8344", "H", 5), ("8332", "H", 4), ("7111", "F", 5),
            ("9329", "C", 5), ("7233", "C", 2), ("5153", "L", 2),
        ),
    ),
    ProjectSpec(
        code="fnv-bouw", name="FNV Bouw", network="sector", sector="F", region="",
        start=date(2010, 12, 1), target_participants=80, target_transitions=70,
        continuation="intends", own_share=Fraction(52, 100), individual_contribution=True,
        employer_contribution=False, union_involved=True, formal_agreement="steering_group",
        reached=100, transitions=55, learn_work=0, self_employed=1, ongoing=10, dropouts=9,
        education=(68, 30, 2), contracts=Contracts(36, 8, 8, 2, 1), part_time=5,
        late=5, interim_transitions=45, interim_others=18, interim_permanent=4,
        mean_age=47.3, age_sd=8.0, age_range=(24, 64), unknown_age=0, male_share=0.97,
        situations=USUAL_SITUATIONS, places=NATIONAL,
        jobs_before=(
            ("7111", "F", 15), ("7112", "F", 18), ("7115", "F", 20), ("7114", "F", 10),
            ("9313", "F", 15), ("7121", "F", 6), ("3123", "F", 5), ("7126", "F", 5),
            ("8342", "F", 3), ("3112", "F", 3),
        ),
        jobs_after=(
            ("7115", "F", 15), ("7112", "F", 10), ("9313", "F", 8), ("7111", "F", 6),
            ("7126", "F", 4), ("8332", "H", 6), ("9333", "H", 5), ("5414", "N", 4),
            ("7233", "G", 2), ("5153", "L", 3), ("9312", "F", 3), ("3123", "F", 3),
        ),
    ),
    ProjectSpec(
        code="rivu", name="RIVU", network="region", sector="", region="Rivierenland",
        start=date(2011, 2, 1), target_participants=60, target_transitions=50,
        continuation="stopped", own_share=Fraction(50, 100), individual_contribution=True,
        employer_contribution=False, union_involved=False, formal_agreement="none",
        reached=58, transitions=30, learn_work=0, self_employed=1, ongoing=5, dropouts=7,
        education=(10, 38, 10), contracts=Contracts(21, 4, 3, 1, 1), part_time=8,
        late=3, interim_transitions=25, interim_others=14, interim_permanent=3,
        mean_age=46.8, age_sd=8.5, age_range=(24, 64), unknown_age=1, male_share=0.68,
        situations=USUAL_SITUATIONS, places=RIVIERENLAND,
        jobs_before=RIVER_JOBS, jobs_after=RIVER_JOBS,
    ),
    ProjectSpec(
        code="tc-maasland-hardenberg", name="TC Maasland-Hardenberg", network="region",
        sector="", region="Regio Zwolle", start=date(2011, 3, 1), target_participants=100,
        target_transitions=85, continuation="intends", own_share=Fraction(55, 100),
        individual_contribution=True, employer_contribution=True, union_involved=True,
        formal_agreement="covenant",
        reached=35, transitions=15, learn_work=0, self_employed=0, ongoing=3, dropouts=5,
        education=(5, 23, 7), contracts=Contracts(10, 3, 1, 1, 0), part_time=3,
        late=2, interim_transitions=12, interim_others=11, interim_permanent=2,
        mean_age=42.4, age_sd=9.0, age_range=(23, 63), unknown_age=0, male_share=0.74,
        situations=USUAL_SITUATIONS, places=HARDENBERG,
        jobs_before=VECHTDAL_JOBS, jobs_after=VECHTDAL_JOBS,
    ),
    ProjectSpec(
        code="voorsprongvoucher", name="Voorsprongvoucher", network="region", sector="",
        region="Stedendriehoek en Noordwest Veluwe", start=date(2011, 3, 1),
        target_participants=130, target_transitions=110, continuation="adapted",
        own_share=Fraction(50, 100), individual_contribution=None, employer_contribution=True,
        union_involved=False, formal_agreement="steering_group",
        reached=40, transitions=14, learn_work=0, self_employed=1, ongoing=4, dropouts=8,
        education=(7, 30, 3), contracts=Contracts(8, 3, 2, 0, 1), part_time=8,
        late=2, interim_transitions=11, interim_others=12, interim_permanent=1,
        mean_age=47.2, age_sd=8.5, age_range=(24, 64), unknown_age=1, male_share=0.62,
        situations=USUAL_SITUATIONS, places=STEDENDRIEHOEK,
        jobs_before=VALLEI_JOBS, jobs_after=VALLEI_JOBS,
    ),
    ProjectSpec(
        code="mkb-eindhoven", name="MKB Eindhoven", network="region", sector="",
        region="Zuidoost-Brabant", start=date(2011, 4, 1), target_participants=100,
        target_transitions=85, continuation="stopped", own_share=Fraction(50, 100),
        individual_contribution=True, employer_contribution=False, union_involved=False,
        formal_agreement="none",
        reached=27, transitions=10, learn_work=0, self_employed=1, ongoing=2, dropouts=6,
        education=(5, 20, 2), contracts=Contracts(6, 2, 1, 0, 1), part_time=6,
        late=1, interim_transitions=7, interim_others=9, interim_permanent=1,
        mean_age=47.5, age_sd=8.5, age_range=(24, 64), unknown_age=0, male_share=0.70,
        situations=USUAL_SITUATIONS, places=ZUIDOOST_BRABANT,
        jobs_before=BRAINPORT_JOBS, jobs_after=BRAINPORT_JOBS,
    ),
)

# fmt: on
BUDGET_PER_PLANNED_PARTICIPANT: Final = 4500  # euro; the scheme relates budget to participants

# ---------------------------------------------------------------------------------------------
# Employers and vacancies (all names invented).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Employer:
    id: str
    name: str
    sector: str
    postcode: str
    project: str


# (title, ISCO-08, minimum education, hours, contract, skills)
VacancyTemplate = tuple[str, str, str, int, str, str]

# fmt: off
EMPLOYERS: Final[tuple[tuple[Employer, tuple[VacancyTemplate, ...]], ...]] = (
    (Employer("E001", "Opleidingsbedrijf Kwast en Kleur Midden", "F", "3542", "schilderscool"), (
        ("Leerling-schilder BBL niveau 2", "7131", "vmbo", 38, "fixed_term",
         "kwasten en rollen|ondergrond voorbehandelen|veilig werken op hoogte"),
        ("Praktijkopleider schilderwerk", "7131", "mbo3", 38, "permanent",
         "leerlingen begeleiden|kleuradvies|planning"),
    )),
    (Employer("E002", "Schildersleerbedrijf De Penseelstreek", "F", "8017", "schilderscool"), (
        ("Leerling-schilder BBL niveau 3", "7131", "mbo2", 38, "fixed_term",
         "spuiten en lakken|houtrot herstellen|kleuren mengen"),
    )),
    (Employer("E003", "Opleidingsbedrijf Verf en Vak Zuid", "F", "5222", "schilderscool"), (
        ("Leerling-schilder BBL", "7131", "vmbo", 38, "fixed_term",
         "kwasten en rollen|afplakken en afdekken|glaszetten"),
    )),
    (Employer("E004", "Schildersbedrijf Gebroeders Lakenman", "F", "3812", "schilderscool"), (
        ("Allround schilder", "7131", "mbo2", 40, "fixed_term",
         "kwasten en rollen|houtrot herstellen|klantvriendelijk werken"),
    )),
    (Employer("E005", "Afbouw- en Schilderwerken Oranjeboog", "F", "3044", "schilderscool"), (
        ("Schilder onderhoud woningbouw", "7131", "mbo2", 38, "agency",
         "kwasten en rollen|steigerwerk|ondergrond voorbehandelen"),
    )),
    (Employer("E006", "Drukkerij De Inktvis", "C", "1033", "grafimedia"), (
        ("Offsetdrukker", "7322", "mbo3", 38, "fixed_term",
         "drukpers instellen|kleurbeheer|kwaliteitscontrole"),
        ("Medewerker prepress", "7321", "mbo4", 38, "permanent",
         "opmaakprogramma's|kleurbeheer|drukproeven beoordelen"),
    )),
    (Employer("E007", "Grafisch Bedrijf Papierklem", "C", "8028", "grafimedia"), (
        ("Digitaal drukker", "7322", "mbo2", 36, "fixed_term",
         "digitale drukpers bedienen|kwaliteitscontrole|klantgericht werken"),
    )),
    (Employer("E008", "Offset- en Digitaaldruk Letterzetter", "C", "2031", "grafimedia"), (
        ("Medewerker afwerking", "7323", "vmbo", 38, "fixed_term",
         "snijmachine bedienen|vouwen en nieten|orderpicken"),
        ("Grafisch vormgever", "2166", "hbo", 32, "fixed_term",
         "vormgeving|opmaakprogramma's|typografie"),
    )),
    (Employer("E009", "Verpakkingsdrukkerij Kartonkade", "C", "5651", "grafimedia"), (
        ("Operator verpakkingsdrukpers", "7322", "mbo2", 40, "fixed_term",
         "drukpers instellen|ploegendienst|kwaliteitscontrole"),
    )),
    (Employer("E010", "Mediaproductiehuis Kolom en Marge", "J", "3526", "grafimedia"), (
        ("Vormgever/dtp'er", "2166", "mbo4", 36, "fixed_term",
         "opmaakprogramma's|beeldbewerking|typografie"),
    )),
    (Employer("E011", "Boekbinderij Rugwerk", "C", "5221", "grafimedia"), (
        ("Boekbinder", "7323", "vmbo", 38, "permanent", "binden|snijden|kwaliteitscontrole"),
    )),
    (Employer("E012", "Timmerfabriek Eikenrand", "C", "3771", "sswt"), (
        ("Machinaal houtbewerker", "7523", "mbo2", 40, "fixed_term",
         "CNC-machine bedienen|werktekeningen lezen|houtsoorten kennen"),
        ("Kozijnenmaker", "7522", "mbo2", 40, "fixed_term",
         "werktekeningen lezen|montage|afwerken"),
    )),
    (Employer("E013", "Kozijnfabriek Houtnerf", "C", "7701", "sswt"), (
        ("Allround timmerman werkplaats", "7522", "mbo3", 40, "permanent",
         "werktekeningen lezen|maatvoering|afwerken"),
    )),
    (Employer("E014", "Trappenmakerij De Leuning", "C", "5048", "sswt"), (
        ("Trappenmaker", "7522", "mbo2", 40, "fixed_term",
         "werktekeningen lezen|maatvoering|montage"),
    )),
    (Employer("E015", "Deurenfabriek Scharnier", "C", "9723", "sswt"), (
        ("Productiemedewerker deuren", "9329", "vmbo", 38, "fixed_term",
         "machine bedienen|kwaliteitscontrole|samenwerken"),
    )),
    (Employer("E016", "Houtbouwsystemen Spantwerk", "C", "7332", "sswt"), (
        ("Montagemedewerker houtbouw", "7115", "mbo2", 40, "fixed_term",
         "montage|veilig werken op hoogte|werktekeningen lezen"),
        ("CNC-operator houtbewerking", "7523", "mbo2", 40, "fixed_term",
         "CNC-machine bedienen|programmeren|kwaliteitscontrole"),
    )),
    (Employer("E017", "Bouwcombinatie Steigerpaal", "F", "3089", "fnv-bouw"), (
        ("Timmerman nieuwbouw", "7115", "mbo2", 40, "fixed_term",
         "maatvoering|bekisting|veilig werken op hoogte"),
        ("Uitvoerder woningbouw", "3123", "mbo4", 40, "permanent",
         "planning|leidinggeven|bouwtechniek"),
    )),
    (Employer("E018", "Aannemersbedrijf De Dakgoot", "F", "6541", "fnv-bouw"), (
        ("Metselaar", "7112", "mbo2", 40, "fixed_term",
         "metselen|maatvoering|bouwtekeningen lezen"),
        ("Dakdekker", "7121", "vmbo", 40, "agency",
         "bitumen verwerken|veilig werken op hoogte|dakpannen leggen"),
    )),
    (Employer("E019", "Betonbouw Wapeningsnet", "F", "4823", "fnv-bouw"), (
        ("Betonwerker", "7114", "vmbo", 40, "fixed_term", "bekisting|wapening|beton storten"),
    )),
    (Employer("E020", "Installatiebedrijf Leidingloop", "F", "6827", "fnv-bouw"), (
        ("Installatiemonteur sanitair", "7126", "mbo2", 40, "fixed_term",
         "leidingen leggen|solderen|storingen verhelpen"),
        ("Elektromonteur", "7411", "mbo3", 40, "fixed_term",
         "installaties aansluiten|NEN 1010|storingen verhelpen"),
    )),
    (Employer("E021", "Infrabouw Kantstreep", "F", "8938", "fnv-bouw"), (
        ("Grondwerker", "9312", "vmbo", 40, "fixed_term",
         "graafwerk|veilig werken langs de weg|rijbewijs B"),
    )),
    (Employer("E022", "Zorggroep Helmgras", "Q", "2551", "zw-haaglanden"), (
        ("Verzorgende IG", "5321", "mbo3", 28, "fixed_term",
         "persoonlijke verzorging|medicatie toedienen|rapporteren"),
        ("Wijkverpleegkundige", "2221", "hbo", 32, "permanent",
         "indiceren|zorg coördineren|rapporteren"),
    )),
    (Employer("E023", "Administratiekantoor Kolomtelling", "M", "2288", "zw-haaglanden"), (
        ("Medewerker salarisadministratie", "4313", "mbo4", 36, "fixed_term",
         "salarisverwerking|Excel|nauwkeurig werken"),
        ("Assistent-accountant", "3313", "hbo", 38, "fixed_term",
         "jaarrekeningen|fiscale aangiften|Excel"),
    )),
    (Employer("E024", "Glastuinbouwlogistiek Kasrand", "H", "2671", "zw-haaglanden"), (
        ("Orderpicker", "9333", "basis", 38, "agency", "orderpicken|handscanner|fysiek werk"),
    )),
    (Employer("E025", "Verzekeringskantoor Zeewering", "K", "2516", "zw-haaglanden"), (
        ("Schadebehandelaar", "3315", "mbo4", 36, "fixed_term",
         "schade beoordelen|klantcontact|polisvoorwaarden"),
        ("Klantenservicemedewerker", "4222", "mbo2", 32, "fixed_term",
         "telefonisch klantcontact|systemen raadplegen|klachten afhandelen"),
    )),
    (Employer("E026", "ICT-dienstverlener Bitbrug", "J", "2628", "zw-haaglanden"), (
        ("Applicatieontwikkelaar", "2512", "hbo", 40, "permanent",
         "programmeren|databanken|testen"),
    )),
    (Employer("E027", "Transportbedrijf Waalkade", "H", "4004", "rivu"), (
        ("Vrachtwagenchauffeur CE", "8332", "vmbo", 45, "fixed_term",
         "rijbewijs CE|code 95|laden en lossen"),
        ("Bijrijder", "9333", "basis", 40, "on_call",
         "laden en lossen|klantvriendelijk werken|fysiek werk"),
    )),
    (Employer("E028", "Fruitteeltbedrijf De Appelgaard", "A", "4191", "rivu"), (
        ("Oogstmedewerker fruitteelt", "9211", "basis", 40, "fixed_term",
         "plukken|sorteren|fysiek werk"),
        ("Bedrijfsleider fruitteelt", "6112", "mbo4", 40, "permanent",
         "snoeien|gewasbescherming|leidinggeven"),
    )),
    (Employer("E029", "Distributiecentrum Uiterwaard", "H", "4104", "rivu"), (
        ("Heftruckchauffeur", "8344", "vmbo", 38, "agency",
         "heftruck rijden|reachtruck|voorraadbeheer"),
        ("Voorraadbeheerder", "4321", "mbo3", 38, "fixed_term",
         "voorraadbeheer|magazijnsysteem|inventariseren"),
    )),
    (Employer("E030", "Machinefabriek Dijkpaal", "C", "5301", "rivu"), (
        ("Monteur landbouwmachines", "7233", "mbo3", 40, "fixed_term",
         "hydrauliek|storingen verhelpen|lassen"),
    )),
    (Employer("E031", "Metaalbewerking Zandweg", "C", "7772", "tc-maasland-hardenberg"), (
        ("Lasser MIG/MAG", "7212", "mbo2", 40, "fixed_term",
         "MIG/MAG-lassen|werktekeningen lezen|meten"),
        ("Constructiebankwerker", "7214", "mbo2", 40, "fixed_term",
         "samenstellen|lassen|werktekeningen lezen"),
    )),
    (Employer("E032", "Kunststoffabriek Korrelstroom", "C", "7701", "tc-maasland-hardenberg"), (
        ("Operator spuitgieten", "8142", "vmbo", 40, "fixed_term",
         "spuitgietmachine bedienen|ploegendienst|kwaliteitscontrole"),
    )),
    (Employer("E033", "Thuiszorg Heideveld", "Q", "7731", "tc-maasland-hardenberg"), (
        ("Helpende thuiszorg", "5322", "mbo2", 24, "fixed_term",
         "huishoudelijke hulp|persoonlijke verzorging|rapporteren"),
        ("Verpleegkundige niveau 4", "3221", "mbo4", 32, "fixed_term",
         "verpleegtechnische handelingen|rapporteren|zorgplan"),
    )),
    (Employer("E034", "Voedingsmiddelenfabriek Graanschuur", "C", "6716", "voorsprongvoucher"), (
        ("Productiemedewerker voedingsmiddelen", "8160", "vmbo", 38, "agency",
         "hygiënisch werken|lijnbediening|ploegendienst"),
        ("Teamleider productie", "3122", "mbo4", 40, "fixed_term",
         "leidinggeven|planning|HACCP"),
    )),
    (Employer("E035", "Logistiek Centrum Kanaalzijde", "H", "7326", "voorsprongvoucher"), (
        ("Magazijnmedewerker", "4321", "vmbo", 38, "agency",
         "orderpicken|voorraadbeheer|handscanner"),
        ("Chauffeur bestelbus", "8322", "vmbo", 40, "fixed_term",
         "rijbewijs B|klantvriendelijk werken|routeplanning"),
    )),
    (Employer("E036", "Administratiekantoor Grootboek", "M", "7202", "voorsprongvoucher"), (
        ("Boekhoudkundig medewerker", "4311", "mbo3", 32, "fixed_term",
         "boekhouden|btw-aangifte|Excel"),
    )),
    (Employer("E037", "Precisietechniek Draaibank", "C", "5652", "mkb-eindhoven"), (
        ("CNC-frezer", "7223", "mbo3", 40, "fixed_term", "CNC-frezen|programmeren|meten"),
    )),
    (Employer("E038", "Ontwerpbureau Tekentafel", "M", "5617", "mkb-eindhoven"), (
        ("Tekenaar-constructeur", "3118", "mbo4", 40, "fixed_term",
         "CAD|werktekeningen maken|sterkteberekening"),
        ("Werktuigbouwkundig ingenieur", "2144", "hbo", 40, "permanent",
         "ontwerpen|CAD|projectmatig werken"),
    )),
    (Employer("E039", "Elektrotechniek Stroomkring", "F", "5504", "mkb-eindhoven"), (
        ("Elektromonteur", "7411", "mbo2", 40, "fixed_term",
         "installaties aansluiten|NEN 1010|storingen verhelpen"),
    )),
    (Employer("E040", "Groothandel Nietmachine", "G", "5684", "mkb-eindhoven"), (
        ("Verkoopmedewerker binnendienst", "3322", "mbo4", 38, "fixed_term",
         "offertes maken|klantcontact|Excel"),
        ("Verkoopmedewerker winkel", "5223", "vmbo", 24, "on_call",
         "klantvriendelijk werken|kassa|vakken vullen"),
    )),
)

# fmt: on
TRAINING_COMPANIES: Final = ("E001", "E002", "E003")  # Schilder^sCOOL's opleidingsbedrijven
AGENCIES: Final = (
    "Uitzendbureau Snelstart",
    "Uitzendorganisatie Tijdelijk Talent",
    "Detacheringsbureau Vakkrachtpunt",
    "Flexbureau Inzetbaar",
)
# New employers outside employers.csv, recorded by name only (as a mediator would).
FREE_EMPLOYERS: Final[dict[str, tuple[str, ...]]] = {
    "A": ("Kwekerij Stekjesveld",),
    "C": ("Bakkerij Korstje", "Metaalwarenfabriek Moerbout"),
    "F": ("Klusbedrijf Waterpas", "Renovatiebedrijf Dakkapel"),
    "G": ("Supermarkt Boodschappenmand", "Bouwmarkt Schroevendraaier", "Garage Krikstand"),
    "H": ("Koeriersdienst Snelpakket", "Transportonderneming Oplegger"),
    "J": ("Softwarehuis Ponskaart",),
    "K": ("Assurantiekantoor Paraplu",),
    "L": ("Woningbeheer Sleutelbos",),
    "M": ("Adviesbureau Kompasnaald",),
    "N": ("Schoonmaakbedrijf Glimmer", "Beveiligingsdienst Wachttoren"),
    "Q": ("Zorgcentrum Vlierbes",),
}

DESCRIPTIONS: Final[dict[str, str]] = {
    FINAL: (
        "Reconstructie van de eindrapportage van de negen experimenten van-werk-naar-werk "
        "(Kamerstuk 29 544, nr. 433), periode 1 december 2010 tot 1 maart 2012: consistent "
        "met alle gepubliceerde cijfers, verzonnen waar de bronnen zwijgen; geen echte "
        "personen of bedrijven. / Reconstruction of the final report of the nine job-to-job "
        "experiments (Dutch parliamentary paper 29 544, no. 433), period 1 December 2010 to "
        "1 March 2012: consistent with every published figure, invented where the sources "
        "are silent; no real people or companies."
    ),
    INTERIM: (
        "Reconstructie van de tussenrapportage van de negen experimenten van-werk-naar-werk "
        "(Kamerstuk 29 544, nr. 404), een eerdere en minder volledige momentopname van "
        "dezelfde deelnemers: consistent met alle gepubliceerde cijfers, verzonnen waar de "
        "bronnen zwijgen; geen echte personen of bedrijven. / Reconstruction of the interim "
        "report of the nine job-to-job experiments (Dutch parliamentary paper 29 544, "
        "no. 404), an earlier, less complete snapshot of the same participants: consistent "
        "with every published figure, invented where the sources are silent; no real "
        "people or companies."
    ),
}
DELIVERED_ON: Final = {INTERIM: date(2012, 6, 15), FINAL: date(2012, 11, 1)}

# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


@dataclass
class Person:
    """One participant while being generated; ``outcome`` is empty while ongoing."""

    spec: ProjectSpec
    outcome: str
    contract: str = ""
    part_time: bool = False
    late: bool = False  # registered after the interim delivery
    outcome_in_interim: bool = False
    age: int | None = None
    level: str = ""
    row: dict[str, str] = field(default_factory=dict)
    result: dict[str, str] | None = None


def weighted(rng: random.Random, items: Sequence[tuple[str, str, int]]) -> tuple[str, str]:
    chosen = rng.choices(items, weights=[weight for _, _, weight in items])[0]
    return chosen[0], chosen[1]


def postcode(rng: random.Random, places: Sequence[Place]) -> str:
    first, last, _ = rng.choices(places, weights=[weight for _, _, weight in places])[0]
    return str(rng.randint(first, last))


def uniform_date(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def completed_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def fmt_bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def fmt_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def plan_people(spec: ProjectSpec, rng: random.Random) -> list[Person]:
    """Everyone in a project with their final status, interim status and contract."""
    transitions: list[Person] = []
    learn_work, self_employed = spec.learn_work, spec.self_employed
    for contract in spec.contracts.as_list():
        if contract == "fixed_term" and learn_work:
            kind, learn_work = "learn_work", learn_work - 1
        elif contract == "other" and self_employed:
            kind, self_employed = "self_employed", self_employed - 1
        else:
            kind = "work"
        transitions.append(Person(spec, kind, contract))
    if len(transitions) != spec.transitions or learn_work or self_employed:
        raise ValueError(f"{spec.code}: contracts do not fit the transitions")
    for person in rng.sample(transitions, spec.part_time):
        person.part_time = True

    permanent = [p for p in transitions if p.contract == "permanent"]
    other_contracts = [p for p in transitions if p.contract != "permanent"]
    for person in rng.sample(permanent, spec.interim_permanent):
        person.outcome_in_interim = True
    for person in rng.sample(other_contracts, spec.interim_transitions - spec.interim_permanent):
        person.outcome_in_interim = True

    others_count = spec.reached - spec.transitions - spec.ongoing
    others = [Person(spec, "dropout") for _ in range(spec.dropouts)]
    others += [Person(spec, "no_work") for _ in range(others_count - spec.dropouts)]
    for person in rng.sample(others, spec.interim_others):
        person.outcome_in_interim = True

    ongoing = [Person(spec, "") for _ in range(spec.ongoing)]
    late_ongoing = min(spec.late, spec.ongoing, (spec.late + 1) // 2)
    for person in rng.sample(ongoing, late_ongoing):
        person.late = True
    registered_later = [p for p in transitions + others if not p.outcome_in_interim]
    for person in rng.sample(registered_later, spec.late - late_ongoing):
        person.late = True

    people = transitions + others + ongoing
    rng.shuffle(people)
    return people


def draw_ages(spec: ProjectSpec, count: int, rng: random.Random) -> list[int]:
    """Ages at intake whose mean is within 0.15 year of the project's intended mean."""
    low, high = spec.age_range
    ages = [min(high, max(low, round(rng.gauss(spec.mean_age, spec.age_sd)))) for _ in range(count)]
    while abs(sum(ages) / count - spec.mean_age) > 0.15:
        step = -1 if sum(ages) / count > spec.mean_age else 1
        index = rng.randrange(count)
        if low <= ages[index] + step <= high:
            ages[index] += step
    return ages


LOW_OLD: Final = ("lbo", "lbo", "mavo", "vbo", "basis")
LOW_YOUNG: Final = ("vmbo", "vmbo", "vmbo", "mbo1", "avo_onderbouw", "basis")
MIDDLE_OLD: Final = ("mbo", "mbo", "mbo", "mbo3", "mbo4", "havo")
MIDDLE_YOUNG: Final = ("mbo2", "mbo2", "mbo2", "mbo3", "mbo3", "mbo4", "mbo", "havo")
HIGH_TRADES: Final = ("hbo", "hbo", "hbo", "wo")
HIGH_MIXED: Final = ("hbo", "hbo", "hbo", "wo", "hbo_master", "wo_master")


def education_code(spec: ProjectSpec, level: str, age: int | None, rng: random.Random) -> str:
    """A code for the level; older people carry the names of their school days (lbo, mavo)."""
    old = age is None or age >= 32
    if level == "low":
        return rng.choice(LOW_OLD if old else LOW_YOUNG)
    if level == "middle":
        return rng.choice(MIDDLE_OLD if old else MIDDLE_YOUNG)
    if spec.code == "schilderscool":
        return "hbo"  # a graduate retraining as a painter
    return rng.choice(HIGH_TRADES if spec.network == "sector" else HIGH_MIXED)


def assign_characteristics(spec: ProjectSpec, people: list[Person], rng: random.Random) -> None:
    """Ages and education levels; the project's counts and mean age hold exactly."""
    known = people[: len(people) - spec.unknown_age]
    for person, age in zip(known, draw_ages(spec, len(known), rng), strict=True):
        person.age = age
    low, middle, high = spec.education
    levels = ["low"] * low + ["middle"] * middle + ["high"] * high
    rng.shuffle(levels)
    if spec.code == "schilderscool":
        # The two higher-educated apprentices are among the oldest.
        levels = [level for level in levels if level != "high"]
        by_age = sorted(range(len(people)), key=lambda i: -(people[i].age or 0))
        for index in sorted(by_age[:high]):
            levels.insert(index, "high")
    for person, level in zip(people, levels, strict=True):
        person.level = level


def draw_dates(person: Person, rng: random.Random) -> tuple[date, date | None]:
    """Intake date and outcome date (None while ongoing), inside the monitoring period."""
    start = person.spec.start
    if not person.outcome:
        return uniform_date(rng, max(start, date(2011, 9, 1)), PERIOD_END), None
    if person.outcome_in_interim:
        intake = uniform_date(rng, start, PERIOD_END - timedelta(days=45))
        if person.outcome in ("work", "learn_work", "self_employed"):
            days = rng.randint(21, 270)
        elif person.outcome == "dropout":
            days = rng.randint(14, 150)
        else:
            days = rng.randint(120, 365)
        end = intake + timedelta(days=days)
        if end > PERIOD_END:
            end = uniform_date(rng, intake + timedelta(days=14), PERIOD_END)
        return intake, end
    # Outcomes the interim delivery did not have yet: mostly late in the period.
    earliest = max(start, date(2011, 7, 1) if person.late else date(2011, 4, 1))
    intake = uniform_date(rng, earliest, PERIOD_END - timedelta(days=20))
    first = max(intake + timedelta(days=14), date(2011, 11, 1))
    return intake, uniform_date(rng, first, PERIOD_END)


def birth_fields(age: int | None, intake: date, rng: random.Random) -> tuple[str, str]:
    """birth_date and birth_year so that the age at intake is exactly ``age``."""
    if age is None:
        return "", ""
    if rng.random() < 0.15:
        return "", str(intake.year - age)
    first = years_before(intake, age + 1) + timedelta(days=1)
    born = uniform_date(rng, first, years_before(intake, age))
    if completed_years(born, intake) != age:
        raise AssertionError("birth date does not give the intended age")
    return born.isoformat(), ""


def gender(spec: ProjectSpec, rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.004:
        return "x"
    if draw < 0.012:
        return ""
    return "m" if rng.random() < spec.male_share else "f"


def situation(spec: ProjectSpec, rng: random.Random) -> str:
    names = ("threatened", "dismissed", "unemployed", "other")
    return rng.choices(names, weights=spec.situations)[0]


def hours_before(spec: ProjectSpec, rng: random.Random) -> str:
    if rng.random() < 0.04:
        return ""
    if spec.code == "schilderscool":
        return rng.choice(("38", "38", "40", "32"))
    return rng.choice(("40", "40", "38", "38", "38", "36", "36", "32", "32", "24", "20"))


def participant_row(person: Person, intake: date, rng: random.Random) -> dict[str, str]:
    spec = person.spec
    birth_date, birth_year = birth_fields(person.age, intake, rng)
    occupation, sector = weighted(rng, spec.jobs_before)
    return {
        "id": "",
        "project": spec.code,
        "intake_date": intake.isoformat(),
        "birth_date": birth_date,
        "birth_year": birth_year,
        "gender": gender(spec, rng),
        "education": education_code(spec, person.level, person.age, rng),
        "situation": situation(spec, rng),
        "occupation": "" if rng.random() < 0.03 else occupation,
        "sector": "" if rng.random() < 0.02 else sector,
        "postcode": "" if rng.random() < 0.02 else postcode(rng, spec.places),
        "hours_before": hours_before(spec, rng),
    }


def new_hours(person: Person, rng: random.Random) -> float:
    if person.outcome == "learn_work":
        return 32.0 if person.part_time else rng.choice((38.0, 38.0, 38.0, 40.0))
    if person.part_time:
        return rng.choice((16.0, 20.0, 24.0, 24.0, 28.0, 30.0, 32.0, 32.0, 34.0, 35.0, 35.5))
    return rng.choice((36.0, 36.0, 36.0, 37.0, 38.0, 38.0, 38.0, 38.0, 40.0, 40.0, 40.0, 40.0))


def benefit_days(situation_code: str, rng: random.Random) -> str:
    if rng.random() < 0.02:
        return ""
    if situation_code == "unemployed":
        return str(rng.randint(30, 240))
    if situation_code == "dismissed":
        return "0" if rng.random() < 0.3 else str(rng.randint(14, 120))
    if situation_code == "threatened":
        return "0" if rng.random() < 0.9 else str(rng.randint(7, 60))
    return "0" if rng.random() < 0.5 else str(rng.randint(7, 90))


def new_employer(person: Person, sector: str, rng: random.Random) -> tuple[str, str]:
    """The new employer (an id from employers.csv, a name, or unknown) and its sector."""
    if person.outcome == "self_employed":
        return "", sector
    if person.contract == "agency":
        return rng.choice(AGENCIES), "N"
    if person.outcome == "learn_work":
        return rng.choice(TRAINING_COMPANIES), "F"
    own = [e.id for e, _ in EMPLOYERS if e.project == person.spec.code and e.sector == sector]
    draw = rng.random()
    if own and draw < 0.7:
        return rng.choice(own), sector
    if draw < 0.9 and sector in FREE_EMPLOYERS:
        return rng.choice(FREE_EMPLOYERS[sector]), sector
    return "", sector


def outcome_row(person: Person, day: date, rng: random.Random) -> dict[str, str]:
    row = dict.fromkeys(HEADERS["outcomes"], "")
    row.update(outcome=person.outcome, date=day.isoformat())
    if person.outcome in ("no_work", "dropout"):
        return row
    if person.outcome == "learn_work":
        occupation, sector = ("7132" if rng.random() < 0.05 else "7131"), "F"
    else:
        occupation, sector = weighted(rng, person.spec.jobs_after)
    employer, employer_sector = new_employer(person, sector, rng)
    row.update(
        contract=person.contract,
        hours=fmt_number(new_hours(person, rng)),
        employer=employer,
        sector=employer_sector,
        occupation=occupation,
        benefit_days=benefit_days(person.row["situation"], rng),
    )
    return row


def project_row(spec: ProjectSpec, continuation: str) -> dict[str, str]:
    budget = spec.target_participants * BUDGET_PER_PLANNED_PARTICIPANT
    own = int(budget * spec.own_share)
    return {
        "code": spec.code,
        "name": spec.name,
        "network": spec.network,
        "sector": spec.sector,
        "region": spec.region,
        "start_date": spec.start.isoformat(),
        "end_date": PERIOD_END.isoformat(),
        "target_participants": str(spec.target_participants),
        "target_transitions": str(spec.target_transitions),
        "budget_eur": str(budget),
        "own_funds_eur": str(own),
        "subsidy_eur": str(budget - own),
        "individual_contribution": fmt_bool(spec.individual_contribution),
        "employer_contribution": fmt_bool(spec.employer_contribution),
        "union_involved": fmt_bool(spec.union_involved),
        "formal_agreement": spec.formal_agreement,
        "continuation": continuation,
    }


def employer_rows() -> list[dict[str, str]]:
    return [
        {
            "id": e.id,
            "name": e.name,
            "sector": e.sector,
            "postcode": e.postcode,
            "project": e.project,
        }
        for e, _ in EMPLOYERS
    ]


def vacancy_rows(rng: random.Random) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for employer, templates in EMPLOYERS:
        for title, isco, min_education, hours, contract, skills in templates:
            opened = uniform_date(rng, max(PERIOD_START, date(2011, 1, 3)), date(2012, 2, 1))
            apprentices = title.startswith("Leerling")
            rows.append(
                {
                    "id": f"V{len(rows) + 1:03d}",
                    "employer": employer.id,
                    "title": title,
                    "occupation": isco,
                    "sector": employer.sector,
                    "postcode": employer.postcode,
                    "min_education": min_education,
                    "hours": str(hours),
                    "contract": contract,
                    "positions": str(
                        rng.randint(4, 12) if apprentices else rng.choice((1, 1, 2, 3))
                    ),
                    "skills": skills,
                    "open_date": opened.isoformat(),
                    "close_date": (opened + timedelta(days=rng.randint(28, 90))).isoformat(),
                }
            )
    return rows


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[column] for column in columns])
    return buffer.getvalue()


def generate(seed: int) -> dict[str, dict[str, str]]:
    """The two deliveries as {delivery: {file name: CSV text}}."""
    rng = random.Random(seed)
    people: list[Person] = []
    for spec in PROJECTS:
        project_people = plan_people(spec, rng)
        assign_characteristics(spec, project_people, rng)
        for person in project_people:
            intake, day = draw_dates(person, rng)
            person.row = participant_row(person, intake, rng)
            person.result = None if day is None else outcome_row(person, day, rng)
        people.extend(project_people)

    numbers = rng.sample(range(1, 1_000_000), len(people))
    for person, number in zip(people, numbers, strict=True):
        person.row["id"] = f"P{number:06d}"
        if person.result is not None:
            person.result["participant"] = person.row["id"]
    people.sort(key=lambda p: p.row["id"])

    employers = employer_rows()
    vacancies = vacancy_rows(random.Random(seed + 1))
    deliveries: dict[str, dict[str, str]] = {}
    for delivery in (FINAL, INTERIM):
        interim = delivery == INTERIM
        members = [p for p in people if not (interim and p.late)]
        outcomes = [
            p.result
            for p in members
            if p.result is not None and (p.outcome_in_interim or not interim)
        ]
        meta = {
            "name": delivery,
            "delivered_on": DELIVERED_ON[delivery].isoformat(),
            "description": DESCRIPTIONS[delivery],
        }
        deliveries[delivery] = {
            "delivery": to_csv(HEADERS["delivery"], [meta]),
            "projects": to_csv(
                HEADERS["projects"],
                [project_row(s, "unknown" if interim else s.continuation) for s in PROJECTS],
            ),
            "participants": to_csv(HEADERS["participants"], [p.row for p in members]),
            "outcomes": to_csv(HEADERS["outcomes"], outcomes),
            "employers": to_csv(HEADERS["employers"], employers),
            "vacancies": to_csv(HEADERS["vacancies"], vacancies),
        }
    return deliveries


def write(deliveries: Mapping[str, Mapping[str, str]], out: Path) -> None:
    for delivery, files in deliveries.items():
        folder = out / delivery
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (folder / f"{name}.csv").write_bytes(text.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Verification: reads the files back and recomputes every published figure. Deliberately shares
# nothing with the generator above except the column names of the exchange format and the list
# of ISCO codes; the expected figures are transcribed again from NINE-EXPERIMENTS.md.
# ---------------------------------------------------------------------------------------------

# fmt: off
# name as in the letter: network, target participants, target transitions, reached,
# transitions, of which learn-work, ongoing, low, middle, high, mean-age band, continuation
ExpectedProject = tuple[str, int, int, int, int, int, int, int, int, int, str, str]
EXPECTED_FINAL: Final[dict[str, ExpectedProject]] = {
    "Schilder^sCOOL": ("sector", 80, 70, 130, 110, 103, 5, 58, 70, 2, "21", "continued"),
    "Grafimediabranche": ("sector", 100, 85, 125, 70, 0, 15, 30, 78, 17, "45-50", "continued"),
    "ZW Haaglanden": ("region", 60, 50, 70, 40, 0, 8, 12, 35, 23, "40-45", "stopped"),
    "SSWT": ("sector", 75, 65, 95, 60, 0, 6, 70, 23, 2, "45-50", "continued"),
    "FNV Bouw": ("sector", 80, 70, 100, 55, 0, 10, 68, 30, 2, "45-50", "intends"),
    "RIVU": ("region", 60, 50, 58, 30, 0, 5, 10, 38, 10, "45-50", "stopped"),
    "TC Maasland-Hardenberg": ("region", 100, 85, 35, 15, 0, 3, 5, 23, 7, "40-45", "intends"),
    "Voorsprongvoucher": ("region", 130, 110, 40, 14, 0, 4, 7, 30, 3, "45-50", "adapted"),
    "MKB Eindhoven": ("region", 100, 85, 27, 10, 0, 2, 5, 20, 2, "45-50", "stopped"),
}
# fmt: on
EXPECTED_REACH: Final = {
    "above": {"Schilder^sCOOL", "Grafimediabranche", "ZW Haaglanden", "SSWT", "FNV Bouw"},
    "near": {"RIVU"},
    "below": {"TC Maasland-Hardenberg", "Voorsprongvoucher", "MKB Eindhoven"},
}
TRANSITION_KINDS: Final = frozenset({"work", "learn_work", "self_employed"})
LEVEL_OF: Final = {
    "basis": "low",
    "vmbo": "low",
    "lbo": "low",
    "mavo": "low",
    "vbo": "low",
    "avo_onderbouw": "low",
    "mbo1": "low",
    "mbo": "middle",
    "mbo2": "middle",
    "mbo3": "middle",
    "mbo4": "middle",
    "havo": "middle",
    "vwo": "middle",
    "hbo": "high",
    "wo": "high",
    "hbo_master": "high",
    "wo_master": "high",
    "doctor": "high",
}
AGE_MARGIN: Final = Fraction(1, 2)  # a mean age keeps this distance from its band's edges
FULLTIME_HOURS: Final = 36
ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")

Rows = list[dict[str, str]]


def percent(numerator: int, denominator: int) -> int:
    """A share in whole percents, rounded half up (as the letter rounds)."""
    return (200 * numerator + denominator) // (2 * denominator)


def round_half_up(value: Fraction) -> int:
    return int((value + Fraction(1, 2)) // 1)


def parse_date(text: str) -> date:
    if not ISO_DATE.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def read_delivery(folder: Path, problems: list[str]) -> dict[str, Rows]:
    """Every file of a delivery as rows, checking encoding, line endings and headers."""
    files: dict[str, Rows] = {}
    for name, columns in HEADERS.items():
        path = folder / f"{name}.csv"
        if not path.is_file():
            problems.append(f"{path}: missing")
            files[name] = []
            continue
        raw = path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{path}: starts with a byte order mark")
        if b"\r" in raw:
            problems.append(f"{path}: has carriage returns (want \\n line endings)")
        table = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        if not table or tuple(table[0]) != columns:
            problems.append(f"{path}: header is not {','.join(columns)}")
            files[name] = []
            continue
        for number, record in enumerate(table[1:], start=2):
            if len(record) != len(columns):
                problems.append(f"{path}:{number}: {len(record)} cells, want {len(columns)}")
        files[name] = [dict(zip(columns, r, strict=False)) for r in table[1:]]
    return files


def age_at_intake(row: Mapping[str, str]) -> int | None:
    intake = date.fromisoformat(row["intake_date"])
    if row["birth_date"]:
        born = date.fromisoformat(row["birth_date"])
        return intake.year - born.year - ((intake.month, intake.day) < (born.month, born.day))
    if row["birth_year"]:
        return intake.year - int(row["birth_year"])
    return None


@dataclass
class Figures:
    """The indicators of INDICATORS.md over one project or all of them (no as-of date)."""

    target_participants: int = 0
    target_transitions: int = 0
    reached: int = 0
    transitions: int = 0
    finished: int = 0
    by_outcome: Counter[str] = field(default_factory=Counter)
    ages: list[int] = field(default_factory=list)
    education: Counter[str] = field(default_factory=Counter)
    contracts: Counter[str] = field(default_factory=Counter)
    hours_known: int = 0
    fulltime: int = 0

    @property
    def ongoing(self) -> int:
        return self.reached - self.finished

    @property
    def mean_age(self) -> Fraction:
        return Fraction(sum(self.ages), len(self.ages))

    @property
    def contracts_known(self) -> int:
        return sum(self.contracts.values())

    @property
    def reach_class(self) -> str:
        ratio = Fraction(self.reached, self.target_participants)
        if ratio > 1:
            return "above"
        return "near" if ratio >= Fraction(9, 10) else "below"


def compute(files: Mapping[str, Rows]) -> tuple[dict[str, Figures], Figures]:
    """Per project (keyed by project name) and in total."""
    names = {row["code"]: row["name"] for row in files["projects"]}
    per_code = {code: Figures() for code in names}
    for row in files["projects"]:
        per_code[row["code"]].target_participants = int(row["target_participants"])
        per_code[row["code"]].target_transitions = int(row["target_transitions"])
    outcome_of = {row["participant"]: row for row in files["outcomes"]}
    for row in files["participants"]:
        figures = per_code[row["project"]]
        figures.reached += 1
        age = age_at_intake(row)
        if age is not None:
            figures.ages.append(age)
        if row["education"]:
            figures.education[LEVEL_OF[row["education"]]] += 1
        result = outcome_of.get(row["id"])
        if result is None:
            continue
        figures.finished += 1
        figures.by_outcome[result["outcome"]] += 1
        if result["outcome"] not in TRANSITION_KINDS:
            continue
        figures.transitions += 1
        if result["contract"]:
            figures.contracts[result["contract"]] += 1
        if result["hours"]:
            figures.hours_known += 1
            figures.fulltime += float(result["hours"]) >= FULLTIME_HOURS
    total = Figures()
    for figures in per_code.values():
        total.target_participants += figures.target_participants
        total.target_transitions += figures.target_transitions
        total.reached += figures.reached
        total.transitions += figures.transitions
        total.finished += figures.finished
        total.by_outcome.update(figures.by_outcome)
        total.ages.extend(figures.ages)
        total.education.update(figures.education)
        total.contracts.update(figures.contracts)
        total.hours_known += figures.hours_known
        total.fulltime += figures.fulltime
    return {names[code]: figures for code, figures in per_code.items()}, total


class Checker:
    """Collects every figure that is off instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def equal(self, what: str, actual: object, expected: object) -> None:
        if actual != expected:
            self.problems.append(f"{what}: is {actual}, want {expected}")

    def share(self, what: str, numerator: int, denominator: int, expected: int) -> None:
        actual = percent(numerator, denominator) if denominator else None
        if actual != expected:
            self.problems.append(f"{what}: {numerator}/{denominator} = {actual}%, want {expected}%")

    def fact(self, what: str, holds: bool) -> None:
        if not holds:
            self.problems.append(what)


def check_age_band(check: Checker, name: str, mean: Fraction, band: str) -> None:
    if band == "21":
        check.equal(f"{name} mean age (rounded)", round_half_up(mean), 21)
        check.fact(
            f"{name} mean age {float(mean):.2f} too close to a rounding edge",
            abs(mean - 21) <= Fraction(3, 10),
        )
        return
    low, high = (int(part) for part in band.split("-"))
    check.fact(f"{name} mean age {float(mean):.2f} not in [{low}, {high})", low <= mean < high)
    check.fact(
        f"{name} mean age {float(mean):.2f} within {float(AGE_MARGIN)} of [{low}, {high})",
        low + AGE_MARGIN <= mean <= high - AGE_MARGIN,
    )


def check_final(check: Checker, files: Mapping[str, Rows]) -> None:
    projects, total = compute(files)
    check.equal("final: project names", sorted(projects), sorted(EXPECTED_FINAL))
    project_rows = {row["name"]: row for row in files["projects"]}
    for name, expected in EXPECTED_FINAL.items():
        figures = projects.get(name)
        if figures is None:
            continue
        (
            network,
            target_p,
            target_t,
            reached,
            transitions,
            learn_work,
            ongoing,
            low,
            middle,
            high,
            band,
            continuation,
        ) = expected
        row = project_rows[name]
        check.equal(f"{name} network", row["network"], network)
        check.equal(f"{name} target participants", figures.target_participants, target_p)
        check.equal(f"{name} target transitions", figures.target_transitions, target_t)
        check.equal(f"{name} reached", figures.reached, reached)
        check.equal(f"{name} transitions", figures.transitions, transitions)
        check.equal(f"{name} learn-work", figures.by_outcome["learn_work"], learn_work)
        check.equal(f"{name} ongoing", figures.ongoing, ongoing)
        check.equal(
            f"{name} education low/middle/high",
            (figures.education["low"], figures.education["middle"], figures.education["high"]),
            (low, middle, high),
        )
        check_age_band(check, name, figures.mean_age, band)
        check.equal(f"{name} continuation", row["continuation"], continuation)
        check.fact(
            f"{name} has transitions without a known contract or hours",
            figures.contracts_known == figures.transitions == figures.hours_known,
        )
    for kind, members in EXPECTED_REACH.items():
        actual = {name for name, figures in projects.items() if figures.reach_class == kind}
        check.equal(f"projects {kind} target", sorted(actual), sorted(members))

    check.equal("total target participants", total.target_participants, 785)
    check.equal("total target transitions", total.target_transitions, 670)
    check.equal("total reached", total.reached, 680)
    check.equal("total transitions", total.transitions, 404)
    # The letter prints "60% (404 mensen)" of 680; 404/680 is 59.4%, so a report computed
    # with the definitions shows 59%. The counts are the letter's; see the demo README.
    check.share("transition rate", total.transitions, total.reached, 59)
    check.equal("total learn-work", total.by_outcome["learn_work"], 103)
    check.equal("total ongoing", total.ongoing, 58)
    check.equal("total finished", total.finished, 622)
    check.equal(
        "total education low/middle/high",
        (total.education["low"], total.education["middle"], total.education["high"]),
        (265, 347, 68),
    )
    known = sum(total.education.values())
    check.share("education low", total.education["low"], known, 39)
    check.share("education middle", total.education["middle"], known, 51)
    check.share("education high", total.education["high"], known, 10)
    for name, level, expected_share in (
        ("FNV Bouw", "low", 68),
        ("SSWT", "low", 74),
        ("TC Maasland-Hardenberg", "high", 20),
        ("ZW Haaglanden", "high", 33),
        ("RIVU", "high", 17),
    ):
        figures = projects[name]
        check.share(
            f"{name} {level} education",
            figures.education[level],
            sum(figures.education.values()),
            expected_share,
        )
    check.equal("fixed-term contracts", total.contracts["fixed_term"], 299)
    check.equal("permanent contracts", total.contracts["permanent"], 48)
    check.equal("contracts known", total.contracts_known, 404)
    check.share("fixed-term share", total.contracts["fixed_term"], total.contracts_known, 74)
    check.share("permanent share", total.contracts["permanent"], total.contracts_known, 12)
    check.equal("transitions with known hours", total.hours_known, 404)
    check.equal("transitions of 36 hours or more", total.fulltime, 340)
    check.share("full-time share", total.fulltime, total.hours_known, 84)


def check_interim(check: Checker, files: Mapping[str, Rows]) -> None:
    _, total = compute(files)
    check.equal("interim reached", total.reached, 651)
    check.share("interim reached of the target", total.reached, total.target_participants, 83)
    check.equal("interim transitions", total.transitions, 340)
    check.share("interim transition rate", total.transitions, total.reached, 52)
    check.equal("interim finished", total.finished, 464)
    check.share("interim transitions among finished", total.transitions, total.finished, 73)
    check.equal("interim ongoing", total.ongoing, 187)
    check.share("interim ongoing share", total.ongoing, total.reached, 29)
    check.equal("interim permanent contracts", total.contracts["permanent"], 27)
    check.share("interim permanent share", total.contracts["permanent"], total.contracts_known, 8)
    check.equal("interim transitions with known hours", total.hours_known, 340)


def check_projects(check: Checker, files: Mapping[str, Rows]) -> None:
    """What the letter says about the projects' set-up, and the scheme's funding rule."""
    rows = {row["name"]: row for row in files["projects"]}
    no_contribution = {n for n, r in rows.items() if r["individual_contribution"] == "false"}
    check.equal(
        "projects asking no individual contribution",
        sorted(no_contribution),
        ["Grafimediabranche", "SSWT"],
    )
    check.equal("FNV Bouw union involvement", rows["FNV Bouw"]["union_involved"], "true")
    unions = sum(r["union_involved"] == "true" for r in rows.values())
    check.fact(f"unions involved in only {unions} of {len(rows)} projects", 2 * unions > len(rows))
    for name, row in rows.items():
        budget, own = int(row["budget_eur"]), int(row["own_funds_eur"])
        check.fact(f"{name}: own funds below 50% of the budget", 2 * own >= budget)
        check.equal(f"{name}: subsidy", int(row["subsidy_eur"]), budget - own)
        start, end = parse_date(row["start_date"]), parse_date(row["end_date"])
        check.fact(
            f"{name}: dates outside the monitoring period",
            PERIOD_START <= start <= end <= PERIOD_END,
        )
        check.fact(f"{name}: code longer than 40 characters", len(row["code"]) <= 40)
    budgets = {Fraction(int(r["budget_eur"]), int(r["target_participants"])) for r in rows.values()}
    check.fact("budgets are not proportional to the target participants", len(budgets) == 1)


# fmt: off
CODES: Final[dict[tuple[str, str], frozenset[str]]] = {
    ("projects", "network"): frozenset({"sector", "region", "mixed"}),
    ("projects", "formal_agreement"): frozenset({"", "none", "covenant", "steering_group",
                                                  "both"}),
    ("projects", "continuation"): frozenset({"stopped", "continued", "adapted", "intends",
                                              "unknown"}),
    ("participants", "gender"): frozenset({"", "f", "m", "x"}),
    ("participants", "education"): frozenset(LEVEL_OF),
    ("participants", "situation"): frozenset({"", "threatened", "dismissed", "unemployed",
                                               "other"}),
    ("outcomes", "outcome"): frozenset({"work", "learn_work", "self_employed", "no_work",
                                         "dropout"}),
    ("outcomes", "contract"): frozenset({"", "fixed_term", "permanent", "agency", "on_call",
                                          "other"}),
    ("vacancies", "contract"): frozenset({"", "fixed_term", "permanent", "agency", "on_call",
                                           "other"}),
    ("vacancies", "min_education"): frozenset(LEVEL_OF) | {""},
}
# fmt: on
SECTORS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTU") | {""}
DATE_COLUMNS: Final = {
    "delivery": ("delivered_on",),
    "projects": ("start_date", "end_date"),
    "participants": ("intake_date", "birth_date"),
    "outcomes": ("date",),
    "vacancies": ("open_date", "close_date"),
}


def check_cells(check: Checker, label: str, files: Mapping[str, Rows]) -> None:
    """Every cell in the format EXCHANGE.md asks for, with the codes it allows."""
    for (name, column), allowed in CODES.items():
        for row in files[name]:
            check.fact(
                f"{label} {name}.{column}: unknown code {row[column]!r}", row[column] in allowed
            )
    for name, columns in DATE_COLUMNS.items():
        for row in files[name]:
            for column in columns:
                if row[column] and not ISO_DATE.fullmatch(row[column]):
                    check.fact(f"{label} {name}.{column}: bad date {row[column]!r}", False)
    for name in ("projects", "participants", "outcomes", "employers", "vacancies"):
        if "sector" in HEADERS[name]:
            for row in files[name]:
                check.fact(f"{label} {name}.sector: {row['sector']!r}", row["sector"] in SECTORS)
        if "occupation" in HEADERS[name]:
            for row in files[name]:
                occupation = row["occupation"]
                check.fact(
                    f"{label} {name}.occupation: {occupation!r} is not a listed ISCO code",
                    occupation == "" or occupation in ISCO_UNIT_GROUPS,
                )
        if "postcode" in HEADERS[name]:
            for row in files[name]:
                check.fact(
                    f"{label} {name}.postcode: {row['postcode']!r}",
                    re.fullmatch(r"([1-9]\d{3})?", row["postcode"]) is not None,
                )
    for row in files["projects"]:
        for column in ("individual_contribution", "employer_contribution", "union_involved"):
            check.fact(
                f"{label} projects.{column}: {row[column]!r}", row[column] in ("", "true", "false")
            )


def check_rows(check: Checker, label: str, files: Mapping[str, Rows]) -> None:
    """Keys, references, dates in order and inside the period, numbers in range."""
    starts = {row["code"]: parse_date(row["start_date"]) for row in files["projects"]}
    ids = [row["id"] for row in files["participants"]]
    check.fact(f"{label}: duplicate participant ids", len(ids) == len(set(ids)))
    intake: dict[str, date] = {}
    for row in files["participants"]:
        check.fact(
            f"{label}: bad participant id {row['id']!r}",
            re.fullmatch(r"P\d{6}", row["id"]) is not None,
        )
        day = parse_date(row["intake_date"])
        intake[row["id"]] = day
        check.fact(f"{label} {row['id']}: unknown project", row["project"] in starts)
        check.fact(
            f"{label} {row['id']}: intake outside the period or before the project",
            max(PERIOD_START, starts.get(row["project"], PERIOD_START)) <= day <= PERIOD_END,
        )
        if row["hours_before"]:
            check.fact(f"{label} {row['id']}: hours_before", 0 <= float(row["hours_before"]) <= 80)
        check.fact(
            f"{label} {row['id']}: both birth date and year",
            not (row["birth_date"] and row["birth_year"]),
        )
    employers = {row["id"] for row in files["employers"]}
    seen: set[str] = set()
    for row in files["outcomes"]:
        who = row["participant"]
        check.fact(f"{label} outcome for unknown participant {who}", who in intake)
        check.fact(f"{label} second outcome for {who}", who not in seen)
        seen.add(who)
        day = parse_date(row["date"])
        check.fact(
            f"{label} {who}: outcome date outside intake..period end",
            intake.get(who, PERIOD_START) <= day <= PERIOD_END,
        )
        if row["hours"]:
            check.fact(f"{label} {who}: hours {row['hours']}", 0 < float(row["hours"]) <= 80)
        if re.fullmatch(r"E\d{3}", row["employer"]):
            check.fact(
                f"{label} {who}: unknown employer {row['employer']}", row["employer"] in employers
            )
        if row["benefit_days"]:
            check.fact(f"{label} {who}: benefit_days", int(row["benefit_days"]) >= 0)
    for row in files["vacancies"]:
        check.fact(f"{label} {row['id']}: unknown employer", row["employer"] in employers)
        check.fact(f"{label} {row['id']}: positions", int(row["positions"]) >= 1)
        check.fact(
            f"{label} {row['id']}: closes before it opens",
            parse_date(row["open_date"]) <= parse_date(row["close_date"]),
        )
    hours = {row["hours"] for row in files["outcomes"]}
    check.fact(f"{label}: no transition at exactly 36 and at 35 hours", {"35", "36"} <= hours)


def check_snapshot(check: Checker, final: Mapping[str, Rows], interim: Mapping[str, Rows]) -> None:
    """The interim delivery is an earlier, less complete view of the same people."""
    final_people = {row["id"]: row for row in final["participants"]}
    final_outcomes = {row["participant"]: row for row in final["outcomes"]}
    for row in interim["participants"]:
        check.fact(
            f"interim participant {row['id']} differs from the final delivery",
            final_people.get(row["id"]) == row,
        )
    for row in interim["outcomes"]:
        check.fact(
            f"interim outcome of {row['participant']} differs from the final delivery",
            final_outcomes.get(row["participant"]) == row,
        )
    check.equal(
        "participants registered late",
        len(final["participants"]) - len(interim["participants"]),
        29,
    )
    for row in interim["projects"]:
        match = [r for r in final["projects"] if r["code"] == row["code"]]
        check.fact(
            f"interim project {row['code']} differs from the final one (not continuation)",
            len(match) == 1 and {**match[0], "continuation": ""} == {**row, "continuation": ""},
        )
    for name in ("employers", "vacancies"):
        check.equal(f"interim {name}", interim[name], final[name])
    _, before = compute(interim)
    _, after = compute(final)
    check.share(
        "permanent contracts, interim (letter: up from 8%)",
        before.contracts["permanent"],
        before.contracts_known,
        8,
    )
    check.share(
        "permanent contracts, final (letter: to 12%)",
        after.contracts["permanent"],
        after.contracts_known,
        12,
    )


def verify(out: Path) -> tuple[list[str], list[str]]:
    """(problems, summary lines) for the two deliveries under ``out``."""
    problems: list[str] = []
    final = read_delivery(out / FINAL, problems)
    interim = read_delivery(out / INTERIM, problems)
    if problems:
        return problems, []
    check = Checker()
    for label, files in ((FINAL, final), (INTERIM, interim)):
        check_cells(check, label, files)
        check_rows(check, label, files)
        check.equal(f"{label} delivery name", [r["name"] for r in files["delivery"]], [label])
    check_final(check, final)
    check_projects(check, final)
    check_interim(check, interim)
    check_snapshot(check, final, interim)
    return check.problems, summary(final, interim)


def summary(final: Mapping[str, Rows], interim: Mapping[str, Rows]) -> list[str]:
    projects, total = compute(final)
    _, before = compute(interim)
    continuation = {row["name"]: row["continuation"] for row in final["projects"]}
    head = (
        f"{'project':<24}{'tgtP':>5}{'tgtT':>5}{'reach':>6}  {'class':<6}{'trans':>6}"
        f"{'l-w':>5}{'ongo':>5}{'low':>5}{'mid':>5}{'high':>5}{'age':>6}  continuation"
    )
    lines = [head, "-" * len(head)]
    for name, f in projects.items():
        known = sum(f.education.values())
        lines.append(
            f"{name:<24}{f.target_participants:>5}{f.target_transitions:>5}{f.reached:>6}  "
            f"{f.reach_class:<6}{f.transitions:>6}{f.by_outcome['learn_work']:>5}"
            f"{f.ongoing:>5}{percent(f.education['low'], known):>4}%"
            f"{percent(f.education['middle'], known):>4}%{percent(f.education['high'], known):>4}%"
            f"{float(f.mean_age):>6.1f}  {continuation[name]}"
        )
    known = sum(total.education.values())
    lines += [
        "-" * len(head),
        f"{'total':<24}{total.target_participants:>5}{total.target_transitions:>5}"
        f"{total.reached:>6}  {'':<6}{total.transitions:>6}{total.by_outcome['learn_work']:>5}"
        f"{total.ongoing:>5}{percent(total.education['low'], known):>4}%"
        f"{percent(total.education['middle'], known):>4}%"
        f"{percent(total.education['high'], known):>4}%{float(total.mean_age):>6.1f}",
        "",
        f"final:   transition rate {total.transitions}/{total.reached} = "
        f"{100 * total.transitions / total.reached:.1f}% (the letter prints 60%); "
        f"finished {total.finished}; by outcome {dict(sorted(total.by_outcome.items()))}",
        f"         contracts {dict(sorted(total.contracts.items()))}: fixed-term "
        f"{percent(total.contracts['fixed_term'], total.contracts_known)}%, permanent "
        f"{percent(total.contracts['permanent'], total.contracts_known)}%; "
        f"36 h or more {total.fulltime}/{total.hours_known} = "
        f"{percent(total.fulltime, total.hours_known)}%",
        f"interim: reached {before.reached}, transitions {before.transitions} "
        f"({percent(before.transitions, before.reached)}%), finished {before.finished} "
        f"({percent(before.transitions, before.finished)}% a transition), ongoing "
        f"{before.ongoing} ({percent(before.ongoing, before.reached)}%), permanent "
        f"{before.contracts['permanent']}/{before.contracts_known} = "
        f"{percent(before.contracts['permanent'], before.contracts_known)}%",
        f"compare: permanent contracts up from "
        f"{percent(before.contracts['permanent'], before.contracts_known)}% to "
        f"{percent(total.contracts['permanent'], total.contracts_known)}%",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 433)")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="folder for the two deliveries (default src/werkbrug/demo/data)",
    )
    parser.add_argument(
        "--verify-only", action="store_true", help="do not generate; only verify the files in --out"
    )
    args = parser.parse_args(argv)

    if not args.verify_only:
        deliveries = generate(args.seed)
        if generate(args.seed) != deliveries:
            print("error: two runs with the same seed differ", file=sys.stderr)
            return 1
        write(deliveries, args.out)
    problems, lines = verify(args.out)
    if problems:
        print(f"error: {len(problems)} figure(s) or cell(s) off in {args.out}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    print(f"\nverified: every figure of NINE-EXPERIMENTS.md holds ({args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
