"""Fixtures for the format core. Nothing here imports Django: the core runs without it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from opensop.formats.definition import FormatDefinition
from opensop.formats.loader import parse_definition
from opensop.formats.registry import FormatRegistry

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# Copies of ../shared/seeds: the specification the format tests walk.
SEEDS = Path(__file__).resolve().parent / "seeds"


@pytest.fixture(scope="session")
def registry() -> FormatRegistry:
    return FormatRegistry.builtin()


@pytest.fixture(scope="session")
def zuid_limburg(registry: FormatRegistry) -> FormatDefinition:
    definition = registry.get("zuid-limburg-po", 1)
    assert definition is not None
    return definition


@pytest.fixture(scope="session")
def zuid_kennemerland(registry: FormatRegistry) -> FormatDefinition:
    definition = registry.get("zuid-kennemerland-vo", 1)
    assert definition is not None
    return definition


FORMAT_HEADER = """\
id: proef
version: 1
title: Proefformaat
sector: PO
swv_codes: [PO 99-01]
"""


def make_format(body: str) -> FormatDefinition:
    """A small format from YAML: the header above plus `body` (sections, norms, ...)."""
    return parse_definition(FORMAT_HEADER + textwrap.dedent(body), "proef.yaml")


def format_of(*items: dict[str, Any], **extra: Any) -> FormatDefinition:
    """A one-section format holding `items`, plus top-level parts such as norms."""
    data = {
        "id": "proef",
        "version": 1,
        "title": "Proefformaat",
        "sector": "PO",
        "swv_codes": ["PO 99-01"],
        "sections": [{"number": "1", "title": "Proef", "items": list(items)}],
        **extra,
    }
    return parse_definition(json.dumps(data), "proef.yaml")


def answer_doc(definition: FormatDefinition, answers: dict[str, Any]) -> dict[str, Any]:
    return {"format": definition.id, "version": definition.version, "answers": answers}
