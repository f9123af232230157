"""Generate a large, valid `werkbrug-exchange/1` CSV delivery for benchmarks.

Standard library only, seeded and deterministic (same arguments and Python version give
byte-identical files), streaming: memory stays small whatever the number of rows.

    python bench/generate_delivery.py OUTDIR [--projects 1000] [--participants 1000000]
        [--outcomes 700000] [--employers 5000] [--vacancies 20000] [--seed 1] [--bad-last-row]

Every column of EXCHANGE.md is filled, with a realistic share of empty (unknown) cells, some
names that need RFC 4180 quoting (commas, double quotes) and some non-ASCII characters. All
cross-file rules hold: project codes exist, participant and outcome ids are unique, every
outcome belongs to an existing participant and is dated on or after the intake, end dates are
on or after start dates, and vacancies refer to existing employers.

`--bad-last-row` makes the very last row of participants.csv refer to an unknown project code,
for the "large file whose last row is bad" check: the importer must reject the whole delivery.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Protocol, TypeVar

T = TypeVar("T")

DELIVERY_NAME = "bench"
DELIVERED_ON = date(2025, 1, 31)
BAD_PROJECT_CODE = "ONBEKEND-9999"
CHUNK = 20_000

# Date strings are precomputed once: formatting a date per cell is the slowest part otherwise.
_DATE_LO = date(1935, 1, 1).toordinal()
_DATE_HI = date(2027, 12, 31).toordinal()
_DATES: list[str] = [date.fromordinal(o).isoformat() for o in range(_DATE_LO, _DATE_HI + 1)]
_DELIVERED = DELIVERED_ON.toordinal()


def iso(ordinal: int) -> str:
    return _DATES[ordinal - _DATE_LO]


# ---------------------------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------------------------

# ISCO-08 unit groups with a Dutch job title and the SBI section they mostly occur in.
ISCO: list[tuple[str, str, str]] = [
    ("7115", "Timmerman", "F"),
    ("7126", "Loodgieter", "F"),
    ("7131", "Schilder", "F"),
    ("7411", "Elektricien", "F"),
    ("7321", "Prepress-medewerker", "C"),
    ("7322", "Drukker", "C"),
    ("7323", "Afwerker drukwerk", "C"),
    ("7531", "Kleermaker", "C"),
    ("7533", "Naaister", "C"),
    ("8152", "Weefmachinebediende", "C"),
    ("4110", "Administratief medewerker", "N"),
    ("4321", "Magazijnmedewerker", "H"),
    ("5223", "Verkoopmedewerker", "G"),
    ("8322", "Chauffeur", "H"),
    ("9329", "Productiemedewerker", "C"),
    ("3313", "Boekhoudkundig medewerker", "M"),
    ("2421", "Beleidsadviseur", "O"),
    ("7233", "Monteur landbouw- en industriemachines", "C"),
]
ISCO_CODES = [c for c, _, _ in ISCO]
# Old jobs lean to declining trades (print, textile), new jobs to construction, logistics, care.
ISCO_OLD_W = [3, 2, 2, 3, 6, 8, 6, 4, 5, 5, 7, 5, 6, 4, 8, 3, 2, 3]
ISCO_NEW_W = [7, 6, 5, 8, 1, 1, 1, 1, 1, 1, 6, 8, 6, 7, 5, 3, 2, 5]

SBI = list("ABCDEFGHIJKLMNOPQRSTU")
SBI_W = [1, 1, 18, 1, 1, 9, 12, 9, 3, 4, 3, 1, 5, 7, 4, 3, 9, 2, 2, 1, 1]

REGIONS = [
    "Groot Amsterdam",
    "Rijnmond",
    "Haaglanden",
    "Midden-Utrecht",
    "Zuidoost-Brabant",
    "Twente",
]

EDUCATION = [
    "", "basis", "vmbo", "lbo", "mavo", "vbo", "avo_onderbouw", "mbo1", "mbo", "mbo2", "mbo3",
    "mbo4", "havo", "vwo", "hbo", "wo", "hbo_master", "wo_master", "doctor",
]  # fmt: skip
EDUCATION_W = [12, 4, 10, 2, 2, 1, 2, 4, 3, 14, 13, 11, 4, 2, 9, 3, 2, 1, 0.3]
VACANCY_EDUCATION = ["", "vmbo", "mbo2", "mbo3", "mbo4", "havo", "hbo", "wo"]
VACANCY_EDUCATION_W = [25, 10, 25, 18, 10, 2, 8, 2]

GENDER = ["f", "m", "x", ""]
GENDER_W = [38, 58, 0.5, 3.5]
SITUATION = ["threatened", "dismissed", "unemployed", "other", ""]
SITUATION_W = [52, 21, 16, 5, 6]
OUTCOME = ["work", "learn_work", "self_employed", "no_work", "dropout"]
OUTCOME_W = [55, 8, 5, 20, 12]
CONTRACT = ["fixed_term", "permanent", "agency", "on_call", "other", ""]
CONTRACT_W = [42, 22, 14, 5, 3, 14]
HOURS = ["40", "38", "36", "32", "28", "24", "20", "16", "12", "32.5", "25.5", ""]
HOURS_W = [16, 14, 16, 14, 5, 7, 5, 3, 1, 1, 1, 17]

NETWORK = ["sector", "region", "mixed", ""]
NETWORK_W = [35, 40, 20, 5]
AGREEMENT = ["none", "covenant", "steering_group", "both", ""]
AGREEMENT_W = [20, 25, 20, 20, 15]
CONTINUATION = ["stopped", "continued", "adapted", "intends", "unknown", ""]
CONTINUATION_W = [15, 20, 15, 15, 10, 25]
BOOLEAN = ["true", "false", "ja", "nee", "yes", "no", "1", "0", ""]
BOOLEAN_W = [20, 20, 5, 5, 3, 3, 2, 2, 40]

PROJECT_THEMES = [
    "Van Werk Naar Werk", "Samen Verder", "Sterk in Werk", "Werkfit", "Nieuwe Kansen",
    "Omscholing", "Talent in Transitie", "Wendbaar aan het Werk", "Coöperatie Werkbrug",
    "Scholing, Begeleiding en Bemiddeling", "Project \"Tweede Loopbaan\"", "Brug naar Zorg",
    "Techniektalent", "Loopbaancentrum", "Mobiliteitsnetwerk", "Doorstroom Logistiek",
]  # fmt: skip
PLACES = [
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Enschede", "Hengelo",
    "Almelo", "Zaandam", "Helmond", "Schiedam", "Delft", "Amersfoort", "Zeist", "Veldhoven",
    "Nijmegen", "Tilburg", "Groningen", "Leeuwarden", "Zwolle", "Den Bosch", "Maastricht",
    "Heerlen", "Sittard-Geleen", "Arnhem", "Emmen", "Assen", "Middelburg", "Oss", "Venlo",
]  # fmt: skip
# Kind of company and its SBI section.
COMPANY_KINDS: list[tuple[str, str]] = [
    ("Bouwbedrijf", "F"), ("Installatietechniek", "F"), ("Transport", "H"), ("Drukkerij", "C"),
    ("Zorggroep", "Q"), ("Schildersbedrijf", "F"), ("Logistiek", "H"), ("Metaalbewerking", "C"),
    ("Techniek", "C"), ("Uitzendbureau", "N"), ("Groothandel", "G"), ("Supermarkt", "G"),
    ("Confectie", "C"), ("Administratiekantoor", "M"), ("Elektrotechniek", "F"),
    ("Machinefabriek", "C"), ("Gemeente", "O"), ("Kinderopvang", "Q"), ("Energie", "D"),
]  # fmt: skip
SURNAMES = [
    "De Vries", "Jansen", "Van den Berg", "Bakker", "Visser", "Smit", "Meijer", "De Boer",
    "Mulder", "De Groot", "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker",
    "Brouwer", "De Wit", "Dijkstra", "Smits", "Van Dijk", "Kok", "Jacobs", "Van der Meer",
    "Verhoeven", "Willems", "Schouten", "Hoekstra", "Koster", "Prins", "Van Beek", "Boër",
]  # fmt: skip
COMPANY_SUFFIX = ["B.V.", "B.V.", "B.V.", "N.V.", "& Zn.", "Groep", "V.O.F.", "Holding B.V."]
SKILLS = [
    "veiligheid op de werkvloer", "VCA", "lassen", "heftruck rijden", "klantgericht werken",
    "plannen", "Excel", "boekhouden", "leidinggeven", "schilderen", "tekeningen lezen",
    "elektrische installaties", "sanitair installeren", "rijbewijs C", "orderpicken",
    "kassawerk", "Nederlandse taal", "teamwerk", "storingen verhelpen", "machines instellen",
]  # fmt: skip


def weighted(
    rng: random.Random, pool: Sequence[T], weights: Sequence[float]
) -> Callable[[int], list[T]]:
    """A sampler returning k weighted draws; cumulative weights computed once."""
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    if len(cum) != len(pool):
        raise ValueError("pool and weights differ in length")

    def draw(k: int) -> list[T]:
        return rng.choices(pool, cum_weights=cum, k=k)

    return draw


def postcodes(rng: random.Random, k: int, empty_share: float) -> list[str]:
    rand, randint = rng.random, rng.randint
    return ["" if rand() < empty_share else str(randint(1000, 9999)) for _ in range(k)]


def chunks(total: int, size: int = CHUNK) -> Iterator[int]:
    done = 0
    while done < total:
        n = min(size, total - done)
        yield n
        done += n


def money(rng: random.Random, lo: float, hi: float) -> int:
    """A round-ish amount in euros."""
    return round(rng.uniform(lo, hi) / 500) * 500


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Project:
    code: str
    start: int  # ordinal
    intake_hi: int  # last possible intake day (ordinal)


@dataclass
class Counts:
    projects: int
    participants: int
    outcomes: int
    employers: int
    vacancies: int


class RowWriter(Protocol):
    def writerow(self, row: Iterable[object], /) -> object: ...
    def writerows(self, rows: Iterable[Iterable[object]], /) -> None: ...


def open_csv(path: Path) -> tuple[IO[str], RowWriter]:
    f = path.open("w", encoding="utf-8", newline="")
    return f, csv.writer(f, lineterminator="\n")


def _nl(n: int) -> str:
    """A count as a Dutch text writes it (1.000): the description is Dutch."""
    return f"{n:,}".replace(",", ".")


def write_delivery(outdir: Path, counts: Counts) -> None:
    f, w = open_csv(outdir / "delivery.csv")
    with f:
        w.writerow(["name", "delivered_on", "description"])
        w.writerow(
            [
                DELIVERY_NAME,
                DELIVERED_ON.isoformat(),
                f"Benchmarklevering: {_nl(counts.projects)} projecten, "
                f"{_nl(counts.participants)} deelnemers, {_nl(counts.outcomes)} uitkomsten "
                "(gegenereerd, fictief)",
            ]
        )


def write_projects(
    outdir: Path, rng: random.Random, n_projects: int, n_participants: int
) -> tuple[list[Project], list[float]]:
    """Write projects.csv; return the projects and the participant share of each."""
    sizes = [rng.lognormvariate(0.0, 1.0) for _ in range(n_projects)]
    total = sum(sizes)
    shares = [s / total for s in sizes]
    network = weighted(rng, NETWORK, NETWORK_W)
    agreement = weighted(rng, AGREEMENT, AGREEMENT_W)
    continuation = weighted(rng, CONTINUATION, CONTINUATION_W)
    boolean = weighted(rng, BOOLEAN, BOOLEAN_W)
    sector = weighted(rng, SBI, SBI_W)
    start_lo, start_hi = date(2019, 1, 1).toordinal(), date(2023, 12, 31).toordinal()

    projects: list[Project] = []
    f, w = open_csv(outdir / "projects.csv")
    with f:
        w.writerow([
            "code", "name", "network", "sector", "region", "start_date", "end_date",
            "target_participants", "target_transitions", "budget_eur", "own_funds_eur",
            "subsidy_eur", "individual_contribution", "employer_contribution", "union_involved",
            "formal_agreement", "continuation",
        ])  # fmt: skip
        for i in range(n_projects):
            start = rng.randint(start_lo, start_hi)
            end: int | None = start + rng.randint(0, 1095) if rng.random() < 0.85 else None
            intake_hi = min(end if end is not None else _DELIVERED, _DELIVERED)
            code = f"VWNW-{date.fromordinal(start).year}-{i + 1:04d}"
            projects.append(Project(code, start, intake_hi))
            net = network(1)[0]
            region = rng.choice(REGIONS) if net in ("region", "mixed") or rng.random() < 0.2 else ""
            sec = sector(1)[0] if net in ("sector", "mixed") or rng.random() < 0.3 else ""
            place = region or rng.choice(PLACES)
            name = f"{rng.choice(PROJECT_THEMES)} {place}"
            if rng.random() < 0.1:
                name += f", fase {rng.randint(2, 4)}"
            expected = shares[i] * n_participants
            target_p = max(1, round(expected * rng.uniform(0.8, 1.3)))
            target_t = round(target_p * rng.uniform(0.4, 0.8))
            budget = max(25_000, round(expected * rng.uniform(2_500, 6_000) / 500) * 500)
            own = round(budget * rng.uniform(0.1, 0.5) / 500) * 500
            subsidy = min(budget - own, money(rng, budget * 0.3, budget * 0.5))
            b = boolean(3)
            w.writerow([
                code, name, net, sec, region, iso(start), "" if end is None else iso(end),
                target_p, target_t,
                f"{budget:.2f}" if rng.random() < 0.9 else "",
                f"{own:.2f}" if rng.random() < 0.7 else "",
                f"{subsidy:.2f}" if rng.random() < 0.9 else "",
                b[0], b[1], b[2], agreement(1)[0], continuation(1)[0],
            ])  # fmt: skip
    return projects, shares


def company(rng: random.Random) -> tuple[str, str]:
    """A company name and its SBI section ("" when the name does not tell)."""
    kind, sector = rng.choice(COMPANY_KINDS)
    r = rng.random()
    if r < 0.15:
        return f"{rng.choice(SURNAMES)}, {rng.choice(SURNAMES)} {rng.choice(COMPANY_SUFFIX)}", ""
    if r < 0.2:
        return f"{kind} {rng.choice(PLACES)}", sector
    return f"{kind} {rng.choice(SURNAMES)} {rng.choice(COMPANY_SUFFIX)}", sector


def write_employers(
    outdir: Path, rng: random.Random, n: int, projects: list[Project]
) -> list[tuple[str, str]]:
    """Write employers.csv; return (id, name) of every employer."""
    sector = weighted(rng, SBI, SBI_W)
    result: list[tuple[str, str]] = []
    f, w = open_csv(outdir / "employers.csv")
    with f:
        w.writerow(["id", "name", "sector", "postcode", "project"])
        pcs = postcodes(rng, n, 0.1)
        secs = sector(n)
        for i in range(n):
            eid = f"W{i + 1:05d}"
            name, kind_sector = company(rng)
            result.append((eid, name))
            sec = (kind_sector or secs[i]) if rng.random() < 0.9 else ""
            proj = rng.choice(projects).code if projects and rng.random() < 0.6 else ""
            w.writerow([eid, name, sec, pcs[i], proj])
    return result


def write_vacancies(
    outdir: Path, rng: random.Random, n: int, employers: list[tuple[str, str]]
) -> None:
    isco = weighted(rng, ISCO, ISCO_NEW_W)
    sector = weighted(rng, SBI, SBI_W)
    education = weighted(rng, VACANCY_EDUCATION, VACANCY_EDUCATION_W)
    contract = weighted(rng, CONTRACT, CONTRACT_W)
    hours = weighted(rng, HOURS, HOURS_W)
    open_lo, open_hi = date(2023, 1, 1).toordinal(), _DELIVERED
    rand, randint = rng.random, rng.randint
    f, w = open_csv(outdir / "vacancies.csv")
    with f:
        w.writerow([
            "id", "employer", "title", "occupation", "sector", "postcode", "min_education",
            "hours", "contract", "positions", "skills", "open_date", "close_date",
        ])  # fmt: skip
        done = 0
        for k in chunks(n):
            jobs, secs, edus = isco(k), sector(k), education(k)
            cons, hrs, pcs = contract(k), hours(k), postcodes(rng, k, 0.15)
            rows = []
            for j in range(k):
                code, title, usual_sector = jobs[j]
                if rand() < 0.2:
                    title += f" ({hrs[j] or '32'} uur)" if rand() < 0.5 else " m/v/x"
                opened = randint(open_lo, open_hi)
                closed = iso(opened + randint(14, 120)) if rand() < 0.7 else ""
                r = rand()
                positions = "" if r < 0.2 else ("1" if r < 0.7 else str(randint(2, 6)))
                skills = "|".join(rng.sample(SKILLS, randint(1, 4))) if rand() < 0.75 else ""
                rows.append((
                    f"V{done + j + 1:06d}",
                    rng.choice(employers)[0] if employers and rand() < 0.95 else "",
                    title,
                    code if rand() < 0.9 else "",
                    usual_sector if rand() < 0.6 else secs[j],
                    pcs[j], edus[j], hrs[j], cons[j], positions, skills, iso(opened), closed,
                ))  # fmt: skip
            w.writerows(rows)
            done += k


def write_participants_and_outcomes(
    outdir: Path,
    rng: random.Random,
    projects: list[Project],
    shares: list[float],
    n_participants: int,
    n_outcomes: int,
    employers: list[tuple[str, str]],
    bad_last_row: bool,
) -> None:
    """Stream participants.csv and outcomes.csv together, chunk by chunk.

    Exactly `n_outcomes` participants (chosen uniformly) get an outcome; the outcome row is
    written right after the participant is generated, so its intake date is at hand.
    """
    has_outcome = bytearray(n_participants)
    for i in rng.sample(range(n_participants), n_outcomes):
        has_outcome[i] = 1

    project_of = weighted(rng, range(len(projects)), shares)
    gender = weighted(rng, GENDER, GENDER_W)
    education = weighted(rng, EDUCATION, EDUCATION_W)
    situation = weighted(rng, SITUATION, SITUATION_W)
    old_job = weighted(rng, ISCO_CODES, ISCO_OLD_W)
    new_job = weighted(rng, ISCO_CODES, ISCO_NEW_W)
    sector = weighted(rng, SBI, SBI_W)
    hours = weighted(rng, HOURS, HOURS_W)
    outcome = weighted(rng, OUTCOME, OUTCOME_W)
    contract = weighted(rng, CONTRACT, CONTRACT_W)
    rand, randint = rng.random, rng.randint

    pf, pw = open_csv(outdir / "participants.csv")
    of, ow = open_csv(outdir / "outcomes.csv")
    with pf, of:
        pw.writerow([
            "id", "project", "intake_date", "birth_date", "birth_year", "gender", "education",
            "situation", "occupation", "sector", "postcode", "hours_before",
        ])  # fmt: skip
        ow.writerow([
            "participant", "outcome", "date", "contract", "hours", "employer", "sector",
            "occupation", "benefit_days",
        ])  # fmt: skip
        done = 0
        for k in chunks(n_participants):
            projs, genders, edus, sits = project_of(k), gender(k), education(k), situation(k)
            jobs, secs, hrs, pcs = old_job(k), sector(k), hours(k), postcodes(rng, k, 0.08)
            # Drawn per chunk for speed; only the rows with an outcome use them.
            o_kinds, o_cons, o_hrs = outcome(k), contract(k), hours(k)
            o_secs, o_jobs = sector(k), new_job(k)
            prows: list[tuple[str, ...]] = []
            orows: list[tuple[str, ...]] = []
            for j in range(k):
                i = done + j
                pid = f"D{i + 1:07d}"
                p = projects[projs[j]]
                intake = p.start + int(rand() * (p.intake_hi - p.start + 1))
                born = intake - randint(18 * 365, 66 * 365)
                r = rand()
                if r < 0.65:
                    birth_date, birth_year = iso(born), ""
                elif r < 0.9:
                    birth_date, birth_year = "", str(_year(born))
                else:
                    birth_date = birth_year = ""
                prows.append((
                    pid, p.code, iso(intake), birth_date, birth_year, genders[j], edus[j],
                    sits[j], jobs[j] if rand() < 0.85 else "",
                    secs[j] if rand() < 0.85 else "", pcs[j], hrs[j],
                ))  # fmt: skip
                if has_outcome[i]:
                    orows.append(_outcome_row(
                        rng, pid, intake, sits[j], o_kinds[j], o_cons[j], o_hrs[j],
                        o_secs[j], o_jobs[j], employers,
                    ))  # fmt: skip
            done += k
            if bad_last_row and done == n_participants:
                last = list(prows[-1])
                last[1] = BAD_PROJECT_CODE
                prows[-1] = tuple(last)
            pw.writerows(prows)
            ow.writerows(orows)


def _year(ordinal: int) -> int:
    return int(_DATES[ordinal - _DATE_LO][:4])


def _outcome_row(
    rng: random.Random,
    pid: str,
    intake: int,
    situation: str,
    kind: str,
    contract: str,
    hours: str,
    sector: str,
    occupation: str,
    employers: list[tuple[str, str]],
) -> tuple[str, ...]:
    rand = rng.random
    # Trajectories last months; redraw within the window rather than pile up on delivered_on.
    room = _DELIVERED - intake
    offset = int(rng.expovariate(1 / 150))
    when = intake + (offset if offset <= room else int(rand() * (room + 1)))
    if kind in ("work", "learn_work", "self_employed"):
        con = "" if kind == "self_employed" else contract
        hrs = hours
        r = rand()
        if r < 0.55 and employers:
            employer = rng.choice(employers)[0]
        elif r < 0.7 and employers:
            employer = rng.choice(employers)[1]
        else:
            employer = ""
        sec = sector if rand() < 0.8 else ""
        occ = occupation if rand() < 0.75 else ""
        if rand() < 0.4:
            days = ""
        elif situation == "threatened" or rand() < 0.4:
            days = "0"
        else:
            days = str(min(when - intake, int(rng.expovariate(1 / 90))))
        return (pid, kind, iso(when), con, hrs, employer, sec, occ, days)
    days = "" if rand() < 0.6 else str(randint_upto(rng, when - intake))
    return (pid, kind, iso(when), "", "", "", "", "", days)


def randint_upto(rng: random.Random, hi: int) -> int:
    return rng.randint(0, max(0, hi))


def generate(
    outdir: Path,
    *,
    projects: int = 1_000,
    participants: int = 1_000_000,
    outcomes: int = 700_000,
    employers: int = 5_000,
    vacancies: int = 20_000,
    seed: int = 1,
    bad_last_row: bool = False,
) -> Counts:
    """Write a complete delivery folder into `outdir` (created if needed)."""
    if projects < 1 or participants < 0 or employers < 0 or vacancies < 0:
        raise ValueError("counts must be non-negative and there must be at least one project")
    if not 0 <= outcomes <= participants:
        raise ValueError("outcomes must be between 0 and the number of participants")
    if bad_last_row and participants == 0:
        raise ValueError("--bad-last-row needs at least one participant")
    outdir.mkdir(parents=True, exist_ok=True)
    counts = Counts(projects, participants, outcomes, employers, vacancies)
    # Separate, seeded streams per file: changing one count leaves the other files unchanged.
    streams = random.Random(seed)
    seeds = [streams.getrandbits(64) for _ in range(4)]
    project_list, shares = write_projects(outdir, random.Random(seeds[0]), projects, participants)
    employer_list = write_employers(outdir, random.Random(seeds[1]), employers, project_list)
    write_vacancies(outdir, random.Random(seeds[2]), vacancies, employer_list)
    write_participants_and_outcomes(
        outdir, random.Random(seeds[3]), project_list, shares, participants, outcomes,
        employer_list, bad_last_row,
    )  # fmt: skip
    write_delivery(outdir, counts)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write the CSV files into")
    parser.add_argument("--projects", type=int, default=1_000)
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--outcomes", type=int, default=None, help="default: 70%% of participants")
    parser.add_argument("--employers", type=int, default=5_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--bad-last-row", action="store_true",
        help=f"give the last participant the unknown project code {BAD_PROJECT_CODE}",
    )  # fmt: skip
    args = parser.parse_args(argv)
    outcomes = args.outcomes if args.outcomes is not None else args.participants * 7 // 10
    t0 = time.perf_counter()
    try:
        generate(
            args.outdir, projects=args.projects, participants=args.participants,
            outcomes=outcomes, employers=args.employers, vacancies=args.vacancies,
            seed=args.seed, bad_last_row=args.bad_last_row,
        )  # fmt: skip
    except ValueError as exc:
        parser.error(str(exc))
    seconds = time.perf_counter() - t0
    for path in sorted(args.outdir.glob("*.csv")):
        print(f"{path.name:18} {path.stat().st_size / 1e6:9.1f} MB")
    print(f"generated in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
