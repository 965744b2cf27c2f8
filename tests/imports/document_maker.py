"""Older profile documents for the tests: the seed-002 text, as text and as a PDF with a
text layer (rendered by WeasyPrint, one paragraph per line of the text)."""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED_DOCUMENT = DATA / "profiel_zuid_kennemerland_2014.txt"  # seed 002, as it came


def seed_text() -> str:
    return SEED_DOCUMENT.read_text(encoding="utf-8")


def pdf_of(text: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - slow to import; only the PDF tests need it

    lines = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    page = (
        "<html lang='nl'><head><meta charset='utf-8'><style>"
        "@page{size:A4;margin:2cm} body{font:10pt sans-serif} p{margin:0 0 2pt}"
        f"</style></head><body>{lines}</body></html>"
    )
    return bytes(HTML(string=page).write_pdf())


@cache
def seed_pdf() -> bytes:
    return pdf_of(seed_text())


@cache
def scan_pdf() -> bytes:
    """A page with only a picture on it: what a scanner makes, no text layer."""
    from weasyprint import HTML  # noqa: PLC0415

    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='200'>"
        "<rect width='400' height='200' fill='#ddd'/><rect x='20' y='20' width='300' "
        "height='10' fill='#333'/></svg>"
    )
    page = f"<html><body><img alt='' src='data:image/svg+xml,{svg}'></body></html>"
    return bytes(HTML(string=page).write_pdf())
