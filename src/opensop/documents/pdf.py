"""The one way to make a PDF: Typst, from the document model as data, tagged PDF/UA-1.

The templates in typst/ read the model as JSON (`sys.inputs.document`, made by
documents/typeset.py) and place every school's text as a text value, never as markup.
Fonts are Open Sans (Debian's fonts-open-sans) with DejaVu Sans for the level marks, both
embedded; system fonts are ignored, so a document looks the same on every machine.
Typst reads only the template folder: a document never fetches anything else.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path

import typst

from opensop.documents import typeset
from opensop.documents.chapter import Chapter
from opensop.documents.content import FullProfile

TEMPLATES = Path(__file__).resolve().parent / "typst"
FONT_FOLDERS = [
    Path("/usr/share/fonts/truetype/open-sans"),
    Path("/usr/share/fonts/truetype/dejavu"),  # folders only; DejaVu Sans is used
]


@dataclass(frozen=True)
class Prepared:
    """Everything the engine gets: a template, the document as JSON, the date it carries."""

    template: Path
    document: str
    timestamp: datetime.datetime | None


def prepare(doc: typeset.Document) -> Prepared:
    template = TEMPLATES / template_name(doc)
    return Prepared(template, typeset.document_json(doc), typeset.timestamp(doc.facts))


def template_name(doc: typeset.Document) -> str:
    if isinstance(doc, FullProfile):
        return "full.typ"
    if isinstance(doc, Chapter):
        return "chapter.typ"
    return "summary.typ"


def render_pdf(doc: typeset.Document) -> bytes:
    """A tagged PDF/UA-1 of a document: lang nl-NL, title, headings, tables, bookmarks."""
    return compile_prepared(prepare(doc))


def compile_prepared(prepared: Prepared) -> bytes:
    pdf: bytes = typst.compile(
        prepared.template,
        root=TEMPLATES,
        font_paths=fonts(),
        ignore_system_fonts=True,
        sys_inputs={"document": prepared.document},
        pdf_standards=["ua-1"],
        timestamp=prepared.timestamp,
    )
    return pdf


@functools.cache
def fonts() -> typst.Fonts:
    """Searched once per process; Typst loads each font file only when a page needs it."""
    found = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(path) for path in FONT_FOLDERS if path.is_dir()],
    )
    missing = {"Open Sans", "DejaVu Sans"} - set(found.families())
    if missing:
        # Without them Typst would print boxes for every letter: say what to install.
        raise RuntimeError(
            f"Fonts not found: {', '.join(sorted(missing))} (Debian: fonts-open-sans, "
            f"fonts-dejavu-core; `make system-packages`), looked in {FONT_FOLDERS}"
        )
    return found
