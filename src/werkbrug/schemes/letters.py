"""The decision letter and the determination letter: Dutch A4 PDFs made with WeasyPrint from
templates, as the reports are. Always Dutch: the letter is the legal decision, whatever
language the funder reads the pages in."""

from __future__ import annotations

import logging
from importlib import resources

from django.template.loader import render_to_string
from django.utils import translation

from werkbrug import grants
from werkbrug.grants.text import euro_text, share_text
from werkbrug.schemes.checks import application_checks
from werkbrug.schemes.documents import application_data
from werkbrug.schemes.models import Decision

#: What every letter says of the demo's reconstructed 2010 amounts (the call's note) is
#: printed by the template; the articles a decision applies, per scheme and kind.
AWARD_ARTICLES = {
    "tijdelijk-besluit-2010": ["2.1", "4.1", "5.2", "5.3", "5.4", "7"],
    "sectorplannen-2013": ["1.5", "2.1", "2.3.1", "3.1", "5.1", "5.3", "5.4", "5.5", "5.6"],
}


def _css() -> str:
    return (resources.files("werkbrug.schemes") / "static" / "schemes" / "letter.css").read_text(
        encoding="utf-8"
    )


def _nbsp(text: str) -> str:
    # "€ 450.000" never breaks between the sign and the amount, nor "artikel 5.2".
    return text.replace("€ ", "€\u00a0").replace("artikel ", "artikel\u00a0")


def _pdf(template: str, context: dict[str, object]) -> bytes:
    from weasyprint import CSS, HTML  # only letters pay for it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with translation.override("nl"):
        html = _nbsp(render_to_string(template, context))
    document = HTML(string=html, base_url=None)
    return bytes(document.write_pdf(stylesheets=[CSS(string=_css())], pdf_variant="pdf/ua-1"))


def _scheme_name(decision: Decision) -> str:
    return grants.SCHEMES[decision.application.call.scheme].name.nl


def decision_letter(decision: Decision) -> bytes:
    application = decision.application
    data = application_data(application)
    checks = application_checks(application)
    messages = {r.rule: r.message.nl for r in checks.rows}
    judged = {j.rule: j for j in application.judgements.all()}
    grounds = [
        {
            "article": g["article"],
            "text": (judged[g["rule"]].note or messages.get(g["rule"], ""))
            if g["rule"] in judged
            else messages.get(g["rule"], ""),
        }
        for g in decision.grounds
    ]
    measures = [
        {
            "code": m.code,
            "name": m.name,
            "applications": m.applications,
            "cost": euro_text(m.cost_eur, "nl"),
        }
        for m in decision.measures.all()
    ]
    return _pdf(
        "schemes/letter_decision.html",
        {
            "d": decision,
            "a": application,
            "applicant": data.applicant.name,
            "scheme": _scheme_name(decision),
            "requested": euro_text(application.requested_eur, "nl"),
            "maximum": euro_text(decision.maximum_eur, "nl"),
            "committed": euro_text(decision.committed_eur, "nl"),
            "measures": measures,
            "grounds": grounds,
            "articles": AWARD_ARTICLES.get(application.call.scheme, []),
            "refusal": decision.kind == Decision.Kind.REFUSAL,
        },
    )


def determination_letter(decision: Decision) -> bytes:
    record = decision.determination
    found = record.result
    from decimal import Decimal

    def euro(key: str) -> str:
        return euro_text(Decimal(str(found[key])), "nl")

    balance = Decimal(str(found["balance_eur"]))
    return _pdf(
        "schemes/letter_determination.html",
        {
            "d": decision,
            "a": decision.application,
            "r": record,
            "scheme": _scheme_name(decision),
            "awarded": euro("eligible_awarded_eur"),
            "realised": euro("eligible_realised_eur"),
            "share": share_text(Decimal(str(found["realised_share"])), "nl"),
            "measures": euro("measures_subsidy_eur"),
            "overhead": euro("overhead_eur"),
            "subsidy": euro("subsidy_eur"),
            "advances": euro("advances_paid_eur"),
            "balance": euro_text(abs(balance), "nl"),
            "to_recover": balance < 0,
            "has_overhead": bool(
                grants.SCHEMES[decision.application.call.scheme].terms.overhead_tiers
            ),
            "outcome": {"full": "volledig", "nil": "nihil", "reduced": "naar rato verlaagd"}[
                str(found["rule"])
            ],
            "reasons": [(r["article"], r["message"]["nl"]) for r in found["reasons"]],
        },
    )
