"""The report as a background job, through the pages: asked on the report page, run by the
worker, followed on the job's page, downloaded; only by its owner (and administrators)."""

from __future__ import annotations

import pytest
from django.test import Client

from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create
from werkbrug.deliveries.models import Delivery
from werkbrug.jobs import worker
from werkbrug.jobs.models import Job

pytestmark = pytest.mark.usefixtures("demo_deliveries")

ASK = {"delivery": "eindrapportage", "format": "pdf"}


def client_for(role: Role, name: str | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    user = user_create(username=name or role.value, password="x-Secret-123", role=role)
    client.force_login(user)
    return client


def ask(client: Client, **extra: str) -> str:
    response = client.post("/reports/background/", {**ASK, **extra})
    assert response.status_code == 302
    return str(response["Location"])


def test_the_report_page_offers_the_background() -> None:
    page = client_for(Role.ADMIN).get("/reports/", {"delivery": "eindrapportage"})
    assert 'action="/reports/background/"' in page.content.decode()


def test_a_pdf_made_in_the_background_is_followed_and_downloaded() -> None:
    client = client_for(Role.ADMIN)
    url = ask(client)
    queued = client.get(url).content.decode()
    assert "Queued" in queued
    assert 'hx-trigger="every 2s"' in queued  # htmx follows it
    assert 'http-equiv="refresh"' in queued  # and without JavaScript the page reloads
    assert worker.run(once=True) == 1
    done = client.get(url).content.decode()
    assert "Done" in done
    assert "hx-trigger" not in done
    assert "refresh" not in done
    download = client.get(url + "download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert 'filename="rapportage-eindrapportage.pdf"' in download["Content-Disposition"]


def test_htmx_gets_only_the_progress() -> None:
    client = client_for(Role.ADMIN)
    fragment = client.get(ask(client), headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section")
    assert "<progress" in fragment


def test_asking_twice_is_one_job() -> None:
    client = client_for(Role.ADMIN)
    assert ask(client) == ask(client)
    assert Job.objects.count() == 1
    assert worker.run(once=True) == 1
    assert ask(client) == ask(client)  # done: the same job, with its file
    assert worker.run(once=True) == 0


def test_a_job_is_its_owners() -> None:
    url = ask(client_for(Role.FUNDER))
    other = client_for(Role.FUNDER, name="another-funder")
    assert other.get(url).status_code == 404
    assert other.get(url + "download/").status_code == 404
    assert client_for(Role.ADMIN).get(url).status_code == 200


def test_the_funder_gets_the_public_version_in_the_background_too() -> None:
    ask(client_for(Role.FUNDER), public="")
    job = Job.objects.get()
    assert job.params["public"] is True


def test_a_delivery_replaced_after_asking_fails_with_a_message_in_the_owners_language() -> None:
    client = client_for(Role.ADMIN)
    url = ask(client)
    Delivery.objects.filter(name="eindrapportage").update(content_hash="0" * 64)
    worker.run(once=True)
    page = client.get(url).content.decode()
    assert "Failed" in page
    assert "the delivery was removed or replaced after the report was asked for" in page
    assert client.get(url + "download/").status_code == 404


def test_a_failed_job_asked_again_runs_again() -> None:
    client = client_for(Role.ADMIN)
    url = ask(client)
    real = Delivery.objects.get(name="eindrapportage").content_hash
    Delivery.objects.filter(name="eindrapportage").update(content_hash="0" * 64)
    worker.run(once=True)
    Delivery.objects.filter(name="eindrapportage").update(content_hash=real)
    assert ask(client) == url
    assert worker.run(once=True) == 1
    assert Job.objects.get().state == "done"


def test_a_dutch_owner_reads_the_job_in_dutch() -> None:
    client = Client()  # the default language
    client.force_login(user_create(username="beheer", password="x-Secret-123", role=Role.ADMIN))
    url = ask(client)
    assert "In de wachtrij" in client.get(url).content.decode()
    Delivery.objects.filter(name="eindrapportage").update(content_hash="0" * 64)
    worker.run(once=True)
    page = client.get(url).content.decode()
    assert "Mislukt" in page
    assert "de levering is verwijderd of vervangen" in page
