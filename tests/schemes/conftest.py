"""A funder's side on top of the live World: a 2013 call assessed by the funder, a 2010 call
the funder does not assess, an applicant organisation with the coordinator as its member (the
outsider applies for another one), and helpers that walk an application to each state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from tests.grants.builders import application_2013
from tests.live.conftest import World, _fast_password_hashing, world  # noqa: F401 (fixtures)
from werkbrug import grants
from werkbrug.projects.models import Organisation
from werkbrug.schemes import services_applications as apps
from werkbrug.schemes import services_awards as awards
from werkbrug.schemes.models import (
    ApplicantMember,
    Application,
    Call,
    Decision,
    SchemeAssessor,
)
from werkbrug.schemes.values import MeasureAward, Scope

TODAY = dt.date(2014, 3, 10)


class Clock:
    """The schemes' today, which a test can move on."""

    def __init__(self) -> None:
        self.day = TODAY

    def __call__(self) -> dt.date:
        return self.day


@dataclass
class Grants:
    world: World
    clock: Clock
    call: Call
    other_call: Call
    applicant: Organisation
    rival: Organisation

    def data(self, **changes: Any) -> grants.Application:
        document = application_2013()
        document.update(changes)
        read = grants.application_from_json(document, "test")
        assert read.value is not None, read.problems
        return read.value

    def draft(self, *, organisation: Organisation | None = None, **changes: Any) -> Application:
        user = self.world.users["coordinator" if organisation is None else "outsider"]
        ref = apps.application_save(
            actor=user,
            call=self.call,
            organisation=organisation or self.applicant,
            title="Techniek in beweging",
            data=self.data(**changes),
            scope=Scope(("C",), ()),
            target_transitions=100,
        )
        return Application.objects.get(pk=ref.id)

    def under_assessment(self, **changes: Any) -> Application:
        application = self.draft(**changes)
        coordinator, funder = self.world.users["coordinator"], self.world.users["funder"]
        apps.application_submit(actor=coordinator, application=application)
        apps.application_complete(actor=funder, application=application)
        apps.application_assess(actor=funder, application=application)
        application.refresh_from_db()
        return application

    def awarded(self, maximum: str = "450000") -> Decision:
        application = self.under_assessment()
        data = grants.application_from_json(application.document, "x").value
        assert data is not None
        ref = awards.decision_award(
            actor=self.world.users["funder"],
            application=application,
            maximum_eur=Decimal(maximum),
            start=data.period.start,
            end=data.period.end,
            measures=tuple(
                MeasureAward(m.code, m.applications or 0, m.cost_eur) for m in data.measures
            ),
        )
        return Decision.objects.get(pk=ref.id)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("werkbrug.clock.today", clock)
    return clock


@pytest.fixture
def g(world: World, today: Clock) -> Grants:  # noqa: F811 (the fixture named world)
    call = Call.objects.create(
        code="sp-2014-1",
        name="Sectorplannen, eerste tijdvak",
        scheme="sectorplannen-2013",
        opens_on=dt.date(2014, 1, 1),
        closes_on=dt.date(2014, 12, 31),
        ceiling_eur=Decimal("1000000"),
    )
    other = Call.objects.create(
        code="tb-2010",
        name="Van werk naar werk 2010",
        scheme="tijdelijk-besluit-2010",
        opens_on=dt.date(2010, 7, 1),
        closes_on=dt.date(2010, 10, 31),
        ceiling_eur=Decimal("3000000"),
    )
    SchemeAssessor.objects.create(user=world.users["funder"], scheme="sectorplannen-2013")
    applicant = Organisation.objects.create(name="Stichting Techniek")
    rival = Organisation.objects.create(name="Stichting Elders")
    ApplicantMember.objects.create(user=world.users["coordinator"], organisation=applicant)
    ApplicantMember.objects.create(user=world.users["outsider"], organisation=rival)
    return Grants(world, today, call, other, applicant, rival)
