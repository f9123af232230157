"""The one number format (werkbrug.formats): what a reader sees in each language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from werkbrug import formats

NBSP = "\u00a0"


def test_amounts_have_cents_and_group_thousands() -> None:
    assert formats.euro(Decimal("1200"), "nl") == f"€{NBSP}1.200,00"
    assert formats.euro(Decimal("420000"), "nl") == f"€{NBSP}420.000,00"
    assert formats.euro(Decimal("1200"), "en") == "€1,200.00"
    assert formats.euro(Decimal("-12.5"), "nl") == f"-€{NBSP}12,50"
    assert formats.euro(None, "nl") == "–"


def test_hours_have_at_most_one_decimal_and_a_unit() -> None:
    assert formats.hours(Decimal("32.00"), "nl") == f"32{NBSP}uur"
    assert formats.hours(Decimal("36.5"), "nl") == f"36,5{NBSP}uur"
    assert formats.hours(36.5, "en") == f"36.5{NBSP}hours"
    assert formats.hours(1, "en") == f"1{NBSP}hour"


def test_shares_are_whole_percents_unless_that_would_mislead() -> None:
    assert formats.share(0.595, "nl") == "60%"  # half up, as the letter rounds
    assert formats.share(0.285, "nl") == "29%"
    assert formats.share(0.004, "nl") == "0,4%"
    assert formats.share(0.004, "en") == "0.4%"
    assert formats.share(0.9962, "nl") == "99,6%"
    assert formats.share(0, "nl") == "0%"
    assert formats.share(1, "nl") == "100%"


def test_a_score_is_always_a_percentage() -> None:
    assert formats.score(0.4, "nl") == "40%"
    assert formats.score(Decimal("0.60"), "en") == "60%"
    assert formats.score(0.51, "nl") == "51%"


def test_counts_and_decimals_follow_the_language() -> None:
    assert formats.count(1000, "nl") == "1.000"
    assert formats.count(1000, "en") == "1,000"
    assert formats.decimal(41.55, "nl", 1) == "41,6"
    assert formats.decimal(-0.04, "nl", 1) == "0,0"


def test_times_are_shown_on_the_clock_in_amsterdam() -> None:
    winter = dt.datetime(2026, 12, 3, 9, 43, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)
    assert formats.moment(winter, "nl") == "3 december 2026 10:43"
    assert formats.moment(summer, "en") == "2 July 2026 00:30"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_an_amount_reads_back_as_itself(amount: Decimal) -> None:
    for lang, thousands, point in (("nl", ".", ","), ("en", ",", ".")):
        text = formats.euro(amount, lang).replace("€", "").replace(NBSP, "")
        assert Decimal(text.replace(thousands, "").replace(point, ".")) == amount


@given(st.fractions(min_value=0, max_value=1))
def test_a_share_is_zero_or_whole_only_when_it_is(value: Fraction) -> None:
    text = formats.share(value, "nl")
    assert (text == "0%") == (value == 0)
    assert (text == "100%") == (value == 1)
