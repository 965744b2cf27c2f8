"""Sample files for the import tests: made-up schools (BRINs start with 99) in DUO's layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from opensop.formats.definition import FormatDefinition
from opensop.formats.registry import FormatRegistry

DATA = Path(__file__).resolve().parent / "data"
LEGACY = DATA / "vestigingen_bo_legacy.csv"  # ; and Windows-1252, as DUO's legacy files
CKAN = DATA / "vestigingen_ckan.csv"  # , and UTF-8 with BOM, current column names


@pytest.fixture(scope="session")
def zuid_limburg() -> FormatDefinition:
    definition = FormatRegistry.builtin().get("zuid-limburg-po", 1)
    assert definition is not None
    return definition
