"""The text of an older profile document: a PDF with a text layer or a plain-text file
(Django-free).

pikepdf reads forms but does not lay out text; pypdf does. Whatever the bytes, the only
error that leaves this module is `UnreadableFileError`, with a plain Dutch message.
"""

from __future__ import annotations

import io
import logging

import pypdf
from pypdf.errors import PyPdfError

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


def read_document_text(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The document's text, lines kept, from a PDF with a text layer or a text file."""
    check_size(data, max_bytes)
    if b"%PDF-" in data[:1024]:
        return _pdf_text(data)
    if data[:4] == b"PK\x03\x04":
        raise UnreadableFileError(
            "Dit lijkt een Word- of ander Office-bestand. Sla het op als PDF of als "
            "tekstbestand (.txt) en lees dat in."
        )
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


def _encrypted() -> UnreadableFileError:
    return UnreadableFileError(
        "Dit PDF-bestand is beveiligd met een wachtwoord. Sla het zonder wachtwoord op en "
        "probeer het opnieuw."
    )
