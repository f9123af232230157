"""The demo's subsidy side (the nine determinations, the 2013 call with every state, the
"done when" walk) and the commands on the database."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.conftest import CliResult
from werkbrug.accounts.models import Role
from werkbrug.deliveries.models import DeliveryParticipant, DeliveryProject
from werkbrug.demo.services import demo_password
from werkbrug.schemes.models import Application, Call, Decision, Determination, State

pytestmark = pytest.mark.django_db

# Realised = participants reached × € 4.500; own funds = the planned share of that, at most
# the planned own funds; subsidy = min(maximum, realised − own funds, 50% of realised); the
# advance was half the maximum (SCHEMES.md §5, 2010).
NINE = {
    "Schilder^sCOOL": ("162000.00", "81000.00"),
    "ZW Haaglanden": ("135000.00", "67500.00"),
    "SSWT": ("135000.00", "67500.00"),
    "FNV Bouw": ("172800.00", "86400.00"),
    "RIVU": ("130500.00", "63000.00"),
    "TC Maasland-Hardenberg": ("70875.00", "-30375.00"),
    "Voorsprongvoucher": ("90000.00", "-56250.00"),
    "MKB Eindhoven": ("60750.00", "-51750.00"),
}


@pytest.fixture
def demo(run: Callable[..., CliResult]) -> CliResult:
    result = run("demo", "--no-serve", "--lang=en")
    assert result.code == 0, result.err
    return result


def login(role: Role) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    assert client.login(username=role.value, password=demo_password(role))
    return client


@pytest.mark.usefixtures("demo")
def test_the_demo_determines_eight_of_the_nine_from_their_case_data() -> None:
    found = {
        d.decision.application.title: (str(d.subsidy_eur), str(d.balance_eur))
        for d in Determination.objects.select_related("decision__application")
    }
    assert found == NINE
    for d in Determination.objects.select_related("decision__application__call"):
        reached = DeliveryParticipant.objects.filter(
            delivery__name="eindrapportage", project__name=d.decision.application.title
        ).count()
        assert Decimal(d.result["eligible_realised_eur"]) == reached * Decimal(4500)
    call = Call.objects.get(code="tb-2010")
    assert "reconstructie" in call.note
    maxima = sorted(
        Decision.objects.filter(application__call=call).values_list("maximum_eur", flat=True)
    )
    subsidies = sorted(
        DeliveryProject.objects.filter(delivery__name="eindrapportage").values_list(
            "subsidy_eur", flat=True
        )
    )
    assert maxima == subsidies


@pytest.mark.usefixtures("demo")
def test_the_2013_call_has_an_application_in_every_state() -> None:
    states = set(Application.objects.filter(call__code="sp-demo").values_list("state", flat=True))
    assert {
        State.DRAFT,
        State.INCOMPLETE,
        State.SUBMITTED,
        State.ASSESSMENT,
        State.AWARDED,
        State.REFUSED,
    } <= states


@pytest.mark.usefixtures("demo")
def test_an_applicant_sees_the_calls_without_the_funders_budget_columns() -> None:
    calls = reverse("schemes:calls")
    assert "Committed" in login(Role.FUNDER).get(calls).text
    page = login(Role.COORDINATOR).get(calls).text
    assert "Techniek in beweging" in page
    assert "Committed" not in page
    assert "Recovered" not in page


@pytest.mark.usefixtures("demo")
def test_each_queue_explains_its_own_schemes_order() -> None:
    """The 2010 decree has no order of arrival (the minister decides, art. 5(4)); only the 2013
    regulation's queue is read in order of arrival (art. 1.5)."""
    funder = login(Role.FUNDER)
    page_2010 = funder.get(reverse("schemes:call", args=[Call.objects.get(code="tb-2010").pk]))
    page_2013 = funder.get(reverse("schemes:call", args=[Call.objects.get(code="sp-demo").pk]))
    assert "article 5(4)" in page_2010.text
    assert "article 1.5" not in page_2010.text
    assert "order of arrival" in page_2013.text
    assert "article 1.5" in page_2013.text


@pytest.mark.usefixtures("demo")
def test_done_when_the_funder_awards_the_coordinator_declares_and_the_funder_determines() -> None:
    funder, coordinator = login(Role.FUNDER), login(Role.COORDINATOR)
    call = Call.objects.get(code="sp-demo")
    queue = funder.get(reverse("schemes:call", args=[call.pk]))
    assert "Metaal werkt" in queue.text
    ready = Application.objects.get(call=call, title="Metaal werkt")
    data = ready.document
    rows = {
        "decision": "award",
        "kind": "award",
        "maximum_eur": "450000",
        "start": data["period"]["start"],
        "end": data["period"]["end"],
        "m-TOTAL_FORMS": "3",
        "m-INITIAL_FORMS": "3",
    }
    for i, m in enumerate(data["measures"]):
        rows.update(
            {
                f"m-{i}-code": m["code"],
                f"m-{i}-include": "on",
                f"m-{i}-applications": str(m["applications"]),
                f"m-{i}-cost_eur": m["cost_eur"],
            }
        )
    awarded = funder.post(reverse("schemes:decide", args=[ready.pk]), rows)
    assert awarded.status_code == 302
    letter = funder.get(
        awarded["Location"].replace("/decisions/", "/decisions/").rstrip("/") + "/letter.pdf"
    )
    assert "Beschikking: toekenning" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(letter.content)).pages
    )
    grafimedia = Decision.objects.get(application__title="Grafimediabranche")
    final = {"kind": "final", "as_of": "2012-03-01", "own_funds_eur": "270000"}
    review = coordinator.get(reverse("schemes:declare", args=[grafimedia.pk]), final)
    assert review.status_code == 200
    assert "562,500.00" in review.text  # 125 participants reached × € 4.500
    sent = coordinator.post(
        reverse("schemes:declare", args=[grafimedia.pk]), {**final, "submit": "1"}
    )
    assert sent.status_code == 302
    declaration = grafimedia.declarations.get()
    done = funder.post(
        reverse("schemes:determine", args=[grafimedia.pk]), {"declaration": str(declaration.pk)}
    )
    assert done.status_code == 302
    page = funder.get(reverse("schemes:award", args=[grafimedia.pk]))
    assert "art. 5.4" in page.text  # why: the maximum
    assert Determination.objects.get(decision=grafimedia).subsidy_eur == Decimal("180000.00")


@pytest.mark.usefixtures("demo")
def test_the_declaration_command_writes_the_file_the_determination_reads(
    run: Callable[..., CliResult], tmp_path: Path
) -> None:
    out = tmp_path / "decl.json"
    code = Decision.objects.get(application__title="Grafimediabranche").project.code  # type: ignore[union-attr]
    made = run(
        "grants", "declaration", code, "--as-of", "2012-03-01", "-o", out, "--own-funds", "270000"
    )
    assert made.code == 0, made.err
    document = json.loads(out.read_text())
    assert document["format"] == "werkbrug-declaration/1"
    assert document["measures"][0]["applications"] == 125
    determined = run("grants", "determine", "--award", code, "--declaration", out)
    assert determined.code == 0, determined.err
    assert json.loads(determined.out)["subsidy_eur"] == "180000.00"


@pytest.mark.usefixtures("demo")
def test_the_commands_refuse_what_they_cannot_find(
    run: Callable[..., CliResult], tmp_path: Path
) -> None:
    assert (
        run(
            "grants", "declaration", "no-such-project", "--as-of", "2012-03-01", "--lang", "en"
        ).code
        == 2
    )
    code = Decision.objects.get(application__title="Grafimediabranche").project.code  # type: ignore[union-attr]
    early = run("grants", "declaration", code, "--as-of", "2009-01-01", "--lang", "en")
    assert early.code == 2
    assert "before the award's period" in early.err
    bad = run(
        "grants",
        "declaration",
        code,
        "--as-of",
        "2012-03-01",
        "--own-funds",
        "veel",
        "--lang",
        "en",
    )
    assert bad.code == 2
    missing = run(
        "grants",
        "determine",
        "--award",
        "XX-1",
        "--declaration",
        tmp_path / "none.json",
        "--lang",
        "en",
    )
    assert missing.code == 2
    assert "neither a file nor an award" in missing.err


@pytest.mark.usefixtures("demo")
def test_the_demo_stays_idempotent(run: Callable[..., CliResult]) -> None:
    before = Application.objects.count()
    assert run("demo", "--no-serve", "--lang=en").code == 0
    assert Application.objects.count() == before
