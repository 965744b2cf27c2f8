"""Fixtures shared by the web and browser tests."""

from pathlib import Path
from typing import Any

import pytest

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
