from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import CliResult
from werkbrug.demo.services import DELIVERIES, demo_data_dir


@pytest.fixture
def demo_deliveries(run: Callable[..., CliResult], db: None) -> None:  # noqa: ARG001 (requested for the database)
    for name in DELIVERIES:
        assert run("import", demo_data_dir() / name).code == 0
