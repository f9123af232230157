"""Reading grant files: bad input is refused with the file, the line or the field path, and
what is allowed; hostile input within bounded time and memory; nothing is made of a file with
an error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.grants.builders import (
    DELETE,
    application_2010,
    application_2013,
    award_2013,
    changed,
    declaration_2013,
    write,
)
from werkbrug.grants import (
    Limits,
    Result,
    Severity,
    application_from_json,
    read_application,
    read_award,
    read_declaration,
)
from werkbrug.grants.jsonfile import read_json_bytes

SCHEMES_MD_EXAMPLE = """{
  "format": "werkbrug-application/1",
  "scheme": "tijdelijk-besluit-2010",
  "submitted_on": "2010-10-20",
  "complete_on": "2010-10-20",
  "applicant": {"name": "Stichting Voorbeeld", "kind": "employer_organisation",
                "legal_entity": true, "public_sector": false, "equity_eur": "120000"},
  "partners": [{"name": "FNV", "role": "union"}, {"name": "Mediair BV", "role": "mediator"}],
  "agreement_signed": true, "mandate_signed": true, "guarantee_eur": "0",
  "period": {"start": "2010-12-01", "end": "2011-11-30"},
  "plan": {"expected_participants": 80, "design": "…", "analysis": "…", "approach": "…",
           "organisation": "…", "conditions": "…", "continuation": "…"},
  "measures": [{"code": "M1", "name": "Bemiddeling", "theme": "f", "kind": "mediation",
                "applications": 80, "cost_eur": "240000", "vulnerable_hiring": false}],
  "funding": [{"source": "employers", "amount_eur": "120000"},
              {"source": "staff_wages", "amount_eur": "20000"}],
  "requested_eur": "100000"
}"""


def lines(result: Result[Any], lang: str = "en") -> list[str]:
    return [p.render(lang) for p in result.problems]  # type: ignore[arg-type]


def from_text(text: str, limits: Limits | None = None) -> Result[Any]:
    decoded = read_json_bytes(text.encode("utf-8"), "app.json", limits or Limits())
    if decoded.value is None:
        return decoded
    return application_from_json(decoded.value, "app.json", limits or Limits())


def parsed(data: dict[str, Any]) -> Result[Any]:
    return from_text(json.dumps(data, ensure_ascii=False))


def test_the_example_of_schemes_md_reads(tmp_path: Path) -> None:
    path = tmp_path / "app.json"
    path.write_text(SCHEMES_MD_EXAMPLE, encoding="utf-8")
    result = read_application(path)
    assert result.problems == ()
    assert result.value is not None
    assert result.value.total_cost_eur == 240000
    assert result.value.own_funds_eur == 140000


def test_broken_json_is_refused_with_the_decoders_line_and_column() -> None:
    text = '{\n  "format": "werkbrug-application/1",\n  "scheme": "x"\n  "submitted_on": 1\n}'
    assert lines(from_text(text)) == [
        "app.json:4: not valid JSON: Expecting ',' delimiter (column 3)"
    ]


def test_a_file_that_is_not_utf8_is_refused_with_its_line() -> None:
    result = read_json_bytes(b'{\n"name": "Caf\xe9"}', "app.json")
    assert lines(result) == ["app.json:2: not UTF-8 (byte 15); save the file as UTF-8"]


def test_a_byte_order_mark_is_allowed() -> None:
    data = json.dumps(application_2010()).encode()
    assert read_json_bytes(b"\xef\xbb\xbf" + data, "app.json").value is not None


def test_the_file_size_is_checked_before_the_file_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "big.json", application_2010())
    result = read_application(path, Limits(max_file_bytes=100))
    assert result.value is None
    assert lines(result)[0].endswith("bytes; at most 100 bytes are allowed")


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    assert lines(read_application(tmp_path / "nowhere.json")) == [
        f"{tmp_path / 'nowhere.json'}: file not found"
    ]


def test_nesting_beyond_the_limit_is_refused_before_decoding() -> None:
    deep = '{"format": "werkbrug-application/1",\n"x": ' + "[" * 10_000 + "]" * 10_000 + "}"
    assert lines(from_text(deep)) == [
        "app.json:2: objects and lists are nested deeper than 16 levels"
    ]


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    data = changed(application_2010(), "plan.design", "[[[[{{{{" * 10 + '\\"]]]')
    assert parsed(data).value is not None


def test_too_many_measures_are_refused_with_the_limit() -> None:
    measure = application_2010()["measures"][0]
    data = changed(application_2010(), "measures", [measure] * 1001)
    assert "app.json: measures: this list has 1,001 items; at most 1,000 are allowed" in lines(
        parsed(data)
    )


def test_a_long_list_is_refused_wherever_it_stands_without_looking_into_it() -> None:
    data = changed(application_2010(), "extra", {"values": [float("nan")] * 5000})
    assert lines(from_text(json.dumps(data))) == [
        "app.json: extra.values: this list has 5,000 items; at most 1,000 are allowed"
    ]


def test_a_long_name_is_refused_and_a_long_design_is_not() -> None:
    data = changed(application_2010(), "applicant.name", "x" * 301)
    assert lines(parsed(data)) == [
        "app.json: applicant.name: the text is 301 characters long; at most 300 are allowed"
    ]
    assert parsed(changed(application_2010(), "plan.design", "x" * 20_000)).value is not None


def test_control_characters_are_refused_and_shown_escaped() -> None:
    data = changed(application_2010(), "applicant.kind", "\x1b[2Jboss")
    (line,) = lines(parsed(data))
    assert "\x1b" not in line
    assert "'\\x1b[2Jboss'" in line
    data = changed(application_2010(), "applicant.name", "Evil\u202eCorp")
    assert lines(parsed(data)) == [
        "app.json: applicant.name: the text contains a control or invisible formatting "
        "character; remove it"
    ]


def test_line_breaks_are_allowed_in_a_plans_texts_only() -> None:
    assert parsed(changed(application_2010(), "plan.design", "Eén\nTwee\tDrie")).value
    assert parsed(changed(application_2010(), "applicant.name", "Een\nTwee")).value is None


def test_a_key_written_twice_is_refused_with_its_path() -> None:
    text = json.dumps(application_2010())[:-1] + ', "requested_eur": "5"}'
    text = text.replace('"role": "union"', '"role": "union", "role": "mediator"')
    # An object's own keys first, then those of the objects inside it.
    assert lines(from_text(text)) == [
        "app.json: requested_eur: this key appears more than once in its object; write it once",
        "app.json: partners[0].role: this key appears more than once in its object; write it once",
    ]


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(token: str) -> None:
    text = json.dumps(application_2010()).replace('"100000"', token)
    (line,) = lines(from_text(text))
    assert line.startswith(f"app.json: requested_eur: '{token}' is not an allowed number")


def test_a_number_of_a_million_digits_is_refused_without_converting_it() -> None:
    text = json.dumps(application_2010()).replace('"100000"', "9" * 1_000_000)
    (line,) = lines(from_text(text))
    assert line.startswith("app.json: requested_eur: '99999")
    assert "at most 40 characters" in line


def test_an_unknown_field_is_ignored_with_a_warning() -> None:
    data = changed(application_2010(), "colour", "blue")
    data = changed(data, "measures.0.cost", "1")
    result = parsed(data)
    assert result.value is not None
    assert [p.severity for p in result.problems] == [Severity.WARNING] * 2
    assert lines(result)[0].startswith(
        "app.json: colour: warning: unknown field, ignored; the fields here are: format, scheme"
    )
    assert lines(result, "nl")[1].startswith(
        "app.json: measures[0].cost: waarschuwing: onbekend veld, genegeerd"
    )


def test_a_file_of_another_format_is_named_as_such(tmp_path: Path) -> None:
    path = write(tmp_path, "award.json", award_2013())
    assert lines(read_application(path)) == [
        f"{path}: format: this is an award, not an application; this must be "
        "'werkbrug-application/1'"
    ]


@pytest.mark.parametrize(
    ("path", "value", "line"),
    [
        ("applicant", DELETE, "applicant: this field is required"),
        ("applicant", None, "applicant: this field is required and must not be null"),
        ("applicant", [], "applicant: this must be an object {…}; it is a list"),
        ("applicant.legal_entity", "ja", "applicant.legal_entity: this must be true or false;"),
        ("applicant.kind", "bakker", "applicant.kind: this must be one of: employer, employer_"),
        ("scheme", "regeling-2020", "scheme: this must be one of: tijdelijk-besluit-2010, sector"),
        ("submitted_on", "20-10-2010", "submitted_on: this must be a date YYYY-MM-DD; it is '20"),
        ("submitted_on", "2010-02-30", "submitted_on: '2010-02-30' is not a date that exists"),
        ("complete_on", "2010-10-19", "complete_on: an application cannot be complete before it"),
        ("period.end", "2010-11-30", "period.end: the end lies before the start (1 December 2010)"),
        ("plan.expected_participants", True, "plan.expected_participants: this must be a whole"),
        ("plan.expected_participants", 80.5, "plan.expected_participants: this must be a whole"),
        ("measures.0.cost_eur", "veel", "measures[0].cost_eur: 'veel' is not an amount in euros"),
        ("measures.0.kind", None, "measures[0].kind: this field is required and must not be null"),
        ("measures.0", 7, "measures[0]: this must be an object {…}; it is a number"),
        ("measures", {"M1": 1}, "measures: this must be a list […]; it is an object"),
        ("funding.1.source", "bank", "funding[1].source: this must be one of: employers, employ"),
        ("partners.0.name", "", "partners[0].name: must not be empty"),
        ("requested_eur", "-1", "requested_eur: '-1' is not an amount in euros"),
    ],
)
def test_a_bad_field_is_refused_with_its_path_and_what_is_allowed(
    path: str, value: object, line: str
) -> None:
    result = parsed(changed(application_2010(), path, value))
    assert result.value is None
    assert next(x.split(": ", 1)[1] for x in lines(result)).startswith(line)


def test_every_problem_is_reported_at_once() -> None:
    data = changed(application_2013(), "measures.0.cost_eur", "x")
    data = changed(data, "measures.2.theme", "z")
    data = changed(data, "period.start", "gisteren")
    assert sorted(p.path or "" for p in parsed(data).problems) == [
        "measures[0].cost_eur",
        "measures[2].theme",
        "period.start",
    ]


def test_two_measures_with_one_code_are_refused() -> None:
    data = changed(application_2013(), "measures.2.code", "M1")
    assert lines(parsed(data)) == [
        "app.json: measures[2].code: the code 'M1' already appears earlier in measures; each "
        "code once"
    ]


def test_messages_are_dutch_too() -> None:
    result = parsed(changed(application_2010(), "measures.0.cost_eur", "veel"))
    assert lines(result, "nl") == [
        "app.json: measures[0].cost_eur: 'veel' is geen bedrag in euro's; schrijf bijvoorbeeld "
        '"250000.00", 250000 of "250.000,00" (ten hoogste twee decimalen, geen valutateken)'
    ]


def test_an_award_and_a_declaration_read(tmp_path: Path) -> None:
    award = read_award(write(tmp_path, "a.json", award_2013()))
    declaration = read_declaration(write(tmp_path, "d.json", declaration_2013()))
    assert award.value is not None
    assert award.value.eligible_eur == 900_000
    assert declaration.value is not None
    assert declaration.value.advances_paid_eur == 80_000


def test_an_award_without_costs_is_refused(tmp_path: Path) -> None:
    data = award_2013()
    for measure in data["measures"]:
        measure["cost_eur"] = "0"
    assert lines(read_award(write(tmp_path, "a.json", data)))[0].endswith(
        "measures: the award must hold measures with costs: the realised share is measured "
        "against the eligible costs in the award"
    )


def test_a_declaration_needs_its_advances(tmp_path: Path) -> None:
    data = changed(declaration_2013(), "advances_paid_eur", DELETE)
    assert lines(read_declaration(write(tmp_path, "d.json", data))) == [
        f"{tmp_path / 'd.json'}: advances_paid_eur: this field is required"
    ]
