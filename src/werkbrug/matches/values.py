"""What a mediator sets in a participant's matching profile (matches.services.profile_save)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from werkbrug.typed import Values


@dataclass(frozen=True)
class ProfileValues(Values):
    """Lists are separated by ``|``: skills as text, occupations as ISCO-08 codes, sectors as
    SBI letters, contracts as contract codes."""

    skills: str = ""
    wanted_occupations: str = ""
    wanted_sectors: str = ""
    no_go_sectors: str = ""
    hours_wanted: Decimal | None = None
    contract_wishes: str = ""
    max_distance_km: int | None = None
