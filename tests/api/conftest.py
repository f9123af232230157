"""The live programme of tests/live (two projects, one user per role) and a token per role
with every scope, plus a client that speaks to the API the way a program does."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.live.conftest import World, _fast_password_hashing, world  # noqa: F401 (fixtures)
from werkbrug.api.scopes import SCOPES
from werkbrug.api.tokens import token_create

ALL_SCOPES = list(SCOPES)


@dataclass
class Answer:
    status: int
    headers: Any
    body: Any


class Api:
    """Calls /api/v1/ with a bearer token, in English unless told otherwise."""

    def __init__(self, token: str, language: str = "en") -> None:
        self.token, self.client = token, Client()
        self.language = language

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> Answer:
        sent = {"Authorization": f"Bearer {self.token}", "Accept-Language": self.language}
        sent.update({k.replace("_", "-"): v for k, v in headers.items()})
        data = None if body is None else json.dumps(body)
        response = self.client.generic(
            method,
            "/api/v1" + path,
            data=data or "",
            content_type="application/json",
            headers=sent,
        )
        content = response.content
        parsed = json.loads(content) if content and "json" in response["Content-Type"] else None
        return Answer(response.status_code, response.headers, parsed)

    def get(self, path: str, **headers: str) -> Answer:
        return self.call("GET", path, **headers)

    def post(self, path: str, body: Any, **headers: str) -> Answer:
        return self.call("POST", path, body, **headers)

    def patch(self, path: str, body: Any, **headers: str) -> Answer:
        return self.call("PATCH", path, body, **headers)


@pytest.fixture
def token_for(world: World) -> Callable[..., str]:  # noqa: F811 (the fixture imported above)
    def make(role: str, scopes: list[str] | None = None, days: int = 30) -> str:
        user = world.users[role]
        return token_create(
            actor=user, user=user, scopes=ALL_SCOPES if scopes is None else scopes, days=days
        ).text

    return make


@pytest.fixture
def api_as(token_for: Callable[..., str]) -> Callable[..., Api]:
    def make(role: str, scopes: list[str] | None = None, language: str = "en") -> Api:
        return Api(token_for(role, scopes), language)

    return make
