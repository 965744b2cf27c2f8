"""Fixtures shared by the web and browser tests."""

from tests.web.conftest import (  # noqa: F401 - re-exported as pytest fixtures
    concept,
    empty_concept,
    fast_password_hashing,
    region,
    seed_answers,
)
