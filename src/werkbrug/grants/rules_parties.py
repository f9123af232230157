"""Rules on who applies and who takes part: the applicant and the partnership."""

from __future__ import annotations

from decimal import Decimal

from werkbrug.grants.codes import APPLICANT_KINDS, PARTNER_ROLE_LABELS, a_label, label_list
from werkbrug.grants.model import Application
from werkbrug.grants.rules import CallTerms, Finding, Rule
from werkbrug.grants.text import Euro, Quote, Share, Text, say

__all__ = ["applicant_eligible", "lead_applicant", "partnership", "workers_involved"]


def _kind(app: Application) -> Text:
    return a_label(APPLICANT_KINDS, app.applicant.kind)


def _joined(texts: list[Text]) -> Text:
    return Text(" ".join(t.nl for t in texts), " ".join(t.en for t in texts))


def applicant_eligible(*, rule_id: str, article: str, cite: Text, kinds: tuple[str, ...]) -> Rule:
    """The applicant is one of ``kinds``, a legal entity, and not a public-sector employer
    (2010: art. 2.1 with 1.d–e)."""
    allowed = label_list(APPLICANT_KINDS, list(kinds))
    requirement = say(
        "De aanvrager moet een rechtspersoon zijn, en wel {allowed}, niet zijnde een "
        "overheidswerkgever ({cite}).",
        "The applicant must be a legal entity, namely {allowed}, and not a public-sector "
        "employer ({cite}).",
        allowed=allowed,
        cite=cite,
    )

    def assess(app: Application, call: CallTerms) -> Finding:
        who = app.applicant
        wrong: list[Text] = []
        if who.kind not in kinds:
            wrong.append(say("De aanvrager is {k}.", "The applicant is {k}.", k=_kind(app)))
        if who.public_sector:
            wrong.append(
                say(
                    "De aanvrager is een overheidswerkgever.",
                    "The applicant is a public-sector employer.",
                )
            )
        if not who.legal_entity:
            wrong.append(
                say("De aanvrager is geen rechtspersoon.", "The applicant is not a legal entity.")
            )
        if wrong:
            return Finding.failed(_joined([requirement, *wrong]))
        return Finding.passed(
            say(
                "De aanvrager, {name}, is {k}, een rechtspersoon en geen "
                "overheidswerkgever ({cite}).",
                "The applicant, {name}, is {k}, a legal entity and not a public-sector "
                "employer ({cite}).",
                name=Quote(who.name),
                k=_kind(app),
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)


def workers_involved(*, rule_id: str, article: str, cite: Text, roles: tuple[str, ...]) -> Rule:
    """Workers take part through a union or a workers' representation (2010: art. 1.e)."""
    allowed = label_list(PARTNER_ROLE_LABELS, list(roles))

    def assess(app: Application, call: CallTerms) -> Finding:
        names = [p.name for p in app.partners if p.role in roles]
        if not names:
            return Finding.failed(
                say(
                    "Bij het project moet {allowed} betrokken zijn ({cite}); geen van de "
                    "partners heeft die rol.",
                    "The project must involve {allowed} ({cite}); none of the partners has "
                    "that role.",
                    allowed=allowed,
                    cite=cite,
                )
            )
        return Finding.passed(
            say(
                "Aan de kant van de werknemers is {name} betrokken ({cite}).",
                "On the workers' side, {name} takes part ({cite}).",
                name=Quote(names[0]),
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)


def partnership(
    *,
    rule_id: str,
    article: str,
    cite: Text,
    employer_side: tuple[str, ...],
    workers_side: tuple[str, ...],
) -> Rule:
    """An employers' and a workers' organisation work together under a signed cooperation
    agreement (2013: art. 2.1). The regulation also admits a workers' organisation with several
    employers of one employers' organisation; the file cannot show whether the employers belong
    to one, so that case is left to a person's judgement instead of failing."""

    def side(app: Application, roles: tuple[str, ...]) -> bool:
        return app.applicant.kind in roles or any(p.role in roles for p in app.partners)

    def assess(app: Application, call: CallTerms) -> Finding:
        employers = side(app, employer_side)
        workers = side(app, workers_side)
        if workers and not employers and sum(p.role == "employer" for p in app.partners) >= 2:
            return Finding.judgement(
                say(
                    "Er is een werknemersorganisatie maar geen werkgeversorganisatie; beoordeel "
                    "of de werkgevers in het samenwerkingsverband bij één werkgeversorganisatie "
                    "zijn aangesloten ({cite}).",
                    "There is a workers' organisation but no employers' organisation; assess "
                    "whether the employers in the partnership belong to one employers' "
                    "organisation ({cite}).",
                    cite=cite,
                )
            )
        missing: list[Text] = []
        if not employers:
            missing.append(say("een werkgeversorganisatie", "an employers' organisation"))
        if not workers:
            missing.append(
                say("een vakbond of werknemersorganisatie", "a union or workers' organisation")
            )
        if not app.agreement_signed:
            missing.append(
                say(
                    "een ondertekende samenwerkingsovereenkomst waarin de hoofdaanvrager is "
                    "aangewezen",
                    "a signed cooperation agreement that names the lead applicant",
                )
            )
        if missing:
            return Finding.failed(
                say(
                    "Het samenwerkingsverband moet bestaan uit ten minste één werkgevers- en één "
                    "werknemersorganisatie, met een ondertekende samenwerkingsovereenkomst "
                    "({cite}). Het ontbreekt aan: {missing}.",
                    "The partnership must hold at least one employers' and one workers' "
                    "organisation, with a signed cooperation agreement ({cite}). Missing: "
                    "{missing}.",
                    missing=Text(
                        "; ".join(m.nl for m in missing), "; ".join(m.en for m in missing)
                    ),
                    cite=cite,
                )
            )
        return Finding.passed(
            say(
                "Het samenwerkingsverband omvat een werkgevers- en een werknemersorganisatie "
                "en de samenwerkingsovereenkomst is ondertekend ({cite}).",
                "The partnership holds an employers' and a workers' organisation and the "
                "cooperation agreement is signed ({cite}).",
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)


def lead_applicant(
    *, rule_id: str, article: str, cite: Text, kinds: tuple[str, ...], equity_share: Decimal
) -> Rule:
    """The lead applicant is one of ``kinds`` and a legal entity (the definition of
    'hoofdaanvrager', art. 1.1), holds a signed mandate, and has equity of at least
    ``equity_share`` of the requested amount, or the partnership guarantees that much (2013:
    art. 2.2.4–6)."""
    allowed = label_list(APPLICANT_KINDS, list(kinds))

    def assess(app: Application, call: CallTerms) -> Finding:
        who = app.applicant
        needed = equity_share * app.requested_eur
        wrong: list[Text] = []
        if who.kind not in kinds:
            wrong.append(say("De aanvrager is {k}.", "The applicant is {k}.", k=_kind(app)))
        if not who.legal_entity:
            wrong.append(
                say("De aanvrager is geen rechtspersoon.", "The applicant is not a legal entity.")
            )
        if who.equity_eur < needed and app.guarantee_eur < needed:
            wrong.append(
                say(
                    "Het eigen vermogen ({equity}) en de garantie ({guarantee}) zijn beide "
                    "lager dan {needed}.",
                    "The equity ({equity}) and the guarantee ({guarantee}) are both below "
                    "{needed}.",
                    equity=Euro(who.equity_eur),
                    guarantee=Euro(app.guarantee_eur),
                    needed=Euro(needed),
                )
            )
        if not app.mandate_signed:
            wrong.append(
                say(
                    "Er is geen ondertekende machtiging van de partners.",
                    "There is no signed mandate from the partners.",
                )
            )
        if wrong:
            requirement = say(
                "De hoofdaanvrager moet een rechtspersoon zijn, en wel {allowed}, met een "
                "machtiging van de partners en een eigen vermogen van ten minste {share} van "
                "het aangevraagde bedrag ({needed}), of een garantie van het "
                "samenwerkingsverband voor dat bedrag ({cite}).",
                "The lead applicant must be a legal entity, namely {allowed}, with a mandate "
                "from the partners and equity of at least {share} of the requested amount "
                "({needed}), or a guarantee from the partnership for that amount ({cite}).",
                allowed=allowed,
                share=Share(equity_share),
                needed=Euro(needed),
                cite=cite,
            )
            return Finding.failed(_joined([requirement, *wrong]))
        return Finding.passed(
            say(
                "De hoofdaanvrager is {k} en een rechtspersoon, heeft een machtiging, en het "
                "eigen vermogen of de garantie bedraagt ten minste {needed} ({cite}).",
                "The lead applicant is {k} and a legal entity, holds a mandate, and its equity "
                "or the guarantee is at least {needed} ({cite}).",
                k=_kind(app),
                needed=Euro(needed),
                cite=cite,
            )
        )

    return Rule(rule_id, article, assess)
