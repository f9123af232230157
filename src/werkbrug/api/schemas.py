"""The documents of the API. Their fields are the fields of the typed values the services
take (people.values, trajectories.services.Placement), under the same names."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from werkbrug.api.types import (
    ActivityKind,
    BenefitDays,
    BirthYear,
    Contract,
    Education,
    Euros,
    Gender,
    Hours,
    Id,
    IsoDate,
    Name,
    Phone,
    Sector,
    Situation,
    StatusCode,
    Text100,
    Text200,
    Text2000,
)


class Document(BaseModel):
    # strict: no guessing (a number is not a date); forbid: a misspelt field is an error,
    # not silently ignored.
    model_config = ConfigDict(strict=True, extra="forbid")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    invalid_params: list[dict[str, str]] = Field(default_factory=list)


class Links(BaseModel):
    self: str
    first: str
    prev: str | None
    next: str | None
    last: str


class ProfileFields(Document):
    """The pseudonymous record (people.values.ParticipantProfile), all optional."""

    birth_date: IsoDate | None = None
    birth_year: BirthYear | None = None
    gender: Gender = ""
    education: Education = ""
    situation: Situation = ""
    occupation: Text100 = ""
    sector: Sector = ""
    postcode: str = Field(default="", pattern=r"^(\d{4})?$")
    hours_before: Hours | None = None
    employer: Id | None = None
    notice_date: IsoDate | None = None
    contract_end_date: IsoDate | None = None
    benefit_start_date: IsoDate | None = None


class ContactFields(Document):
    """Name and contact details (people.values.ContactValues)."""

    given_name: Text100 = ""
    family_name: Text100 = ""
    email: Text200 = ""
    phone: Phone = ""
    address: Text200 = ""


Purpose = Literal["programme", "employer", "research", "matching"]


class ParticipantCreate(ProfileFields):
    project: Id
    intake_date: IsoDate
    contact: ContactFields | None = Field(
        default=None, description="Needs the scope contact:write."
    )
    consents: list[Purpose] = Field(default_factory=list, max_length=4)


class ParticipantChange(ProfileFields):
    """The fields to change; the others keep their stored values."""

    intake_date: IsoDate | None = None


class Participant(BaseModel):
    id: int
    key: str
    project: int
    intake_date: dt.date
    birth_date: dt.date | None
    birth_year: int | None
    gender: str
    education: str
    situation: str
    occupation: str
    sector: str
    postcode: str
    hours_before: float | None
    employer: int | None
    notice_date: dt.date | None
    contract_end_date: dt.date | None
    benefit_start_date: dt.date | None
    status: str
    mediator: str | None


class ParticipantPage(BaseModel):
    total: int
    page: int
    page_size: int
    links: Links
    results: list[Participant]


class Contact(BaseModel):
    participant: int
    given_name: str
    family_name: str
    email: str
    phone: str
    address: str


class NameSearch(Document):
    name: Name


class ContactList(BaseModel):
    results: list[Contact]


class Outcome(BaseModel):
    outcome: str
    date: dt.date
    contract: str
    hours: float | None
    employer: int | None
    employer_name: str
    sector: str
    occupation: str


class StatusChange(BaseModel):
    from_status: str
    to_status: str
    on: dt.date
    note: str


class Trajectory(BaseModel):
    participant: int
    status: str
    moves: list[str] = Field(description="The statuses the transition table allows next.")
    mediator: str | None
    started_on: dt.date
    last_contact_on: dt.date | None
    next_follow_up_on: dt.date | None
    outcome: Outcome | None
    history: list[StatusChange]


class Move(Document):
    """A status move through the transition table; a final status records the outcome."""

    to: StatusCode
    on: IsoDate
    note: Text2000 = ""
    employer: Id | None = None
    employer_name: Text200 = ""
    contract: Contract = ""
    hours: Hours | None = None
    sector: Sector = ""
    occupation: Text100 = ""
    benefit_days: BenefitDays | None = None


class ActivityCreate(Document):
    kind: ActivityKind
    start_date: IsoDate
    end_date: IsoDate | None = None
    provider: Text200 = ""
    cost_eur: Euros | None = None
    note: Text2000 = ""


class Activity(BaseModel):
    id: int
    participant: int
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    provider: str
    cost_eur: float | None
    note: str


class ActivityList(BaseModel):
    results: list[Activity]


class Project(BaseModel):
    id: int
    code: str
    name: str
    start_date: dt.date
    end_date: dt.date | None
    target_participants: int | None
    target_transitions: int | None


class ProjectList(BaseModel):
    results: list[Project]


class Employer(BaseModel):
    id: int
    key: str
    name: str
    sector: str
    postcode: str
    project: int | None


class EmployerPage(BaseModel):
    total: int
    page: int
    page_size: int
    links: Links
    results: list[Employer]


class Vacancy(BaseModel):
    id: int
    key: str
    employer: int
    title: str
    occupation: str
    sector: str
    postcode: str
    min_education: str
    hours: float | None
    contract: str
    positions: int
    skills: list[str]
    open_date: dt.date | None
    close_date: dt.date | None
    filled: bool


class VacancyPage(BaseModel):
    total: int
    page: int
    page_size: int
    links: Links
    results: list[Vacancy]
