"""Every role against every grant page: allowed (200, or 302/400 for a form), refused (403)
or not known to exist (404). An applicant sees only their own applications, the funder only
the calls of the scheme they assess."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.live.test_access_matrix import ROLES
from tests.schemes.conftest import Grants

# ROLES order: admin, coordinator, mediator, mediator1b, employer, funder, researcher, outsider
# (the outsider applies for another organisation). "app" is the coordinator's application
# under assessment, "draft" their draft, "award" an award of theirs, "decl" its declaration,
# "call" the funder's 2013 call, "other" the 2010 call the funder does not assess.
MATRIX: dict[str, tuple[str, str, list[int]]] = {
    "calls": ("get", "schemes:calls", [200, 200, 403, 403, 403, 200, 403, 200]),
    "call": ("get", "schemes:call call", [200, 200, 403, 403, 403, 200, 403, 200]),
    "other call": ("get", "schemes:call other", [200, 200, 403, 403, 403, 404, 403, 200]),
    "apply": ("get", "schemes:apply call", [403, 200, 403, 403, 403, 403, 403, 200]),
    "upload": ("get", "schemes:upload call", [403, 200, 403, 403, 403, 403, 403, 200]),
    "application": ("get", "schemes:application app", [200, 200, 403, 403, 403, 200, 403, 404]),
    "draft": ("get", "schemes:application draft", [404, 200, 403, 403, 403, 404, 403, 404]),
    "file": ("get", "schemes:download app", [200, 200, 403, 403, 403, 200, 403, 404]),
    "edit draft": ("get", "schemes:edit draft", [404, 200, 403, 403, 403, 404, 403, 404]),
    "edit sent": ("get", "schemes:edit app", [403, 403, 403, 403, 403, 403, 403, 404]),
    "submit sent": ("post", "schemes:submit app", [403, 403, 403, 403, 403, 403, 403, 404]),
    "complete": ("post", "schemes:complete app", [403, 403, 403, 403, 403, 400, 403, 404]),
    "return": ("post", "schemes:return app", [403, 403, 403, 403, 403, 400, 403, 404]),
    "judge": ("post", "schemes:judge app", [403, 403, 403, 403, 403, 400, 403, 404]),
    "decide": ("get", "schemes:decide app", [403, 403, 403, 403, 403, 200, 403, 404]),
    "award": ("get", "schemes:award award", [200, 200, 403, 403, 403, 200, 403, 404]),
    "letter": ("get", "schemes:letter award", [200, 200, 403, 403, 403, 200, 403, 404]),
    "advance": ("post", "schemes:advance award", [403, 403, 403, 403, 403, 400, 403, 404]),
    "costs": ("post", "schemes:costs award", [403, 400, 403, 403, 403, 403, 403, 404]),
    "declare": ("get", "schemes:declare award", [403, 200, 403, 403, 403, 403, 403, 404]),
    "determine": ("post", "schemes:determine award", [403, 403, 403, 403, 403, 400, 403, 404]),
    "declaration": ("get", "schemes:declaration decl", [200, 200, 403, 403, 403, 200, 403, 404]),
}

CASES = [
    pytest.param(page, role, status, id=f"{page}-{role}")
    for page, (_method, _url, statuses) in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


@pytest.fixture
def places(g: Grants) -> dict[str, int]:
    from decimal import Decimal

    from werkbrug.schemes import services_money

    app = g.under_assessment()
    draft = g.draft()
    award = g.awarded()
    g.clock.day = award.end or g.clock.day
    declared = services_money.declaration_submit(
        actor=g.world.users["coordinator"],
        decision=award,
        kind="progress",
        as_of=award.start or g.clock.day,
        own_funds_eur=Decimal(0),
    )
    return {
        "call": g.call.pk,
        "other": g.other_call.pk,
        "app": app.pk,
        "draft": draft.pk,
        "award": award.pk,
        "decl": declared.id,
    }


@pytest.mark.parametrize(("page", "role", "status"), CASES)
def test_access(g: Grants, places: dict[str, int], page: str, role: str, status: int) -> None:
    method, spec, _statuses = MATRIX[page]
    name, *objects = spec.split(" ")
    url = reverse(name, args=[places[o] for o in objects])
    client = g.world.client(role)
    response = client.get(url) if method == "get" else client.post(url, {})
    assert response.status_code == status, response.content.decode()[:500]
