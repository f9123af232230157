"""Records as the API shows them: one function per document, so every operation (and its
ETag) shows a record the same way."""

from __future__ import annotations

from werkbrug.api import schemas
from werkbrug.people.models import ContactDetails, Participant
from werkbrug.projects.models import Project
from werkbrug.trajectories.flows import TRANSITIONS
from werkbrug.trajectories.models import Activity, Outcome, Status, Trajectory
from werkbrug.vacancies.models import Employer, Vacancy


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def participant(p: Participant) -> schemas.Participant:
    trajectory: Trajectory | None = getattr(p, "trajectory", None)
    mediator = trajectory.mediator if trajectory is not None else None
    return schemas.Participant(
        id=p.pk,
        key=p.key,
        project=p.project_id,
        intake_date=p.intake_date,
        birth_date=p.birth_date,
        birth_year=p.birth_year,
        gender=p.gender,
        education=p.education,
        situation=p.situation,
        occupation=p.occupation,
        sector=p.sector,
        postcode=p.postcode,
        hours_before=_number(p.hours_before),
        employer=p.employer_id,
        notice_date=p.notice_date,
        contract_end_date=p.contract_end_date,
        benefit_start_date=p.benefit_start_date,
        status=trajectory.status if trajectory is not None else "",
        mediator=mediator.get_username() if mediator is not None else None,
    )


def contact(p: Participant, details: ContactDetails | None) -> schemas.Contact:
    return schemas.Contact(
        participant=p.pk,
        given_name=details.given_name if details else "",
        family_name=details.family_name if details else "",
        email=details.email if details else "",
        phone=details.phone if details else "",
        address=details.address if details else "",
    )


def _outcome(o: Outcome | None) -> schemas.Outcome | None:
    if o is None:
        return None
    return schemas.Outcome(
        outcome=o.outcome,
        date=o.date,
        contract=o.contract,
        hours=_number(o.hours),
        employer=o.employer_id,
        employer_name=o.employer_name,
        sector=o.sector,
        occupation=o.occupation,
    )


def trajectory(t: Trajectory) -> schemas.Trajectory:
    outcome = Outcome.objects.filter(trajectory=t).first()
    return schemas.Trajectory(
        participant=t.participant_id,
        status=t.status,
        moves=[s.value for s in Status if s in TRANSITIONS.get(Status(t.status), frozenset())],
        mediator=t.mediator.get_username() if t.mediator else None,
        started_on=t.started_on,
        last_contact_on=t.last_contact_on,
        next_follow_up_on=t.next_follow_up_on,
        outcome=_outcome(outcome),
        history=[
            schemas.StatusChange(
                from_status=c.from_status, to_status=c.to_status, on=c.on, note=c.note
            )
            for c in t.history.all()
        ],
    )


def activity(a: Activity, participant_pk: int) -> schemas.Activity:
    return schemas.Activity(
        id=a.pk,
        participant=participant_pk,
        kind=a.kind,
        start_date=a.start_date,
        end_date=a.end_date,
        provider=a.provider,
        cost_eur=_number(a.cost_eur),
        note=a.note,
    )


def project(p: Project) -> schemas.Project:
    return schemas.Project(
        id=p.pk,
        code=p.code,
        name=p.name,
        start_date=p.start_date,
        end_date=p.end_date,
        target_participants=p.target_participants,
        target_transitions=p.target_transitions,
    )


def employer(e: Employer) -> schemas.Employer:
    return schemas.Employer(
        id=e.pk,
        key=e.key,
        name=e.name,
        sector=e.sector,
        postcode=e.postcode,
        project=e.project_id,
    )


def vacancy(v: Vacancy) -> schemas.Vacancy:
    return schemas.Vacancy(
        id=v.pk,
        key=v.key,
        employer=v.employer_id,
        title=v.title,
        occupation=v.occupation,
        sector=v.sector,
        postcode=v.postcode,
        min_education=v.min_education,
        hours=_number(v.hours),
        contract=v.contract,
        positions=v.positions,
        skills=[s for s in v.skills.split("|") if s],
        open_date=v.open_date,
        close_date=v.close_date,
        filled=v.filled,
    )
