"""Properties of the file readers: whatever JSON value stands in whatever field, the reader
answers with a value or with problems, never with an exception; and what it accepts, the
check and the determination take without an exception too."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.grants.builders import (
    application_2010,
    application_2013,
    as_award,
    award_2013,
    declaration_2013,
)
from werkbrug.grants import (
    Result,
    application_from_json,
    application_json,
    award_from_json,
    award_json,
    check_application,
    declaration_from_json,
    declaration_json,
    determine,
)
from werkbrug.grants.jsonfile import read_json_bytes

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a document: each field of each object, each item of each list."""
    found: list[tuple[object, ...]] = []
    items: list[tuple[object, object]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, child in items:
        found.append((*prefix, key))
        found.extend(paths(child, (*prefix, key)))
    return found


def put(document: dict[str, Any], path: tuple[object, ...], value: object) -> dict[str, Any]:
    result = copy.deepcopy(document)
    target: Any = result
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return result


def decoded(document: dict[str, Any]) -> dict[str, Any]:
    """The document as written to a file and decoded, so numbers arrive as the reader sees
    them (``int`` and ``Decimal``)."""
    result = read_json_bytes(json.dumps(document).encode("utf-8"), "file.json")
    assert result.value is not None
    return result.value


def places(document: dict[str, Any]) -> st.SearchStrategy[tuple[object, ...]]:
    return st.sampled_from(paths(document))


def answered(result: Result[Any]) -> None:
    assert result.value is not None or result.errors


@settings(max_examples=300)
@given(st.data(), json_values)
def test_property_any_value_in_any_field_of_an_application_gives_problems_or_a_value(
    data: st.DataObject, value: object
) -> None:
    base = data.draw(st.sampled_from([application_2010(), application_2013()]))
    document = decoded(put(base, data.draw(places(base)), value))
    result = application_from_json(document, "file.json")
    answered(result)
    if result.value is not None:
        check_application(result.value)


@settings(max_examples=200)
@given(st.data(), json_values)
def test_property_any_value_in_any_field_of_an_award_or_declaration_is_answered(
    data: st.DataObject, value: object
) -> None:
    award, declaration = award_2013(), declaration_2013()
    if data.draw(st.booleans()):
        award = put(award, data.draw(places(award)), value)
    else:
        declaration = put(declaration, data.draw(places(declaration)), value)
    read_award = award_from_json(decoded(award), "award.json")
    read_declaration = declaration_from_json(decoded(declaration), "declaration.json")
    answered(read_award)
    answered(read_declaration)
    if read_award.value is not None and read_declaration.value is not None:
        answered(determine(read_award.value, read_declaration.value))


@given(st.binary(max_size=200))
def test_property_any_bytes_are_answered(raw: bytes) -> None:
    answered(read_json_bytes(raw, "file.json"))


@given(json_values)
def test_property_any_document_is_answered(value: object) -> None:
    document = value if isinstance(value, dict) else {"format": value}
    answered(read_json_bytes(json.dumps(document).encode(), "file.json"))
    for reader in (application_from_json, award_from_json, declaration_from_json):
        answered(reader(decoded(document), "file.json"))  # type: ignore[operator]


def test_the_award_builder_is_valid() -> None:
    assert as_award(award_2013()).id == "SP-2013-017"


@st.composite
def valid_applications(draw: st.DrawFn) -> dict[str, Any]:
    """A valid application with its amounts, counts and flags varied."""
    document = draw(st.sampled_from([application_2010(), application_2013()]))
    amounts = st.decimals(min_value=0, max_value=10**9, places=2)
    for measure in document["measures"]:
        measure["cost_eur"] = str(draw(amounts))
        measure["applications"] = draw(st.none() | st.integers(0, 1000))
        measure["vulnerable_hiring"] = draw(st.booleans())
    for line in document["funding"]:
        line["amount_eur"] = draw(amounts)
    document["requested_eur"] = draw(amounts)
    document["complete_on"] = draw(st.sampled_from([None, document["submitted_on"]]))
    return document


@given(valid_applications())
def test_property_a_written_application_reads_back_the_same(document: dict[str, Any]) -> None:
    application = application_from_json(document, "a.json").value
    assert application is not None
    written = json.dumps(application_json(application))
    assert application_from_json(decoded(json.loads(written)), "b.json").value == application


def test_a_written_award_and_declaration_read_back_the_same() -> None:
    award = award_from_json(award_2013(), "a.json").value
    declaration = declaration_from_json(declaration_2013(), "d.json").value
    assert award is not None
    assert declaration is not None
    assert award_from_json(decoded(award_json(award)), "a.json").value == award
    assert declaration_from_json(decoded(declaration_json(declaration)), "d.json").value == (
        declaration
    )
