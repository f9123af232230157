"""The documents of follow-ups, consents, suggestions and decisions, and of employer and
vacancy writes. Their fields are those of the forms the pages use (trajectories.forms
FollowUpForm, people.forms ConsentForm and DateForm, matches.forms DecisionForm, the
vacancies' forms and the typed values behind them), under the same names."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from werkbrug.api.schemas import Document, Purpose
from werkbrug.api.types import (
    Contract,
    Education,
    Hours,
    Id,
    IsoDate,
    Sector,
    Text100,
    Text2000,
    text,
    whole,
)

# Follow-ups


class FollowUp(BaseModel):
    id: int
    participant: int
    months: int = Field(description="Months after the placement.")
    due_on: dt.date
    checked_on: dt.date | None
    in_work: bool | None
    note: str


class FollowUpList(BaseModel):
    results: list[FollowUp]


class FollowUpCheck(Document):
    """The outcome of the check, as the follow-up form records it."""

    checked_on: IsoDate
    in_work: bool
    note: Text2000 = ""


# Consents


class Consent(BaseModel):
    id: int
    participant: int
    purpose: str
    given_on: dt.date
    withdrawn_on: dt.date | None
    active: bool


class ConsentList(BaseModel):
    results: list[Consent]


class ConsentGive(Document):
    purpose: Purpose
    on: IsoDate


class ConsentWithdraw(Document):
    on: IsoDate


# Suggestions and decisions


class Component(BaseModel):
    value: float
    weight: float
    contribution: float
    known: bool


class Skill(BaseModel):
    id: str = Field(description="An ESCO URI, or the skill as written.")
    nl: str
    en: str


class Suggestion(BaseModel):
    """A vacancy suggested for the participant, with its explanation (docs/matching.md)."""

    vacancy: int
    title: str
    employer: int
    score: float
    confidence: float = Field(description="The known share of the weight.")
    components: dict[str, Component]
    matched_skills: list[Skill]
    missing_skills: list[Skill]
    training_needed: bool
    distance_km: float | None
    excluded: str | None
    explanation: dict[str, str] = Field(description="In Dutch (nl) and English (en).")
    config_version: str
    decision: str = Field(description="accepted, rejected, or empty while undecided.")
    reason: str


class SuggestionList(BaseModel):
    results: list[Suggestion]


class DecisionCreate(Document):
    decision: Literal["accepted", "rejected"]
    reason: text(1000) = Field(default="", description="Needed when you reject.")  # type: ignore[valid-type]


class Decision(BaseModel):
    participant: int
    vacancy: int
    decision: str
    reason: str
    score: float = Field(description="The score when decided.")
    decided_at: dt.datetime


# Employers and vacancies

Postcode = Annotated[str, Field(pattern=r"^(\d{4})?$")]
Title = text(200, min_length=1)
# A skill as the vacancy form takes it, one item of the list it joins with "|".
SkillText = Annotated[str, Field(max_length=200, pattern=r"^[^|\u0000]*$")]
Positions = whole(1, 10000)


class EmployerFields(Document):
    sector: Sector = ""
    postcode: Postcode = ""
    project: Id | None = Field(
        default=None, description="The project; only coordinators and mediators set it."
    )


class EmployerCreate(EmployerFields):
    name: Title  # type: ignore[valid-type]


class EmployerChange(EmployerFields):
    """The fields to change; the others keep their stored values."""

    name: Title = ""  # type: ignore[valid-type]


class VacancyFields(Document):
    occupation: Text100 = ""
    sector: Sector = ""
    postcode: Postcode = ""
    min_education: Education = ""
    hours: Hours | None = None
    contract: Contract = ""
    skills: list[SkillText] = Field(default_factory=list, max_length=100)
    open_date: IsoDate | None = None
    close_date: IsoDate | None = None


class VacancyCreate(VacancyFields):
    employer: Id
    title: Title  # type: ignore[valid-type]
    positions: Positions = 1  # type: ignore[valid-type]


class VacancyChange(VacancyFields):
    """The fields to change; the others keep their stored values. Clearing ``close_date``
    reopens the vacancy."""

    title: Title = ""  # type: ignore[valid-type]
    positions: Positions = 1  # type: ignore[valid-type]


class VacancyClose(Document):
    on: IsoDate
    filled: bool = Field(default=False, description="Filled (by anyone) rather than withdrawn.")
