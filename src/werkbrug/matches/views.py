"""Matching pages: suggestions on the participant and vacancy pages, the mediator's decision,
the matching profile, an allocation for a pool and the fairness monitor. Advice only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from werkbrug import access, clock
from werkbrug.access import Can
from werkbrug.matches import selectors, services
from werkbrug.matches.forms import AllocationForm, DecisionForm, ProfileForm
from werkbrug.matches.models import Profile
from werkbrug.taxonomy import GENDERS
from werkbrug.web.filters import id_filter
from werkbrug.web.forms import apply_errors, htmx_target, request_user

COMPONENT_LABELS = {
    "occupation": gettext_lazy("Occupation"),
    "skills": gettext_lazy("Skills"),
    "education": gettext_lazy("Education"),
    "distance": gettext_lazy("Travel distance"),
    "hours": gettext_lazy("Hours"),
    "contract": gettext_lazy("Contract"),
    "preference": gettext_lazy("Own wishes"),
}


def _lang(request: HttpRequest) -> str:
    return "en" if (request.LANGUAGE_CODE or "nl").startswith("en") else "nl"


def _cards(request: HttpRequest, shown: list[services.Shown]) -> list[dict[str, Any]]:
    lang = _lang(request)
    cards = []
    for item in shown:
        data = item.suggestion
        labels = data["skill_labels"]
        cards.append(
            {
                "data": data,
                "vacancy": item.vacancy,
                "participant": item.participant,
                "percent": round(100 * data["score"]),
                # the known share of the weight: shown next to the score (docs/matching.md)
                "confidence": round(100 * data["confidence"]),
                "explanation": data["explanation"].get(lang, ""),
                "components": [
                    {
                        "label": COMPONENT_LABELS.get(name, name),
                        "value": round(100 * c["value"]) if c["known"] else None,
                        "weight": c["weight"],
                        "points": round(100 * c["contribution"], 1),
                    }
                    for name, c in data["components"].items()
                ],
                "matched": [labels.get(s, {}).get(lang, s) for s in data["matched_skills"]],
                "missing": [labels.get(s, {}).get(lang, s) for s in data["missing_skills"]],
                "decision": item.decision,
                "reason": item.reason,
            }
        )
    return cards


@login_required
def participant_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _allowed = access.participant_get(request_user(request), pk, Can.WORK)
    shown = services.suggest_for_participant(actor=request_user(request), participant=participant)
    context = {"participant": participant, "cards": _cards(request, shown)}
    if htmx_target(request) == "suggestions":
        return render(request, "matches/partials/participant_suggestions.html", context)
    return render(request, "matches/participant_suggestions.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, vacancy_pk: int) -> HttpResponse:
    participant, _allowed = access.participant_get(request_user(request), pk, Can.WORK)
    vacancy = access.vacancy_get(request_user(request), vacancy_pk)
    form = DecisionForm(request.POST, prefix=f"v{vacancy.pk}")
    if form.is_valid():
        try:
            services.suggestion_decide(
                actor=request_user(request),
                participant=participant,
                vacancy=vacancy,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your decision has been recorded."))
    else:
        messages.error(request, _("Choose accept or reject."))
    return redirect(reverse("matches:participant", kwargs={"pk": participant.pk}))


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _allowed = access.participant_get(request_user(request), pk, Can.EDIT)
    instance = Profile.objects.filter(participant=participant).first() or Profile(
        participant=participant
    )
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        profile=instance,
        known_skills=selectors.skills_named(request_user(request)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(
                actor=request_user(request), participant=participant, values=form.values()
            )
        except ValidationError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The matching profile has been saved."))
            return redirect("matches:participant", pk=participant.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "matches/profile.html", {"participant": participant, "form": form}, status=status
    )


@login_required
def vacancy_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    if not access.sees_caseload(user):
        raise PermissionDenied
    vacancy = access.vacancy_get(user, pk)
    shown = services.suggest_for_vacancy(actor=user, vacancy=vacancy)
    context = {"vacancy": vacancy, "cards": _cards(request, shown)}
    if htmx_target(request) == "suggestions":
        return render(request, "matches/partials/vacancy_candidates.html", context)
    return render(request, "matches/vacancy_candidates.html", context)


@login_required
def allocation(request: HttpRequest) -> HttpResponse:
    projects = access.projects_managed_or_403(request_user(request))
    form = AllocationForm(request.GET or None, projects=projects)
    result = None
    if form.is_bound and form.is_valid():
        chosen = projects.filter(pk=form.cleaned_data["project"].pk)
        try:
            result = services.allocate_pool(
                actor=request_user(request),
                projects=chosen,
                min_score=form.cleaned_data["min_score"] / 100,
                method=form.cleaned_data["method"],
                today=clock.today(),
            )
        except services.MatchError as exc:
            form.add_error(None, str(exc))
        else:
            result["other"]["label"] = METHOD_LABELS[result["other"]["method"]]
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request, "matches/allocation.html", {"form": form, "result": result}, status=status
    )


@login_required
def fairness(request: HttpRequest) -> HttpResponse:
    projects = access.projects_managed_or_403(request_user(request))
    chosen = projects
    # A malformed or out-of-range id resets the choice to all projects; a well-formed id of a
    # project the user does not manage is refused, as before.
    project_id = id_filter(request.GET, "project")
    if project_id is not None:
        chosen = projects.filter(pk=project_id)
        if not chosen.exists():
            raise PermissionDenied
    report = services.fairness_for(projects=chosen)
    return render(
        request,
        "matches/fairness.html",
        {
            "report": report,
            "sections": _fairness_sections(report, _lang(request)),
            "projects": projects,
            "project_id": project_id,
        },
    )


METHOD_LABELS = {
    "optimal": gettext_lazy("optimal"),
    "stable": gettext_lazy("stable"),
}
RATE_LABELS = {
    "suggestion_rate": gettext_lazy("suggested"),
    "acceptance_rate": gettext_lazy("accepted of decided"),
    "placement_rate": gettext_lazy("placed"),
}
ATTRIBUTE_LABELS = {"gender": gettext_lazy("By gender"), "age_band": gettext_lazy("By age band")}
AGE_LABELS = {
    "under_25": gettext_lazy("under 25"),
    "25_34": "25–34",
    "35_44": "35–44",
    "45_54": "45–54",
    "55_plus": gettext_lazy("55 and over"),
    "unknown": gettext_lazy("unknown"),
}


def _group_label(attribute: str, name: str, lang: str) -> str:
    if attribute == "age_band":
        return str(AGE_LABELS.get(name, name))
    code = GENDERS.get(name)
    return code.label(lang) if code else str(gettext_lazy("unknown"))


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(100 * rate)}%"


def _fairness_sections(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    sections = []
    for attribute, part in report["by"].items():
        rows = [
            {
                "label": _group_label(attribute, name, lang),
                "participants": row["participants"],
                "rates": [_percent(row[rate]) for rate in RATE_LABELS],
            }
            for name, row in part["groups"].items()
        ]
        flags = [
            {
                "metric": RATE_LABELS[f["metric"]],
                "group": _group_label(attribute, f["group"], lang),
                "reference": _group_label(attribute, f["reference_group"], lang),
                "rate": _percent(f["rate"]),
                "reference_rate": _percent(f["reference_rate"]),
            }
            for f in part["flags"]
        ]
        sections.append({"title": ATTRIBUTE_LABELS[attribute], "rows": rows, "flags": flags})
    return sections
