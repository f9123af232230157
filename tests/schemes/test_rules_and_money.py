"""The steps that need the database: the ceiling, one application per call, the decision
term, the upload of a broken file, advances, the declaration from the case data and the
double-funding check; the letters' text read back."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from tests.grants.builders import application_2013
from tests.schemes.conftest import Grants
from werkbrug.audit.models import AuditEvent
from werkbrug.grants import Status
from werkbrug.people.bsn import bsn_hash
from werkbrug.people.models import ContactDetails
from werkbrug.projects.models import Project
from werkbrug.schemes import selectors, services_applications, services_awards, services_money
from werkbrug.schemes.checks import application_checks
from werkbrug.schemes.models import Application, Decision, State
from werkbrug.schemes.values import CeilingExceeded, GrantError, MeasureAward
from werkbrug.trajectories.services import activity_add


def pdf_text(body: bytes) -> str:
    # The letters keep "€ 400.000" on one line with a no-break space; read it as a space.
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return text.replace("\u00a0", " ")


def test_an_award_past_the_ceiling_is_refused_with_what_is_left(g: Grants) -> None:
    g.awarded()  # 450.000 + overhead 67.500 of the 1.000.000
    second = g.under_assessment()
    before = (Decision.objects.count(), Project.objects.count())
    with pytest.raises(CeilingExceeded) as refused:
        services_awards.decision_award(
            actor=g.world.users["funder"],
            application=second,
            maximum_eur=Decimal(450_000),
            start=dt.date(2014, 7, 1),
            end=dt.date(2016, 6, 30),
            measures=(MeasureAward("M1", 200, Decimal(500_000)),),
        )
    assert refused.value.remaining_eur == Decimal("482500")
    assert "€ 482.500" in str(refused.value)
    assert (Decision.objects.count(), Project.objects.count()) == before
    second.refresh_from_db()
    assert second.state == State.ASSESSMENT


def test_the_decide_page_shows_the_ceiling_breach(g: Grants) -> None:
    g.awarded()
    second = g.under_assessment()
    page = g.world.client("funder").post(
        reverse("schemes:decide", args=[second.pk]),
        {
            "decision": "award",
            "kind": "award",
            "maximum_eur": "450000",
            "start": "2014-07-01",
            "end": "2016-06-30",
            "m-TOTAL_FORMS": "1",
            "m-INITIAL_FORMS": "1",
            "m-0-code": "M1",
            "m-0-include": "on",
            "m-0-applications": "200",
            "m-0-cost_eur": "500000",
        },
    )
    assert page.status_code == 400
    assert "482,500.00" in page.text
    assert Decision.objects.count() == 1


def test_a_broken_upload_stores_nothing_and_names_the_field(g: Grants) -> None:
    document = application_2013()
    document["measures"][1]["cost_eur"] = "honderd"
    upload = SimpleUploadedFile("aanvraag.json", json.dumps(document).encode(), "application/json")
    events = AuditEvent.objects.count()
    page = g.world.client("coordinator").post(
        reverse("schemes:upload", args=[g.call.pk]), {"file": upload, "title": "X"}
    )
    assert page.status_code == 400
    assert "aanvraag.json: measures[1].cost_eur:" in page.text
    assert "nothing has been stored" in page.text
    assert Application.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_a_file_that_is_no_json_is_refused_with_its_line(g: Grants) -> None:
    upload = SimpleUploadedFile("a.json", b'{"format": "werkbrug-application/1",\n oops}')
    page = g.world.client("coordinator").post(
        reverse("schemes:upload", args=[g.call.pk]), {"file": upload, "title": "X"}
    )
    assert page.status_code == 400
    assert "a.json:2:" in page.text
    assert not Application.objects.exists()


def test_a_good_upload_becomes_a_draft_with_its_checks(g: Grants) -> None:
    upload = SimpleUploadedFile("a.json", json.dumps(application_2013()).encode())
    page = g.world.client("coordinator").post(
        reverse("schemes:upload", args=[g.call.pk]),
        {"file": upload, "title": "Plan", "sectors": "C"},
    )
    assert page.status_code == 302
    application = Application.objects.get()
    assert application.state == State.DRAFT
    assert application.complete_on is None


def test_an_upload_for_the_other_scheme_is_refused(g: Grants) -> None:
    document = application_2013()
    document["scheme"] = "tijdelijk-besluit-2010"
    upload = SimpleUploadedFile("a.json", json.dumps(document).encode())
    page = g.world.client("coordinator").post(
        reverse("schemes:upload", args=[g.call.pk]), {"file": upload, "title": "X"}
    )
    assert page.status_code == 400
    assert not Application.objects.exists()


def test_an_incomplete_application_goes_back_with_what_is_missing(g: Grants) -> None:
    application = g.draft()
    services_applications.application_submit(
        actor=g.world.users["coordinator"], application=application
    )
    funder = g.world.client("funder")
    assert (
        funder.post(reverse("schemes:return", args=[application.pk]), {"missing": ""}).status_code
        == 400
    )
    sent = funder.post(
        reverse("schemes:return", args=[application.pk]), {"missing": "Het mandaat."}
    )
    assert sent.status_code == 302
    page = g.world.client("coordinator").get(reverse("schemes:application", args=[application.pk]))
    assert "Het mandaat." in page.text
    assert "Submit to the funder" in page.text


def test_a_second_application_for_the_same_sector_fails_article_2_3_4(g: Grants) -> None:
    first = g.under_assessment()
    second = g.under_assessment()
    rows = {r.rule: r for r in application_checks(second).rows}
    assert rows["sp2013.one_per_call"].status is Status.FAILED
    assert first.reference in rows["sp2013.one_per_call"].message.en
    other = g.draft(organisation=g.rival)
    assert {r.rule: r for r in application_checks(other).rows}[
        "sp2013.one_per_call"
    ].status is Status.PASSED


def test_the_decision_term_is_13_weeks_from_the_complete_application(g: Grants) -> None:
    application = g.under_assessment()
    rows = {r.rule: r for r in application_checks(application).rows}
    assert rows["sp2013.decision_term"].status is Status.PASSED
    assert "9 June 2014" in rows["sp2013.decision_term"].message.en  # 10 March + 13 weeks
    g.clock.day = dt.date(2014, 6, 10)
    rows = {r.rule: r for r in application_checks(application).rows}
    assert rows["sp2013.decision_term"].status is Status.FAILED


def test_a_refusal_cites_its_grounds_in_the_letter(g: Grants) -> None:
    application = g.under_assessment(requested_eur="200000")
    with pytest.raises(GrantError):
        services_awards.decision_refuse(
            actor=g.world.users["funder"], application=application, grounds=("sp2013.rate",)
        )
    ref = services_awards.decision_refuse(
        actor=g.world.users["funder"], application=application, grounds=("sp2013.minimum",)
    )
    letter = g.world.client("funder").get(reverse("schemes:letter", args=[ref.id]))
    text = pdf_text(letter.content)
    assert "afwijzing" in text
    assert "Artikel 2.3.1" in text
    assert "€ 250.000" in text


def test_advances_follow_the_2013_schedule(g: Grants) -> None:
    award = g.awarded()  # maximum 450.000, two years from 1 July 2014
    funder = g.world.users["funder"]
    first = services_money.advance_pay(actor=funder, decision=award, on=dt.date(2014, 3, 10))
    assert first.amount_eur == Decimal("45000.00")
    with pytest.raises(GrantError):
        services_money.advance_pay(actor=funder, decision=award, on=dt.date(2014, 3, 11))
    second = services_money.advance_pay(actor=funder, decision=award, on=dt.date(2014, 7, 1))
    assert second.amount_eur == Decimal("78750.00")  # 10% + 70% / 4 = 27.5% in total
    last = services_money.advance_pay(actor=funder, decision=award, on=dt.date(2016, 6, 1))
    assert first.amount_eur + second.amount_eur + last.amount_eur == Decimal("360000.00")


def test_a_declaration_counts_participants_per_measure_and_flags_a_person_funded_twice(
    g: Grants,
) -> None:
    award = g.awarded()
    project = award.project
    assert project is not None
    coordinator = g.world.users["coordinator"]
    for person in (g.world.alice, g.world.bob):
        person.project, person.intake_date = project, dt.date(2014, 7, 1)
        person.save()
        activity_add(
            actor=coordinator,
            trajectory=person.trajectory,
            kind="training",
            start_date=dt.date(2014, 9, 1),
            cost_eur=Decimal("2500"),
        )
    # A mediation before the period does not count.
    activity_add(
        actor=coordinator,
        trajectory=g.world.alice.trajectory,
        kind="mediation",
        start_date=dt.date(2014, 7, 1),
        cost_eur=Decimal("100"),
    )
    same = bsn_hash("111222333", key=settings.BSN_KEY)
    for person in (g.world.alice, g.world.bob):
        ContactDetails.objects.filter(participant=person).update(bsn_hash=same)
    services_money.cost_line_add(
        actor=coordinator,
        decision=award,
        measure="M2",
        on=dt.date(2015, 1, 1),
        description="Docent",
        amount_eur=Decimal(1000),
    )
    g.clock.day = dt.date(2016, 8, 1)
    ref = services_money.declaration_submit(
        actor=coordinator,
        decision=award,
        kind="final",
        as_of=dt.date(2016, 6, 30),
        own_funds_eur=Decimal(0),
    )
    record = award.declarations.get(pk=ref.id)
    m2 = next(m for m in record.document["measures"] if m["code"] == "M2")
    assert m2["applications"] == 2
    assert m2["eligible_cost_eur"] == "6000.00"
    m1 = next(m for m in record.document["measures"] if m["code"] == "M1")
    assert m1["applications"] == 1
    flags = selectors.double_funding(record)
    assert {f.key for f in flags} == {g.world.alice.key, g.world.bob.key}
    page = g.world.client("funder").get(reverse("schemes:declaration", args=[record.pk]))
    assert g.world.bob.key in page.text
    assert "111222333" not in page.text
    assert same not in page.text
    mine = g.world.client("coordinator").get(reverse("schemes:declaration", args=[record.pk]))
    assert "Funded twice?" not in mine.text


def test_the_determination_letter_explains_the_outcome(g: Grants) -> None:
    award = g.awarded()
    g.clock.day = dt.date(2016, 8, 1)
    coordinator, funder = g.world.users["coordinator"], g.world.users["funder"]
    services_money.cost_line_add(
        actor=coordinator,
        decision=award,
        measure="M1",
        on=dt.date(2015, 1, 1),
        description="Mobiliteitsadviseurs",
        amount_eur=Decimal(480_000),
    )
    services_money.cost_line_add(
        actor=coordinator,
        decision=award,
        measure="M2",
        on=dt.date(2015, 1, 1),
        description="Opleidingen",
        amount_eur=Decimal(280_000),
    )
    services_money.cost_line_add(
        actor=coordinator,
        decision=award,
        measure="M3",
        on=dt.date(2015, 1, 1),
        description="Begeleiding",
        amount_eur=Decimal(90_000),
    )
    services_money.cost_line_add(
        actor=coordinator,
        decision=award,
        measure="M3",
        on=dt.date(2015, 1, 1),
        description="Loon",
        amount_eur=Decimal(400_000),
        kind="wages",
    )
    ref = services_money.declaration_submit(
        actor=coordinator,
        decision=award,
        kind="final",
        as_of=dt.date(2016, 6, 30),
        own_funds_eur=Decimal(0),
    )
    result = services_money.determination_make(
        actor=funder, decision=award, declaration=award.declarations.get(pk=ref.id)
    )
    # 480.000 + 280.000 + min(90.000, 20% of 400.000) = 840.000 of 900.000: full;
    # 50% × 760.000 + 80.000 = 460.000 capped at 450.000; overhead 50% × 15% × 840.000.
    assert result.subsidy_eur == Decimal("513000.00")
    letter = g.world.client("funder").get(reverse("schemes:determination_letter", args=[award.pk]))
    text = pdf_text(letter.content)
    assert "Vaststelling van de subsidie" in text
    assert "€ 513.000" in text
    assert "Artikel 4.4" in text
    assert "Artikel 5.6" in text
    with pytest.raises(GrantError):
        services_money.determination_make(
            actor=funder, decision=award, declaration=award.declarations.get(pk=ref.id)
        )
