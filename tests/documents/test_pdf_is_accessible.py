"""PDF/UA-1 as far as it can be checked here (veraPDF is not available from this machine's
registries): tagged structure, language, title, embedded fonts, outline, reading order."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf

from opensop.documents import content, typeset
from tests.documents.conftest import (
    Rendered,
    answers,
    definition,
    facts,
    logo_data_url,
    render,
)


def structure_types(rendered: Rendered) -> Counter[str]:
    found: Counter[str] = Counter()

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found[str(node.S)] += 1
            if "/K" in node:
                walk(node.K)

    with rendered.open() as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return found


def test_tagged_with_language_and_title(full_po: Rendered) -> None:
    with full_po.open() as pdf:
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        title = str(pdf.docinfo["/Title"])
        assert title == "Schoolondersteuningsprofiel Zuid-Limburg PO 2025-2026 — De Verscheidenheid"
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") == title


def test_headings_lists_and_tables_are_tagged(full_po: Rendered) -> None:
    types = structure_types(full_po)
    for tag in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD"):
        assert types[tag] > 0, tag
    # One Table per table, also for those that run onto the next page; every table, the
    # questions and answers too, has a header row of TH cells.
    data = typeset.document_data(full_po.doc)
    blocks = [kind for section in data["sections"] for kind, _ in section["blocks"]]
    tables = blocks.count("pairs") + blocks.count("table") + 1  # and the norms
    assert types["/Table"] == tables >= 15
    assert types["/THead"] == tables
    assert types["/TH"] >= 2 * types["/Table"]
    # The contents is tagged as a table of contents, one entry per section.
    assert types["/TOC"] > 0
    assert types["/TOCI"] == len(full_po.doc.sections) + 1  # the sections and the appendix


def test_every_font_is_embedded(full_po: Rendered) -> None:
    with full_po.open() as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendants = font.get("/DescendantFonts", [font])
                for part in descendants:
                    descriptor = part.FontDescriptor
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    assert "OpenSans" in str(descriptor.FontName)


def test_bookmarks_follow_the_sections(full_po: Rendered) -> None:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            titles.append(item.title)
            walk(item.children)

    with full_po.open() as pdf, pdf.open_outline() as outline:
        walk(outline.root)
    assert titles[0] == "Schoolondersteuningsprofiel Zuid-Limburg PO 2025-2026"
    assert "1 Inleiding" in titles
    assert "3 Basisondersteuning" in titles
    assert titles.index("2 Algemene gegevens") < titles.index("5 Ambities en ontwikkeldoelen")


def test_text_comes_out_in_reading_order(full_po: Rendered) -> None:
    text = full_po.words()
    body = text[text.index("1 Inleiding Het schoolondersteuningsprofiel") :]
    order = ["2.1 Algemene gegevens", "3.3 Ankerpunt", "5 Ambities", "Bijlage: normen"]
    positions = [body.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_the_swv_logo_is_a_figure_with_alt_text(tmp_path: Path) -> None:
    doc = content.summary(
        definition("po"), answers("po"), facts("po", concept=False, logo=logo_data_url())
    )
    rendered = render(doc, tmp_path / "logo.pdf")
    assert rendered.pages == 1
    alts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node.K)

    with rendered.open() as pdf:
        walk(pdf.Root.StructTreeRoot.K)
        assert any(page.get_images() for page in pdf.pages)
    assert alts == ["Logo van Voorbeeldregio"]
