"""The live programme of tests/live, and its two vacancies for suggestions."""

from tests.live.conftest import _fast_password_hashing, world
from tests.live.test_matching_pages import vacancies

__all__ = ["_fast_password_hashing", "vacancies", "world"]
