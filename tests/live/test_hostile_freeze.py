"""Freezing a delivery under a name that is a path is refused (issue 11, "Hardening")."""

from __future__ import annotations

import pytest

from tests.live.conftest import World
from werkbrug.deliveries.models import Delivery


@pytest.mark.parametrize("name", ["/var/anything/created-by-coordinator", "../x", ".x", "a\\b"])
def test_a_coordinator_cannot_freeze_under_a_path(world: World, name: str) -> None:
    response = world.client("coordinator").post(
        f"/projects/{world.own.pk}/freeze/", {"name": name, "delivered_on": "2025-06-30"}
    )
    assert response.status_code == 400
    assert "letters, digits" in response.content.decode()
    assert Delivery.objects.count() == 0
