"""Older profile documents for the tests: the seed-002 text, as text and as a PDF with a
text layer (typeset by Typst, one paragraph per line of the text)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import typst

from opensop.documents.pdf import fonts

DATA = Path(__file__).resolve().parent / "data"
SEED_DOCUMENT = DATA / "profiel_zuid_kennemerland_2014.txt"  # seed 002, as it came

# The lines arrive as data, so whatever they say is printed as text, never read as markup.
LINES_PAGE = b"""
#set page(paper: "a4", margin: 2cm)
#set text(font: "Open Sans", size: 10pt, lang: "nl")
#set par(spacing: 2pt)
#for line in json(bytes(sys.inputs.lines)) { par(line) }
"""

SCAN_PAGE = b"""
#set page(paper: "a4", margin: 2cm)
#image(bytes(sys.inputs.svg), format: "svg", width: 400pt)
"""


def seed_text() -> str:
    return SEED_DOCUMENT.read_text(encoding="utf-8")


def pdf_of(text: str) -> bytes:
    lines = [line for line in text.splitlines() if line.strip()]
    pdf: bytes = typst.compile(
        LINES_PAGE,
        font_paths=fonts(),
        ignore_system_fonts=True,
        sys_inputs={"lines": json.dumps(lines)},
    )
    return pdf


@cache
def seed_pdf() -> bytes:
    return pdf_of(seed_text())


@cache
def scan_pdf() -> bytes:
    """A page with only a picture on it: what a scanner makes, no text layer."""
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='200'>"
        "<rect width='400' height='200' fill='#ddd'/><rect x='20' y='20' width='300' "
        "height='10' fill='#333'/></svg>"
    )
    pdf: bytes = typst.compile(
        SCAN_PAGE, font_paths=fonts(), ignore_system_fonts=True, sys_inputs={"svg": svg}
    )
    return pdf
