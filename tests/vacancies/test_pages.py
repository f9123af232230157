"""The employers and vacancies pages: who may see and change what, the writes through the
forms, the filters, and what the list costs in queries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from werkbrug import clock
from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
from werkbrug.projects.models import Project
from werkbrug.vacancies.models import Employer, Vacancy

pytestmark = pytest.mark.django_db

TODAY = clock.today()
PAST = TODAY - dt.timedelta(days=60)


@dataclass
class World:
    bouw: Project
    regio: Project
    own: Employer  # in project bouw; the employer user acts for it
    other: Employer  # in project regio
    loose: Employer  # in no project
    own_vacancy: Vacancy
    other_vacancy: Vacancy
    users: dict[Role, User]

    def client(self, role: Role) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(self.users[role])
        return client


def project(code: str) -> Project:
    return Project.objects.create(
        code=code,
        name=code.title(),
        start_date=dt.date(2025, 1, 1),
        target_participants=10,
        target_transitions=5,
    )


def vacancy(employer: Employer, key: str, title: str, **fields: object) -> Vacancy:
    values: dict[str, object] = {
        "occupation": "7115",
        "sector": "F",
        "postcode": "3512",
        "hours": Decimal("38"),
        "positions": 2,
        "open_date": PAST,
    }
    values.update(fields)
    return Vacancy.objects.create(key=key, employer=employer, title=title, **values)


@pytest.fixture
def world() -> World:
    bouw, regio = project("bouw"), project("regio")
    own = Employer.objects.create(
        key="E1", name="De Proef", sector="F", postcode="3512", project=bouw
    )
    other = Employer.objects.create(key="E2", name="Zorg Oost", sector="Q", project=regio)
    loose = Employer.objects.create(key="E3", name="Los Zand", sector="G")
    users = {
        role: user_create(username=role.value, password="x-Secret-123", role=role) for role in Role
    }
    bouw.staff.add(users[Role.COORDINATOR], users[Role.MEDIATOR])
    own.users.add(users[Role.EMPLOYER])
    return World(
        bouw=bouw,
        regio=regio,
        own=own,
        other=other,
        loose=loose,
        own_vacancy=vacancy(own, "V1", "Timmerman", skills="timmeren|lezen van bouwtekeningen"),
        other_vacancy=vacancy(other, "V2", "Verpleegkundige", occupation="3221", sector="Q"),
        users=users,
    )


def page(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]


# Logging in and the lists


@pytest.mark.parametrize(
    "url",
    [
        "/vacancies/",
        "/vacancies/new/",
        "/vacancies/1/",
        "/vacancies/1/edit/",
        "/vacancies/1/close/",
        "/vacancies/1/fill/",
        "/vacancies/employers/",
        "/vacancies/employers/new/",
        "/vacancies/employers/1/",
        "/vacancies/employers/1/edit/",
    ],
)
def test_every_page_sends_an_anonymous_visitor_to_log_in(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        (Role.ADMIN, ["Timmerman", "Verpleegkundige"], []),
        (Role.COORDINATOR, ["Timmerman"], ["Verpleegkundige"]),
        (Role.MEDIATOR, ["Timmerman", "Verpleegkundige"], []),
        (Role.EMPLOYER, ["Timmerman"], ["Verpleegkundige", "Zorg Oost"]),
    ],
)
def test_the_list_shows_the_vacancies_the_role_may_see(
    world: World, role: Role, sees: list[str], hidden: list[str]
) -> None:
    response = world.client(role).get("/vacancies/")
    assert response.status_code == 200
    for title in sees:
        assert title in page(response)
    for title in hidden:
        assert title not in page(response)


@pytest.mark.parametrize("role", [Role.FUNDER, Role.RESEARCHER])
@pytest.mark.parametrize("url", ["/vacancies/", "/vacancies/employers/", "/vacancies/new/"])
def test_roles_that_never_see_vacancies_get_403_on_the_lists(
    world: World, role: Role, url: str
) -> None:
    assert world.client(role).get(url).status_code == 403


def test_the_list_shows_labels_and_a_status_and_links_to_the_pages(world: World) -> None:
    html = page(world.client(Role.ADMIN).get("/vacancies/"))
    assert "<td>7115 Carpenters and joiners</td>" in html
    assert "Construction" in html
    assert f'href="/vacancies/{world.own_vacancy.pk}/"' in html
    assert f'href="/vacancies/employers/{world.own.pk}/"' in html
    assert '<span class="badge ok">Open</span>' in html
    assert '<th scope="col">' in html


@pytest.mark.parametrize(("role", "button"), [(Role.EMPLOYER, True), (Role.COORDINATOR, True)])
def test_new_vacancy_button_for_who_may_edit_an_employer(
    world: World, role: Role, button: bool
) -> None:
    assert ('href="/vacancies/new/"' in page(world.client(role).get("/vacancies/"))) is button


def test_no_new_vacancy_button_for_an_employer_user_without_an_employer(world: World) -> None:
    world.own.users.clear()
    response = world.client(Role.EMPLOYER).get("/vacancies/")
    assert response.status_code == 200
    assert 'href="/vacancies/new/"' not in page(response)
    assert "Timmerman" not in page(response)


def test_the_list_is_dutch_by_default(world: World) -> None:
    client = Client()
    client.force_login(world.users[Role.ADMIN])
    html = page(client.get("/vacancies/"))
    assert "<h1>Vacatures</h1>" in html
    assert "Nieuwe vacature" in html
    assert '<th scope="col">Beroep</th>' in html
    assert "<td>7115 Timmerlieden</td>" in html
    assert "<td>Bouwnijverheid</td>" in html


def test_the_list_does_not_run_a_query_per_row(world: World) -> None:
    client = world.client(Role.COORDINATOR)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/vacancies/").status_code == 200
        return len(queries)

    Vacancy.objects.exclude(pk=world.own_vacancy.pk).delete()
    vacancy(world.loose, "V3", "Verkoper")
    vacancy(world.own, "V4", "Metselaar")
    count()  # the first page of a process also reads the menu's permissions (web/context.py)
    few = count()
    for i in range(27):
        vacancy(world.own if i % 2 else world.loose, f"W{i}", f"Functie {i}")
    assert Vacancy.objects.count() == 30
    assert count() == few


# Filters, search, pagination, htmx


def test_the_list_shows_open_vacancies_unless_asked_otherwise(world: World) -> None:
    vacancy(world.own, "V3", "Opperman", close_date=TODAY - dt.timedelta(days=1))
    vacancy(world.own, "V4", "Stukadoor", close_date=TODAY, filled=True)
    client = world.client(Role.ADMIN)

    def titles(**params: str) -> set[str]:
        html = page(client.get("/vacancies/", params))
        return set(re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html))

    assert titles() == {"Timmerman", "Verpleegkundige"}
    assert titles(status="open") == {"Timmerman", "Verpleegkundige"}
    assert titles(status="closed") == {"Opperman"}
    assert titles(status="filled") == {"Stukadoor"}
    assert titles(status="all") == {"Timmerman", "Verpleegkundige", "Opperman", "Stukadoor"}
    assert titles(sector="Q") == {"Verpleegkundige"}
    assert titles(occupation="nurs") == {"Verpleegkundige"}
    assert titles(occupation="71") == {"Timmerman"}
    assert titles(occupation="711") == {"Timmerman"}
    assert titles(employer=str(world.other.pk)) == {"Verpleegkundige"}
    assert titles(q="timmer") == {"Timmerman"}
    assert titles(q="timmer", sector="Q") == set()


def test_an_employer_outside_reach_in_the_filter_is_an_error_not_a_leak(world: World) -> None:
    response = world.client(Role.EMPLOYER).get("/vacancies/", {"employer": world.other.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in page(response)
    assert "Verpleegkundige" not in page(response)


def test_the_list_pages_by_50_and_keeps_the_filters(world: World) -> None:
    Vacancy.objects.bulk_create(
        Vacancy(key=f"B{i}", employer=world.own, title=f"Bulk {i}", sector="F", open_date=PAST)
        for i in range(55)
    )
    client = world.client(Role.ADMIN)
    html = page(client.get("/vacancies/", {"sector": "F"}))
    assert "56 vacancies" in html
    assert html.count('<th scope="row">') == 50
    assert 'href="?sector=F&amp;page=2"' in html
    second = page(client.get("/vacancies/", {"sector": "F", "page": "2"}))
    assert second.count('<th scope="row">') == 6


def test_an_htmx_request_gets_the_results_only(world: World) -> None:
    client = world.client(Role.ADMIN)
    headers = {"HX-Request": "true", "HX-Target": "vacancy-results"}
    response = client.get("/vacancies/", {"sector": "Q"}, headers=headers)
    html = page(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert "<form" not in html
    assert "Verpleegkundige" in html
    assert "Timmerman" not in html
    assert "HX-Request" in response["Vary"]
    full = page(client.get("/vacancies/", {"sector": "Q"}))
    assert 'hx-get="/vacancies/"' in full
    assert 'hx-target="#vacancy-results"' in full
    assert 'id="vacancy-results"' in full


def test_an_htmx_history_restore_gets_the_whole_page(world: World) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = page(world.client(Role.ADMIN).get("/vacancies/", headers=headers))
    assert "<html" in html


# The vacancy page


@pytest.mark.parametrize(
    ("role", "which", "status"),
    [
        (Role.ADMIN, "other_vacancy", 200),
        (Role.COORDINATOR, "own_vacancy", 200),
        (Role.COORDINATOR, "other_vacancy", 404),
        (Role.MEDIATOR, "other_vacancy", 200),
        (Role.EMPLOYER, "own_vacancy", 200),
        (Role.EMPLOYER, "other_vacancy", 404),
        (Role.FUNDER, "own_vacancy", 404),
        (Role.RESEARCHER, "own_vacancy", 404),
    ],
)
def test_the_vacancy_page_answers_404_outside_reach(
    world: World, role: Role, which: str, status: int
) -> None:
    target: Vacancy = getattr(world, which)
    assert world.client(role).get(f"/vacancies/{target.pk}/").status_code == status


def test_an_unknown_vacancy_is_404(world: World) -> None:
    assert world.client(Role.ADMIN).get("/vacancies/999999/").status_code == 404


def test_the_vacancy_page_shows_facts_and_actions_to_editors(world: World) -> None:
    response = world.client(Role.EMPLOYER).get(f"/vacancies/{world.own_vacancy.pk}/")
    html = page(response)
    assert html.count("<h1") == 1
    assert "Carpenters and joiners" in html
    assert "lezen van bouwtekeningen" in html
    pk = world.own_vacancy.pk
    for action in ("edit", "close", "fill"):
        assert f'href="/vacancies/{pk}/{action}/"' in html
    # Candidates are participants: only roles with a caseload see them.
    assert 'id="suggestions"' not in html


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.ADMIN, True),
        (Role.COORDINATOR, True),
        (Role.MEDIATOR, True),
        (Role.EMPLOYER, False),
    ],
)
def test_the_candidates_load_with_htmx_for_roles_with_a_caseload(
    world: World, role: Role, shown: bool
) -> None:
    pk = world.own_vacancy.pk
    html = page(world.client(role).get(f"/vacancies/{pk}/"))
    assert ('<section id="suggestions"' in html) is shown
    assert (f'hx-get="/vacancies/{pk}/candidates/"' in html) is shown
    assert (f'<a href="/vacancies/{pk}/candidates/">' in html) is shown  # without JavaScript


def test_a_mediator_sees_another_projects_vacancy_without_actions(world: World) -> None:
    client = world.client(Role.MEDIATOR)
    pk = world.other_vacancy.pk
    html = page(client.get(f"/vacancies/{pk}/"))
    assert "Verpleegkundige" in html
    assert f"/vacancies/{pk}/edit/" not in html
    for action in ("edit", "close", "fill"):
        assert client.get(f"/vacancies/{pk}/{action}/").status_code == 404
        assert client.post(f"/vacancies/{pk}/{action}/", {"on": TODAY}).status_code == 404
    world.other_vacancy.refresh_from_db()
    assert world.other_vacancy.close_date is None


# Creating and editing vacancies


def vacancy_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Tegelzetter",
        "occupation": "7122",
        "sector": "F",
        "postcode": "3512 AB",
        "min_education": "mbo2",
        "hours": "32",
        "contract": "permanent",
        "positions": "1",
        "skills": " tegelen | | voegen ",
        "open_date": "2026-01-05",
        "close_date": "",
    }
    data.update(changes)
    return data


def test_an_employer_user_adds_a_vacancy(world: World) -> None:
    client = world.client(Role.EMPLOYER)
    form = page(client.get("/vacancies/new/"))
    assert 'list="id_occupation-isco"' in form
    assert '<datalist id="id_occupation-isco">' in form
    assert '<option value="7122">' in form
    assert 'type="date"' in form
    response = client.post("/vacancies/new/", vacancy_post(employer=world.own.pk))
    created = Vacancy.objects.get(title="Tegelzetter")
    assert response.status_code == 302
    assert response["Location"] == f"/vacancies/{created.pk}/"
    assert created.employer == world.own
    assert created.postcode == "3512"
    assert created.skills == "tegelen|voegen"
    assert created.hours == Decimal("32")
    assert created.open_date == dt.date(2026, 1, 5)


def test_a_new_vacancy_without_an_open_date_opens_today(world: World) -> None:
    client = world.client(Role.COORDINATOR)
    client.post("/vacancies/new/", vacancy_post(employer=world.loose.pk, open_date=""))
    assert Vacancy.objects.get(title="Tegelzetter").open_date == TODAY


def test_an_employer_user_cannot_add_a_vacancy_for_another_employer(world: World) -> None:
    response = world.client(Role.EMPLOYER).post(
        "/vacancies/new/", vacancy_post(employer=world.other.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in page(response)
    assert not Vacancy.objects.filter(title="Tegelzetter").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # The rules of vacancies.csv, in the words of a delivery's problems.
        ({"hours": "0"}, "0 is out of range; it must be more than 0 and at most 80"),
        ({"positions": "0"}, "0 is out of range; it must be at least 1"),
        ({"close_date": "2026-01-01"}, "is before open_date"),
        ({"occupation": "timmerman"}, "&#x27;timmerman&#x27; is not an ISCO-08 unit group"),
        ({"postcode": "35"}, "&#x27;35&#x27; is not a Dutch postcode"),
    ],
)
def test_a_bad_new_vacancy_writes_nothing_and_says_why(
    world: World, changes: dict[str, str], message: str
) -> None:
    response = world.client(Role.EMPLOYER).post(
        "/vacancies/new/", vacancy_post(employer=world.own.pk, **changes)
    )
    assert response.status_code == 200
    assert message in page(response)
    assert not Vacancy.objects.filter(title="Tegelzetter").exists()


def test_a_coordinator_edits_a_vacancy(world: World) -> None:
    pk = world.own_vacancy.pk
    client = world.client(Role.COORDINATOR)
    form = page(client.get(f"/vacancies/{pk}/edit/"))
    assert 'name="employer"' not in form
    assert f'value="{PAST.isoformat()}"' in form
    response = client.post(f"/vacancies/{pk}/edit/", vacancy_post(title="Timmerman (m/v)"))
    assert response.status_code == 302
    world.own_vacancy.refresh_from_db()
    assert world.own_vacancy.title == "Timmerman (m/v)"
    assert world.own_vacancy.occupation == "7122"
    assert world.own_vacancy.employer == world.own


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": "0"}, "0 is out of range; it must be more than 0 and at most 80"),
        ({"close_date": "2025-12-31"}, "is before open_date"),
    ],
)
def test_a_bad_edit_writes_nothing_and_says_why(
    world: World, changes: dict[str, str], message: str
) -> None:
    pk = world.own_vacancy.pk
    response = world.client(Role.EMPLOYER).post(
        f"/vacancies/{pk}/edit/", vacancy_post(title="Gewijzigd", **changes)
    )
    assert response.status_code == 200
    assert message in page(response)
    assert "Edit vacancy: Timmerman" in page(response)
    world.own_vacancy.refresh_from_db()
    assert world.own_vacancy.title == "Timmerman"
    assert world.own_vacancy.hours == Decimal("38")


@pytest.mark.parametrize(
    ("role", "which", "status"),
    [
        (Role.EMPLOYER, "other_vacancy", 404),
        (Role.COORDINATOR, "other_vacancy", 404),
        (Role.MEDIATOR, "other_vacancy", 404),
        (Role.MEDIATOR, "own_vacancy", 200),
        (Role.ADMIN, "other_vacancy", 200),
        (Role.FUNDER, "own_vacancy", 404),
        (Role.RESEARCHER, "own_vacancy", 404),
    ],
)
def test_the_edit_page_uses_the_editable_vacancies(
    world: World, role: Role, which: str, status: int
) -> None:
    target: Vacancy = getattr(world, which)
    assert world.client(role).get(f"/vacancies/{target.pk}/edit/").status_code == status


# Closing, filling, reopening


def test_closing_a_vacancy_after_confirming_the_date(world: World) -> None:
    pk = world.own_vacancy.pk
    client = world.client(Role.EMPLOYER)
    confirm = page(client.get(f"/vacancies/{pk}/close/"))
    assert f'value="{TODAY.isoformat()}"' in confirm
    assert 'method="post"' in confirm
    world.own_vacancy.refresh_from_db()
    assert world.own_vacancy.close_date is None  # a GET changes nothing
    yesterday = TODAY - dt.timedelta(days=1)
    response = client.post(f"/vacancies/{pk}/close/", {"on": yesterday.isoformat()})
    assert response.status_code == 302
    world.own_vacancy.refresh_from_db()
    assert (world.own_vacancy.close_date, world.own_vacancy.filled) == (yesterday, False)
    html = page(client.get(f"/vacancies/{pk}/"))
    assert '<span class="badge warn">Closed</span>' in html
    assert "The vacancy was closed." in html


def test_marking_a_vacancy_filled(world: World) -> None:
    pk = world.own_vacancy.pk
    response = world.client(Role.COORDINATOR).post(
        f"/vacancies/{pk}/fill/", {"on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    world.own_vacancy.refresh_from_db()
    assert (world.own_vacancy.close_date, world.own_vacancy.filled) == (TODAY, True)


@pytest.mark.parametrize("action", ["close", "fill"])
def test_closing_before_the_open_date_writes_nothing(world: World, action: str) -> None:
    pk = world.own_vacancy.pk
    before = PAST - dt.timedelta(days=1)
    response = world.client(Role.EMPLOYER).post(
        f"/vacancies/{pk}/{action}/", {"on": before.isoformat()}
    )
    assert response.status_code == 200
    assert f"{before.isoformat()} is before open_date {PAST.isoformat()}" in page(response)
    world.own_vacancy.refresh_from_db()
    assert (world.own_vacancy.close_date, world.own_vacancy.filled) == (None, False)


def test_clearing_the_close_date_reopens_a_filled_vacancy(world: World) -> None:
    Vacancy.objects.filter(pk=world.own_vacancy.pk).update(close_date=TODAY, filled=True)
    pk = world.own_vacancy.pk
    data = vacancy_post(title="Timmerman", open_date=PAST.isoformat(), close_date="")
    assert world.client(Role.EMPLOYER).post(f"/vacancies/{pk}/edit/", data).status_code == 302
    world.own_vacancy.refresh_from_db()
    assert world.own_vacancy.close_date is None
    assert world.own_vacancy.filled is False
    assert world.own_vacancy.is_open(TODAY)


# Employers


@pytest.mark.parametrize(
    ("role", "sees", "hidden"),
    [
        (Role.ADMIN, ["De Proef", "Zorg Oost", "Los Zand"], []),
        (Role.COORDINATOR, ["De Proef", "Los Zand"], ["Zorg Oost"]),
        (Role.MEDIATOR, ["De Proef", "Zorg Oost", "Los Zand"], []),
        (Role.EMPLOYER, ["De Proef"], ["Zorg Oost", "Los Zand"]),
    ],
)
def test_the_employer_list_by_role(
    world: World, role: Role, sees: list[str], hidden: list[str]
) -> None:
    response = world.client(role).get("/vacancies/employers/")
    assert response.status_code == 200
    for name in sees:
        assert name in page(response)
    for name in hidden:
        assert name not in page(response)


def test_the_employer_list_counts_open_vacancies_and_searches(world: World) -> None:
    vacancy(world.own, "V3", "Opperman", close_date=PAST)
    client = world.client(Role.ADMIN)
    html = page(client.get("/vacancies/employers/"))
    row = re.search(r"De Proef</a></th>.*?</tr>", html, re.S)
    assert row is not None
    assert '<td class="num">1</td>' in row.group(0)
    found = page(client.get("/vacancies/employers/", {"q": "zorg"}))
    assert "Zorg Oost" in found
    assert "De Proef" not in found


@pytest.mark.parametrize(
    ("role", "which", "status"),
    [
        (Role.ADMIN, "other", 200),
        (Role.COORDINATOR, "loose", 200),
        (Role.COORDINATOR, "other", 404),
        (Role.MEDIATOR, "other", 200),
        (Role.EMPLOYER, "own", 200),
        (Role.EMPLOYER, "other", 404),
        (Role.EMPLOYER, "loose", 404),
        (Role.FUNDER, "own", 404),
        (Role.RESEARCHER, "own", 404),
    ],
)
def test_the_employer_page_answers_404_outside_reach(
    world: World, role: Role, which: str, status: int
) -> None:
    target: Employer = getattr(world, which)
    assert world.client(role).get(f"/vacancies/employers/{target.pk}/").status_code == status


def test_the_employer_page_lists_its_vacancies(world: World) -> None:
    html = page(world.client(Role.COORDINATOR).get(f"/vacancies/employers/{world.own.pk}/"))
    assert "Timmerman" in html
    assert "Verpleegkundige" not in html
    assert "Bouw" in html  # the coordinator's own project
    assert f'href="/vacancies/new/?employer={world.own.pk}"' in html
    assert f'href="/vacancies/employers/{world.own.pk}/edit/"' in html


def test_a_mediator_sees_another_projects_employer_read_only(world: World) -> None:
    client = world.client(Role.MEDIATOR)
    html = page(client.get(f"/vacancies/employers/{world.other.pk}/"))
    assert "Zorg Oost" in html
    assert "/edit/" not in html
    assert "Regio" not in html
    assert client.get(f"/vacancies/employers/{world.other.pk}/edit/").status_code == 404


def employer_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"name": "Nieuwbouw BV", "sector": "F", "postcode": "3511"}
    data.update(changes)
    return data


def test_a_coordinator_adds_an_employer_to_their_project(world: World) -> None:
    client = world.client(Role.COORDINATOR)
    form = page(client.get("/vacancies/employers/new/"))
    assert "Bouw" in form
    assert "Regio" not in form
    response = client.post("/vacancies/employers/new/", employer_post(project=world.bouw.pk))
    created = Employer.objects.get(name="Nieuwbouw BV")
    assert response.status_code == 302
    assert response["Location"] == f"/vacancies/employers/{created.pk}/"
    assert created.project == world.bouw
    assert created.key.startswith("E-")


def test_a_coordinator_cannot_put_an_employer_in_another_project(world: World) -> None:
    response = world.client(Role.COORDINATOR).post(
        "/vacancies/employers/new/", employer_post(project=world.regio.pk)
    )
    assert response.status_code == 200
    assert "Select a valid choice" in page(response)
    assert not Employer.objects.filter(name="Nieuwbouw BV").exists()


def test_a_mediator_adds_an_employer_without_a_project(world: World) -> None:
    response = world.client(Role.MEDIATOR).post("/vacancies/employers/new/", employer_post())
    assert response.status_code == 302
    assert Employer.objects.get(name="Nieuwbouw BV").project is None


def test_a_bad_employer_writes_nothing(world: World) -> None:
    response = world.client(Role.ADMIN).post(
        "/vacancies/employers/new/", employer_post(name="", postcode="abc")
    )
    assert response.status_code == 200
    assert "This field is required." in page(response)
    assert "&#x27;abc&#x27; is not a Dutch postcode" in page(response)
    assert Employer.objects.count() == 3


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.FUNDER, Role.RESEARCHER])
def test_only_staff_roles_add_employers(world: World, role: Role) -> None:
    client = world.client(role)
    assert client.get("/vacancies/employers/new/").status_code == 403
    assert client.post("/vacancies/employers/new/", employer_post()).status_code == 403
    assert Employer.objects.count() == 3
    assert 'href="/vacancies/employers/new/"' not in page(
        world.client(Role.EMPLOYER).get("/vacancies/employers/")
    )


def test_an_employer_user_edits_their_employer_but_not_its_project(world: World) -> None:
    client = world.client(Role.EMPLOYER)
    url = f"/vacancies/employers/{world.own.pk}/edit/"
    assert 'name="project"' not in page(client.get(url))
    response = client.post(url, employer_post(name="De Proef BV", project=world.regio.pk))
    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.name == "De Proef BV"
    assert world.own.project == world.bouw


@pytest.mark.parametrize(
    ("role", "which", "status"),
    [
        (Role.EMPLOYER, "other", 404),
        (Role.COORDINATOR, "other", 404),
        (Role.MEDIATOR, "loose", 200),
        (Role.MEDIATOR, "own", 200),
        (Role.ADMIN, "other", 200),
        (Role.FUNDER, "own", 404),
    ],
)
def test_the_employer_edit_page_uses_the_editable_employers(
    world: World, role: Role, which: str, status: int
) -> None:
    target: Employer = getattr(world, which)
    url = f"/vacancies/employers/{target.pk}/edit/"
    assert world.client(role).get(url).status_code == status


# Pages ready for a strict Content-Security-Policy


def test_no_inline_styles_or_scripts(world: World) -> None:
    client = world.client(Role.ADMIN)
    pk, employer = world.own_vacancy.pk, world.own.pk
    for url in (
        "/vacancies/",
        f"/vacancies/{pk}/",
        "/vacancies/new/",
        f"/vacancies/{pk}/edit/",
        f"/vacancies/{pk}/close/",
        "/vacancies/employers/",
        f"/vacancies/employers/{employer}/",
        "/vacancies/employers/new/",
    ):
        html = page(client.get(url))
        assert html.count("<h1") == 1, url
        assert " style=" not in html, url
        assert re.search(r"\son[a-z]+=", html) is None, url
        assert re.search(r"<script(?![^>]*\ssrc=)", html) is None, url
