"""Import and export as pages of the web app (issue 15: no longer in the Django admin)."""

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

IMPORT_URL = "/deliveries/import/"


def export_url(delivery: Delivery, fmt: str) -> str:
    return f"/deliveries/{delivery.pk}/download/{fmt}/"


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
    assert response.status_code == 400
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
    response = researcher.get(export_url(delivery, "csv"))
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
    workbook = researcher.get(export_url(delivery, "xlsx"))
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
    response = other.get(export_url(delivery, "csv"))
    assert response.status_code == 403
    assert b"P001" not in response.content


# --- the pages: list, form, result with next steps; the admin keeps only management -------


def test_the_import_form_has_a_date_picker_and_the_app_s_look() -> None:
    client, _user = client_for(Role.COORDINATOR)
    page = client.get(IMPORT_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'type="date" name="delivered_on"' in page
    assert 'href="/deliveries/"' in page  # the app's menu, not the admin's
    assert "/static/admin/" not in page


def test_a_stored_delivery_shows_the_report_and_the_next_steps(delivery_dir: Path) -> None:
    client, _user = client_for(Role.COORDINATOR)
    response = client.post(
        IMPORT_URL,
        {"upload": uploads(delivery_dir), "delivered_on": "2011-12-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    delivery = Delivery.objects.get(name="proef")
    assert delivery.delivered_on.isoformat() == "2011-12-01"
    assert "Validation report" in page
    assert "Imported delivery &#x27;proef&#x27;" in page
    assert "Next steps" in page
    assert f'href="/reports/?delivery={delivery.pk}"' in page
    assert f'href="{export_url(delivery, "xlsx")}"' in page


def test_an_invalid_delivery_says_what_to_do_and_offers_the_form_again(
    delivery_dir: Path,
) -> None:
    (delivery_dir / "outcomes.csv").write_text("participant,outcome,date\nP404,hired,2011-01-01\n")
    client, _user = client_for(Role.COORDINATOR)
    response = client.post(IMPORT_URL, {"upload": uploads(delivery_dir)}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Correct the problems listed above" in page
    assert 'enctype="multipart/form-data"' in page  # upload again from the same page
    assert Delivery.objects.count() == 0


def test_only_validate_stores_nothing_and_says_how_to_store(delivery_dir: Path) -> None:
    client, _user = client_for(Role.COORDINATOR)
    response = client.post(
        IMPORT_URL, {"upload": uploads(delivery_dir), "dry_run": "on"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "without “Only validate” to store it" in response.content.decode()
    assert Delivery.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "sees", "downloads", "imports"),
    [
        (Role.FUNDER, True, False, False),
        (Role.COORDINATOR, True, True, True),
        (Role.RESEARCHER, True, True, False),
        (Role.ADMIN, True, True, True),
        (Role.MEDIATOR, False, False, False),
        (Role.EMPLOYER, False, False, False),
    ],
)
def test_the_list_of_deliveries_per_role(
    delivery_dir: Path, role: Role, sees: bool, downloads: bool, imports: bool
) -> None:
    coordinator, _user = client_for(Role.COORDINATOR) if role != Role.COORDINATOR else (None, None)
    if coordinator is not None:
        coordinator.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    client, user = client_for(role)
    if role == Role.ADMIN:
        user.is_superuser = user.is_staff = True
        user.save()
    if role == Role.COORDINATOR:
        client.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    response = client.get("/deliveries/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == (200 if sees else 403)
    page = response.content.decode()
    assert ("proef" in page) is sees
    assert ("/download/xlsx/" in page) is downloads
    assert ('href="/deliveries/import/"' in page) is imports
    assert client.get(IMPORT_URL).status_code == (200 if imports else 403)


def test_the_admin_no_longer_imports_or_exports(delivery_dir: Path) -> None:
    client, user = client_for(Role.ADMIN)
    user.is_superuser = user.is_staff = True
    user.save()
    client.post(IMPORT_URL, {"upload": uploads(delivery_dir)})
    delivery = Delivery.objects.get()
    assert client.get("/admin/deliveries/delivery/import/").status_code in (302, 404)
    assert client.get(f"/admin/deliveries/delivery/{delivery.pk}/export/csv/").status_code in (
        302,
        404,
    )
    listing = client.get("/admin/deliveries/delivery/").content.decode()
    assert "Import a delivery" not in listing
    assert client.get("/admin/deliveries/delivery/").status_code == 200
