"""Personal access tokens: made by the command or on the user's own page, shown once,
stored as a hash, narrowed by scopes, expiring and revocable."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.api.conftest import Api
from tests.live.conftest import World
from werkbrug.api.models import ApiToken
from werkbrug.audit.models import AuditEvent


def command(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_token_alone_and_stores_only_its_hash(world: World) -> None:
    out = command("create", "mediator", "--scope", "participants:read", "--expires", "7")
    text = out.strip()
    assert re.fullmatch(r"wbt_[A-Za-z0-9_-]{43}", text)
    token = ApiToken.objects.get()
    assert token.scopes == ["participants:read"]
    assert text not in (token.digest, token.prefix)
    assert text.startswith(token.prefix)
    assert Api(text).get("/participants").status == 200
    # It is not shown again: the list has the prefix, never the text.
    listed = command("list")
    assert token.prefix in listed
    assert text not in listed
    assert "mediator" in listed
    assert "active" in listed
    assert AuditEvent.objects.filter(object_type="api.apitoken", action="create").exists()
    assert world.alice  # the world's users exist


def test_the_command_refuses_unknown_scopes_users_and_lifetimes(world: World) -> None:
    with pytest.raises(CommandError, match="Unknown scope"):
        command("create", "mediator", "--scope", "everything")
    with pytest.raises(CommandError, match="no active user"):
        command("create", "nobody")
    with pytest.raises(CommandError, match="1 to 366 days"):
        command("create", "mediator", "--expires", "0")
    assert not ApiToken.objects.exists()
    assert world.own


def test_without_scopes_a_token_only_reads_pseudonymous_data(world: World) -> None:
    api = Api(command("create", "mediator").strip())
    assert api.get("/participants").status == 200
    assert api.get(f"/participants/{world.alice.pk}/contact").status == 403
    refused = api.post(
        f"/participants/{world.alice.pk}/activities",
        {"kind": "training", "start_date": "2026-03-10"},
    )
    assert refused.status == 403
    assert "trajectories:write" in refused.body["detail"]


def test_a_revoked_token_no_longer_opens_anything(world: World) -> None:
    api = Api(command("create", "mediator").strip())
    pk = ApiToken.objects.get().pk
    assert "revoked" in command("revoke", str(pk))
    answer = api.get("/participants")
    assert answer.status == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    with pytest.raises(CommandError, match="already been revoked"):
        command("revoke", str(pk))
    assert world.own


def test_an_expired_token_no_longer_opens_anything(
    world: World, token_for: Callable[..., str]
) -> None:
    api = Api(token_for("mediator", days=1))
    assert api.get("/participants").status == 200
    ApiToken.objects.update(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    assert api.get("/participants").status == 401
    assert "expired" in command("list")
    assert world.own


def test_a_deactivated_user_s_token_stops_working(
    world: World, token_for: Callable[..., str]
) -> None:
    api = Api(token_for("mediator"))
    world.users["mediator"].is_active = False
    world.users["mediator"].save()
    assert api.get("/participants").status == 401


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer wbt_nonsense", "Basic abc"])
def test_no_token_no_answer(world: World, header: str) -> None:
    client = Client()
    kwargs: dict[str, Any] = {"headers": {"Authorization": header}} if header else {}
    answer = client.get("/api/v1/participants", **kwargs)
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert world.own


def test_a_browser_session_does_not_open_the_api(world: World) -> None:
    assert world.client("mediator").get("/api/v1/participants").status_code == 401


def test_users_manage_their_own_tokens_on_their_page(world: World) -> None:
    client = world.client("mediator")
    page = client.get("/account/tokens/")
    assert page.status_code == 200
    assert 'href="/account/tokens/"' in client.get("/").content.decode()
    made = client.post(
        "/account/tokens/",
        {"name": "CRM", "scopes": ["participants:read", "trajectories:write"], "days": "30"},
    )
    assert made.status_code == 200
    text = re.search(r'<code id="new-token">(wbt_[^<]+)</code>', made.content.decode())
    assert text is not None
    assert made["Cache-Control"].startswith("max-age=0")
    api = Api(text.group(1))
    assert api.get("/participants").status == 200
    # Shown once: the page does not show it again.
    assert text.group(1) not in client.get("/account/tokens/").content.decode()
    token = ApiToken.objects.get(user=world.users["mediator"])
    # Another user cannot revoke it (as if it did not exist) ...
    assert (
        world.client("coordinator").post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    )
    assert api.get("/participants").status == 200
    # ... its owner can.
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert api.get("/participants").status == 401


def test_the_page_refuses_a_token_without_scopes(world: World) -> None:
    client = world.client("mediator")
    answer = client.post("/account/tokens/", {"name": "x", "days": "30"})
    assert answer.status_code == 400
    assert not ApiToken.objects.exists()


def test_werkbrug_token_create_prints_only_the_token(
    world: World, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Django command closes every connection when it ends; in a test that would end the
    # test's own transaction (PostgreSQL).
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)
    result = run("token", "create", "coordinator", "--scope", "projects:read")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("wbt_")
    assert Api(lines[0]).get("/projects").body["results"][0]["code"] == world.own.code
