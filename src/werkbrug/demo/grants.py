"""The demo's subsidy side: the 2010 call with the nine awarded experiments, and a 2013
sector-plan call with an application in every state.

The 2010 amounts are **reconstructed**: each award is the subsidy of the final delivery's
project row (budget € 4.500 per planned participant, own funds 50–60%), and the call's note
says so on every page and letter. The nine projects' case data is the final delivery's
participants loaded into live projects (one mediation activity each at the budget's cost per
planned participant, and their outcomes), so the final declarations are computed from the
data as werkbrug computes any. The 2010 decree has no advance schedule: the demo records one
advance of half the maximum at the start. Grafimediabranche is left without its final
declaration, for the demo's coordinator to compute and submit; the funder then determines it.

The 2013 call's dates are relative to today, so drafts can still be submitted and the
13-week decision term runs while the demo is shown. Everything goes through the services
(and so into the audit log), except the bulk load of the nine projects' participants, which is
a data load like a delivery import.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from werkbrug import grants
from werkbrug.accounts.models import Role, User
from werkbrug.deliveries.models import Delivery, DeliveryOutcome, DeliveryParticipant
from werkbrug.people.bsn import bsn_hash
from werkbrug.people.models import ContactDetails, Participant
from werkbrug.projects.models import Organisation
from werkbrug.schemes import services_applications as apps
from werkbrug.schemes import services_awards as awards
from werkbrug.schemes import services_money as money
from werkbrug.schemes.casedata import declaration_compute
from werkbrug.schemes.models import ApplicantMember, Application, Call, Decision, SchemeAssessor
from werkbrug.schemes.values import MeasureAward, Scope
from werkbrug.trajectories.models import Activity, Outcome, Status, Trajectory

CALL_2010 = "tb-2010"
CALL_2013 = "sp-demo"
NOTE_2010 = (
    "Demo: de negen experimenten zijn een reconstructie. De bedragen van deze oproep "
    "(begroting € 4.500 per beoogde deelnemer, eigen middelen 50–60%, één voorschot van 50%) "
    "en de deelnemers zijn verzonnen waar de brief aan de Kamer zwijgt."
)
NOTE_2013 = "Demo: deze oproep, de aanvragers en de bedragen zijn verzonnen."
# The project the demo's coordinator declares for; the other eight are determined already.
LEFT_FOR_THE_COORDINATOR = "grafimedia"
COST_PER_PLANNED = Decimal(4500)
START_2010 = dt.date(2010, 12, 1)
STATUS = {
    "work": Status.PLACED,
    "learn_work": Status.LEARN_WORK,
    "self_employed": Status.SELF_EMPLOYED,
    "no_work": Status.NO_WORK,
    "dropout": Status.DROPOUT,
}
# Valid BSNs (11-proef) of invented people: the first is counted in two projects, to show
# the funder's check on double funding.
TWICE_BSN = "111222333"


def demo_grants_prepare(*, users: dict[Role, User], today: dt.date) -> bool:
    """Create both calls once; False when they are there already."""
    if Call.objects.filter(code__in=[CALL_2010, CALL_2013]).exists():
        return False
    final = Delivery.objects.filter(name="eindrapportage").first()
    if final is None:
        return False
    with transaction.atomic():
        for scheme in grants.SCHEMES:
            SchemeAssessor.objects.get_or_create(user=users[Role.FUNDER], scheme=scheme)
        _call_2010(users, final)
        _call_2013(users, today)
    return True


def _organisation(name: str) -> Organisation:
    return Organisation.objects.get_or_create(name=name)[0]


def _application_2010(row: dict[str, object]) -> grants.Application:
    budget, own, subsidy = (Decimal(str(row[k])) for k in ("budget", "own", "subsidy"))
    start = row["start"]
    assert isinstance(start, dt.date)
    union = bool(row["union"])
    partners = [grants.Partner("Werkbrug Mobiliteit BV", "mediator")]
    partners.insert(
        0,
        grants.Partner("FNV", "union")
        if union
        else grants.Partner("Ondernemingsraad deelnemende werkgevers", "workers_representation"),
    )
    return grants.Application(
        scheme="tijdelijk-besluit-2010",
        submitted_on=dt.date(2010, 10, 15),
        applicant=grants.Applicant(str(row["applicant"]), "employer_organisation", True, False),
        # One year less a day (art. 4.1); the award gives the period the projects really ran.
        period=grants.Period(start, start.replace(year=start.year + 1) - dt.timedelta(days=1)),
        requested_eur=subsidy,
        partners=tuple(partners),
        agreement_signed=True,
        mandate_signed=True,
        plan=grants.Plan(
            expected_participants=int(str(row["target"])),
            design=f"Van werk naar werk in {row['name']}: bemiddeling door een private "
            "bemiddelaar, met scholing waar nodig.",
        ),
        measures=(
            grants.Measure(
                "M1",
                "Bemiddeling van werk naar werk",
                "mediation",
                budget,
                "f",
                int(str(row["target"])),
            ),
        ),
        funding=(grants.FundingLine("employers", own),),
    )


def _call_2010(users: dict[Role, User], final: Delivery) -> None:
    funder, coordinator = users[Role.FUNDER], users[Role.COORDINATOR]
    call = Call.objects.get(
        pk=apps.call_create(
            actor=funder,
            code=CALL_2010,
            name="Tijdelijk besluit van werk naar werk: de negen experimenten",
            scheme="tijdelijk-besluit-2010",
            opens_on=dt.date(2010, 6, 1),
            closes_on=dt.date(2010, 10, 31),
            ceiling_eur=Decimal(2_000_000),
            note=NOTE_2010,
        ).id
    )
    for project in final.projects.order_by("code"):
        row: dict[str, object] = {
            "name": project.name,
            "applicant": f"Stichting {project.name}",
            "budget": project.budget_eur,
            "own": project.own_funds_eur,
            "subsidy": project.subsidy_eur,
            "target": project.target_participants,
            "start": project.start_date,
            "union": project.union_involved,
        }
        organisation = _organisation(str(row["applicant"]))
        if project.code == LEFT_FOR_THE_COORDINATOR:
            ApplicantMember.objects.get_or_create(user=coordinator, organisation=organisation)
        data = _application_2010(row)
        ref = apps.application_save(
            actor=coordinator,
            call=call,
            organisation=organisation,
            title=project.name,
            data=data,
            scope=Scope(
                (project.sector,) if project.sector else (),
                (project.region,) if project.region else (),
            ),
            target_transitions=project.target_transitions,
            on=dt.date(2010, 10, 1),
        )
        application = Application.objects.get(pk=ref.id)
        apps.application_submit(
            actor=coordinator, application=application, on=dt.date(2010, 10, 15)
        )
        apps.application_complete(actor=funder, application=application, on=dt.date(2010, 10, 20))
        apps.application_assess(actor=funder, application=application)
        decided = awards.decision_award(
            actor=funder,
            application=application,
            maximum_eur=data.requested_eur,
            # The letter's period: the projects ran until 1 March 2012 (DOMAIN.md).
            start=project.start_date,
            end=project.end_date or dt.date(2012, 3, 1),
            measures=(MeasureAward("M1", project.target_participants, data.measures[0].cost_eur),),
            on=dt.date(2010, 11, 15),
        )
        decision = Decision.objects.select_related("application__call", "project").get(
            pk=decided.id
        )
        _load_case_data(decision, final, project.code, project.target_participants)
        money.advance_pay(
            actor=funder,
            decision=decision,
            on=project.start_date,
            amount_eur=(data.requested_eur / 2).quantize(Decimal("0.01")),
        )
        if project.code == LEFT_FOR_THE_COORDINATOR:
            continue
        _declare_and_determine(
            decision, coordinator, funder, project.budget_eur, project.own_funds_eur
        )


def _load_case_data(decision: Decision, final: Delivery, code: str, target: int) -> None:
    """The delivery's participants of one project as live participants with a mediation
    activity (the measure's kind) and their outcome."""
    project = decision.project
    assert project is not None
    cost = (Decimal(project.budget_eur or 0) / target).quantize(Decimal("0.01"))
    rows = list(DeliveryParticipant.objects.filter(delivery=final, project__code=code))
    outcomes = {
        o.participant_key: o
        for o in DeliveryOutcome.objects.filter(delivery=final, project__code=code)
    }
    people = Participant.objects.bulk_create(
        Participant(
            key=r.key,
            project=project,
            intake_date=r.intake_date,
            birth_date=r.birth_date,
            birth_year=r.birth_year,
            gender=r.gender,
            education=r.education,
            situation=r.situation,
            occupation=r.occupation,
            sector=r.sector,
            postcode=r.postcode,
            hours_before=r.hours_before,
        )
        for r in rows
    )
    trajectories = Trajectory.objects.bulk_create(
        Trajectory(
            participant=p,
            status=STATUS.get(outcomes[p.key].outcome, Status.ACTIVE)
            if p.key in outcomes
            else Status.ACTIVE,
            started_on=p.intake_date,
            last_contact_on=p.intake_date,
        )
        for p in people
    )
    Activity.objects.bulk_create(
        Activity(
            trajectory=t,
            kind="mediation",
            start_date=t.started_on,
            cost_eur=cost,
            provider="Werkbrug Mobiliteit BV",
        )
        for t in trajectories
    )
    Outcome.objects.bulk_create(
        Outcome(
            trajectory=t,
            outcome=o.outcome,
            date=o.date,
            contract=o.contract,
            hours=o.hours,
            employer_name=o.employer[:200],
            sector=o.sector,
            occupation=o.occupation,
            benefit_days=o.benefit_days,
        )
        for t, p in zip(trajectories, people, strict=True)
        if (o := outcomes.get(p.key)) is not None
    )
    # One invented person counted in two projects: the funder's check finds them.
    if code in ("zw-haaglanden", "rivu") and people:
        ContactDetails.objects.update_or_create(
            participant=people[0],
            defaults={"bsn_hash": bsn_hash(TWICE_BSN, key=settings.BSN_KEY)},
        )


def _declare_and_determine(
    decision: Decision,
    coordinator: User,
    funder: User,
    budget: Decimal | None,
    own_planned: Decimal | None,
) -> None:
    """The final declaration computed from the case data, with the own funds the project
    would report (its planned share of the realised costs, at most the planned amount), then
    the determination."""
    end = decision.end or dt.date(2012, 3, 1)
    probe = declaration_compute(decision, kind="final", as_of=end, own_funds_eur=Decimal(0))
    realised = sum((m.eligible_cost_eur for m in probe.declaration.measures), Decimal(0))
    share = Decimal(own_planned or 0) / Decimal(budget or 1)
    own = min(Decimal(own_planned or 0), (realised * share).quantize(Decimal("0.01")))
    ref = money.declaration_submit(
        actor=coordinator,
        decision=decision,
        kind="final",
        as_of=end,
        own_funds_eur=own,
        on=dt.date(2012, 5, 1),
    )
    money.determination_make(
        actor=funder,
        decision=decision,
        declaration=decision.declarations.get(pk=ref.id),
        on=dt.date(2012, 9, 1),
    )


def _sp_application(
    applicant: str, *, requested: str = "450000", themes: tuple[str, str] = ("f", "a")
) -> grants.Application:
    start = dt.date(2013, 1, 1)
    return grants.Application(
        scheme="sectorplannen-2013",
        submitted_on=start,
        applicant=grants.Applicant(
            applicant, "employer_organisation", True, False, Decimal(500_000)
        ),
        period=grants.Period(start, start),  # set by the caller
        requested_eur=Decimal(requested),
        partners=(
            grants.Partner("FNV", "union"),
            grants.Partner("CNV Vakmensen", "union"),
            grants.Partner("Opleidingsfonds van de sector", "om_fund"),
        ),
        agreement_signed=True,
        mandate_signed=True,
        plan=grants.Plan(
            expected_participants=320,
            design="Sectorplan",
            analysis="Krimp in de ene functie, tekorten in de andere.",
            approach="Van werk naar werk, scholing en instroom van kwetsbare werknemers.",
            organisation="Stuurgroep van sociale partners; uitvoering door het opleidingsfonds.",
            conditions="Deelname is vrijwillig en zonder eigen bijdrage.",
            continuation="Het mobiliteitscentrum wordt uit het opleidingsfonds voortgezet.",
        ),
        measures=(
            grants.Measure(
                "M1", "Van werk naar werk", "mediation", Decimal(500_000), themes[0], 200
            ),
            grants.Measure("M2", "Scholing", "training", Decimal(300_000), themes[1], 100),
            grants.Measure(
                "M3",
                "Instroom kwetsbare werknemers",
                "learn_work",
                Decimal(100_000),
                themes[0],
                20,
                True,
            ),
        ),
        funding=(
            grants.FundingLine("employers", Decimal(300_000)),
            grants.FundingLine("sector_fund", Decimal(150_000)),
        ),
    )


def _call_2013(users: dict[Role, User], today: dt.date) -> None:
    from dataclasses import replace

    funder, coordinator = users[Role.FUNDER], users[Role.COORDINATOR]
    call = Call.objects.get(
        pk=apps.call_create(
            actor=funder,
            code=CALL_2013,
            name="Sectorplannen: demo-tijdvak",
            scheme="sectorplannen-2013",
            opens_on=today - dt.timedelta(days=90),
            closes_on=today + dt.timedelta(days=120),
            ceiling_eur=Decimal(3_000_000),
            note=NOTE_2013,
        ).id
    )
    start = today + dt.timedelta(days=30)
    period = grants.Period(start, start.replace(year=start.year + 2) - dt.timedelta(days=1))
    own = _organisation("Werkgeversvereniging Techniek")
    ApplicantMember.objects.get_or_create(user=coordinator, organisation=own)
    plans = [
        # (applicant, title, what happens, amount requested)
        ("Werkgeversvereniging Techniek", "Techniek in beweging", "draft", "450000"),
        ("Stichting Zorg en Welzijn", "Zorg voor later", "incomplete", "450000"),
        (
            "Transport en Logistiek Nederland",
            "Logistiek op weg",
            "failed",
            "200000",
        ),
        ("Koninklijke Metaalunie", "Metaal werkt", "assessment", "450000"),
        ("Bouwend Nederland Regio Oost", "Bouw en infra in Oost", "awarded", "450000"),
        (
            "Stichting Retail Vooruit",
            "Retail van morgen",
            "refused",
            "240000",
        ),
        ("Vereniging Grafimedia", "Grafimedia verbreedt", "submitted", "450000"),
    ]
    for days, (name, title, state, requested) in enumerate(plans):
        data = replace(_sp_application(name, requested=requested), period=period)
        organisation = own if name == own.name else _organisation(name)
        # The other applicants have no demo account: the administrator entered them.
        member = coordinator if organisation == own else users[Role.ADMIN]
        ref = apps.application_save(
            actor=member,
            call=call,
            organisation=organisation,
            title=title,
            data=data,
            scope=Scope(("C",) if days % 2 else ("F",), ()),
            target_transitions=150,
            on=call.opens_on + dt.timedelta(days=days),
        )
        application = Application.objects.get(pk=ref.id)
        if state == "draft":
            continue
        apps.application_submit(
            actor=member, application=application, on=call.opens_on + dt.timedelta(days=10 + days)
        )
        if state == "submitted":
            continue
        if state == "incomplete":
            apps.application_return(
                actor=funder,
                application=application,
                missing="De getekende samenwerkingsovereenkomst en het mandaat ontbreken.",
            )
            continue
        apps.application_complete(
            actor=funder, application=application, on=call.opens_on + dt.timedelta(days=20 + days)
        )
        apps.application_assess(actor=funder, application=application)
        if state in ("failed", "assessment"):
            continue
        if state == "refused":
            apps.judgement_record(
                actor=funder,
                application=application,
                rule="sp2013.ground_e",
                met=False,
                note="De kosten per deelnemer zijn niet onderbouwd.",
            )
            awards.decision_refuse(
                actor=funder,
                application=application,
                grounds=("sp2013.minimum", "sp2013.ground_e"),
                on=call.opens_on + dt.timedelta(days=40),
            )
            continue
        decided = awards.decision_award(
            actor=funder,
            application=application,
            maximum_eur=data.requested_eur,
            start=period.start,
            end=period.end,
            measures=tuple(
                MeasureAward(m.code, m.applications or 0, m.cost_eur) for m in data.measures
            ),
            on=call.opens_on + dt.timedelta(days=45),
        )
        decision = Decision.objects.select_related("application__call").get(pk=decided.id)
        money.advance_pay(actor=funder, decision=decision, on=decision.decided_on)
