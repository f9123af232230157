"""Unit tests for the cell parsers of the exchange format (werkbrug.exchange.cells).

Each parser takes one raw, trimmed, non-empty cell and returns a typed value or raises
CellError; the validator adds the file, line and column. These tests talk to the parsers
directly, and to ``canonical`` (the one text form used by the export and the content hash).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from werkbrug.exchange import cells
from werkbrug.exchange.cells import CellError
from werkbrug.exchange.validate import canonical
from werkbrug.taxonomy import EDUCATION, OUTCOMES, REGIONS, SBI_SECTIONS

# The number columns of the format, built as the schema builds them.
HOURS = cells.decimal(Decimal(0), Decimal(80), exclusive_minimum=True)  # outcomes.hours
HOURS_BEFORE = cells.decimal(Decimal(0), Decimal(80))  # participants.hours_before
MONEY = cells.decimal(Decimal(0), Decimal("999999999999"))  # projects.budget_eur


def refusal(parse: cells.Parser, raw: str) -> CellError:
    """The CellError ``parse`` raises for ``raw`` (the test fails when it raises none)."""
    with pytest.raises(CellError) as error:
        parse(raw)
    return error.value


def template_for(parse: cells.Parser, raw: str) -> str:
    return refusal(parse, raw).template


# The message kinds, taken from the parsers themselves so that rewording does not break tests.
NOT_A_DATE = template_for(cells.parse_date, "yesterday")
NOT_EXISTING = template_for(cells.parse_date, "2011-02-30")
NOT_A_NUMBER = template_for(cells.decimal(Decimal(0))(False), "abc")
TOO_MANY_DECIMALS = template_for(cells.decimal(Decimal(0))(False), "0.001")


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2011-02-28", dt.date(2011, 2, 28)),
        ("1968-05-01", dt.date(1968, 5, 1)),
        ("2012-02-29", dt.date(2012, 2, 29)),
        ("2000-12-31", dt.date(2000, 12, 31)),
    ],
)
def test_an_iso_date_is_read(raw: str, expected: dt.date) -> None:
    assert cells.parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("28-02-2011", dt.date(2011, 2, 28)),
        ("01-05-1968", dt.date(1968, 5, 1)),
        ("29-02-2012", dt.date(2012, 2, 29)),
        ("31-12-2000", dt.date(2000, 12, 31)),
        ("1-2-2011", dt.date(2011, 2, 1)),  # Dutch Excel drops the leading zeros
        ("28-2-2011", dt.date(2011, 2, 28)),
    ],
)
def test_a_dutch_day_month_year_date_is_read(raw: str, expected: dt.date) -> None:
    assert cells.parse_date(raw) == expected


def test_both_date_forms_give_the_same_date() -> None:
    assert cells.parse_date("2011-03-04") == cells.parse_date("04-03-2011")


@pytest.mark.parametrize(
    "raw",
    [
        "2011/02/28",
        "28/02/2011",
        "2011-2-28",
        "28-02-011",
        "028-02-2011",
        "20110228",
        "28-02-11",
        "2011-02-28T00:00",
        "2011-02-28 10:00:00",
        "28 februari 2011",
        "feb 28, 2011",
        "40544",
        "2011-02",
        "-",
        "２０１１-０２-２８",  # full-width digits
    ],
)
def test_any_other_date_form_is_refused(raw: str) -> None:
    error = refusal(cells.parse_date, raw)
    assert error.template == NOT_A_DATE
    assert error.params == {"value": raw}


@pytest.mark.parametrize(
    "raw",
    [
        "2011-02-29",
        "29-02-2011",
        "2011-04-31",
        "31-04-2011",
        "2011-13-01",
        "2011-00-10",
        "2011-01-00",
        "0000-01-01",
        "1900-02-29",
        "32-01-2011",
    ],
)
def test_an_impossible_date_is_refused_as_not_existing(raw: str) -> None:
    error = refusal(cells.parse_date, raw)
    assert error.template == NOT_EXISTING != NOT_A_DATE
    assert error.params == {"value": raw}


# --- booleans ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["true", "True", "TRUE", "tRuE", "yes", "Yes", "YES", "ja", "Ja", "JA", "1"],
)
def test_every_spelling_of_yes_reads_as_true(raw: str) -> None:
    assert cells.parse_bool(raw) is True


@pytest.mark.parametrize(
    "raw",
    ["false", "False", "FALSE", "fAlSe", "no", "No", "NO", "nee", "Nee", "NEE", "0"],
)
def test_every_spelling_of_no_reads_as_false(raw: str) -> None:
    assert cells.parse_bool(raw) is False


@pytest.mark.parametrize(("raw", "expected"), [("WAAR", True), ("Waar", True), ("ONWAAR", False)])
def test_what_dutch_excel_writes_for_true_and_false_is_read(raw: str, expected: bool) -> None:
    assert cells.parse_bool(raw) is expected


@pytest.mark.parametrize(
    "raw", ["y", "n", "j", "t", "f", "2", "-1", "01", "ja!", "yes please", "nope", "onwaarheid"]
)
def test_anything_else_is_not_a_yes_no_value(raw: str) -> None:
    error = refusal(cells.parse_bool, raw)
    assert error.params == {"value": raw}
    for spelling in ("true/false", "yes/no", "ja/nee", "1/0"):
        assert spelling in error.template  # the message says what is allowed


# --- text and integers ------------------------------------------------------------------------


def test_text_up_to_the_maximum_length_is_kept_as_it_is() -> None:
    assert cells.text(5)("abcde") == "abcde"
    assert cells.text(5)("é ë ï") == "é ë ï"


def test_text_longer_than_the_maximum_is_refused_with_its_length() -> None:
    error = refusal(cells.text(5), "abcdef")
    assert error.params == {"length": 6, "max": 5}


@pytest.mark.parametrize(("raw", "expected"), [("0", 0), ("10", 10), ("2147483647", 2147483647)])
def test_a_whole_number_at_or_above_the_minimum_is_read(raw: str, expected: int) -> None:
    assert cells.integer(0)(raw) == expected


@pytest.mark.parametrize(
    "raw", ["1.5", "1,0", "10.0", "ten", "1e3", "0x10", "1 000", "1.000", "+5", "1_000", "٥", "５"]
)
def test_a_number_that_is_not_whole_is_refused(raw: str) -> None:
    error = refusal(cells.integer(0), raw)
    assert error.params == {"value": raw}
    assert error.template == template_for(cells.integer(0), "ten")


def test_a_whole_number_below_the_minimum_is_out_of_range() -> None:
    error = refusal(cells.integer(0), "-1")
    assert error.params == {"value": "-1", "min": 0}
    assert error.template != template_for(cells.integer(0), "ten")


def test_a_whole_number_that_no_database_can_store_is_out_of_range() -> None:
    assert refusal(cells.integer(0), "2147483648").params["value"] == "2147483648"


@pytest.mark.parametrize(
    ("raw", "ok"), [("1899", False), ("1900", True), ("2100", True), ("2101", False)]
)
def test_a_birth_year_must_lie_between_1900_and_2100(raw: str, ok: bool) -> None:
    parse = cells.integer(1900, 2100)
    if ok:
        assert parse(raw) == int(raw)
    else:
        assert refusal(parse, raw).params == {"value": raw, "min": 1900, "max": 2100}


def test_a_whole_number_with_thousands_of_digits_is_refused_not_crashed_on() -> None:
    refusal(cells.integer(0), "9" * 5000)


# --- decimals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("decimal_comma", [False, True])
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("38", Decimal("38")),
        ("37.5", Decimal("37.5")),
        ("0.25", Decimal("0.25")),
        ("80", Decimal("80")),
        ("0", Decimal("0")),
    ],
)
def test_a_number_with_a_decimal_point_is_read_in_every_file(
    raw: str, expected: Decimal, decimal_comma: bool
) -> None:
    assert HOURS_BEFORE(decimal_comma)(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [("37,5", Decimal("37.5")), ("0,25", Decimal("0.25")), ("8,0", 8)]
)
def test_a_decimal_comma_is_read_when_the_file_allows_it(raw: str, expected: Decimal) -> None:
    assert HOURS_BEFORE(True)(raw) == expected


@pytest.mark.parametrize("raw", ["37,5", "0,25", "1.234,56"])
def test_a_decimal_comma_is_refused_when_the_file_does_not_allow_it(raw: str) -> None:
    error = refusal(MONEY(False), raw)
    assert error.template == NOT_A_NUMBER
    assert error.params == {"value": raw}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("12.345.678,9", Decimal("12345678.9")),
        ("100.000,00", Decimal("100000")),
        ("1234,56", Decimal("1234.56")),
        ("-0,00", Decimal(0)),
    ],
)
def test_grouped_thousands_with_a_decimal_comma_are_read(raw: str, expected: Decimal) -> None:
    assert MONEY(True)(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("150.000", Decimal(150000)),
        ("1.500", Decimal(1500)),
        ("1.234", Decimal(1234)),
        ("12.345.678", Decimal(12345678)),
    ],
)
def test_points_grouping_thousands_are_not_decimals_in_a_decimal_comma_file(
    raw: str, expected: Decimal
) -> None:
    assert MONEY(True)(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [("37.5", "37.5"), ("12.50", "12.5"), ("0.25", "0.25")]
)
def test_a_point_not_grouping_three_digits_is_a_decimal_point_in_every_file(
    raw: str, expected: str
) -> None:
    assert MONEY(True)(raw) == MONEY(False)(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["1,234.56", "1.23.4,5", "1,2,3", "12.34,5", "1.2345,6"])
def test_a_badly_grouped_number_is_refused_in_a_decimal_comma_file(raw: str) -> None:
    refusal(MONEY(True), raw)


@pytest.mark.parametrize(
    ("raw", "decimal_comma"),
    [("1.234", False), ("37,125", True), ("12.3456", True), ("0.001", False), ("0,001", True)],
)
def test_more_than_two_decimals_are_refused(raw: str, decimal_comma: bool) -> None:
    error = refusal(HOURS_BEFORE(decimal_comma), raw)
    assert error.template == TOO_MANY_DECIMALS
    assert error.params == {"value": raw, "places": 2}


def test_trailing_zeros_do_not_count_as_decimals() -> None:
    assert HOURS_BEFORE(False)("37.500") == Decimal("37.5")


@pytest.mark.parametrize("raw", ["0", "0.00", "-0.01", "-5"])
def test_hours_in_the_new_job_must_be_more_than_zero(raw: str) -> None:
    error = refusal(HOURS(False), raw)
    assert error.params == {"value": raw, "min": 0, "max": 80}
    assert "more than" in error.template  # says the minimum itself is not allowed


@pytest.mark.parametrize(
    ("raw", "expected"), [("0.01", Decimal("0.01")), ("80", Decimal(80)), ("80.00", Decimal(80))]
)
def test_hours_just_above_zero_and_up_to_eighty_are_accepted(raw: str, expected: Decimal) -> None:
    assert HOURS(False)(raw) == expected


def test_hours_above_eighty_are_out_of_range() -> None:
    assert refusal(HOURS(False), "80.01").params == {"value": "80.01", "min": 0, "max": 80}


def test_zero_hours_before_is_allowed_but_a_negative_number_is_not() -> None:
    assert HOURS_BEFORE(False)("0") == Decimal(0)
    error = refusal(HOURS_BEFORE(False), "-1")
    assert error.params == {"value": "-1", "min": 0, "max": 80}
    assert "more than" not in error.template


@pytest.mark.parametrize(
    "raw", ["NaN", "nan", "Infinity", "-Infinity", "inf", "sNaN", "abc", "", "1..2", "--1", "€ 100"]
)
def test_something_that_is_not_a_finite_number_is_refused(raw: str) -> None:
    assert refusal(MONEY(False), raw).template == NOT_A_NUMBER


@pytest.mark.parametrize(
    ("raw", "decimal_comma"),
    [
        ("36", False),
        ("36.0", False),
        ("36.00", False),
        ("36,00", True),
        ("36,0", True),
        ("036", False),
    ],
)
def test_one_number_written_in_different_ways_has_one_canonical_form(
    raw: str, decimal_comma: bool
) -> None:
    assert canonical(HOURS_BEFORE(decimal_comma)(raw)) == "36"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("100", "100"),
        ("100000", "100000"),
        ("1.50", "1.5"),
        ("999999999999", "999999999999"),
    ],
)
def test_a_round_number_keeps_its_digits_in_canonical_form(raw: str, expected: str) -> None:
    assert canonical(MONEY(False)(raw)) == expected


def test_minus_zero_has_the_same_canonical_form_as_zero() -> None:
    assert canonical(HOURS_BEFORE(False)("-0")) == "0"
    assert canonical(MONEY(False)("-0.00")) == "0"
    assert canonical(MONEY(True)("-0,00")) == "0"


@pytest.mark.parametrize("raw", ["1e2", "3.6e1", "1E+2", "1e999999999", "1e-999999999"])
def test_a_number_in_exponent_notation_is_refused_not_crashed_on(raw: str) -> None:
    assert refusal(HOURS(False), raw).template == NOT_A_NUMBER


@pytest.mark.parametrize("raw", ["٣٧", "３７", "37.５", " 37", "+37", "37.", ".5", "1_000"])
def test_a_number_with_foreign_digits_signs_or_loose_points_is_refused(raw: str) -> None:
    assert refusal(MONEY(False), raw).template == NOT_A_NUMBER


def test_a_number_with_many_digits_is_range_checked_not_crashed_on() -> None:
    assert "max" in refusal(MONEY(False), "9" * 5000).params


def test_a_number_with_more_than_two_decimals_far_to_the_right_is_still_refused() -> None:
    error = refusal(HOURS_BEFORE(False), "1.00000000000000000000000000001")
    assert error.template == TOO_MANY_DECIMALS


# --- codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("vmbo", "vmbo"),
        ("VMBO", "vmbo"),
        ("Vmbo", "vmbo"),
        ("LBO", "vmbo"),
        ("lbo", "vmbo"),
        ("Mavo", "vmbo"),
        ("VBO", "vmbo"),
        ("HBO_MASTER", "hbo_master"),
        ("mbo2", "mbo2"),
    ],
)
def test_an_education_code_is_found_in_any_case_and_by_its_aliases(raw: str, expected: str) -> None:
    assert cells.code(EDUCATION)(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("f", "F"), ("F", "F"), ("u", "U")])
def test_a_sector_letter_is_found_in_either_case(raw: str, expected: str) -> None:
    assert cells.code(SBI_SECTIONS)(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("WORK", "work"), ("Learn_Work", "learn_work")])
def test_an_outcome_code_is_found_in_any_case(raw: str, expected: str) -> None:
    assert cells.code(OUTCOMES)(raw) == expected


@pytest.mark.parametrize("raw", ["groot-amsterdam", "Groot Amsterdam", "GROOT AMSTERDAM"])
def test_a_region_is_found_by_its_code_or_its_name(raw: str) -> None:
    assert cells.code(REGIONS)(raw) == "groot-amsterdam"


@pytest.mark.parametrize("raw", ["mbo5", "university", "V"])
def test_an_unknown_code_is_refused_with_the_codes_that_are_allowed(raw: str) -> None:
    codes = SBI_SECTIONS if raw == "V" else EDUCATION
    error = refusal(cells.code(codes), raw)
    assert error.params["value"] == raw
    shown = error.params["allowed"]
    assert shown.startswith(", ".join(codes.codes[:3]))  # the message lists allowed codes


# --- occupations, postcodes and skills --------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "7115",
        "0110",
        "2221",
        "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1",
    ],
)
def test_an_isco_unit_group_or_an_esco_uri_is_an_occupation(raw: str) -> None:
    assert cells.occupation(raw) == raw


def test_an_esco_uri_is_kept_in_lower_case_so_that_one_occupation_hashes_alike() -> None:
    upper = "http://data.europa.eu/esco/occupation/F2B15A0E-E65A-438A-AFFB-29B9D50B77D1"
    assert cells.occupation(upper) == upper.lower()


@pytest.mark.parametrize(
    "raw",
    [
        "711",
        "71",
        "7",
        "110",
        "71150",
        "9999",
        "timmerman",
        "http://data.europa.eu/esco/skill/f2b15a0e-e65a-438a-affb-29b9d50b77d1",
        "http://data.europa.eu/esco/occupation/not-a-uuid",
    ],
)
def test_anything_else_is_not_an_occupation(raw: str) -> None:
    assert refusal(cells.occupation, raw).params == {"value": raw}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3511", "3511"),
        ("3511 AB", "3511"),
        ("3511AB", "3511"),
        ("3511ab", "3511"),
        ("9999 zz", "9999"),
        ("1000", "1000"),
    ],
)
def test_a_postcode_is_cut_to_its_four_digits(raw: str, expected: str) -> None:
    assert cells.postcode(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["0123", "351", "35111", "3511 A", "3511 ABC", "3511-AB", "AB 3511", "3511  AB", "postcode"],
)
def test_something_that_is_not_a_dutch_postcode_is_refused(raw: str) -> None:
    assert refusal(cells.postcode, raw).params == {"value": raw}


def test_a_postcode_with_non_ascii_digits_is_refused_or_normalised() -> None:
    try:
        value = cells.postcode("3５１１")
    except CellError:
        return
    assert value == "3511"


def test_skills_are_trimmed_and_empty_items_dropped_in_their_order() -> None:
    assert cells.skills(" timmeren | lezen van bouwtekeningen ||metselen|") == (
        "timmeren|lezen van bouwtekeningen|metselen"
    )


# --- canonical --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (dt.date(2011, 2, 3), "2011-02-03"),
        (Decimal("37.5"), "37.5"),
        (Decimal("100"), "100"),
        (0, "0"),
        (12, "12"),
        ("tekst", "tekst"),
    ],
)
def test_every_typed_value_has_one_canonical_text(value: object, expected: str) -> None:
    assert canonical(value) == expected
