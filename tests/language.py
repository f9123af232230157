"""What a reader must never see in a document or page of one language: names from the code
(``snake_case`` words, ``education=high``) and words of the other language. The tests of the
reports and the pages run their rendered text through :func:`leaks`."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# A word with an underscore (union_involved, learn_work) or a name=value pair from a model.
_SNAKE = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-])")
_ASSIGNED = re.compile(r"(?<![\w/.-])[a-z_]+=[a-z_]+(?![\w/.-])")

# Common English words that are not Dutch words too, and the reverse: enough to catch a
# sentence or a label left in the other language.
ENGLISH = frozenset(
    """the and with without because which would could should rows left unknown only overall
    total participants projects project's reached transitions transition rate target
    between known share yes no none all been were there their from into than this that
    these those after before intervals clustered level attributes reliable even differ
    determined cannot told""".split()  # noqa: SIM905 (a word list reads best as words)
)
DUTCH = frozenset(
    """de het een van en niet met zonder omdat deelnemers projecten totaal bereikt transities
    doelstelling onbekend weggelaten bekend aandeel ja nee geen alle hun tussen na voor
    heeft hebben zijn wordt worden""".split()  # noqa: SIM905 (a word list reads best as words)
)
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def visible_text(page: str) -> str:
    """The text a reader sees of an HTML page: no tags, scripts, styles or attributes."""
    return html.unescape(_TAGS.sub(" ", page))


def leaks(text: str, lang: str, *, besides: Iterable[str] = ()) -> list[str]:
    """Code names and other-language words in ``text`` (a rendering in ``lang``), after
    taking out ``besides``: the data the document quotes (project names, a description)."""
    text = " ".join(text.split())
    # The programme's own name is Dutch in every language.
    for quoted in sorted([*besides, "van-werk-naar-werk"], key=len, reverse=True):
        if quoted.strip():
            text = text.replace(" ".join(quoted.split()), " ")
    found = _SNAKE.findall(text) + _ASSIGNED.findall(text)
    other = ENGLISH if lang == "nl" else DUTCH
    # The language menu names both languages by their codes (NL, EN) on every page.
    found += [w for w in _WORD.findall(text) if w.lower() in other and w not in {"NL", "EN"}]
    return sorted(set(found))
