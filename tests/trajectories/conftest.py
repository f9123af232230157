"""The live programme of tests/live (one user per role, two projects) for these tests too."""

from tests.live.conftest import _fast_password_hashing, world

__all__ = ["_fast_password_hashing", "world"]
