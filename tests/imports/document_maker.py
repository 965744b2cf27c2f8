"""Older profile documents for the tests: the seed-002 text, as text and as a PDF with a
text layer (typeset by Typst, one paragraph per line of the text)."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

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


def docx_of(text: str, titles: list[str], *, table_theme: str = "") -> bytes:
    """`text` as Word writes such a profile: theme titles as headings, each offer one
    paragraph of a bulleted list (Word draws the bullet, it is not in the text), a wrapped
    line part of its paragraph, page numbers in the footer, the school's details in a
    table; the offers of `table_theme` in a two-column table (offer | marker)."""
    from docx import Document  # noqa: PLC0415

    document = Document()
    document.sections[0].footer.paragraphs[0].text = "Pagina 1"
    details = document.add_table(rows=2, cols=2)
    for row, (label, value) in zip(
        details.rows, [("School", "Testcollege"), ("Schooljaar", "2014-2015")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = label, value
    folded_titles = {" ".join(t.casefold().split()) for t in titles}
    theme, bullet, table = "", None, None
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if " ".join(line.casefold().split()) in folded_titles:
            theme, bullet, table = line, None, None
            document.add_heading(line, level=2)
        elif line.startswith("•"):
            offer = line.lstrip("• ").strip()
            if theme == table_theme:
                table = table or document.add_table(rows=0, cols=2)
                bullet = table.add_row().cells[0].paragraphs[0]
                bullet.style = "List Bullet"
                _set_offer_cells(bullet, table, offer)
            else:
                bullet = document.add_paragraph(offer, style="List Bullet")
        elif bullet is not None and not line.casefold().startswith(
            ("basisondersteuning", "daarnaast bieden wij")
        ):
            _continue(bullet, line, table)
        else:
            bullet, table = None, None
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


MARKERS = ("(i.o.)", "(i.o)", "(deels)")


def _set_offer_cells(paragraph: Any, table: Any, offer: str) -> None:
    """The offer in the first cell, its marker (if any) in the second."""
    marker = next((m for m in MARKERS if offer.endswith(m)), "")
    paragraph.text = offer.removesuffix(marker).strip()
    table.rows[-1].cells[1].text = marker


def _continue(paragraph: Any, line: str, table: Any) -> None:
    """A line that wrapped in the PDF is part of the offer's paragraph in Word."""
    joined = paragraph.text + ("" if paragraph.text.endswith("-") else " ") + line
    if table is not None:
        _set_offer_cells(paragraph, table, joined)
    else:
        paragraph.text = joined


@cache
def seed_docx() -> bytes:
    from opensop.formats.registry import FormatRegistry  # noqa: PLC0415
    from opensop.imports.document_mapping import themes  # noqa: PLC0415

    definition = FormatRegistry.builtin().get("zuid-kennemerland-vo", 1)
    assert definition is not None
    titles = [theme.title for theme in themes(definition)]
    return docx_of(seed_text(), titles, table_theme=titles[1])
