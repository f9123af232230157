"""The two building blocks of every code list: :class:`Code` and :class:`CodeList`.

A :class:`CodeList` is immutable and answers ``get`` with one dictionary lookup, because the
importer calls it for every coded cell of a delivery (millions of times for a large one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, NoReturn

__all__ = ["LEVELS", "Code", "CodeList", "default_key"]

#: The education levels a :class:`Code` may carry (CBS SOI: laag, middelbaar, hoog).
LEVELS: Final = frozenset({"low", "middle", "high"})


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of a code list, with a Dutch and an English label."""

    code: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    #: Education level (``low``/``middle``/``high``); only the education list uses it.
    level: str | None = None

    def __post_init__(self) -> None:
        for value in (self.code, *self.aliases):
            if not value or value != value.strip():
                raise ValueError(f"code or alias {value!r} is empty or has outer whitespace")
        if not self.label_nl or not self.label_en:
            raise ValueError(f"code {self.code!r} needs both a Dutch and an English label")
        if self.level is not None and self.level not in LEVELS:
            raise ValueError(f"code {self.code!r}: unknown level {self.level!r}")

    def label(self, lang: str = "nl") -> str:
        """The label in ``lang`` ("nl" or "en"; regional variants such as "en-gb" too)."""
        base = lang.strip().lower().replace("_", "-").split("-", 1)[0]
        if base == "nl":
            return self.label_nl
        if base == "en":
            return self.label_en
        raise ValueError(f"no labels in language {lang!r}; use 'nl' or 'en'")


def default_key(raw: str) -> str:
    """The lookup key of a raw cell: trimmed and case-folded."""
    return raw.strip().casefold()


class CodeList:
    """An immutable, ordered list of codes with O(1) lookup by code or alias.

    Lookups ignore case and surrounding whitespace. A list may pass its own ``key``
    function (for example to treat hyphens like spaces) and may ask for the labels to be
    found too (``match_labels``). Two entries that would be found by the same key are an
    error, so a lookup is never ambiguous.
    """

    __slots__ = ("_by_code", "_codes", "_entries", "_exact", "_index", "_key", "name")

    name: str
    _entries: tuple[Code, ...]
    _codes: tuple[str, ...]
    _key: Callable[[str], str]
    _index: Mapping[str, Code]
    _exact: Mapping[str, Code]
    _by_code: Mapping[str, Code]

    def __init__(
        self,
        name: str,
        entries: Iterable[Code],
        *,
        key: Callable[[str], str] = default_key,
        match_labels: bool = False,
    ) -> None:
        entries = tuple(entries)
        index: dict[str, Code] = {}
        exact: dict[str, Code] = {}
        for entry in entries:
            names = [entry.code, *entry.aliases]
            if match_labels:
                names += [entry.label_nl, entry.label_en]
            for raw in names:
                normal = key(raw)
                other = index.get(normal)
                if other is not None and other is not entry:
                    raise ValueError(
                        f"{name}: {raw!r} of {entry.code!r} clashes with {other.code!r}"
                    )
                index[normal] = entry
                # The exact spellings short-cut the normalisation for well-formed input.
                exact[raw] = entry
                exact[normal] = entry
        by_code = {entry.code: entry for entry in entries}
        for entry in entries:
            if entry.parent is not None and entry.parent not in by_code:
                raise ValueError(f"{name}: parent {entry.parent!r} of {entry.code!r} missing")
        set_ = object.__setattr__
        set_(self, "name", name)
        set_(self, "_entries", entries)
        set_(self, "_codes", tuple(entry.code for entry in entries))
        set_(self, "_key", key)
        set_(self, "_index", MappingProxyType(index))
        set_(self, "_exact", MappingProxyType(exact))
        set_(self, "_by_code", MappingProxyType(by_code))

    def __setattr__(self, attr: str, value: object) -> NoReturn:
        raise AttributeError(f"CodeList {self.name!r} is immutable")

    def __delattr__(self, attr: str) -> NoReturn:
        raise AttributeError(f"CodeList {self.name!r} is immutable")

    def get(self, raw: str | None) -> Code | None:
        """The entry whose code or alias matches ``raw``, or ``None`` (also for empty input)."""
        if raw is None:
            return None
        found = self._exact.get(raw)
        if found is not None:
            return found
        return self._index.get(self._key(raw))

    def canonical(self, raw: str | None) -> str | None:
        """The canonical code for ``raw``, or ``None`` when it matches nothing."""
        found = self.get(raw)
        return None if found is None else found.code

    def __getitem__(self, raw: str) -> Code:
        found = self.get(raw)
        if found is None:
            raise KeyError(f"{raw!r} is not in code list {self.name!r}")
        return found

    def __contains__(self, raw: object) -> bool:
        return isinstance(raw, str) and self.get(raw) is not None

    def __iter__(self) -> Iterator[Code]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<CodeList {self.name!r}: {len(self)} codes>"

    @property
    def codes(self) -> tuple[str, ...]:
        """The canonical codes, in the list's order."""
        return self._codes

    def children(self, code: str) -> tuple[Code, ...]:
        """The entries whose parent is the canonical form of ``code``, in order."""
        canonical = self.canonical(code)
        if canonical is None:
            return ()
        return tuple(entry for entry in self._entries if entry.parent == canonical)

    def allowed_text(self, limit: int = 20, *, lang: str = "en") -> str:
        """A short list of the allowed codes for an error message.

        ``"one of: basis, vmbo, …"``; longer than ``limit`` codes, the first ``limit`` are
        shown, then "…" and the total count. ``lang`` is "en" or "nl".
        """
        lead = {"en": "one of", "nl": "een van"}
        base = lang.strip().lower().replace("_", "-").split("-", 1)[0]
        if base not in lead:
            raise ValueError(f"no messages in language {lang!r}; use 'nl' or 'en'")
        shown = ", ".join(self._codes[: max(limit, 0)])
        if len(self._codes) <= limit:
            return f"{lead[base]}: {shown}"
        total = {"en": "codes in total", "nl": "codes in totaal"}[base]
        prefix = f"{shown}, " if shown else ""
        return f"{lead[base]}: {prefix}… ({len(self._codes)} {total})"
