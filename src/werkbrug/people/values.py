"""The values a participant's services take: typed, so pages, commands, the API and jobs
hand over the same shapes (and the API publishes them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from werkbrug.typed import Values

if TYPE_CHECKING:
    from werkbrug.vacancies.models import Employer


@dataclass(frozen=True)
class ParticipantProfile(Values):
    """The pseudonymous record: what monitoring needs, no name or contact."""

    intake_date: dt.date
    birth_date: dt.date | None = None
    birth_year: int | None = None
    gender: str = ""
    education: str = ""
    situation: str = ""
    occupation: str = ""
    sector: str = ""
    postcode: str = ""
    hours_before: Decimal | None = None
    employer: Employer | None = None
    notice_date: dt.date | None = None
    contract_end_date: dt.date | None = None
    benefit_start_date: dt.date | None = None


@dataclass(frozen=True)
class ContactValues(Values):
    """Name and contact details: kept apart from the record, never in a delivery."""

    given_name: str = ""
    family_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""


PROFILE_FIELDS = ParticipantProfile.field_names()
CONTACT_FIELDS = ContactValues.field_names()
