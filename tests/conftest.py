"""Fixtures shared by the web and browser tests."""

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from opensop.portal.index import forget
from tests.web.conftest import (  # noqa: F401 - re-exported as pytest fixtures
    colleague,
    concept,
    empty_concept,
    fast_password_hashing,
    region,
    secondary_concept,
    seed_answers,
)


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings: Any, tmp_path: Path) -> None:
    """Stored documents and logos go to the test's own folder, not to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty local cache: a rolled-back test's profile ids come back
    in the next test, and a document cached under one of them must not show up there."""
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_public_index() -> None:
    """The public search's in-memory index (portal/index.py) belongs to one database state:
    a rolled-back test's stamps could come back in the next test."""
    forget()
