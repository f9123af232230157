"""The life of a grant through the pages: the applicant fills in and submits, the funder
completes, assesses, judges and awards, gets the letter; the project declares from its case
data; the funder determines and sees why."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.schemes.conftest import Grants
from werkbrug.audit.models import AuditEvent
from werkbrug.projects.models import Project
from werkbrug.schemes.models import Application, Decision, Determination, State
from werkbrug.trajectories.services import activity_add


def pdf_text(body: bytes) -> str:
    # The letters keep "€ 400.000" on one line with a no-break space; read it as a space.
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return text.replace("\u00a0", " ")


def form_data() -> dict[str, str]:
    data = {
        "title": "Techniek in beweging",
        "applicant_kind": "employer_organisation",
        "legal_entity": "on",
        "equity_eur": "500000",
        "agreement_signed": "on",
        "mandate_signed": "on",
        "start": "2014-07-01",
        "end": "2016-06-30",
        "requested_eur": "450000",
        "expected_participants": "300",
        "sectors": ["C"],
        "regions": "",
        "design": "Sectorplan",
        "analysis": "Krimp in de metaal.",
        "approach": "Van werk naar werk en scholing.",
        "organisation": "Stuurgroep.",
        "conditions": "Vrijwillig.",
        "continuation": "Mobiliteitscentrum blijft.",
    }
    rows = {
        "partners": [("FNV Metaal", "union"), ("Metaalunie", "employer_organisation")],
        "measures": [
            ("M1", "Van werk naar werk", "mediation", "f", "200", "500000"),
            ("M2", "Scholing", "training", "a", "100", "300000"),
        ],
        "funding": [("employers", "450000")],
    }
    for prefix, items in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(items) + 1)
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    for i, (name, role) in enumerate(rows["partners"]):
        data[f"partners-{i}-name"], data[f"partners-{i}-role"] = name, role
    for i, (code, name, kind, theme, n, cost) in enumerate(rows["measures"]):
        data.update(
            {
                f"measures-{i}-code": code,
                f"measures-{i}-name": name,
                f"measures-{i}-kind": kind,
                f"measures-{i}-theme": theme,
                f"measures-{i}-applications": n,
                f"measures-{i}-cost_eur": cost,
            }
        )
    for i, (source, amount) in enumerate(rows["funding"]):
        data[f"funding-{i}-source"], data[f"funding-{i}-amount_eur"] = source, amount
    return data  # type: ignore[return-value]


def test_a_grant_from_the_form_to_the_determination(g: Grants) -> None:
    coordinator, funder = g.world.client("coordinator"), g.world.client("funder")
    page = coordinator.post(reverse("schemes:apply", args=[g.call.pk]), form_data())
    assert page.status_code == 302, page.content.decode()[:3000]
    application = Application.objects.get()
    assert application.state == State.DRAFT
    shown = coordinator.get(reverse("schemes:application", args=[application.pk]))
    assert '<th scope="row">2.3.1</th>' in shown.text
    assert "passed" in shown.text
    assert coordinator.post(reverse("schemes:submit", args=[application.pk])).status_code == 302
    assert funder.post(reverse("schemes:complete", args=[application.pk])).status_code == 302
    queue = funder.get(reverse("schemes:call", args=[g.call.pk]))
    assert application.reference in queue.text
    assert funder.post(reverse("schemes:assess", args=[application.pk])).status_code == 302
    judged = funder.post(
        reverse("schemes:judge", args=[application.pk]),
        {
            "prefix": "sp2013-ground_b",
            "sp2013-ground_b-rule": "sp2013.ground_b",
            "sp2013-ground_b-met": "1",
            "sp2013-ground_b-note": "Goed onderbouwd",
        },
    )
    assert judged.status_code == 302
    decide = {
        "decision": "award",
        "kind": "award",
        "maximum_eur": "400000",
        "start": "2014-07-01",
        "end": "2016-06-30",
        "reason": "",
        "m-TOTAL_FORMS": "2",
        "m-INITIAL_FORMS": "2",
        "m-0-code": "M1",
        "m-0-include": "on",
        "m-0-applications": "200",
        "m-0-cost_eur": "500000",
        "m-1-code": "M2",
        "m-1-include": "on",
        "m-1-applications": "100",
        "m-1-cost_eur": "300000",
    }
    awarded = funder.post(reverse("schemes:decide", args=[application.pk]), decide)
    assert awarded.status_code == 302, awarded.content.decode()[:3000]
    decision = Decision.objects.get()
    project = Project.objects.get(code=application.reference)
    assert decision.project == project
    assert project.subsidy_eur == Decimal("400000")
    assert project.budget_eur == Decimal("800000")
    assert project.target_participants == 300
    letter = funder.get(reverse("schemes:letter", args=[decision.pk]))
    text = pdf_text(letter.content)
    assert "Beschikking: toekenning" in text
    assert "€ 400.000" in text
    assert "5.3" in text
    # Case data: a participant mediated in the period, with a cost.
    coordinator_user = g.world.users["coordinator"]
    alice = g.world.alice
    alice.project, alice.intake_date = project, dt.date(2014, 7, 1)
    alice.save()
    activity_add(
        actor=coordinator_user,
        trajectory=alice.trajectory,
        kind="mediation",
        start_date=dt.date(2014, 8, 1),
        cost_eur=Decimal("1000"),
    )
    paid = funder.post(reverse("schemes:advance", args=[decision.pk]), {"paid_on": "2014-03-10"})
    assert paid.status_code == 302
    g.clock.day = dt.date(2016, 8, 1)
    final = {"kind": "final", "as_of": "2016-06-30", "own_funds_eur": "0"}
    review = coordinator.get(reverse("schemes:declare", args=[decision.pk]), final)
    assert review.status_code == 200, review.content.decode()[:2000]
    assert "1.000,00" in review.text or "1,000.00" in review.text
    submitted = coordinator.post(
        reverse("schemes:declare", args=[decision.pk]), {**final, "submit": "1"}
    )
    assert submitted.status_code == 302
    declaration = decision.declarations.get()
    determined = funder.post(
        reverse("schemes:determine", args=[decision.pk]), {"declaration": str(declaration.pk)}
    )
    assert determined.status_code == 302, determined.content.decode().split("h-decl")[2][:3000]
    record = Determination.objects.get()
    assert record.outcome == "nil"
    page = coordinator.get(reverse("schemes:award", args=[decision.pk]))
    assert "5.1.3" in page.text
    letter = funder.get(reverse("schemes:determination_letter", args=[decision.pk]))
    assert "nihil" in pdf_text(letter.content)
    assert AuditEvent.objects.filter(object_type="schemes.determination").exists()


@pytest.mark.parametrize("role", ["mediator", "employer", "researcher"])
def test_roles_without_grants_get_403(g: Grants, role: str) -> None:
    assert g.world.client(role).get(reverse("schemes:calls")).status_code == 403
