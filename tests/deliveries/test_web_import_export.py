"""Import and export in the web app (the Django admin at this stage)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
from werkbrug.audit.models import AuditEvent
from werkbrug.deliveries.models import Delivery, DeliveryParticipant

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/deliveries/delivery/import/"


def client_for(role: Role) -> tuple[Client, User]:
    user = user_create(username=role.value, password="x-Secret-123", role=role)
    client = Client()
    client.force_login(user)
    return client, user


def uploads(folder: Path) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))]


def test_a_coordinator_uploads_csv_files_and_the_delivery_is_stored(delivery_dir: Path) -> None:
    client, user = client_for(Role.COORDINATOR)
    response = client.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    assert response.status_code == 200
    delivery = Delivery.objects.get(name="proef")
    assert delivery.imported_by == user
    assert delivery.participant_count == 6


def test_an_invalid_upload_shows_every_problem_and_stores_nothing(delivery_dir: Path) -> None:
    (delivery_dir / "outcomes.csv").write_text(
        "participant,outcome,date\nP001,work,2010-01-01\nP404,hired,2011-01-01\n"
    )
    client, _user = client_for(Role.COORDINATOR)
    response = client.post(IMPORT_URL, {"upload": uploads(delivery_dir)}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert "outcomes.csv:2: date: 2010-01-01 is before the participant&#x27;s intake_date" in page
    assert "outcomes.csv:3: outcome: unknown code &#x27;hired&#x27;" in page
    assert Delivery.objects.count() == 0
    assert DeliveryParticipant.objects.count() == 0


def test_a_warning_names_the_uploaded_files_not_a_server_folder(delivery_dir: Path) -> None:
    """The same content under a new name warns; the warning named the temporary folder the
    upload was written to (/tmp/werkbrug-upload-…)."""
    import tempfile

    client, _user = client_for(Role.COORDINATOR)
    client.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    response = client.post(
        IMPORT_URL, {"upload": uploads(delivery_dir), "name": "kopie"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert Delivery.objects.filter(name="kopie").exists()
    assert "has the same content as the delivery &#x27;proef&#x27;" in page
    assert "<code>delivery.csv, employers.csv, " in page  # the uploaded files by name
    assert "werkbrug-upload-" not in page
    assert tempfile.gettempdir() not in page


def test_a_researcher_may_not_import(delivery_dir: Path) -> None:
    client, _user = client_for(Role.RESEARCHER)
    response = client.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    assert response.status_code == 403
    assert Delivery.objects.count() == 0


@pytest.mark.usefixtures("delivery_dir")
def test_an_anonymous_visitor_is_sent_to_the_log_in() -> None:
    response = Client().get(IMPORT_URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_researcher_downloads_a_delivery_as_zip_and_as_workbook(delivery_dir: Path) -> None:
    coordinator, _user = client_for(Role.COORDINATOR)
    coordinator.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    delivery = Delivery.objects.get()
    researcher, _user = client_for(Role.RESEARCHER)
    response = researcher.get(f"/admin/deliveries/delivery/{delivery.pk}/export/csv/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[arg-type]
    names = sorted(Path(n).name for n in archive.namelist() if not n.endswith("/"))
    assert names == [
        "delivery.csv",
        "employers.csv",
        "outcomes.csv",
        "participants.csv",
        "projects.csv",
        "vacancies.csv",
    ]
    workbook = researcher.get(f"/admin/deliveries/delivery/{delivery.pk}/export/xlsx/")
    assert workbook.status_code == 200
    assert workbook["Content-Disposition"].endswith('proef.xlsx"')
    # Every export is in the audit log, with who and in which format.
    exports = AuditEvent.objects.filter(action="export", object_id=str(delivery.pk))
    assert sorted(e.changes["format"][1] for e in exports) == ["csv", "xlsx"]
    assert {e.actor_name for e in exports} == {"researcher"}


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.FUNDER])
def test_roles_without_access_to_rows_may_not_download_deliveries(
    delivery_dir: Path, role: Role
) -> None:
    coordinator, _user = client_for(Role.COORDINATOR)
    coordinator.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    delivery = Delivery.objects.get()
    other, _user = client_for(role)
    response = other.get(f"/admin/deliveries/delivery/{delivery.pk}/export/csv/")
    if role == Role.MEDIATOR:
        # Mediators do not use the admin at all: it sends them to its log-in page.
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == 403
    assert b"P001" not in response.content
