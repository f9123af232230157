"""The demo: two deliveries of the nine experiments, one user per role, and two live projects
with staff of their own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db.models import Count
from django.test import Client

from tests.conftest import CliResult
from werkbrug.accounts.models import Role
from werkbrug.accounts.services import ADMIN_ROLES
from werkbrug.deliveries.models import (
    Delivery,
    DeliveryOutcome,
    DeliveryParticipant,
    DeliveryProject,
)
from werkbrug.demo.accounts import demo_account_list
from werkbrug.demo.services import demo_data_dir, demo_password
from werkbrug.people.models import Participant
from werkbrug.projects.models import Project
from werkbrug.taxonomy import TRANSITION_OUTCOMES

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(run: Callable[..., CliResult]) -> CliResult:
    result = run("demo", "--no-serve", "--lang=en")
    assert result.code == 0, result.err
    return result


def test_the_demo_prints_a_log_in_for_every_role(demo: CliResult) -> None:
    for role in Role:
        assert f"{role.value:<12} {demo_password(role)}" in demo.out
    assert "reconstruction" in demo.out


def test_the_demo_prints_the_staff_of_both_live_projects(demo: CliResult) -> None:
    lines = demo.out.splitlines()
    for username, password, project in (
        ("coordinator", "demo-coordinator", "Van Druk naar Logistiek"),
        ("mediator", "demo-mediator", "Van Druk naar Logistiek"),
        ("mediator1b", "demo-mediator", "Van Druk naar Logistiek"),
        ("coordinator2", "demo-coordinator", "Van Winkel naar Zorg"),
        ("mediator2", "demo-mediator", "Van Winkel naar Zorg"),
    ):
        line = next(line for line in lines if f" {username:<12} {password} " in line)
        assert line.endswith(project), line
    assert "A live programme has been set up: “Van Winkel naar Zorg”." in demo.out


@pytest.mark.usefixtures("demo")
def test_every_demo_account_can_log_in() -> None:
    for account in demo_account_list():
        client = Client()
        assert client.login(username=account.username, password=account.password), account
        assert client.get("/").status_code == 200


def _logged_in(username: str, role: Role) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    assert client.login(username=username, password=demo_password(role))
    return client


@pytest.mark.usefixtures("demo")
def test_the_two_live_projects_cannot_see_each_others_participants() -> None:
    first = Project.objects.get(name="Van Druk naar Logistiek")
    second = Project.objects.get(name="Van Winkel naar Zorg")
    ours = {
        first: Participant.objects.filter(project=first).order_by("pk").first(),
        second: Participant.objects.filter(project=second).order_by("pk").first(),
    }
    staff = {
        first: [("coordinator", Role.COORDINATOR), ("mediator", Role.MEDIATOR)],
        second: [("coordinator2", Role.COORDINATOR), ("mediator2", Role.MEDIATOR)],
    }
    for project, other in ((first, second), (second, first)):
        own_participant, other_participant = ours[project], ours[other]
        assert own_participant is not None
        assert other_participant is not None
        for username, role in staff[project]:
            client = _logged_in(username, role)
            # A participant who is their own case: the coordinator's project, the mediator's
            # caseload; the other project's participant does not exist for them.
            mine = Participant.objects.filter(project=project)
            if role == Role.MEDIATOR:
                mine = mine.filter(trajectory__mediator__username=username)
            visible = mine.order_by("pk").first()
            assert visible is not None
            assert client.get(f"/participants/{visible.pk}/").status_code == 200, username
            assert client.get(f"/participants/{other_participant.pk}/").status_code == 404, username


@pytest.mark.usefixtures("demo")
def test_the_second_project_has_its_own_caseload() -> None:
    second = Participant.objects.filter(project__name="Van Winkel naar Zorg")
    assert second.count() >= 20
    assert set(second.values_list("trajectory__mediator__username", flat=True)) == {"mediator2"}
    first = Participant.objects.filter(project__name="Van Druk naar Logistiek")
    mediators = set(first.values_list("trajectory__mediator__username", flat=True))
    assert mediators == {"mediator", "mediator1b"}


@pytest.mark.usefixtures("demo")
def test_every_role_can_log_in() -> None:
    for role in Role:
        client = Client()
        assert client.login(username=role.value, password=demo_password(role)), role
        assert client.get("/").status_code == 200
        # The admin is for the roles that handle deliveries; the others work in the pages.
        expected = 200 if role in ADMIN_ROLES else 302
        assert client.get("/admin/").status_code == expected


@pytest.mark.usefixtures("demo")
def test_the_demo_has_a_live_programme_for_the_mediator() -> None:
    client = Client()
    client.login(username="mediator", password=demo_password(Role.MEDIATOR))
    caseload = client.get("/caseload/", headers={"Accept-Language": "en"})
    assert caseload.status_code == 200
    assert "follow-up check" in caseload.text
    first = Participant.objects.filter(trajectory__mediator__username="mediator").first()
    assert first is not None
    assert client.get(f"/participants/{first.pk}/").status_code == 200
    assert Participant.objects.filter(trajectory__mediator__username="mediator").count() >= 35


@pytest.mark.usefixtures("demo")
def test_the_final_delivery_holds_the_letters_totals() -> None:
    final = Delivery.objects.get(name="eindrapportage")
    assert final.project_count == 9
    assert final.participant_count == 680
    outcomes = DeliveryOutcome.objects.filter(delivery=final)
    assert outcomes.filter(outcome__in=TRANSITION_OUTCOMES).count() == 404
    assert outcomes.filter(outcome="learn_work").count() == 103
    assert final.participant_count - outcomes.count() == 58
    targets = DeliveryProject.objects.filter(delivery=final)
    assert sum(p.target_participants for p in targets) == 785
    assert sum(p.target_transitions for p in targets) == 670


@pytest.mark.usefixtures("demo")
def test_the_interim_delivery_is_an_earlier_snapshot() -> None:
    interim = Delivery.objects.get(name="tussenrapportage")
    assert interim.participant_count == 651
    assert interim.outcome_count == 464
    transitions = DeliveryOutcome.objects.filter(delivery=interim, outcome__in=TRANSITION_OUTCOMES)
    assert transitions.count() == 340
    contracts = dict(
        transitions.values_list("contract").annotate(n=Count("id")).values_list("contract", "n")
    )
    assert contracts["permanent"] == 27


@pytest.mark.usefixtures("demo")
def test_running_the_demo_again_changes_nothing(run: Callable[..., CliResult]) -> None:
    again = run("demo", "--no-serve", "--lang=en")
    assert again.code == 0
    assert "Delivery 'eindrapportage' was already imported with this content" in again.out
    assert Delivery.objects.count() == 2


def test_the_demo_replaces_an_older_copy_of_its_deliveries(
    run: Callable[..., CliResult], tmp_path: Path
) -> None:
    older = tmp_path / "older"
    shutil.copytree(demo_data_dir() / "tussenrapportage", older)
    text = (older / "participants.csv").read_text()
    (older / "participants.csv").write_text(
        text.replace(",situation,", ",situation,", 1).replace(",threatened,", ",dismissed,", 1)
    )
    assert run("import", older, "--lang=en").code == 0
    dismissed = (
        DeliveryParticipant.objects.filter(
            delivery__name="tussenrapportage", situation="dismissed"
        ).count()
        - 1
    )
    result = run("demo", "--no-serve", "--lang=en")
    assert result.code == 0, result.err
    assert "Replaced delivery 'tussenrapportage'" in result.out
    situations = DeliveryParticipant.objects.filter(delivery__name="tussenrapportage")
    assert situations.filter(situation="dismissed").count() == dismissed
