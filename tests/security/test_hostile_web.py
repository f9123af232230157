"""Hostile deliveries and names through the web app: the upload, the download and freezing
(issue 11, "Hardening")."""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import valid_tables, write_tables
from tests.deliveries.test_web_import_export import IMPORT_URL, client_for, export_url, uploads
from werkbrug.accounts.models import Role
from werkbrug.deliveries.models import Delivery
from werkbrug.deliveries.services import delivery_import

pytestmark = pytest.mark.django_db


def _temp_entries() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).iterdir()}


def test_an_upload_of_many_huge_bad_cells_gives_a_small_page(tmp_path: Path) -> None:
    """A zip that once produced a page a thousand times its size: every message now quotes
    a few dozen characters of its cell."""
    folder = write_tables(tmp_path / "d", valid_tables())
    digits = random.Random(7)
    lines = ["participant,outcome,date"]
    lines += ["P001,work," + "".join(digits.choices("0123456789", k=5_000)) for _ in range(1_000)]
    (folder / "outcomes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "upload.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    assert target.stat().st_size < 3_000_000
    client, _user = client_for(Role.COORDINATOR)
    response = client.post(
        IMPORT_URL,
        {"upload": [SimpleUploadedFile("upload.zip", target.read_bytes())]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("is not a date") == 1_000
    assert len(page) < 500_000
    assert Delivery.objects.count() == 0


def test_an_upload_with_a_path_like_name_is_refused(delivery_dir: Path) -> None:
    client, _user = client_for(Role.COORDINATOR)
    response = client.post(
        IMPORT_URL,
        {"upload": uploads(delivery_dir), "name": "../../../../anywhere/pwned"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "letters, digits" in response.content.decode()
    assert Delivery.objects.count() == 0


def _legacy_delivery(delivery_dir: Path, name: str) -> Delivery:
    """A delivery stored before names were checked, under a name that is a path."""
    result = delivery_import(path=delivery_dir, name="tijdelijk")
    assert result.delivery is not None
    Delivery.objects.filter(pk=result.delivery.pk).update(name=name)
    return Delivery.objects.get(pk=result.delivery.pk)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_never_writes_where_the_name_points(
    delivery_dir: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "elsewhere" / "pwned"
    delivery = _legacy_delivery(delivery_dir, str(target))
    client, _user = client_for(Role.RESEARCHER)
    before = _temp_entries()
    for _ in range(2):
        response = client.get(export_url(delivery, fmt))
        assert response.status_code == 200
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert zipfile.ZipFile(io.BytesIO(body)).namelist()
        disposition = response["Content-Disposition"]
        assert "/" not in disposition.split("filename=")[1]
        assert ".." not in disposition
    assert not (tmp_path / "elsewhere").exists()
    assert _temp_entries() <= before
