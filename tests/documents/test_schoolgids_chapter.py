"""The chapter for the schoolgids, for both seed formats, in its three forms: the web page,
Word (with Word's own heading styles, real lists, tables with a header row) and tagged PDF.
Straight from the example profiles and the shipped basisondersteuning (no database)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from django.template.loader import render_to_string
from docx import Document

from opensop.basisondersteuning.text import read_yaml
from opensop.documents import chapter
from opensop.documents.chapter_docx import chapter_docx
from opensop.documents.pdf import render_pdf
from opensop.formats.definition import FormatDefinition
from tests.documents.conftest import PDFTOTEXT, answers, definition, facts

DATA = Path(__file__).resolve().parents[2] / "src" / "opensop" / "basisondersteuning" / "data"
BASE = {"po": "zuid-limburg.yaml", "vo": "zuid-kennemerland.yaml"}
STEUNPUNT = chapter.ParentHelp(
    name="Ouder- en jeugdsteunpunt Voorbeeldregio",
    phone="023 765 43 21",
    email="steunpunt@example.nl",
    website="https://steunpunt.example.nl",
    text="Voor onafhankelijk advies over passend onderwijs.",
)
# What the example profiles offer beyond the base, in the chapter's words.
OFFERS = {
    "po": ["Compenserende software", "positive behavior support", "Dyslexie"],
    "vo": ["Zorgcoach(es)", "Regelkaart voor dyslexie", "Rolstoeltoegankelijkheid (voor een deel)"],
}


def build(family: str, definition_: FormatDefinition | None = None) -> chapter.Chapter:
    text = read_yaml((DATA / BASE[family]).read_text(encoding="utf-8"))
    return chapter.chapter(
        definition_ or definition(family),
        answers(family),
        facts(family, concept=False),
        chapter.BaseSupportInForce(text, 2),
        STEUNPUNT,
    )


def html(doc: chapter.Chapter) -> str:
    return render_to_string("documents/chapter.html", {"doc": doc})


@pytest.mark.parametrize("family", ["po", "vo"])
def test_the_chapter_says_base_support_extra_offer_and_where_parents_get_help(family: str) -> None:
    doc = build(family)
    top = [title for level, title in doc.headings() if level == 2]
    assert top == [
        "Basisondersteuning: wat elke school biedt",
        "Extra ondersteuning op onze school",
        "Hulp en advies voor ouders",
    ]  # no limits: neither seed format asks what the school cannot offer
    titles = [title for _, title in doc.headings()]
    assert "Ouder- en jeugdsteunpunt Voorbeeldregio" in titles
    assert "Ondersteuning per onderwijsbehoefte" in titles
    page = html(doc)
    for word in [*OFFERS[family], "023 765 43 21", "versie 2", "3 februari 2026"]:
        assert word in page


def test_the_base_support_comes_from_the_format_when_the_swv_has_no_version() -> None:
    doc = chapter.chapter(
        definition("vo"), answers("vo"), facts("vo", concept=False), None, chapter.ParentHelp()
    )
    base = doc.sections[0]
    assert [s.title for s in base.subsections][:3] == [
        "Wat basisondersteuning is",
        "Samenwerking met ouders en informatie naar de ouders bij zorgtoewijzing",
        "Zorg voor een veilig schoolklimaat",
    ]
    assert "Vraag de school hoe u het bereikt" in html(doc)


def test_limits_appear_where_the_format_asks_for_them() -> None:
    data: dict[str, Any] = definition("vo").model_dump(mode="json", exclude_none=True)
    data["sections"][1]["items"].append(
        {"key": "grenzen", "kind": "long_text", "label": "Wat wij niet kunnen bieden"}
    )
    data["documents"]["chapter"] = {"limits": ["grenzen"]}
    asking = FormatDefinition.model_validate(data)
    given = {**answers("vo"), "grenzen": "Wij hebben geen lift in het oude gebouw."}
    doc = chapter.chapter(asking, given, facts("vo", concept=False), None, chapter.ParentHelp())
    limits = next(s for s in doc.sections if s.key == "grenzen")
    assert limits.title == "Wat onze school niet kan bieden"
    assert limits.blocks[0].text == "Wij hebben geen lift in het oude gebouw."


@pytest.mark.parametrize("family", ["po", "vo"])
def test_the_word_file_uses_words_heading_styles_lists_and_a_table_header(family: str) -> None:
    doc = build(family)
    word = Document(io.BytesIO(chapter_docx(doc)))
    headings = [
        (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", doc.title)
    assert ("Heading 2", "Extra ondersteuning op onze school") in headings
    assert ("Heading 3", "Ondersteuning per onderwijsbehoefte") in headings
    assert {style for style, _ in headings} == {"Heading 1", "Heading 2", "Heading 3"}
    text = "\n".join(p.text for p in word.paragraphs)
    for offer in OFFERS[family]:
        assert offer in text or any(offer in c.text for t in word.tables for c in t._cells)
    assert any(p.style.name == "List Bullet" for p in word.paragraphs)
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Onderwijsbehoefte", "Biedt onze school hulp?"]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert word.core_properties.title == doc.title
    assert word.core_properties.language == "nl-NL"


@pytest.mark.parametrize("family", ["po", "vo"])
def test_the_pdf_is_tagged_dutch_and_holds_the_offer(family: str, tmp_path: Path) -> None:
    doc = build(family)
    path = tmp_path / "hoofdstuk.pdf"
    path.write_bytes(render_pdf(doc))
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "nl-NL"
        assert pdf.Root.MarkInfo.Marked
    text = subprocess.run(
        [PDFTOTEXT, "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = " ".join(text.split())
    assert doc.title in words
    assert "Hulp en advies voor ouders" in words
    for offer in OFFERS[family]:
        assert offer in words


@pytest.mark.parametrize("family", ["po", "vo"])
def test_the_pdf_has_title_embedded_fonts_and_table_headers_and_renders_the_same_twice(
    family: str,
) -> None:
    doc = build(family)
    first = render_pdf(doc)
    assert render_pdf(doc) == first  # adopted: dated by the adoption, byte for byte the same
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.docinfo["/Title"]) == doc.title
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260203")
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                for part in font.get("/DescendantFonts", [font]):
                    assert "/FontFile2" in part.FontDescriptor or "/FontFile3" in (
                        part.FontDescriptor
                    )
        tags = structure_tags(pdf.Root.StructTreeRoot.K)
    for tag in ("/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/THead", "/TH", "/TD"):
        assert tag in tags, tag
    with pikepdf.open(io.BytesIO(first)) as pdf, pdf.open_outline() as outline:
        (top,) = outline.root
        assert top.title == doc.title
        assert [b.title for b in top.children] == [
            title for level, title in doc.headings() if level == 2
        ]


def structure_tags(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, pikepdf.Array):
        for child in node:
            found |= structure_tags(child)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.add(str(node.S))
        if "/K" in node:
            found |= structure_tags(node.K)
    return found


@pytest.mark.parametrize("family", ["po", "vo"])
def test_a_name_with_markup_characters_prints_as_typed(family: str) -> None:
    """The school's name travels as data: Typst never reads it as markup."""
    doc = build(family)
    doc.title = "Ondersteuning op *De #Ster* $x$ [a](b)"
    text = pdf_words(render_pdf(doc))
    assert "Ondersteuning op *De #Ster* $x$ [a](b)" in text


def pdf_words(pdf: bytes) -> str:
    text = subprocess.run(
        [PDFTOTEXT, "-raw", "-", "-"], input=pdf, check=True, capture_output=True
    ).stdout.decode()
    return " ".join(text.split())


@pytest.mark.parametrize("family", ["po", "vo"])
def test_the_web_page_has_a_language_one_title_and_table_headers(family: str) -> None:
    page = html(build(family))
    assert '<html lang="nl-NL">' in page
    assert page.count("<h1>") == 1
    assert '<th scope="col">Onderwijsbehoefte</th>' in page
    assert '<th scope="row">' in page
