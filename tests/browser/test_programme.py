"""Running a programme in a real browser: intake, a trajectory to placed, the dashboard,
another project's participant out of reach, and axe-core on every live page per role."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.helpers import assert_accessible, login, user_for
from werkbrug.accounts.models import Role
from werkbrug.people.models import Participant
from werkbrug.people.services import participant_intake
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.projects.models import Project
from werkbrug.trajectories.models import Status
from werkbrug.trajectories.services import trajectory_move
from werkbrug.vacancies.models import Vacancy
from werkbrug.vacancies.services import employer_create, vacancy_create
from werkbrug.vacancies.values import EmployerValues, VacancyValues


@dataclass
class Programme:
    own: Project
    other: Project
    alice: Participant
    carol: Participant
    vacancy: Vacancy


@pytest.fixture
def programme() -> Programme:
    coordinator, mediator = user_for(Role.COORDINATOR), user_for(Role.MEDIATOR)
    employer_user = user_for(Role.EMPLOYER)
    own = Project.objects.create(
        code="own",
        name="Van Druk naar Logistiek",
        start_date=dt.date(2026, 1, 1),
        target_participants=10,
        target_transitions=6,
    )
    other = Project.objects.create(
        code="other",
        name="Elders",
        start_date=dt.date(2026, 1, 1),
        target_participants=5,
        target_transitions=3,
    )
    own.staff.add(coordinator, mediator)
    works = employer_create(
        actor=coordinator,
        values=EmployerValues(name="Drukkerij Van Dam", sector="C", postcode="3812", project=own),
    )
    works.users.add(employer_user)
    logistics = employer_create(
        actor=coordinator,
        values=EmployerValues(name="Logistiek Eemland", sector="H", postcode="3821", project=own),
    )
    vacancy = vacancy_create(
        actor=coordinator,
        employer=logistics,
        values=VacancyValues(title="Medewerker afwerking", occupation="7323", hours=Decimal(36)),
    )
    alice = participant_intake(
        actor=mediator,
        project=own,
        profile=ParticipantProfile(
            intake_date=dt.date(2026, 3, 1),
            gender="f",
            occupation="7322",
            postcode="3811",
            employer=works,
        ),
        contact=ContactValues(given_name="Alice", family_name="Aalders"),
        consents=["programme", "employer"],
    )
    carol = participant_intake(
        actor=user_for(Role.ADMIN),
        project=other,
        profile=ParticipantProfile(intake_date=dt.date(2026, 3, 3)),
        contact=ContactValues(given_name="Carol", family_name="Claassen"),
        consents=["programme"],
    )
    return Programme(own, other, alice, carol, vacancy)


def fill_placement(page: Page) -> None:
    """The details a placement in work needs (trajectories/flows.DETAILS_REQUIRED)."""
    page.fill("#id_move-employer_name", "Logistiek Eemland")
    page.select_option("#id_move-contract", "permanent")
    page.fill("#id_move-hours", "36")
    page.fill("#id_move-occupation", "4321")


@pytest.mark.usefixtures("programme")
def test_a_mediator_takes_in_a_participant_and_places_them(
    page: Page, live_server: LiveServer
) -> None:
    login(page, live_server, Role.MEDIATOR)
    page.goto(f"{live_server.url}/participants/new/")
    assert_accessible(page)
    page.check("input[name=intake-consents][value=programme]")
    page.fill("#id_contact-given_name", "Dirk")
    page.fill("#id_contact-family_name", "Dekker")
    page.fill("#id_contact-bsn", "111222333")
    page.fill("#id_profile-intake_date", "2026-04-01")
    page.fill("#id_profile-occupation", "7322")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dirk Dekker")
    assert_accessible(page)
    page.locator("#suggestions a").click()  # the suggestions arrive with htmx when asked
    expect(page.locator("#suggestions p.muted").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/participants/\d+/$"))  # still the same page
    assert_accessible(page)

    for status in ("active", "placed"):
        page.locator("#h-move ~ details summary").click()
        page.select_option("#id_move-to", status)
        page.fill("#id_move-on", "2026-05-01")
        if status == "placed":
            fill_placement(page)
        with page.expect_navigation():
            page.locator("#h-move ~ details form button[type=submit]").click()
    participant = Participant.objects.get(contact__family_name="Dekker")
    assert participant.trajectory.status == Status.PLACED
    expect(page.locator("#h-follow")).to_be_visible()
    assert_accessible(page)

    # Every other form of the page arrives when its panel opens, and is accessible too.
    for heading, field in (
        ("#h-follow", "#id_follow_up-checked_on"),
        ("#h-activity", "#id_activity-kind"),
        ("#h-consent", "#id_consent-purpose"),
    ):
        page.locator(f"{heading} ~ details summary").click()
        expect(page.locator(field)).to_be_visible()
    assert_accessible(page)


def test_the_dashboard_changes_when_a_trajectory_is_placed(
    page: Page, live_server: LiveServer, programme: Programme
) -> None:
    login(page, live_server, Role.COORDINATOR)
    dashboard = f"{live_server.url}/projects/{programme.own.pk}/"
    page.goto(dashboard)
    transitions = page.locator("tr", has=page.locator("th", has_text="Transities")).first
    expect(transitions).to_contain_text("0")
    page.goto(f"{live_server.url}/participants/{programme.alice.pk}/")
    for status in ("active", "placed"):
        page.locator("#h-move ~ details summary").click()
        page.select_option("#id_move-to", status)
        page.fill("#id_move-on", "2026-05-01")
        if status == "placed":
            fill_placement(page)
        with page.expect_navigation():
            page.locator("#h-move ~ details form button[type=submit]").click()
    page.goto(dashboard)
    expect(transitions).to_contain_text("1")
    assert_accessible(page)


def test_another_projects_participant_cannot_be_opened(
    page: Page, live_server: LiveServer, programme: Programme
) -> None:
    login(page, live_server, Role.MEDIATOR)
    response = page.goto(f"{live_server.url}/participants/{programme.carol.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Claassen")


def _pages(p: Programme) -> dict[Role, list[str]]:
    alice = p.alice.pk
    mine = [
        "/caseload/",
        f"/participants/{alice}/",
        f"/participants/{alice}/edit/",
        f"/participants/{alice}/status/",  # the forms on pages of their own (no JavaScript)
        f"/participants/{alice}/activities/",
        f"/participants/{alice}/consent/",
        f"/participants/{alice}/suggestions/",
        f"/participants/{alice}/matching-profile/",
        f"/vacancies/{p.vacancy.pk}/candidates/",
    ]
    project = f"/projects/{p.own.pk}"
    vacancy = f"/vacancies/{p.vacancy.pk}"
    employer = f"/vacancies/employers/{p.vacancy.employer_id}"
    vacancies = ["/vacancies/", f"{vacancy}/", "/vacancies/employers/", f"{employer}/"]
    editing = ["/vacancies/new/", f"{vacancy}/edit/", f"{vacancy}/close/", f"{employer}/edit/"]
    return {
        Role.MEDIATOR: ["/participants/new/", *mine, "/projects/", f"{project}/", *vacancies],
        Role.COORDINATOR: [
            *mine,
            f"/participants/{alice}/erase/",
            f"/matching/allocation/?project={p.own.pk}&min_score=10&method=optimal",
            "/matching/fairness/",
            "/projects/",
            f"{project}/",
            f"{project}/edit/",
            f"{project}/partners/",
            f"{project}/staff/",
            f"{project}/freeze/",
            *vacancies,
            *editing,
            "/vacancies/employers/new/",
            "/deliveries/",
            "/deliveries/import/",
        ],
        Role.EMPLOYER: [
            "/caseload/",
            f"/participants/{alice}/",
            "/vacancies/",
            "/vacancies/employers/",
        ],
        Role.FUNDER: ["/projects/", f"{project}/", "/deliveries/"],
        Role.ADMIN: [
            "/caseload/",
            f"/participants/{p.carol.pk}/",
            "/audit/",
            "/projects/",
            "/deliveries/",
            "/deliveries/import/",
        ],
    }


@pytest.mark.parametrize(
    "role",
    [Role.MEDIATOR, Role.COORDINATOR, Role.EMPLOYER, Role.FUNDER, Role.ADMIN],
    ids=lambda r: r.value,
)
def test_every_live_page_passes_axe(
    page: Page, live_server: LiveServer, programme: Programme, role: Role
) -> None:
    trajectory_move(
        actor=user_for(Role.MEDIATOR),
        trajectory=programme.alice.trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 3, 5),
    )
    login(page, live_server, role)
    for path in _pages(programme)[role]:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert_accessible(page)


def test_the_status_form_shows_only_the_details_of_the_chosen_move(
    page: Page, live_server: LiveServer, programme: Programme
) -> None:
    trajectory_move(
        actor=user_for(Role.MEDIATOR),
        trajectory=programme.alice.trajectory,
        to=Status.ACTIVE,
        on=dt.date(2026, 3, 5),
    )
    login(page, live_server, Role.MEDIATOR)
    page.goto(f"{live_server.url}/participants/{programme.alice.pk}/")
    page.locator("#h-move ~ details summary").click()
    details = ["#id_move-employer", "#id_move-contract", "#id_move-hours", "#id_move-occupation"]
    expect(page.locator("#id_move-to")).to_be_visible()
    for field in details:
        expect(page.locator(field)).to_be_hidden()  # no move chosen yet
    page.select_option("#id_move-to", "placed")
    for field in details:
        expect(page.locator(field)).to_be_visible()
    page.select_option("#id_move-to", "self_employed")
    expect(page.locator("#id_move-contract")).to_be_hidden()
    expect(page.locator("#id_move-hours")).to_be_visible()
    page.select_option("#id_move-to", "no_work")
    for field in details:
        expect(page.locator(field)).to_be_hidden()
    assert_accessible(page)
    # A placement without its details is refused with a message per detail.
    page.select_option("#id_move-to", "placed")
    page.fill("#id_move-on", "2026-05-01")
    with page.expect_navigation():
        page.locator("#h-move ~ details form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("vraagt het aantal uren per week")
    expect(page.locator("#id_move-hours")).to_be_visible()  # the failed form keeps its state


@pytest.mark.usefixtures("programme")
def test_the_profile_s_lists_filter_as_one_types(page: Page, live_server: LiveServer) -> None:
    alice = Participant.objects.get(contact__family_name="Aalders")
    login(page, live_server, Role.MEDIATOR)
    page.goto(f"{live_server.url}/participants/{alice.pk}/matching-profile/")
    box = page.locator('[data-filter-for="id_wanted_occupations"]')
    expect(box).to_be_visible()
    box.fill("drukker")
    visible = page.locator("#id_wanted_occupations option:not([hidden])")
    expect(visible.first).to_be_attached()
    texts = visible.all_inner_texts()
    assert texts
    assert all("drukker" in t.lower() for t in texts)
    page.select_option("#id_wanted_occupations", [texts[0].split()[0]])
    expect(page.locator("#id_wanted_occupations-chosen")).to_contain_text(texts[0])
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert alice.match_profile.wanted_occupations == texts[0].split()[0]
