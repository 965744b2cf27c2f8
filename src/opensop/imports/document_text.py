"""The text of an older profile document: a PDF with a text layer, a Word document (.docx)
or a plain-text file (Django-free).

pikepdf reads forms but does not lay out text; pypdf does. python-docx reads Word's
paragraphs and tables in document order; a list paragraph gets the bullet Word draws
itself, so all three give the mapping the same stream of lines. Whatever the bytes, the
only error that leaves this module is `UnreadableFileError`, with a plain Dutch message.
"""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import Any

import docx
import pypdf
from docx.opc.exceptions import OpcError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError
from pypdf.errors import PyPdfError

from opensop.imports.document_mapping import BULLETS
from opensop.imports.errors import DEFAULT_MAX_BYTES, UnreadableFileError, check_size

MAX_PAGES = 200  # an SOP has a handful of pages; more is not a profile (and costs time)
# What pypdf raises for a broken file, besides its own errors, at opening or while
# walking a page's content stream.
BROKEN = (
    PyPdfError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    RuntimeError,
    RecursionError,
    OverflowError,
    NotImplementedError,
    AssertionError,
    ZeroDivisionError,
    LookupError,
    OSError,
    UnicodeError,
    MemoryError,
)

NO_TEXT_LAYER = (
    "Dit is een scan zonder tekstlaag; de tekst kan niet gelezen worden, en raden doen we "
    "niet. Lees het profiel in als PDF met tekst (bijvoorbeeld opgeslagen vanuit Word) of "
    "als tekstbestand."
)


# The start of every zip file (.docx is one) and of Microsoft's older compound files: a
# .doc, or any Office file saved with a password (its zip is encrypted inside one).
ZIP, COMPOUND = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
WORD_BODY = "word/document.xml"
# A .docx is compressed: its text may unpack to many times the file. A profile's body is
# well under a megabyte; more than this is not a profile (or a zip bomb).
MAX_UNPACKED = 100 * 1000 * 1000
BULLET = "•"


def read_document_text(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The document's text, lines kept, from a PDF with a text layer, a Word document or a
    text file."""
    check_size(data, max_bytes)
    if b"%PDF-" in data[:1024]:
        return _pdf_text(data)
    if data.startswith(ZIP):
        return _word_text(data)
    if data.startswith(COMPOUND):
        raise _old_or_protected_office(data)
    return _plain_text(data)


def _plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnreadableFileError(
            "Dit is geen PDF- of tekstbestand. Lees het profiel in als PDF met tekst of als "
            "tekstbestand (.txt)."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a character here; never fails


def _pdf_text(data: bytes) -> str:
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableFileError(
            "Dit PDF-bestand is beschadigd of onvolledig: het einde ontbreekt. Sla het opnieuw "
            "op of upload het nog eens."
        )
    # pypdf logs every oddity of a broken file as a warning; the user gets one message.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
        if len(reader.pages) > MAX_PAGES:
            raise UnreadableFileError(
                f"Dit PDF-bestand heeft meer dan {MAX_PAGES} pagina's; dat is geen "
                "ondersteuningsprofiel."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFileError:
        raise
    except (pypdf.errors.FileNotDecryptedError, pypdf.errors.DependencyError) as exc:
        # DependencyError: AES needs `cryptography`, which we leave out; such a file is
        # encrypted all the same, and the user can save it without a password.
        raise _encrypted() from exc
    except BROKEN as exc:
        raise UnreadableFileError(
            "Dit PDF-bestand is beschadigd of onvolledig en kan niet gelezen worden."
        ) from exc
    text = "\n".join(pages)
    if not any(c.isalpha() for c in text):
        raise UnreadableFileError(NO_TEXT_LAYER)
    return text


def _old_or_protected_office(data: bytes) -> UnreadableFileError:
    if ENCRYPTED_PACKAGE in data:
        return UnreadableFileError(
            "Dit Word-bestand is beveiligd met een wachtwoord. Sla het zonder wachtwoord op en "
            "probeer het opnieuw."
        )
    return UnreadableFileError(
        "Dit is een Word-bestand in het oude formaat (.doc) of een ander ouder Office-bestand. "
        "Open het in Word en sla het op als Word-document (.docx), als PDF of als tekstbestand."
    )


def _word_text(data: bytes) -> str:
    broken = UnreadableFileError(
        "Dit Word-bestand is beschadigd of onvolledig en kan niet gelezen worden. Sla het "
        "opnieuw op of upload het nog eens."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.getinfo(WORD_BODY) if WORD_BODY in archive.namelist() else None
            unpacked = sum(info.file_size for info in archive.infolist())
        if body is None:
            raise UnreadableFileError(
                "Dit is een Office-bestand, maar geen Word-document (.docx). Lees het profiel "
                "in als Word-document, als PDF met tekst of als tekstbestand (.txt)."
            )
        if unpacked > MAX_UNPACKED:
            raise UnreadableFileError(
                "Dit Word-bestand pakt uit tot meer dan 100 MB; dat is geen ondersteuningsprofiel."
            )
        lines = list(_word_lines(docx.Document(io.BytesIO(data))))
    except UnreadableFileError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OpcError,
        LxmlError,
        *BROKEN,
    ) as exc:
        raise broken from exc
    text = "\n".join(lines)
    if not any(c.isalpha() for c in text):
        raise UnreadableFileError("In dit Word-document staat geen tekst.")
    return text


def _word_lines(document: docx.document.Document) -> Iterator[str]:
    """Paragraphs and table rows in the order Word shows them; headers and footers (page
    numbers, the school's logo text) are left out, as they are no part of a theme."""
    lists = _ListStyles()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield from _paragraph_lines(block, lists)
        else:
            yield from _table_lines(block, lists)


def _paragraph_lines(paragraph: Paragraph, lists: _ListStyles) -> list[str]:
    # A line break inside a paragraph (Shift+Enter) is a line of its own, as in a PDF.
    lines = paragraph.text.splitlines() or [""]
    if lists.is_item(paragraph) and lines[0].strip() and lines[0].lstrip()[0] not in BULLETS:
        lines[0] = f"{BULLET} {lines[0].strip()}"
    return lines


class _ListStyles:
    """Word draws a list's bullet itself: the paragraph is numbered, directly or by its
    style. Whether a style numbers is asked once per style: python-docx searches the
    styles part for every paragraph's style, which was nearly all of a document's time."""

    def __init__(self) -> None:
        self.numbered: dict[str | None, bool] = {}

    def is_item(self, paragraph: Paragraph) -> bool:
        properties = paragraph._p.pPr
        if properties is not None and properties.numPr is not None:
            return True
        style_id = paragraph._p.style
        if style_id not in self.numbered:
            self.numbered[style_id] = _numbers(paragraph.style)
        return self.numbered[style_id]


def _numbers(style: Any) -> bool:
    while style is not None:
        if style.name and style.name.casefold().startswith(("list", "lijst")):
            return True
        if style.element.pPr is not None and style.element.pPr.numPr is not None:
            return True
        style = style.base_style
    return False


def _table_lines(table: Table, lists: _ListStyles) -> Iterator[str]:
    """A row of single-line cells is one line ("• mediation | (i.o.)" reads as one offer);
    cells with several paragraphs give each paragraph its own line."""
    for row in table.rows:
        cells = _unique_cells(row.cells)
        paragraphs = [
            [line for p in cell.paragraphs for line in _paragraph_lines(p, lists)] for cell in cells
        ]
        if all(len(lines) <= 1 for lines in paragraphs):
            yield " ".join(lines[0].strip() for lines in paragraphs if lines and lines[0].strip())
        else:
            for lines in paragraphs:
                yield from lines
            for cell in cells:
                for inner in cell.tables:
                    yield from _table_lines(inner, lists)


def _unique_cells(cells: Sequence[_Cell]) -> list[_Cell]:
    # A merged cell is returned once per grid column it spans.
    seen: set[int] = set()
    unique = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            unique.append(cell)
    return unique


def _encrypted() -> UnreadableFileError:
    return UnreadableFileError(
        "Dit PDF-bestand is beveiligd met een wachtwoord. Sla het zonder wachtwoord op en "
        "probeer het opnieuw."
    )
