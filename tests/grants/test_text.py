"""Amounts, shares and dates in messages, the way Dutch and English write them; and the
package stays pure."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

from werkbrug.grants.text import Euro, Quote, Share, euro_text, say, share_text


@pytest.mark.parametrize(
    ("amount", "nl", "en"),
    [
        ("120000", "€ 120.000", "€120,000"),
        ("120000.5", "€ 120.000,50", "€120,000.50"),
        ("1234567.891", "€ 1.234.567,89", "€1,234,567.89"),
        ("0.005", "€ 0,01", "€0.01"),
        ("-80000", "-€ 80.000", "-€80,000"),
        ("0", "€ 0", "€0"),
    ],
)
def test_euros(amount: str, nl: str, en: str) -> None:
    assert euro_text(Decimal(amount), "nl") == nl
    assert euro_text(Decimal(amount), "en") == en


@pytest.mark.parametrize(
    ("share", "nl", "en"),
    [("0.5", "50%", "50%"), ("0.4583", "45,8%", "45.8%"), ("0.59999", "59,9%", "59.9%")],
)
def test_shares_are_cut_so_a_share_below_a_threshold_never_shows_as_it(
    share: str, nl: str, en: str
) -> None:
    assert share_text(Decimal(share), "nl") == nl
    assert share_text(Decimal(share), "en") == en


def test_one_message_in_both_languages() -> None:
    text = say(
        "{who} vroeg {amount} op {day} ({share})",
        "{who} asked {amount} on {day} ({share})",
        who=Quote("Stichting\x1b[31m X"),
        amount=Euro(Decimal(250000)),
        day=dt.date(2010, 10, 31),
        share=Share(Decimal("0.425")),
    )
    assert text.nl == "'Stichting\\x1b[31m X' vroeg € 250.000 op 31 oktober 2010 (42,5%)"
    assert text.en == "'Stichting\\x1b[31m X' asked €250,000 on 31 October 2010 (42.5%)"


def test_the_package_imports_no_django() -> None:
    code = (
        "import sys, werkbrug.grants; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "False"
