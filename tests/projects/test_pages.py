"""The project pages: who may open which, the live dashboard's figures, the plan, partners,
staff, and freezing a delivery that then reads the same in the reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from werkbrug import clock
from werkbrug.accounts.models import Role, User
from werkbrug.accounts.services import user_create
from werkbrug.audit.models import Action, AuditEvent
from werkbrug.deliveries.models import Delivery
from werkbrug.indicators import ProjectFacts, ProjectInfo
from werkbrug.people.models import Participant
from werkbrug.people.services import participant_intake
from werkbrug.people.values import ContactValues, ParticipantProfile
from werkbrug.projects import selectors
from werkbrug.projects.models import Organisation, Project, ProjectPartner
from werkbrug.trajectories.models import FollowUp, Outcome, Status, Trajectory
from werkbrug.trajectories.services import (
    Placement,
    activity_add,
    follow_up_record,
    trajectory_move,
)

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 1)
PAGES = ("edit", "partners", "staff", "freeze")

# A placement in work with the details it needs (trajectories/flows.DETAILS_REQUIRED).
JOB = Placement(
    employer_name="Drukkerij BV", contract="permanent", hours=Decimal(32), occupation="7322"
)


def make_user(username: str, role: Role) -> User:
    return user_create(username=username, password="x-Secret-123", role=role)


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def make_project(code: str, **fields: Any) -> Project:
    values: dict[str, Any] = {
        "name": f"Project {code}",
        "start_date": START,
        "target_participants": 3,
        "target_transitions": 2,
    }
    values.update(fields)
    return Project.objects.create(code=code, **values)


PROFILE = {
    "birth_date": dt.date(1970, 5, 1),
    "education": "mbo2",
    "situation": "threatened",
    "gender": "f",
}


def intake(actor: User, project: Project, on: dt.date, **profile: Any) -> Participant:
    return participant_intake(
        actor=actor,
        project=project,
        profile=ParticipantProfile(**{**PROFILE, "intake_date": on, **profile}),
        contact=ContactValues(given_name="Anna", family_name="Verbeek"),
    )


def move(actor: User, participant: Participant, *statuses: Status) -> Trajectory:
    trajectory = Trajectory.objects.get(participant=participant)
    on = participant.intake_date
    for status in statuses:
        on += dt.timedelta(days=30)
        trajectory = trajectory_move(
            actor=actor, trajectory=trajectory, to=status, on=on, placement=JOB
        )
    return trajectory


@pytest.fixture
def team() -> dict[str, Any]:
    """Two projects; a coordinator and a mediator in the first, a coordinator in the second,
    and one user of every other role."""
    bouw = make_project(
        "bouw",
        name="Bouw naar Bouw",
        budget_eur=Decimal("10000"),
        own_funds_eur=Decimal("4000"),
        subsidy_eur=Decimal("6000"),
        network="sector",
        union_involved=True,
        formal_agreement="covenant",
        individual_contribution=False,
        employer_contribution=True,
    )
    zorg = make_project("zorg", name="Zorg Werkt")
    people = {
        "coordinator": make_user("coordinator", Role.COORDINATOR),
        "mediator": make_user("mediator", Role.MEDIATOR),
        "other_coordinator": make_user("other", Role.COORDINATOR),
        "funder": make_user("funder", Role.FUNDER),
        "researcher": make_user("researcher", Role.RESEARCHER),
        "employer": make_user("employer", Role.EMPLOYER),
        "admin": make_user("admin", Role.ADMIN),
    }
    bouw.staff.add(people["coordinator"], people["mediator"])
    zorg.staff.add(people["other_coordinator"])
    return {"bouw": bouw, "zorg": zorg, **people}


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("funder", 200),
        ("coordinator", 200),
        ("mediator", 200),
        ("researcher", 403),
        ("employer", 403),
    ],
)
def test_the_project_list_by_role(team: dict[str, Any], who: str, status: int) -> None:
    assert client_for(team[who]).get("/projects/").status_code == status


@pytest.mark.usefixtures("team")
def test_an_anonymous_visitor_is_sent_to_log_in() -> None:
    response = Client().get("/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_coordinator_lists_only_their_own_projects(team: dict[str, Any]) -> None:
    page = client_for(team["coordinator"]).get("/projects/").content.decode()
    assert "Bouw naar Bouw" in page
    assert "Zorg Werkt" not in page
    funder_page = client_for(team["funder"]).get("/projects/").content.decode()
    assert "Bouw naar Bouw" in funder_page
    assert "Zorg Werkt" in funder_page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("funder", 200),
        ("coordinator", 200),
        ("mediator", 200),
        ("other_coordinator", 404),  # another project's coordinator: as if it did not exist
        ("researcher", 403),
        ("employer", 403),
    ],
)
def test_the_dashboard_by_role(team: dict[str, Any], who: str, status: int) -> None:
    response = client_for(team[who]).get(f"/projects/{team['bouw'].pk}/")
    assert response.status_code == status


def test_an_unknown_project_is_404(team: dict[str, Any]) -> None:
    assert client_for(team["admin"]).get("/projects/999999/").status_code == 404


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 200),
        ("coordinator", 200),
        ("funder", 403),  # sees the project, may not change it
        ("mediator", 403),  # works in it, may not change it
        ("other_coordinator", 404),
        ("researcher", 403),
        ("employer", 403),
    ],
)
def test_the_pages_that_change_a_project_by_role(
    team: dict[str, Any], page: str, who: str, status: int
) -> None:
    response = client_for(team[who]).get(f"/projects/{team['bouw'].pk}/{page}/")
    assert response.status_code == status


@pytest.mark.parametrize("page", PAGES)
def test_posting_to_a_page_one_may_not_use_changes_nothing(team: dict[str, Any], page: str) -> None:
    events = AuditEvent.objects.count()
    data = {"name": "x", "delivered_on": "2025-06-01", "organisation": "X", "role": "union"}
    response = client_for(team["funder"]).post(f"/projects/{team['bouw'].pk}/{page}/", data)
    assert response.status_code == 403
    assert AuditEvent.objects.count() == events
    assert not Delivery.objects.exists()


def test_the_menu_links_to_the_projects_for_roles_that_see_them(team: dict[str, Any]) -> None:
    assert 'href="/projects/"' in client_for(team["funder"]).get("/").content.decode()
    assert 'href="/projects/"' not in client_for(team["researcher"]).get("/").content.decode()


@pytest.mark.parametrize("page", ["", *(f"{p}/" for p in PAGES)])
def test_pages_have_one_heading_and_no_inline_style_or_script(
    running: dict[str, Any], page: str
) -> None:
    html = client_for(running["coordinator"]).get(f"/projects/{running['bouw'].pk}/{page}")
    text = html.content.decode()
    assert text.count("<h1") == 1
    assert "style=" not in text
    assert "<script>" not in text
    assert "<script " not in text.replace('<script src="', "")


# --- the dashboard ------------------------------------------------------------------------------


@pytest.fixture
def running(team: dict[str, Any]) -> dict[str, Any]:
    """Three participants in the first project: one placed (and checked after 3 months, still
    in work), one active with a paid training, one just taken in."""
    coordinator, bouw = team["coordinator"], team["bouw"]
    placed = intake(coordinator, bouw, dt.date(2025, 1, 10))
    active = intake(coordinator, bouw, dt.date(2025, 1, 20))
    intake(coordinator, bouw, dt.date(2025, 2, 5))
    trajectory = move(coordinator, placed, Status.ACTIVE, Status.PLACED)
    follow_up = FollowUp.objects.get(trajectory=trajectory, months=3)
    follow_up_record(
        actor=coordinator, follow_up=follow_up, checked_on=follow_up.due_on, in_work=True
    )
    activity = move(coordinator, active, Status.ACTIVE)
    activity_add(
        actor=coordinator,
        trajectory=activity,
        kind="training",
        start_date=dt.date(2025, 3, 1),
        cost_eur=Decimal("1250.50"),
    )
    return team


def test_the_dashboard_counts_participants_transitions_and_the_rate(
    running: dict[str, Any],
) -> None:
    response = client_for(running["coordinator"]).get(f"/projects/{running['bouw'].pk}/")
    d: selectors.Dashboard = response.context["d"]
    assert d.participants.value == 3
    assert d.transitions.value == 1
    assert d.transition_rate.value == 33  # 1 of 3, whole percent rounded half up
    assert d.reach.value == 100  # 3 of a target of 3
    assert d.transition_target.value == 50  # 1 of a target of 2
    assert d.finished.value == 1
    assert d.ongoing.value == 2
    assert dict(d.outcomes) == {
        "work": selectors.Figure(1, True),
        "learn_work": selectors.Figure(0, False),
        "self_employed": selectors.Figure(0, False),
        "no_work": selectors.Figure(0, False),
        "dropout": selectors.Figure(0, False),
    }
    assert [(k, f.value) for k, f in d.ongoing_by_status] == [("intake", 1), ("active", 1)]
    assert [(m.month, m.intake.value) for m in d.inflow] == [
        (dt.date(2025, 1, 1), 2),
        (dt.date(2025, 2, 1), 1),
    ]
    three = d.follow_ups[0]
    assert (three.months, three.checked.value, three.in_work.value, three.share.value) == (
        3,
        1,
        1,
        100,
    )
    # Placed on 11 March 2025: every point has passed by now; only the first was checked.
    assert [r.unchecked.value for r in d.follow_ups] == [0, 1, 1]
    assert d.money.spent == Decimal("1250.50")
    assert d.money.spent_share == 13  # 1250.50 of 10000
    assert d.money.budget == Decimal("10000")
    page = response.content.decode()
    assert "33%" in page
    assert "Verbeek" not in page  # aggregates only: no names on the dashboard
    for participant in Participant.objects.all():
        assert participant.key not in page


def test_small_counts_are_marked_for_the_coordinator_and_hidden_from_the_funder(
    running: dict[str, Any],
) -> None:
    url = f"/projects/{running['bouw'].pk}/"
    coordinator_page = client_for(running["coordinator"]).get(url).content.decode()
    assert "33%" in coordinator_page
    assert '<span class="badge due">small</span>' in coordinator_page
    funder = client_for(running["funder"]).get(url)
    funder_page = funder.content.decode()
    assert funder.context["show_small"] is False
    assert "33%" not in funder_page
    assert "hidden (small count)" in funder_page
    assert 'value="3"' not in funder_page  # no meter gives a hidden count away
    admin = client_for(running["admin"]).get(url)
    assert admin.context["show_small"] is True


def test_the_dashboard_partners_have_their_roles(team: dict[str, Any]) -> None:
    fund = Organisation.objects.create(name="Bouwfonds")
    ProjectPartner.objects.create(project=team["bouw"], organisation=fund, role="sector_fund")
    page = client_for(team["funder"]).get(f"/projects/{team['bouw'].pk}/").content.decode()
    assert "Bouwfonds" in page
    assert "sector training and development fund" in page


def test_the_list_shows_targets_and_realised_numbers(running: dict[str, Any]) -> None:
    response = client_for(running["admin"]).get("/projects/")
    rows = {row.project.code: row for row in response.context["rows"]}
    assert rows["bouw"].participants.value == 3
    assert rows["bouw"].transitions.value == 1
    assert rows["bouw"].transition_rate.value == 33
    assert rows["zorg"].participants.value == 0
    assert rows["zorg"].transition_rate.value is None
    assert rows["bouw"].shows_small  # the full-report permission
    funder = client_for(running["funder"]).get("/projects/")
    assert not any(row.shows_small for row in funder.context["rows"])
    assert "33%" not in funder.content.decode()
    coordinator = client_for(running["coordinator"]).get("/projects/")
    assert [row.shows_small for row in coordinator.context["rows"]] == [True]
    assert "33%" in coordinator.content.decode()


def test_the_list_costs_the_same_queries_for_3_and_30_projects(team: dict[str, Any]) -> None:
    client = client_for(team["admin"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/projects/").status_code == 200
        return len(captured)

    for i in range(1):
        make_project(f"extra{i}")
    queries()  # the first page of a process also reads the menu's permissions
    few = queries()
    for i in range(1, 28):
        make_project(f"extra{i}")
    assert Project.objects.count() == 30
    assert queries() == few


def test_the_dashboard_costs_the_same_queries_for_3_and_30_participants(
    team: dict[str, Any],
) -> None:
    coordinator, bouw = team["coordinator"], team["bouw"]
    client = client_for(coordinator)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/projects/{bouw.pk}/").status_code == 200
        return len(captured)

    for day in range(3):
        intake(coordinator, bouw, START + dt.timedelta(days=day))
    queries()  # the first page of a process also reads the menu's permissions
    few = queries()
    for day in range(27):
        intake(coordinator, bouw, START + dt.timedelta(days=40 * day))
    assert queries() == few


# --- marks, pure --------------------------------------------------------------------------------


def test_report_marks_follow_the_public_report() -> None:
    info = ProjectInfo(code="p", name="P", target_participants=40, target_transitions=20)
    facts = ProjectFacts(reached=40)
    facts.by_outcome.update({"work": 25, "no_work": 3})
    marks = selectors.report_marks(info, facts)
    # no_work is below 10; dropout is 0, so transitions (or another count of that partition)
    # must go too, or no_work would follow by subtraction.
    assert "by_outcome.no_work" in marks
    assert len({"transitions", "finished", "by_outcome.work"} & marks) >= 1
    assert "reached" not in marks


def test_the_list_marks_a_project_with_self_employed_participants() -> None:
    # Observed: /projects/ answered 500 once a project had a self-employed participant, because
    # the list's facts had no lasting counts while every self-employed person is lasting.
    project = make_project("zzp", target_participants=40)
    vars(project).update(n_participants=40, n_self_employed=3, n_work=20)
    rows = selectors.project_rows([project], full=False)
    assert rows[0].participants.value == 40
    assert rows[0].transitions.value == 23


def test_partition_marks_hide_a_second_cell_when_one_would_follow() -> None:
    assert selectors.partition_marks({"a": 3, "b": 40, "c": 12}, total_marked=False) == {"a", "c"}
    assert selectors.partition_marks({"a": 3, "b": 40, "c": 12}, total_marked=True) == {"a"}
    assert selectors.partition_marks({"a": 3, "b": 4, "c": 12}, total_marked=False) == {"a", "b"}
    assert selectors.partition_marks({"a": 0, "b": 40}, total_marked=False) == set()
    # Every part is 1 and the total is shown: a reader who knows a hidden count is at least 1
    # would know them all, so all parts are hidden, the zero too.
    ones = {**{f"m{i}": 1 for i in range(12)}, "z": 0}
    assert selectors.partition_marks(ones, total_marked=False) == set(ones)


# --- the plan -----------------------------------------------------------------------------------


def plan(project: Project, **changes: str) -> dict[str, str]:
    data = {
        "start_date": project.start_date.isoformat(),
        "end_date": "",
        "target_participants": str(project.target_participants),
        "target_transitions": str(project.target_transitions),
        "budget_eur": "",
        "own_funds_eur": "",
        "subsidy_eur": "",
        "individual_contribution": "unknown",
        "employer_contribution": "unknown",
        "union_involved": "unknown",
        "formal_agreement": "",
        "continuation": "",
    }
    data.update(changes)
    return data


def test_the_coordinator_changes_the_plan(team: dict[str, Any]) -> None:
    bouw = team["zorg"]
    response = client_for(team["other_coordinator"]).post(
        f"/projects/{bouw.pk}/edit/",
        plan(
            bouw,
            target_participants="120",
            subsidy_eur="50000",
            employer_contribution="true",
            formal_agreement="covenant",
            end_date="2026-12-31",
        ),
    )
    assert response.status_code == 302
    bouw.refresh_from_db()
    assert bouw.target_participants == 120
    assert bouw.subsidy_eur == Decimal("50000")
    assert bouw.employer_contribution is True
    assert bouw.formal_agreement == "covenant"
    event = AuditEvent.objects.get(object_type="projects.project", action=Action.CHANGE)
    assert event.changes["target_participants"] == [3, 120]
    assert event.actor_name == "other"


def test_a_plan_ending_before_it_starts_is_refused(team: dict[str, Any]) -> None:
    bouw = team["bouw"]
    response = client_for(team["coordinator"]).post(
        f"/projects/{bouw.pk}/edit/", plan(bouw, end_date="2024-01-01")
    )
    assert response.status_code == 200
    assert "2024-01-01 is before start_date 2025-01-01" in response.content.decode()
    bouw.refresh_from_db()
    assert bouw.end_date is None
    assert not AuditEvent.objects.filter(object_type="projects.project").exists()


# --- partners -----------------------------------------------------------------------------------


def test_partners_are_added_and_removed(team: dict[str, Any]) -> None:
    bouw, client = team["bouw"], client_for(team["coordinator"])
    url = f"/projects/{bouw.pk}/partners/"
    Organisation.objects.create(name="FNV")
    response = client.post(url, {"add": "1", "organisation": "Bouwfonds", "role": "sector_fund"})
    assert response.status_code == 302
    response = client.post(url, {"add": "1", "organisation": "fnv", "role": "union"})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2  # "fnv" is the FNV already known
    partners = {(p.organisation.name, p.role) for p in bouw.partnerships.all()}
    assert partners == {("Bouwfonds", "sector_fund"), ("FNV", "union")}

    again = client.post(url, {"add": "1", "organisation": "Bouwfonds", "role": "sector_fund"})
    assert again.status_code == 400
    assert "already a partner in this role" in again.content.decode()

    union = ProjectPartner.objects.get(project=bouw, role="union")
    assert client.post(url, {"remove": str(union.pk)}).status_code == 302
    assert not ProjectPartner.objects.filter(pk=union.pk).exists()
    assert Organisation.objects.filter(name="FNV").exists()  # the organisation stays
    assert AuditEvent.objects.filter(
        object_type="projects.projectpartner", action=Action.DELETE
    ).exists()


def test_a_partner_of_another_project_cannot_be_removed(team: dict[str, Any]) -> None:
    other = ProjectPartner.objects.create(
        project=team["zorg"], organisation=Organisation.objects.create(name="X"), role="union"
    )
    response = client_for(team["coordinator"]).post(
        f"/projects/{team['bouw'].pk}/partners/", {"remove": str(other.pk)}
    )
    assert response.status_code == 404
    assert ProjectPartner.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("page", ["partners", "staff"])
@pytest.mark.parametrize("value", ["12345678901234567890123", "-5", "abc", "²", ""])
def test_removing_a_row_by_a_bad_id_is_not_found(
    team: dict[str, Any], page: str, value: str
) -> None:
    bouw = team["bouw"]
    ProjectPartner.objects.create(
        project=bouw, organisation=Organisation.objects.create(name="X"), role="union"
    )
    before = (bouw.partnerships.count(), bouw.staff.count())
    response = client_for(team["coordinator"]).post(
        f"/projects/{bouw.pk}/{page}/", {"remove": value}
    )
    assert response.status_code == 404
    assert (bouw.partnerships.count(), bouw.staff.count()) == before


# --- staff --------------------------------------------------------------------------------------


def test_staff_are_added_and_removed(team: dict[str, Any]) -> None:
    bouw, coordinator = team["bouw"], team["coordinator"]
    client = client_for(coordinator)
    url = f"/projects/{bouw.pk}/staff/"
    newcomer = make_user("newcomer", Role.MEDIATOR)
    assert client.post(url, {"add": "1", "user": "newcomer"}).status_code == 302
    assert bouw.staff.filter(pk=newcomer.pk).exists()

    # Only coordinators and mediators can be added.
    refused = client.post(url, {"add": "1", "user": "funder"})
    assert refused.status_code == 400
    assert not bouw.staff.filter(pk=team["funder"].pk).exists()

    # A mediator taken off the project loses its participants from their caseload.
    participant = participant_intake(
        actor=coordinator,
        project=bouw,
        profile=ParticipantProfile(intake_date=START),
        contact=ContactValues(),
        mediator=team["mediator"],
    )
    response = client.post(url, {"remove": str(team["mediator"].pk)})
    assert response.status_code == 302
    assert not bouw.staff.filter(pk=team["mediator"].pk).exists()
    assert Trajectory.objects.get(participant=participant).mediator is None
    assert client_for(team["mediator"]).get(f"/projects/{bouw.pk}/").status_code == 404


@pytest.fixture
def elsewhere(team: dict[str, Any]) -> dict[str, User]:
    """Staff of the other project and a mediator in no project: none of them is the first
    project's business."""
    zorg_mediator = make_user("zorgmediator", Role.MEDIATOR)
    zorg_mediator.first_name, zorg_mediator.last_name = "Zoë", "Zorgvuldig"
    zorg_mediator.email = "zoe@zorg.example"
    zorg_mediator.save()
    team["zorg"].staff.add(zorg_mediator)
    loose = make_user("losvast", Role.MEDIATOR)
    return {"zorg_mediator": zorg_mediator, "loose": loose}


@pytest.mark.parametrize("who", ["coordinator", "admin"])
@pytest.mark.usefixtures("elsewhere")
def test_the_staff_page_lists_only_the_projects_own_staff(team: dict[str, Any], who: str) -> None:
    page = client_for(team[who]).get(f"/projects/{team['bouw'].pk}/staff/").content.decode()
    assert "mediator" in page  # the project's own mediator
    for stranger in ("zorgmediator", "Zorgvuldig", "zoe@zorg.example", "losvast", '"other"'):
        assert stranger not in page
    assert "Zorg Werkt" not in page


@pytest.mark.usefixtures("elsewhere")
def test_a_coordinator_adds_a_mediator_by_exact_user_name_or_e_mail(team: dict[str, Any]) -> None:
    bouw, client = team["bouw"], client_for(team["coordinator"])
    url = f"/projects/{bouw.pk}/staff/"
    assert client.post(url, {"add": "1", "user": "losvast"}).status_code == 302
    assert client.post(url, {"add": "1", "user": " ZOE@zorg.example "}).status_code == 302
    assert set(bouw.staff.values_list("username", flat=True)) == {
        "coordinator",
        "mediator",
        "losvast",
        "zorgmediator",
    }


@pytest.mark.parametrize(
    "typed",
    [
        "nobody",  # no such user
        "funder",  # a user, but not a coordinator or mediator
        "zorg",  # the start of a user name
        "zorgmediator2",
        "zoe@zorg",  # part of an e-mail address
        "retired",  # an inactive mediator
    ],
)
@pytest.mark.usefixtures("elsewhere")
def test_a_user_who_cannot_be_added_gets_one_message_whoever_they_are(
    team: dict[str, Any], typed: str
) -> None:
    User.objects.filter(pk=make_user("retired", Role.MEDIATOR).pk).update(is_active=False)
    bouw = team["bouw"]
    response = client_for(team["coordinator"]).post(
        f"/projects/{bouw.pk}/staff/", {"add": "1", "user": typed}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "No active coordinator or mediator has this user name or e-mail address. "
        "Check the spelling, or ask an administrator." in page
    )
    assert bouw.staff.count() == 2
    for stranger in ("zorgmediator", "losvast", "Zorg Werkt"):
        assert stranger not in page.replace(f'value="{typed}"', "")


@pytest.mark.usefixtures("elsewhere")
def test_an_e_mail_address_of_several_users_asks_for_the_user_name(team: dict[str, Any]) -> None:
    twin = make_user("tweeling", Role.MEDIATOR)
    twin.email = "zoe@zorg.example"
    twin.save()
    bouw = team["bouw"]
    response = client_for(team["coordinator"]).post(
        f"/projects/{bouw.pk}/staff/", {"add": "1", "user": "zoe@zorg.example"}
    )
    assert response.status_code == 400
    assert "Several users have this e-mail address; enter the user name." in (
        response.content.decode()
    )
    assert bouw.staff.count() == 2


def test_the_staff_page_is_dutch_by_default(team: dict[str, Any]) -> None:
    client = Client()
    client.force_login(team["coordinator"])
    url = f"/projects/{team['bouw'].pk}/staff/"
    page = client.get(url).content.decode()
    assert "Gebruikersnaam of e-mailadres" in page
    refused = client.post(url, {"add": "1", "user": "nobody"}).content.decode()
    assert "Geen actieve coördinator of bemiddelaar" in refused


def test_a_coordinator_cannot_take_themselves_off(team: dict[str, Any]) -> None:
    bouw, coordinator = team["bouw"], team["coordinator"]
    response = client_for(coordinator).post(
        f"/projects/{bouw.pk}/staff/", {"remove": str(coordinator.pk)}
    )
    assert response.status_code == 400
    assert bouw.staff.filter(pk=coordinator.pk).exists()


# --- freezing a delivery ------------------------------------------------------------------------


def test_a_frozen_delivery_reads_the_same_in_the_reports(running: dict[str, Any]) -> None:
    bouw = running["bouw"]
    client = client_for(running["coordinator"])
    form = client.get(f"/projects/{bouw.pk}/freeze/")
    assert form.context["form"]["delivered_on"].value() is not None  # today by default
    response = client.post(
        f"/projects/{bouw.pk}/freeze/",
        {"name": "bouw-2025-q1", "delivered_on": "2025-04-01", "description": "Q1"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Imported delivery &#x27;bouw-2025-q1&#x27;" in page
    assert "/reports/?delivery=bouw-2025-q1" in page

    delivery = Delivery.objects.get(name="bouw-2025-q1")
    assert delivery.participant_count == 3
    assert delivery.delivered_on == dt.date(2025, 4, 1)
    assert AuditEvent.objects.filter(
        action=Action.EXPORT, object_type="deliveries.delivery", object_id=str(delivery.pk)
    ).exists()

    report = client_for(running["admin"]).get("/reports/", {"delivery": "bouw-2025-q1"})
    totals = report.context["report"]["totals"]
    dashboard = client_for(running["admin"]).get(f"/projects/{bouw.pk}/").context["d"]
    assert totals["reached"] == dashboard.participants.value == 3
    assert totals["transitions"] == dashboard.transitions.value == 1
    # The coordinator reads the public version, where these small counts are hidden.
    public = client.get("/reports/", {"delivery": "bouw-2025-q1"})
    assert public.status_code == 200
    assert public.context["report"]["totals"]["reached"] is None


def test_a_frozen_project_without_its_attributes_opens_in_the_reports(
    team: dict[str, Any],
) -> None:
    zorg, coordinator = team["zorg"], team["other_coordinator"]
    intake(coordinator, zorg, dt.date(2025, 1, 10))
    client = client_for(coordinator)
    response = client.post(
        f"/projects/{zorg.pk}/freeze/", {"name": "zorg-q1", "delivered_on": "2025-04-01"}
    )
    assert response.status_code == 302
    assert client.get("/reports/", {"delivery": "zorg-q1"}).status_code == 200


def test_freezing_under_an_existing_name_writes_nothing(running: dict[str, Any]) -> None:
    bouw = running["bouw"]
    Delivery.objects.create(name="taken", content_hash="0" * 64)
    deliveries, events = Delivery.objects.count(), AuditEvent.objects.count()
    response = client_for(running["coordinator"]).post(
        f"/projects/{bouw.pk}/freeze/", {"name": "taken", "delivered_on": "2025-04-01"}
    )
    assert response.status_code == 400
    assert "A delivery named &#x27;taken&#x27; already exists" in response.content.decode()
    assert Delivery.objects.count() == deliveries
    assert AuditEvent.objects.count() == events


def test_a_freeze_with_invalid_data_lists_the_problems_and_writes_nothing(
    team: dict[str, Any],
) -> None:
    bouw, coordinator = team["bouw"], team["coordinator"]
    participant = intake(coordinator, bouw, dt.date(2025, 1, 10))
    # Stored before every write was checked by the rules of a delivery (the services now
    # refuse 95 hours).
    Participant.objects.filter(pk=participant.pk).update(hours_before=Decimal("95"))
    events = AuditEvent.objects.count()
    response = client_for(coordinator).post(
        f"/projects/{bouw.pk}/freeze/", {"name": "bouw-q1", "delivered_on": "2025-04-01"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Delivery not imported" in page
    assert f"participant {participant.key}: hours_before: 95.00 is out of range" in page
    assert not Delivery.objects.exists()
    assert AuditEvent.objects.count() == events


# --- outcomes that last on the dashboard ----------------------------------------------------------


TODAY_UTC = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


def place(actor: User, project: Project, on: dt.date, to: Status, contract: str) -> Trajectory:
    participant = intake(actor, project, on - dt.timedelta(days=60))
    trajectory = Trajectory.objects.get(participant=participant)
    trajectory = trajectory_move(
        actor=actor, trajectory=trajectory, to=Status.ACTIVE, on=on - dt.timedelta(days=30)
    )
    placement = Placement(
        employer_name="Bouwbedrijf", contract=contract, hours=Decimal(36), occupation="7111"
    )
    return trajectory_move(actor=actor, trajectory=trajectory, to=to, on=on, placement=placement)


@pytest.fixture
def lasting_team(team: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """On 15 January 2026: eleven placed with a permanent contract on 1 March 2025 (six months
    passed: nine found in work, two not), one self-employed since 1 June 2025 (not checked),
    one agency worker since 1 December 2025 (not even three months)."""
    monkeypatch.setattr(clock, "_utc_now", lambda: TODAY_UTC)
    coordinator, bouw = team["coordinator"], team["bouw"]
    for n in range(11):
        trajectory = place(coordinator, bouw, dt.date(2025, 3, 1), Status.PLACED, "permanent")
        six = FollowUp.objects.get(trajectory=trajectory, months=6)
        follow_up_record(
            actor=coordinator, follow_up=six, checked_on=dt.date(2025, 9, 3), in_work=n < 9
        )
    place(coordinator, bouw, dt.date(2025, 6, 1), Status.SELF_EMPLOYED, "")
    place(coordinator, bouw, dt.date(2025, 12, 1), Status.PLACED, "agency")
    return team


def test_the_dashboard_shows_lasting_placements_and_retention(
    lasting_team: dict[str, Any],
) -> None:
    url = f"/projects/{lasting_team['bouw'].pk}/"
    response = client_for(lasting_team["coordinator"]).get(url)
    d: selectors.Dashboard = response.context["d"]
    assert (d.lasting.lasting.value, d.lasting.not_lasting.value, d.lasting.known.value) == (
        12,
        1,
        13,
    )
    assert d.lasting.share.value == 92  # 12 of 13
    by_months = {r.months: r for r in d.follow_ups}
    six = by_months[6]
    assert (six.due.value, six.checked.value, six.in_work.value, six.unchecked.value) == (
        12,
        11,
        9,
        1,
    )
    assert six.share.value == 82  # 9 of the 11 checked; the self-employed one is not counted
    assert six.in_work.marked  # 9 is below the minimum cell size
    assert by_months[3].due.value == 12  # the agency worker's three months have not passed
    assert by_months[3].checked.value == 0
    assert by_months[12].due.value == 0
    page = response.content.decode()
    assert "Outcomes that last" in page
    assert "92%" in page
    assert "82%" in page
    # The funder gets the public version: the small counts and the share built on them go.
    funder = client_for(lasting_team["funder"]).get(url).content.decode()
    assert "82%" not in funder
    assert "92%" not in funder  # 1 not lasting is small, so the share would give it away
    dutch = Client(HTTP_ACCEPT_LANGUAGE="nl")
    dutch.force_login(lasting_team["coordinator"])
    text = dutch.get(url).content.decode()
    assert "Duurzame uitstroom" in text
    assert "Nog aan het werk na de plaatsing" in text


def test_a_check_made_later_than_today_or_before_the_point_counts_as_it_should(
    lasting_team: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A week before the six-month checks were made they were not known yet.
    monkeypatch.setattr(clock, "_utc_now", lambda: dt.datetime(2025, 9, 2, 9, 0, tzinfo=dt.UTC))
    d = selectors.project_dashboard(lasting_team["bouw"])
    six = {r.months: r for r in d.follow_ups}[6]
    assert (six.due.value, six.checked.value, six.unchecked.value) == (11, 0, 11)


def test_the_dashboards_queries_count_as_the_pure_definition(
    lasting_team: dict[str, Any],
) -> None:
    from werkbrug.indicators.retention import FollowUpCheck, retention_state

    today = clock.today()
    d = selectors.project_dashboard(lasting_team["bouw"])
    checks = {
        (f.trajectory_id, f.months): FollowUpCheck("", f.months, f.checked_on, f.in_work)
        for f in FollowUp.objects.all()
    }
    for row in d.follow_ups:
        states = [
            retention_state(o.date, row.months, today, checks.get((o.trajectory_id, row.months)))
            for o in Outcome.objects.filter(trajectory__participant__project=lasting_team["bouw"])
        ]
        assert row.due.value == sum(s is not None for s in states)
        assert row.in_work.value == states.count("in_work")
        assert row.checked.value == states.count("in_work") + states.count("left")
        assert row.unchecked.value == states.count("unchecked")
