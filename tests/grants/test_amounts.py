"""Amounts in euros: every spelling a grant file may use reads as the same Decimal; anything
else is refused with a message that shows what to write."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from werkbrug.grants import AmountError, cents, parse_amount


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("250000.00", "250000"),
        ("250000", "250000"),
        (250000, "250000"),
        (Decimal("250000.00"), "250000"),
        (Decimal("2.5E+5"), "250000"),
        ("250.000,00", "250000"),
        ("250.000", "250000"),
        ("1.250.000,5", "1250000.5"),
        ("1250,5", "1250.5"),
        ("1250.5", "1250.5"),
        (" 12,30 ", "12.3"),
        ("0", "0"),
        ("0,01", "0.01"),
        ("999999999999.99", "999999999999.99"),
    ],
)
def test_every_spelling_reads_as_the_same_amount(raw: object, expected: str) -> None:
    assert parse_amount(raw) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("250,000", "is not an amount in euros"),  # a grouping comma: which convention?
        ("€ 250.000", "no currency sign"),
        ("1.25.000", "is not an amount in euros"),
        ("12,345", "is not an amount in euros"),
        ("1e5", "is not an amount in euros"),
        ("", "is not an amount in euros"),
        ("-5", "is not an amount in euros"),
        (-5, "cannot be negative"),
        (Decimal("1.005"), "more than two decimals"),
        (Decimal("1E-999999999"), "more than two decimals"),
        (Decimal("1E+999999999"), "too large"),
        ("1000000000000", "too large"),
        (True, "this is a yes/no value"),
        (None, "this is null"),
        ([1], "this is a list"),
        ({"eur": 1}, "this is an object"),
    ],
)
def test_anything_else_is_refused_saying_why(raw: object, says: str) -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount(raw)
    assert says in refused.value.message.en
    assert refused.value.message.nl  # and in Dutch


def test_the_refusal_shows_the_allowed_spellings_in_both_languages() -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount("250 duizend")
    assert refused.value.message.nl == (
        "'250 duizend' is geen bedrag in euro's; schrijf bijvoorbeeld \"250000.00\", 250000 "
        'of "250.000,00" (ten hoogste twee decimalen, geen valutateken)'
    )


def dutch(amount: Decimal) -> str:
    """1234567.5 → '1.234.567,50'."""
    whole, _, fraction = f"{amount:.2f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)


@given(amounts)
def test_property_all_spellings_of_an_amount_parse_to_the_same_decimal(amount: Decimal) -> None:
    spellings: list[object] = [
        amount,
        f"{amount:.2f}",
        f"{amount:f}",
        f"{amount:.2f}".replace(".", ","),
        dutch(amount),
    ]
    if amount == amount.to_integral_value():
        spellings.append(int(amount))
    assert {parse_amount(s) for s in spellings} == {amount}


@given(st.decimals(min_value=0, max_value=10**9, places=6))
def test_property_cents_round_halves_up(amount: Decimal) -> None:
    rounded = cents(amount)
    assert abs(rounded - amount) <= Decimal("0.005")
    if (amount * 1000) % 10 == 5 and (amount * 100000) % 1000 == 500:
        assert rounded > amount  # an exact half goes up


def test_cents_rounds_an_exact_half_up_not_to_even() -> None:
    assert cents(Decimal("0.125")) == Decimal("0.13")
    assert cents(Decimal("0.135")) == Decimal("0.14")
    assert cents(Decimal("2.675")) == Decimal("2.68")
