"""The award's page and what follows it: advances, cost lines, declarations, the
determination, and the two letters."""

from __future__ import annotations

import json
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from werkbrug import access, clock, grants
from werkbrug.access import GrantCan
from werkbrug.grants.advances import ADVANCE_TERMS
from werkbrug.grants.codes import MEASURE_KINDS
from werkbrug.schemes import letters, selectors, services_money
from werkbrug.schemes.casedata import declaration_compute
from werkbrug.schemes.forms import AdvanceForm, CostLineForm, DeclarationForm, DeterminationForm
from werkbrug.schemes.models import Decision, Declaration
from werkbrug.schemes.schedule import next_advance, schedule, spending
from werkbrug.schemes.values import GrantError
from werkbrug.schemes.views_common import lang_of, sees_grants
from werkbrug.web.forms import request_user


def _measure_choices(decision: Decision) -> list[tuple[str, str]]:
    return [(m.code, f"{m.code} {m.name}".strip()) for m in decision.measures.all()]


def award_page(
    request: HttpRequest, decision: Decision, *, status: int = 200, **extra: object
) -> HttpResponse:
    user = request_user(request)
    can = access.decision_allows(user, decision)
    if decision.kind == Decision.Kind.REFUSAL:
        raise Http404  # a refusal has its letter on the application page, no award page
    lang = lang_of(request)
    day = min(clock.today(), decision.end) if decision.end else clock.today()
    own = decision.project.own_funds_eur if decision.project else None
    computed = declaration_compute(
        decision, kind="progress", as_of=day, own_funds_eur=own or Decimal(0)
    )
    determination = getattr(decision, "determination", None)
    declarations = list(decision.declarations.all())
    context: dict[str, object] = {
        "d": decision,
        "a": decision.application,
        "scheme": grants.SCHEMES[decision.application.call.scheme].name.get(lang),
        "as_of": day,
        "figures": [
            (f, MEASURE_KINDS[f.kind].get(lang) if f.kind in MEASURE_KINDS else f.kind)
            for f in computed.measures
        ],
        "schedule": schedule(decision),
        "has_terms": decision.application.call.scheme in ADVANCE_TERMS,
        "next_advance": next_advance(decision, clock.today()),
        "advances": decision.advances.all(),
        "paid": services_money.paid_on(decision),
        "spending": spending(decision, computed.costs, clock.today()),
        "cost_lines": decision.cost_lines.all(),
        "declarations": declarations,
        "determination": determination,
        "reasons": [(r["article"], r["message"][lang]) for r in determination.result["reasons"]]
        if determination
        else [],
        "can_declare": GrantCan.DECLARE in can and determination is None,
        "can_pay": GrantCan.PAY in can and determination is None,
        "can_determine": GrantCan.DETERMINE in can and determination is None,
        "advance_form": AdvanceForm(initial={"paid_on": clock.today()}),
        "cost_form": CostLineForm(
            initial={"on": clock.today()}, measures=_measure_choices(decision)
        ),
        "declaration_form": DeclarationForm(
            initial={"kind": "final", "as_of": day, "own_funds_eur": own or 0}
        ),
        "determination_form": DeterminationForm(
            declarations=[
                (x.pk, f"{x.as_of:%Y-%m-%d} ({x.submitted_on:%Y-%m-%d})")
                for x in declarations
                if x.kind == "final"
            ]
        ),
    }
    context.update(extra)
    return render(request, "schemes/award.html", context, status=status)


@require_http_methods(["GET"])
@sees_grants
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return award_page(request, access.decision_get(request_user(request), pk))


@require_http_methods(["POST"])
@sees_grants
def advance_pay(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.decision_get(request_user(request), pk, GrantCan.PAY)
    form = AdvanceForm(request.POST)
    if form.is_valid():
        try:
            ref = services_money.advance_pay(
                actor=request_user(request),
                decision=decision,
                on=form.cleaned_data["paid_on"],
                amount_eur=form.cleaned_data.get("amount_eur"),
            )
        except GrantError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Advance %(n)s has been recorded.") % {"n": ref.number})
            return redirect("schemes:award", pk=decision.pk)
    return award_page(request, decision, status=400, advance_form=form)


@require_http_methods(["POST"])
@sees_grants
def cost_lines(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.decision_get(request_user(request), pk, GrantCan.DECLARE)
    actor = request_user(request)
    if "remove" in request.POST:
        try:
            line = int(request.POST["remove"])
            services_money.cost_line_remove(actor=actor, decision=decision, line_id=line)
        except (ValueError, GrantError) as exc:
            messages.error(request, str(exc))
            return award_page(request, decision, status=400)
        messages.success(request, _("The cost line has been removed."))
        return redirect("schemes:award", pk=decision.pk)
    form = CostLineForm(request.POST, measures=_measure_choices(decision))
    if form.is_valid():
        try:
            services_money.cost_line_add(actor=actor, decision=decision, **form.cleaned_data)
        except GrantError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The cost line has been added."))
            return redirect("schemes:award", pk=decision.pk)
    return award_page(request, decision, status=400, cost_form=form)


@require_http_methods(["GET", "POST"])
@sees_grants
def declaration_new(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the declaration computed from the case data for review; POST: submit it."""
    decision = access.decision_get(request_user(request), pk, GrantCan.DECLARE)
    form = DeclarationForm(request.POST if request.method == "POST" else request.GET or None)
    if form.is_bound and form.is_valid():
        values = form.cleaned_data
        if request.method == "POST" and "submit" in request.POST:
            try:
                ref = services_money.declaration_submit(
                    actor=request_user(request), decision=decision, **values
                )
            except GrantError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The declaration has been submitted."))
                return redirect("schemes:declaration", pk=ref.id)
        if not form.errors:
            computed = declaration_compute(decision, **values)
            return render(
                request,
                "schemes/declaration_review.html",
                {
                    "d": decision,
                    "a": decision.application,
                    "form": form,
                    "c": computed,
                    "values": values,
                },
            )
    return award_page(
        request, decision, status=400 if form.is_bound else 200, declaration_form=form
    )


def _declaration(request: HttpRequest, pk: int) -> Declaration:
    user = request_user(request)
    return get_object_or_404(
        Declaration.objects.filter(decision__in=access.decisions_visible(user)).select_related(
            "decision__application__call"
        ),
        pk=pk,
    )


@require_http_methods(["GET"])
@sees_grants
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = _declaration(request, pk)
    decision = record.decision
    flags = (
        selectors.double_funding(record)
        if access.sees_double_funding(request_user(request), decision)
        else None
    )
    measures = {m.code: m for m in decision.measures.all()}
    rows = [
        {
            "code": m["code"],
            "name": measures[m["code"]].name if m["code"] in measures else "",
            "planned": measures[m["code"]].applications if m["code"] in measures else None,
            "applications": m["applications"],
            "cost": Decimal(m["eligible_cost_eur"]),
            "wages": Decimal(m["wage_costs_eur"]) if m["wage_costs_eur"] is not None else None,
            "people": len(record.participants.get(m["code"], [])),
        }
        for m in record.document["measures"]
    ]
    return render(
        request,
        "schemes/declaration.html",
        {
            "r": record,
            "d": decision,
            "a": decision.application,
            "rows": rows,
            "flags": flags,
            "own_funds": Decimal(record.document["own_funds_eur"]),
            "advances": Decimal(record.document["advances_paid_eur"]),
        },
    )


@require_http_methods(["GET"])
@sees_grants
def declaration_download(request: HttpRequest, pk: int) -> HttpResponse:
    record = _declaration(request, pk)
    body = json.dumps(record.document, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(body.encode("utf-8"), content_type="application/json")
    name = f"{record.decision.application.reference}-{record.kind}-{record.as_of:%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["POST"])
@sees_grants
def determination_new(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.decision_get(request_user(request), pk, GrantCan.DETERMINE)
    finals = [(x.pk, str(x.as_of)) for x in decision.declarations.filter(kind="final")]
    form = DeterminationForm(request.POST, declarations=finals)
    if form.is_valid():
        record = decision.declarations.get(pk=form.cleaned_data["declaration"])
        try:
            services_money.determination_make(
                actor=request_user(request),
                decision=decision,
                declaration=record,
                reduce=form.cleaned_data["reduce"],
                reason=form.cleaned_data["reason"],
            )
        except GrantError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The subsidy has been determined."))
            return redirect("schemes:award", pk=decision.pk)
    return award_page(request, decision, status=400, determination_form=form)


def _pdf(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_http_methods(["GET"])
@sees_grants
def decision_letter(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.decision_get(request_user(request), pk)
    return _pdf(
        letters.decision_letter(decision), f"beschikking-{decision.application.reference}.pdf"
    )


@require_http_methods(["GET"])
@sees_grants
def determination_letter(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.decision_get(request_user(request), pk)
    if not hasattr(decision, "determination"):
        raise Http404
    return _pdf(
        letters.determination_letter(decision), f"vaststelling-{decision.application.reference}.pdf"
    )
