from __future__ import annotations

from collections.abc import Callable

from tests.api.conftest import Api
from tests.live.conftest import World


def test_a_mediator_lists_their_caseload(world: World, api_as: Callable[..., Api]) -> None:
    api = api_as("mediator")
    answer = api.get("/participants")
    assert answer.status == 200, answer.body
    assert [p["key"] for p in answer.body["results"]] == [world.alice.key]
    assert answer.headers["API-Version"] == "1.0.0"
    assert answer.headers["ETag"]
