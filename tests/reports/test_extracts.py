"""Researchers' extracts through the CLI and the page: the files read back with pyreadstat,
the labels, the pseudonyms, who may take one, the audit log, and bad input."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pyreadstat
import pytest
from django.test import Client

from tests.conftest import CliResult
from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from werkbrug.audit.models import Action, AuditEvent
from werkbrug.deliveries.models import Delivery, DeliveryParticipant

pytestmark = pytest.mark.usefixtures("demo_deliveries")

Run = Callable[..., CliResult]
PAGE = "/reports/extract/"


def extract_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=Action.EXPORT, changes__has_key="extract"))


def test_the_cli_writes_spss_with_dutch_labels(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "eind.sav"
    result = run("extract", "eindrapportage", "-o", target, "--lang", "nl")
    assert result.code == 0, result.err
    assert "680 deelnemers" in result.out
    data, meta = pyreadstat.read_sav(str(target))
    assert len(data) == 680
    assert meta.column_names_to_labels["transition"] == "Overgang naar werk"
    assert meta.column_names_to_labels["age"] == "Leeftijd bij intake (voltooide jaren)"
    assert meta.variable_value_labels["education"] == {1.0: "laag", 2.0: "middelbaar", 3.0: "hoog"}
    assert meta.variable_value_labels["union_involved"] == {1.0: "ja", 0.0: "nee"}
    projects = meta.variable_value_labels["project"]
    assert "Grafimediabranche" in " ".join(projects.values())
    # 404 transitions, as in the report.
    assert int((data["transition"] == 1).sum()) == 404


def test_the_cli_writes_stata_in_english(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "eind.dta"
    result = run("extract", "eindrapportage", "--format", "dta", "-o", target, "--lang", "en")
    assert result.code == 0, result.err
    data, meta = pyreadstat.read_dta(str(target))
    assert len(data) == 680
    assert meta.column_names_to_labels["transition"] == "Transition to work"
    assert meta.variable_value_labels["event"][4] == "still in a trajectory (censored)"


def test_no_key_of_the_delivery_is_in_the_csv_and_the_audit_log_has_it(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "eind.csv"
    assert run("extract", "eindrapportage", "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(int(r["pseudonym"]) for r in rows) == list(range(1, 681))
    delivery = Delivery.objects.get(name="eindrapportage")
    keys = DeliveryParticipant.objects.filter(delivery=delivery).values_list("key", flat=True)
    assert not any(key in text for key in keys)
    assert "intake_date" not in rows[0]
    (event,) = extract_events()
    assert event.actor is None  # from the command line
    assert event.object_id == str(delivery.pk)
    assert event.changes["extract"] == [None, "csv"]
    assert event.changes["rows"] == [None, 680]
    assert event.changes["censor_date"] == [None, "2012-11-01"]


def test_an_unknown_format_or_delivery_writes_nothing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "eind.sas"
    bad = run("extract", "eindrapportage", "-o", target, "--lang", "en")
    assert bad.code == 2
    assert "unknown format 'sas'; use one of sav, dta, csv, xlsx" in bad.err
    assert "Traceback" not in bad.err
    assert not target.exists()
    missing = run("extract", "eind", "-o", tmp_path / "x.csv", "--lang", "en")
    assert missing.code == 1
    assert "No delivery named 'eind'" in missing.err
    assert not extract_events()


def client_for(role: Role) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user_create(username=role.value, password="x-Secret-123", role=role))
    return client


def test_the_researcher_downloads_an_extract_from_the_page(tmp_path: Path) -> None:
    researcher = client_for(Role.RESEARCHER)
    page = researcher.get(PAGE)
    assert page.status_code == 200
    assert 'name="format"' in page.content.decode()
    assert 'href="/reports/extract/"' in page.content.decode()  # in the menu
    response = researcher.post(PAGE, {"delivery": "eindrapportage", "format": "sav"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="extract-eindrapportage.sav"'
    path = tmp_path / "x.sav"
    path.write_bytes(response.content)
    data, meta = pyreadstat.read_sav(str(path))
    assert len(data) == 680
    assert meta.column_names_to_labels["pseudonym"].startswith("Pseudonym")
    (event,) = extract_events()
    assert event.actor is not None
    assert event.actor.role == Role.RESEARCHER


def test_a_bad_form_is_400_and_writes_nothing_to_the_log() -> None:
    response = client_for(Role.RESEARCHER).post(
        PAGE, {"delivery": "eindrapportage", "format": "sas"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not extract_events()


@pytest.mark.parametrize("role", [Role.FUNDER, Role.COORDINATOR, Role.MEDIATOR, Role.EMPLOYER])
def test_other_roles_may_not_take_an_extract(role: Role) -> None:
    client = client_for(role)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"delivery": "eindrapportage", "format": "csv"}).status_code == 403
    assert 'href="/reports/extract/"' not in client.get("/").content.decode()
    assert not extract_events()


def test_the_admin_may_and_an_anonymous_visitor_is_sent_to_log_in() -> None:
    assert client_for(Role.ADMIN).get(PAGE).status_code == 200
    anonymous = Client().get(PAGE)
    assert anonymous.status_code == 302
    assert "/login" in anonymous["Location"] or "login" in anonymous["Location"]


def test_an_as_of_date_before_every_intake_gives_an_empty_labelled_file(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "empty.sav"
    result = run("extract", "eindrapportage", "--as-of", "2009-01-01", "-o", target)
    assert result.code == 0, result.err
    data, meta = pyreadstat.read_sav(str(target))
    assert len(data) == 0
    assert meta.column_names_to_labels["transition"] == "Overgang naar werk"
    (event,) = extract_events()
    assert event.changes["censor_date"] == [None, "2009-01-01"]
