"""Documents rendered once per test module, straight from the example profiles (no database)."""

from __future__ import annotations

import base64
import datetime
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image

from opensop.demo.data import example_answers
from opensop.documents import content
from opensop.documents.pdf import render_pdf
from opensop.documents.services import html_for
from opensop.formats.definition import FormatDefinition
from opensop.formats.registry import FormatRegistry
from tests.formats.conftest import EXAMPLES

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"  # poppler-utils, from make
FORMATS = {"po": ("zuid-limburg-po", "PO 31-06"), "vo": ("zuid-kennemerland-vo", "VO 27-05")}


def definition(family: str) -> FormatDefinition:
    found = FormatRegistry.builtin().get(FORMATS[family][0], 1)
    assert found is not None
    return found


def facts(family: str, *, concept: bool, **extra: Any) -> content.DocumentFacts:
    adoption = None
    if not concept:
        adoption = content.Adoption(
            advice_date=datetime.date(2026, 1, 20),
            advice_text="Positief advies.",
            adopted_on=datetime.date(2026, 2, 3),
            signatory_school="dhr. K. Janssen",
            signatory_board="mw. P. Hendriks",
        )
    values: dict[str, Any] = {
        "school_name": "De Verscheidenheid",
        "school_code": "99XA00",
        "address": "Schoolstraat 1, 6411 AB Heerlen",
        "board": "Stichting A",
        "swv_code": FORMATS[family][1],
        "swv_name": "Voorbeeldregio",
        "school_year": "2025-2026",
        "edition": 1,
        "state_label": "concept" if concept else "vastgesteld door bestuur",
        "concept": concept,
        "adoption": adoption,
        "full_url": "https://sop.example.nl/profielen/1/document/profiel/",
        **extra,
    }
    return content.DocumentFacts(**values)


def logo_data_url() -> str:
    """An SWV logo as the web layer passes it (services._logo): a PNG as a data: URL."""
    picture = io.BytesIO()
    Image.new("RGB", (240, 80), "#154273").save(picture, format="PNG")
    return "data:image/png;base64," + base64.b64encode(picture.getvalue()).decode("ascii")


def answers(family: str) -> dict[str, Any]:
    return example_answers(EXAMPLES / FORMATS[family][0] / "voldoet.yaml")


@dataclass
class Rendered:
    doc: content.FullProfile | content.Summary
    html: str
    pdf: bytes
    path: Path

    def text(self, *, page: int | None = None) -> str:
        """The text a reader copies out of the PDF, in content order."""
        pages = ["-f", str(page), "-l", str(page)] if page else []
        result = subprocess.run(
            [PDFTOTEXT, "-raw", *pages, str(self.path), "-"],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def words(self, *, page: int | None = None) -> str:
        """The text with every run of white space as one space: lines wrap on paper. The
        invisible word joiner Typst puts before a page number in the contents is left out."""
        return " ".join(self.text(page=page).replace("\u2060", "").split())

    def open(self) -> pikepdf.Pdf:
        return pikepdf.open(self.path)

    @property
    def pages(self) -> int:
        with self.open() as pdf:
            return len(pdf.pages)


def render(doc: content.FullProfile | content.Summary, path: Path) -> Rendered:
    pdf = render_pdf(doc)
    path.write_bytes(pdf)
    return Rendered(doc, html_for(doc), pdf, path)


def squeeze(text: str) -> str:
    """Without any white space: lines wrap differently in a PDF than in the source."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def full_po(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    doc = content.full_profile(definition("po"), answers("po"), facts("po", concept=True))
    return render(doc, tmp_path_factory.mktemp("po") / "full.pdf")


@pytest.fixture(scope="session")
def full_vo(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    doc = content.full_profile(definition("vo"), answers("vo"), facts("vo", concept=False))
    return render(doc, tmp_path_factory.mktemp("vo") / "full.pdf")
