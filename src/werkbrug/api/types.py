"""The field types of the API's documents: strict, so that a request the published schema
forbids (a number for a date, a string for a number) is refused rather than guessed at."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer
from pydantic_core import PydanticCustomError

from werkbrug.taxonomy import (
    ACTIVITY_KINDS,
    CONTRACTS,
    EDUCATION,
    GENDERS,
    SBI_SECTIONS,
    SITUATIONS,
)
from werkbrug.taxonomy.codes import CodeList
from werkbrug.trajectories.models import Status

# The largest record number the databases hold (a signed 64-bit integer).
MAX_ID = 2**63 - 1
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD (ISO 8601, the schema's format ``date``)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_parsing", "not a date")


def _no_control(value: str) -> str:
    # NUL and lone surrogates cannot be stored (PostgreSQL refuses NUL; neither encodes).
    if "\x00" in value:
        raise PydanticCustomError("string_nul", "NUL")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("string_unicode", "not UTF-8") from None
    return value


def _whole(value: Any) -> Any:
    """A JSON integer: 3 and 3.0 alike (JSON Schema counts both), never "3" or true."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "not an integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise PydanticCustomError("int_from_float", "not an integer")
        return int(value)
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def whole(ge: int, le: int) -> Any:
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_whole)]


Id = whole(1, MAX_ID)
BirthYear = whole(1900, 2100)
BenefitDays = whole(0, 10000)
# In a path or a query string every value is text: there "3" is the number 3.
PathId = Annotated[int, Field(ge=1, le=MAX_ID)]


# Published in the schema, so that a client knows NUL is refused before it sends one.
NO_NUL = r"^[^\u0000]*$"


def text(max_length: int, min_length: int = 0) -> Any:
    return Annotated[
        str,
        Field(max_length=max_length, min_length=min_length, pattern=NO_NUL),
        AfterValidator(_no_control),
    ]


Text200 = text(200)
Text100 = text(100)
Text2000 = text(2000)
Phone = text(30)
Name = text(100, min_length=2)
# Weekly hours and amounts: numbers in JSON (never strings), stored as decimals.
Hours = Annotated[float, Field(ge=0, le=80), PlainSerializer(float)]
Euros = Annotated[float, Field(ge=0, le=10**8)]


def _codes(codes: CodeList, *, blank: bool = True) -> Any:
    values = tuple(code.code for code in codes)
    return Literal[("", *values) if blank else values]


if TYPE_CHECKING:
    Gender: TypeAlias = str
    Education: TypeAlias = str
    Situation: TypeAlias = str
    Sector: TypeAlias = str
    Contract: TypeAlias = str
    ActivityKind: TypeAlias = str
    StatusCode: TypeAlias = str
else:
    Gender = _codes(GENDERS)
    Education = _codes(EDUCATION)
    Situation = _codes(SITUATIONS)
    Sector = _codes(SBI_SECTIONS)
    Contract = _codes(CONTRACTS)
    ActivityKind = _codes(ACTIVITY_KINDS, blank=False)
    StatusCode = Literal[tuple(s.value for s in Status)]
