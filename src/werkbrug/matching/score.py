"""Score one participant–vacancy pair, with its components, skills and an explanation.

:func:`score_pair` is the single definition of the score; ranking and allocation only ever
select pairs with it (the fast paths in :mod:`~werkbrug.matching.rank` compute the same
numbers and the final results come from here).

Components (each a value in [0, 1]; a component whose input is unknown is 0, see below):

``occupation``  ISCO-08 hierarchy similarity (:mod:`~werkbrug.matching.similarity`).
``skills``      weighted Jaccard of the candidate's skills against the vacancy's; unknown
                when either side has none recorded (the candidate's count the essential
                skills of their occupation, see ``occupation_implies_skills``).
``education``   1 when the candidate meets the vacancy's minimum (or there is none);
                ``bridgeable_education_value`` one rank below it (``training_needed``); 0
                further below (and excluded when ``exclude_education_gap``).
``distance``    1 − km / radius, floored at 0; the radius is the candidate's own
                ``max_distance_km`` or the configuration's.
``hours``       1 − |hours − hours wanted| / ``hours_tolerance``, floored at 0.
``contract``    1 when the vacancy's contract is among the candidate's wishes, else 0.
``preference``  half for occupation wishes, half for sector wishes: each half is 1 when the
                vacancy matches a wish (an occupation under a wanted ISCO group, a wanted
                sector), 0 when it does not (a no-go sector always 0), unknown when the
                candidate stated no wish of that kind or the vacancy's code is unknown.

``score = Σ weight·value / Σ weights``; each component reports its ``contribution`` (its
weight·value / Σ weights) and the score *is* the sum of the contributions, in the order of
:data:`~werkbrug.matching.config.COMPONENTS`.

**Unknown inputs earn nothing.** A component that cannot be measured (no postcode, no hours,
no skills recorded …) has value 0 and ``known`` false; an unknown half of ``preference``
counts 0. It is not divided out either, so a nearly empty profile cannot outscore a fully
described one on the strength of what nobody knows. Instead ``confidence`` is the share of
the weight whose inputs are known (``Σ weight·known / Σ weights``, an unknown half of
``preference`` counting half): the score is never above it, and filling in what is unknown
could add at most ``1 − confidence``. Hence, other things equal, knowing that a component
fits (a value above 0) always ranks a pair above not knowing it, and knowing that it does
not fit ties with not knowing. The explanation names what is unknown when the confidence is
below 100%.

``missing_skills`` lists the vacancy's essential skills the candidate lacks only when the
candidate's skills are recorded (``skills_recorded``); otherwise the explanation says "skills
not recorded" instead of listing every skill the vacancy asks.

Hard constraints (``excluded`` is the first that applies, ``None`` when eligible):
``"distance"`` (further than the radius, when ``enforce_max_distance``; unknown distance is
never excluded), ``"no_go_sector"`` and ``"education"`` (more than one rank below the
minimum). An excluded pair keeps its score and components, so a mediator can see what it
would have been; ranking and allocation leave it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from werkbrug.matching.config import COMPONENTS, MatchConfig
from werkbrug.matching.geo import DEFAULT_LOCATOR, PostcodeLocator
from werkbrug.matching.model import Candidate, Opening, skill_key
from werkbrug.matching.similarity import (
    SkillMatch,
    SkillsTable,
    SkillsTableLike,
    as_skills_table,
    candidate_skills,
    isco_code,
    shared_isco_levels,
    skill_match,
    vacancy_skills,
)
from werkbrug.taxonomy import CONTRACTS, EDUCATION, ISCO, SBI_SECTIONS, education_rank

__all__ = [
    "EXCLUSIONS",
    "Component",
    "Suggestion",
    "score_pair",
    "score_value",
    "wanted_isco_codes",
]

#: The exclusion codes, in the order they are checked.
EXCLUSIONS: Final = ("distance", "no_go_sector", "education")

_MAX_LISTED_SKILLS: Final = 5


@dataclass(frozen=True, slots=True)
class Component:
    """One component of a score: its value, weight, and share of the score."""

    value: float
    weight: float
    contribution: float
    known: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "weight": self.weight,
            "contribution": self.contribution,
            "known": self.known,
        }


@dataclass(frozen=True)
class Suggestion:
    """The scored and explained pair (see the module notes); :meth:`to_dict` is its JSON.

    ``matched_skills`` and ``missing_skills`` are skill ids (ESCO URIs, or labels as written),
    sorted by their Dutch name; ``skill_labels`` gives each of them a Dutch and English name.
    ``confidence`` is the known share of the weight; ``config_version`` the configuration's
    :attr:`~werkbrug.matching.config.MatchConfig.stamp`.
    """

    participant: str
    vacancy: str
    score: float
    components: Mapping[str, Component]
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    skill_labels: Mapping[str, Mapping[str, str]]
    training_needed: bool
    distance_km: float | None
    excluded: str | None
    explanation: Mapping[str, str]
    config_version: str
    confidence: float
    skills_recorded: bool

    def to_dict(self) -> dict[str, Any]:
        """``{participant, vacancy, score, components, missing_skills, explanation, …}``."""
        return {
            "participant": self.participant,
            "vacancy": self.vacancy,
            "score": self.score,
            "components": {name: c.to_dict() for name, c in self.components.items()},
            "matched_skills": list(self.matched_skills),
            "missing_skills": list(self.missing_skills),
            "skill_labels": {k: dict(v) for k, v in self.skill_labels.items()},
            "training_needed": self.training_needed,
            "distance_km": self.distance_km,
            "excluded": self.excluded,
            "explanation": dict(self.explanation),
            "config_version": self.config_version,
            "confidence": self.confidence,
            "skills_recorded": self.skills_recorded,
        }


def wanted_isco_codes(wanted: frozenset[str], table: SkillsTable | None = None) -> frozenset[str]:
    """The wanted occupations as ISCO-08 codes, without codes nested under another wish.

    ESCO URIs stand for their ISCO group; codes that resolve to nothing are dropped. Because
    no remaining code is a prefix of another, a vacancy matches at most one of them.
    """
    codes = {code for code in (isco_code(w, table) for w in wanted) if code is not None}
    return frozenset(c for c in codes if not any(c != o and c.startswith(o) for o in codes))


@dataclass(frozen=True, slots=True)
class _Facts:
    """Everything measured about a pair, before it is weighed and put into words."""

    values: Mapping[str, float | None]
    known: Mapping[str, float]
    skills_recorded: bool
    cand_isco: str | None
    vac_isco: str | None
    shared_levels: int
    skills: SkillMatch
    skills_asked: int
    education_gap: int | None
    distance_km: float | None
    radius_km: float
    pref_occupation: bool | None
    pref_sector: bool | None
    exclusions: tuple[str, ...]


def _facts(
    candidate: Candidate,
    opening: Opening,
    config: MatchConfig,
    table: SkillsTable | None,
    locator: PostcodeLocator,
) -> _Facts:
    values: dict[str, float | None] = {}
    exclusions: list[str] = []

    cand_isco = isco_code(candidate.occupation, table)
    vac_isco = isco_code(opening.occupation, table)
    shared = 0
    if cand_isco is not None and vac_isco is not None:
        shared = shared_isco_levels(cand_isco, vac_isco)
        values["occupation"] = 0.0 if shared == 0 else config.occupation_levels[shared - 1]
    else:
        values["occupation"] = None

    have = candidate_skills(candidate, table, implied=config.occupation_implies_skills)
    need = vacancy_skills(opening, table)
    match = skill_match(
        have,
        need,
        essential_weight=config.essential_skill_weight,
        measure=config.skill_measure,
    )
    values["skills"] = match.value

    gap: int | None = None
    need_rank = education_rank(opening.min_education)
    have_rank = education_rank(candidate.education)
    if need_rank is None:
        values["education"] = 1.0
    elif have_rank is None:
        values["education"] = None
    else:
        gap = min(have_rank - need_rank, 0)
        if gap == 0:
            values["education"] = 1.0
        elif gap == -1:
            values["education"] = config.bridgeable_education_value
        else:
            values["education"] = 0.0

    radius = (
        candidate.max_distance_km
        if candidate.max_distance_km is not None
        else config.max_distance_km
    )
    distance = locator.distance_km(candidate.postcode, opening.postcode)
    if distance is None:
        values["distance"] = None
    elif radius > 0:
        values["distance"] = max(0.0, 1.0 - distance / radius)
    else:
        values["distance"] = 1.0 if distance == 0 else 0.0
    if config.enforce_max_distance and distance is not None and distance > radius:
        exclusions.append("distance")

    no_go = opening.sector is not None and opening.sector in candidate.no_go_sectors
    if no_go and config.exclude_no_go_sectors:
        exclusions.append("no_go_sector")
    if gap is not None and gap < -1 and config.exclude_education_gap:
        exclusions.append("education")

    if candidate.hours_wanted is None or opening.hours is None:
        values["hours"] = None
    else:
        diff = abs(opening.hours - candidate.hours_wanted)
        values["hours"] = max(0.0, 1.0 - diff / config.hours_tolerance)

    if not candidate.contract_wishes or opening.contract is None:
        values["contract"] = None
    else:
        values["contract"] = 1.0 if opening.contract in candidate.contract_wishes else 0.0

    wanted = wanted_isco_codes(candidate.wanted_occupations, table)
    pref_occ: bool | None = None
    if wanted and vac_isco is not None:
        pref_occ = any(vac_isco.startswith(code) for code in wanted)
    pref_sector: bool | None = None
    if no_go:
        pref_sector = False
    elif candidate.wanted_sectors and opening.sector is not None:
        pref_sector = opening.sector in candidate.wanted_sectors
    if pref_occ is None and pref_sector is None:
        values["preference"] = None
    else:
        # an unknown half earns nothing, like an unknown component
        values["preference"] = 0.5 * float(pref_occ or False) + 0.5 * float(pref_sector or False)

    known = {name: float(values[name] is not None) for name in COMPONENTS}
    known["preference"] = 0.5 * (pref_occ is not None) + 0.5 * (pref_sector is not None)
    return _Facts(
        values=values,
        known=known,
        skills_recorded=bool(have),
        cand_isco=cand_isco,
        vac_isco=vac_isco,
        shared_levels=shared,
        skills=match,
        skills_asked=len(need.essential) + len(need.optional),
        education_gap=gap,
        distance_km=distance,
        radius_km=radius,
        pref_occupation=pref_occ,
        pref_sector=pref_sector,
        exclusions=tuple(exclusions),
    )


def _components(values: Mapping[str, float | None], config: MatchConfig) -> dict[str, Component]:
    total = config.total_weight
    components: dict[str, Component] = {}
    for name in COMPONENTS:
        raw = values[name]
        value = 0.0 if raw is None else raw
        weight = config.weights[name]
        components[name] = Component(value, weight, weight * value / total, raw is not None)
    return components


def _total(components: Mapping[str, Component]) -> float:
    score = 0.0
    for name in COMPONENTS:
        score += components[name].contribution
    return score


def _confidence(known: Mapping[str, float], config: MatchConfig) -> float:
    """The share of the weight whose inputs are known (see the module notes)."""
    share = 0.0
    for name in COMPONENTS:
        share += config.weights[name] * known[name]
    return min(1.0, share / config.total_weight)


def score_value(
    candidate: Candidate,
    opening: Opening,
    config: MatchConfig,
    skills_table: SkillsTableLike = None,
    *,
    locator: PostcodeLocator = DEFAULT_LOCATOR,
) -> tuple[float, str | None]:
    """Only ``(score, excluded)`` of :func:`score_pair` (no explanation; faster)."""
    facts = _facts(candidate, opening, config, as_skills_table(skills_table), locator)
    score = _total(_components(facts.values, config))
    return score, facts.exclusions[0] if facts.exclusions else None


def score_pair(
    candidate: Candidate,
    opening: Opening,
    config: MatchConfig,
    skills_table: SkillsTableLike = None,
    *,
    locator: PostcodeLocator = DEFAULT_LOCATOR,
) -> Suggestion:
    """Score, components, skills and a Dutch and English explanation for one pair.

    ``skills_table`` is the ESCO occupation–skill table (a :class:`SkillsTable` or a plain
    mapping occupation → (essential, optional)); without it, skills are compared as written
    and occupations by ISCO-08 alone. ``locator`` measures distances (PC2 centres by default;
    pass one loaded with a PC4 table for exact distances).
    """
    table = as_skills_table(skills_table)
    facts = _facts(candidate, opening, config, table, locator)
    components = _components(facts.values, config)
    names = _skill_names(candidate, opening, table)

    def order(keys: frozenset[str]) -> tuple[str, ...]:
        return tuple(sorted(keys, key=lambda k: (names[k]["nl"].casefold(), k)))

    matched = order(facts.skills.matched)
    missing = order(facts.skills.missing)
    ids = {key: names[key]["id"] for key in (*matched, *missing)}
    training = facts.education_gap == -1
    confidence = _confidence(facts.known, config)
    return Suggestion(
        participant=candidate.key,
        vacancy=opening.key,
        score=_total(components),
        components=MappingProxyType(components),
        matched_skills=tuple(ids[k] for k in matched),
        missing_skills=tuple(ids[k] for k in missing),
        skill_labels=MappingProxyType(
            {ids[k]: {"nl": names[k]["nl"], "en": names[k]["en"]} for k in ids}
        ),
        training_needed=training,
        distance_km=facts.distance_km,
        excluded=facts.exclusions[0] if facts.exclusions else None,
        explanation=MappingProxyType(
            {
                lang: _explain(
                    lang, candidate, opening, facts, missing, names, locator, confidence, config
                )
                for lang in ("nl", "en")
            }
        ),
        config_version=config.stamp,
        confidence=confidence,
        skills_recorded=facts.skills_recorded,
    )


# --- names and words -------------------------------------------------------------------


class _Names(dict[str, dict[str, str]]):
    """skill key → {"id", "nl", "en"}, filled on demand."""

    def __init__(self, table: SkillsTable | None, written: Mapping[str, str]) -> None:
        super().__init__()
        self.table = table
        self.written = written

    def __missing__(self, key: str) -> dict[str, str]:
        as_written = self.written.get(key, key)
        if self.table is None:
            entry = {"id": as_written, "nl": as_written, "en": as_written}
        else:
            entry = {
                "id": as_written,
                "nl": self.table.label(key, "nl"),
                "en": self.table.label(key, "en"),
            }
        self[key] = entry
        return entry


def _skill_names(candidate: Candidate, opening: Opening, table: SkillsTable | None) -> _Names:
    written: dict[str, str] = {}
    for raw in (*opening.skills, *candidate.skills):
        key = table.canonical_skill(raw) if table is not None else skill_key(raw)
        # An ESCO label written in the vacancy stands for its URI: show the URI as id.
        if table is None or key == skill_key(raw):
            written.setdefault(key, raw)
    return _Names(table, written)


_T: Final[Mapping[str, Mapping[str, str]]] = {
    "nl": {
        "occ4": "Zelfde beroepsgroep (ISCO {code})",
        "occ3": "Verwant beroep (zelfde ISCO-groep {code}: {label})",
        "occ2": "Verwant beroep (zelfde ISCO-klasse {code}: {label})",
        "occ1": "Zelfde ISCO-hoofdgroep ({code}: {label})",
        "occ0": "Ander beroepsveld ({label}, ISCO {code})",
        "occ?": "Beroep onbekend",
        "sector": "andere sector ({a} → {b})",
        "skills": "{m} van de {n} gevraagde vaardigheden",
        "km": "{approx}{km} km van huis",
        "km?": "afstand onbekend",
        "approx": "ca. ",
        "hours=": "{h} uur per week, zoals gewenst",
        "hours": "{h} uur per week (gewenst: {w})",
        "contract+": "{label}, zoals gewenst",
        "contract-": "{label}, niet zoals gewenst",
        "edu-1": "opleiding één niveau onder de eis ({label})",
        "edu-2": "opleiding te laag (vereist: {label})",
        "pref_occ": "gewenst beroep",
        "pref_sector": "gewenste sector",
        "missing": "mist: {skills}",
        "no_skills": "vaardigheden niet vastgelegd",
        "confidence": "zekerheid {p} (onbekend: {names})",
        "partly": "{name} (deels)",
        "c_occupation": "beroep",
        "c_skills": "vaardigheden",
        "c_education": "opleiding",
        "c_distance": "reisafstand",
        "c_hours": "uren",
        "c_contract": "contract",
        "c_preference": "eigen wensen",
        "more": " en {n} andere",
        "bbl": " — te overbruggen met een BBL-opleiding",
        "course": " — te overbruggen met scholing",
        "either": " — te overbruggen met scholing of een leerwerkplek",
        "excluded": "Uitgesloten: {reasons}",
        "x_distance": "te ver ({km} km, maximaal {max} km)",
        "x_no_go_sector": "sector {sector} staat op de no-go-lijst",
        "x_education": "opleiding meer dan één niveau onder de eis ({label})",
        "and": " en ",
    },
    "en": {
        "occ4": "Same occupation group (ISCO {code})",
        "occ3": "Related occupation (same ISCO minor group {code}: {label})",
        "occ2": "Related occupation (same ISCO sub-major group {code}: {label})",
        "occ1": "Same ISCO major group ({code}: {label})",
        "occ0": "Other field of work ({label}, ISCO {code})",
        "occ?": "Occupation unknown",
        "sector": "other sector ({a} → {b})",
        "skills": "{m} of the {n} skills asked",
        "km": "{approx}{km} km from home",
        "km?": "distance unknown",
        "approx": "about ",
        "hours=": "{h} hours a week, as wanted",
        "hours": "{h} hours a week (wanted: {w})",
        "contract+": "{label}, as wanted",
        "contract-": "{label}, not as wanted",
        "edu-1": "education one level below the minimum ({label})",
        "edu-2": "education too low (required: {label})",
        "pref_occ": "wanted occupation",
        "pref_sector": "wanted sector",
        "missing": "missing: {skills}",
        "no_skills": "skills not recorded",
        "confidence": "confidence {p} (unknown: {names})",
        "partly": "{name} (partly)",
        "c_occupation": "occupation",
        "c_skills": "skills",
        "c_education": "education",
        "c_distance": "travel distance",
        "c_hours": "hours",
        "c_contract": "contract",
        "c_preference": "own wishes",
        "more": " and {n} more",
        "bbl": " — can be bridged with a BBL learn-work programme",
        "course": " — can be bridged with training",
        "either": " — can be bridged with training or a learn-work place",
        "excluded": "Excluded: {reasons}",
        "x_distance": "too far ({km} km, at most {max} km)",
        "x_no_go_sector": "sector {sector} is a no-go",
        "x_education": "education more than one level below the minimum ({label})",
        "and": " and ",
    },
}


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _training_route(opening: Opening) -> str:
    """``"bbl"`` for jobs at mbo level or below, ``"course"`` above, ``"either"`` unknown."""
    rank = education_rank(opening.min_education)
    if rank is not None:
        return "bbl" if rank <= 4 else "course"
    code = ISCO.canonical(opening.occupation) if opening.occupation else None
    if code is not None and code[0] != "0":
        return "bbl" if code[0] in "456789" else "course"
    return "either"


def _explain(
    lang: str,
    candidate: Candidate,
    opening: Opening,
    facts: _Facts,
    missing: tuple[str, ...],
    names: _Names,
    locator: PostcodeLocator,
    confidence: float,
    config: MatchConfig,
) -> str:
    t = _T[lang]
    parts: list[str] = []
    if facts.exclusions:
        reasons: list[str] = []
        for code in facts.exclusions:
            reasons.append(
                t["x_" + code].format(
                    km=f"{facts.distance_km or 0.0:.0f}",
                    max=_number(facts.radius_km),
                    sector=opening.sector,
                    label=EDUCATION[opening.min_education or ""].label(lang)
                    if opening.min_education in EDUCATION
                    else opening.min_education,
                )
            )
        parts.append(t["excluded"].format(reasons=t["and"].join(reasons)))

    if facts.cand_isco is None or facts.vac_isco is None:
        parts.append(t["occ?"])
    else:
        shared = facts.shared_levels
        code = facts.vac_isco if shared in (0, 4) else facts.vac_isco[:shared]
        parts.append(t[f"occ{shared}"].format(code=code, label=ISCO[code].label(lang)))
    if candidate.sector and opening.sector and candidate.sector != opening.sector:
        a = SBI_SECTIONS.get(candidate.sector)
        b = SBI_SECTIONS.get(opening.sector)
        parts.append(
            t["sector"].format(
                a=a.label(lang) if a else candidate.sector,
                b=b.label(lang) if b else opening.sector,
            )
        )
    if facts.skills.value is not None:
        parts.append(t["skills"].format(m=len(facts.skills.matched), n=facts.skills_asked))
    elif facts.skills_asked and not facts.skills_recorded:
        parts.append(t["no_skills"])
    if facts.distance_km is None:
        parts.append(t["km?"])
    else:
        approx = t["approx"] if locator.precision == "pc2" else ""
        parts.append(t["km"].format(approx=approx, km=f"{facts.distance_km:.0f}"))
    route = t[_training_route(opening)]
    if facts.education_gap is not None and facts.education_gap < 0:
        label = EDUCATION[opening.min_education or ""].label(lang)
        text = t["edu-1" if facts.education_gap == -1 else "edu-2"].format(label=label)
        if facts.education_gap == -1 and not missing:
            text += route
        parts.append(text)
    if candidate.hours_wanted is not None and opening.hours is not None:
        same = abs(candidate.hours_wanted - opening.hours) < 0.05
        parts.append(
            t["hours=" if same else "hours"].format(
                h=_number(opening.hours), w=_number(candidate.hours_wanted)
            )
        )
    if candidate.contract_wishes and opening.contract is not None:
        contract = CONTRACTS.get(opening.contract)
        label = contract.label(lang) if contract else opening.contract
        ok = opening.contract in candidate.contract_wishes
        parts.append(t["contract+" if ok else "contract-"].format(label=label))
    if facts.pref_occupation:
        parts.append(t["pref_occ"])
    if facts.pref_sector:
        parts.append(t["pref_sector"])
    if missing:
        shown = ", ".join(names[k][lang] for k in missing[:_MAX_LISTED_SKILLS])
        more = len(missing) - _MAX_LISTED_SKILLS
        text = t["missing"].format(skills=shown)
        if more > 0:
            text += t["more"].format(n=more)
        parts.append(text + route)
    if confidence < 1.0:
        unknown = [
            t["c_" + name] if facts.known[name] == 0 else t["partly"].format(name=t["c_" + name])
            for name in COMPONENTS
            if facts.known[name] < 1 and config.weights[name] > 0
        ]
        parts.append(t["confidence"].format(p=_percent(confidence), names=", ".join(unknown)))
    return "; ".join(parts)


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"
