"""The one way to make a PDF: tagged PDF/UA-1 from our own HTML.

The font is Open Sans (Debian's fonts-open-sans, static TTFs that WeasyPrint subsets and
embeds quickly; the variable Source Sans 3 cost a second per document to instance).

WeasyPrint is imported on first use, so pages and commands that never print don't pay
for it. Only local files and data: URLs are fetched: a document never reaches out to the
network, whatever a school typed.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

STATIC = Path(__file__).resolve().parent.parent / "static" / "opensop" / "documents"


@functools.cache
def _engine() -> tuple[Any, FontConfiguration, list[CSS], Any]:
    # Imported here on purpose: pages that never print don't load the engine.
    from weasyprint import CSS, HTML  # noqa: PLC0415
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    fonts = FontConfiguration()
    stylesheets = [
        CSS(filename=str(STATIC / "document.css"), font_config=fonts, url_fetcher=fetcher),
        CSS(filename=str(STATIC / "print.css"), font_config=fonts, url_fetcher=fetcher),
    ]
    return HTML, fonts, stylesheets, fetcher


def render_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 of a complete HTML document (lang, title, headings, table headers)."""
    html_class, fonts, stylesheets, fetcher = _engine()
    document = html_class(string=html, base_url=str(STATIC), url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/ua-1"
    )
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def page_count(html: str) -> int:
    html_class, fonts, stylesheets, fetcher = _engine()
    document = html_class(string=html, base_url=str(STATIC), url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts
    )
    return len(document.pages)
