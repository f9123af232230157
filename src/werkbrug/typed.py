"""The base of the typed values that services take (``people.values``, ``vacancies.values``,
…): frozen dataclasses that pages, commands, the API and jobs hand over alike."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Self


class Values:
    """Mixed into a frozen dataclass of a service's input."""

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """The value from a form's cleaned data or a decoded document: known fields only, the
        others at their defaults."""
        names = set(cls.field_names())
        return cls(**{k: v for k, v in data.items() if k in names})

    @classmethod
    def of(cls, obj: object | None) -> Self:
        """The value as stored on a model instance (``None``: the defaults), to change one
        field with :func:`dataclasses.replace`."""
        if obj is None:
            return cls()
        return cls(**{name: getattr(obj, name) for name in cls.field_names()})

    def merged(self, data: Mapping[str, Any]) -> Self:
        """This value with the known fields that ``data`` holds: an update from a form that
        shows only some fields (an employer's own page has no project) keeps the others."""
        names = set(self.field_names())
        return dataclasses.replace(self, **{k: v for k, v in data.items() if k in names})  # type: ignore[type-var]

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.field_names()}
