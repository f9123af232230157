"""The demo: two deliveries of the nine experiments and one user per role."""

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
from werkbrug.demo.services import demo_data_dir, demo_password
from werkbrug.people.models import Participant
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
