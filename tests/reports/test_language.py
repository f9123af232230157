"""Dutch throughout, English on English pages: the report (HTML, and the PDF's text through
pdftotext), the what-worked page and the net-impact page show no names from the code
(``union_involved``, ``education=high``, ``fnv-bouw``) and no words of the other language."""

from __future__ import annotations

import base64
import csv
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import CliResult
from tests.language import leaks, visible_text
from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from werkbrug.demo.services import demo_data_dir

pytestmark = pytest.mark.usefixtures("demo_deliveries")

Run = Callable[..., CliResult]
FINAL = demo_data_dir() / "eindrapportage"


def quoted_data() -> list[str]:
    """What the report quotes from the delivery as it was delivered: the project names and
    the (bilingual) description. Everything else is werkbrug's own text."""
    names = [row["name"] for row in csv.DictReader((FINAL / "projects.csv").open())]
    description = next(csv.DictReader((FINAL / "delivery.csv").open()))["description"]
    return [*names, description]


def rendered(run: Run, tmp_path: Path, lang: str, fmt: str, *extra: str) -> str:
    out = tmp_path / f"report-{lang}.{fmt}"
    result = run("report", "--delivery", "eindrapportage", "--lang", lang, "--format", fmt,
                 "-o", out, *extra)  # fmt: skip
    assert result.code == 0, result.err
    if fmt == "html":
        return visible_text(out.read_text(encoding="utf-8"))
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run([pdftotext, "-raw", out, "-"], capture_output=True, check=True, text=True)
    # A word hyphenated at a line's end is one word again.
    return text.stdout.replace("\u2010\n", "").replace("-\n", "-")


def test_the_leak_finder_finds_what_the_reports_used_to_show() -> None:
    old = (
        "age 0,3 education=high -5,9 union_involved; 3 of 680 rows left out because age is unknown"
    )
    assert leaks(old, "nl") == sorted(
        {"education=high", "union_involved", "of", "rows", "left", "because", "unknown"} - {"of"}
    )
    assert leaks("Totaal: 3 van de 680 deelnemers weggelaten", "en") == [
        "Totaal", "de", "deelnemers", "van", "weggelaten"
    ]  # fmt: skip
    assert leaks("Leeftijd · Opleiding: hoog · Vakbond actief betrokken", "nl") == []


@pytest.mark.parametrize("extra", [(), ("--public",)], ids=["full", "public"])
def test_the_dutch_report_is_dutch_throughout(run: Run, tmp_path: Path, extra: tuple[str]) -> None:
    text = rendered(run, tmp_path, "nl", "html", *extra)
    assert "Vakbond actief betrokken" in text  # the success factors are there, as labels
    assert "Opleiding: hoog" in text
    assert leaks(text, "nl", besides=quoted_data()) == []


def test_the_dutch_pdf_is_dutch_throughout(run: Run, tmp_path: Path) -> None:
    text = rendered(run, tmp_path, "nl", "pdf")
    assert "Geslacht: vrouw" in text
    assert leaks(text, "nl", besides=quoted_data()) == []


def test_the_english_report_is_english_throughout(run: Run, tmp_path: Path) -> None:
    for fmt in ("html", "pdf"):
        text = rendered(run, tmp_path, "en", fmt)
        assert "Union actively involved" in text
        assert leaks(text, "en", besides=quoted_data()) == [], fmt


def reader(lang: str) -> Client:
    client = Client(headers={"Accept-Language": lang})
    client.force_login(user_create(username="reader", password="x-Secret-123", role=Role.ADMIN))
    return client


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_what_worked_page_names_groups_and_factors_in_words(lang: str) -> None:
    page = reader(lang).get("/reports/what-worked/", {"delivery": "eindrapportage"})
    assert page.status_code == 200
    html = page.content.decode()
    text = visible_text(html)
    assert "fnv-bouw" not in text
    assert "FNV Bouw" in text
    # The chart's legend (text in the SVG) names the whole "Totaal", not "overall".
    legends = " ".join(
        base64.b64decode(uri).decode()
        for uri in re.findall(r"data:image/svg\+xml;base64,([^\"]+)", html)
    )
    assert ("Totaal" if lang == "nl" else "Total") in legends
    assert "overall" not in legends
    assert "fnv-bouw" not in legends
    assert leaks(text, lang, besides=quoted_data()) == []


def test_the_net_impact_page_says_what_is_wrong_in_dutch() -> None:
    data = b"train,re78,age\n1,10,30\n0,abc,40\n1,12,35\n0,8,50\n"
    page = reader("nl").post(
        "/reports/impact/",
        {
            "datafile": SimpleUploadedFile("vergelijking.csv", data),
            "treatment": "train",
            "outcome": "re78",
            "covariates": "age",
            "method": "ipw",
        },
    )
    assert page.status_code == 400
    text = visible_text(page.content.decode())
    assert "vergelijking.csv: de kolom „re78” moet getallen bevatten" in text
    assert leaks(text, "nl") == []
