"""Between the stored rows and the pure package's dataclasses: the stored application
document read back, and a decision as the :class:`~werkbrug.grants.Award` it is."""

from __future__ import annotations

from decimal import Decimal

from werkbrug import grants
from werkbrug.grants.jsonfile import JsonObject
from werkbrug.schemes.models import Application, Decision


class StoredDocumentError(RuntimeError):
    """A stored document no longer reads: a bug or a hand-edited row, never user input."""


def application_data(application: Application) -> grants.Application:
    """The stored document as the pure package's Application (it was validated on the way
    in, so a problem here is an error of ours)."""
    data = application.document
    read = grants.application_from_json(JsonObject(data), f"application {application.reference}")
    if read.value is None:
        raise StoredDocumentError("; ".join(p.render("en") for p in read.errors))
    return read.value


def award_data(decision: Decision) -> grants.Award:
    """The award the determination works on; its id is the application's reference."""
    return grants.Award(
        id=decision.application.reference,
        scheme=decision.application.call.scheme,
        maximum_eur=decision.maximum_eur,
        measures=tuple(
            grants.AwardMeasure(
                code=m.code,
                cost_eur=m.cost_eur,
                applications=m.applications,
                vulnerable_hiring=m.vulnerable_hiring,
            )
            for m in decision.measures.all()
        ),
    )


def overhead_for(scheme_id: str, eligible_eur: Decimal) -> Decimal:
    """The subsidised overhead lump sum on ``eligible_eur`` (2013 art. 5.6; 0 in 2010)."""
    scheme = grants.SCHEMES[scheme_id]
    lump = grants.overhead_lump_sum(eligible_eur, scheme.terms.overhead_tiers)
    return grants.cents(lump * scheme.terms.overhead_eligible)
