"""The full profile: every question and answer of the format, in order, tidy for print."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from opensop.basisondersteuning.text import read_yaml
from opensop.documents import content, typeset
from opensop.documents.pdf import render_pdf
from opensop.documents.services import html_for
from opensop.profiles.presentation import ShownItem
from tests.documents.conftest import Rendered, answers, definition, facts, render, squeeze
from tests.documents.test_schoolgids_chapter import BASE, DATA


def expected_texts(doc: content.FullProfile) -> list[str]:
    """Every label and every answer as the document should show it."""
    texts: list[str] = []
    for section in doc.sections:
        texts.append(f"{section.number} {section.title}")
        for item in section.items:
            texts += [item.label, *_answer_texts(item)]
    return texts


def _answer_texts(item: ShownItem) -> list[str]:
    if item.table is not None:
        return [cell for row in item.table.rows for cell in row if cell] + [
            h for h in item.table.header if h
        ]
    if item.kind == "fixed_text":
        return [p for p in item.text.split("\n") if p.strip()]
    return [line for line in item.text.split("\n") if line.strip()]


@pytest.mark.parametrize("family", ["full_po", "full_vo"])
def test_every_label_and_answer_is_in_the_pdf(family: str, request: pytest.FixtureRequest) -> None:
    rendered: Rendered = request.getfixturevalue(family)
    assert isinstance(rendered.doc, content.FullProfile)
    text = squeeze(rendered.text())
    missing = [t for t in expected_texts(rendered.doc) if squeeze(t) not in text]
    assert missing == []


def test_front_matter_names_school_board_swv_year_and_format(full_po: Rendered) -> None:
    first_page = full_po.words(page=1)
    for expected in (
        "Schoolondersteuningsprofiel Zuid-Limburg PO 2025-2026",
        "De Verscheidenheid",
        "99XA00",
        "Schoolstraat 1, 6411 AB Heerlen",
        "Stichting A",
        "PO 31-06 Voorbeeldregio",
        "Schoolondersteuningsprofiel Zuid-Limburg PO, versie 1",
    ):
        assert expected in first_page


def test_a_concept_says_so_on_every_page(full_po: Rendered) -> None:
    for page in range(1, full_po.pages + 1):
        assert "CONCEPT — nog niet vastgesteld" in full_po.text(page=page), page


def test_an_adopted_profile_carries_the_adoption_and_no_concept_mark(full_vo: Rendered) -> None:
    text = full_vo.words()
    assert "CONCEPT" not in text
    assert "Advies (G)MR 20 januari 2026: Positief advies." in text
    assert "Vastgesteld door het bestuur 3 februari 2026" in text
    assert "Namens de school dhr. K. Janssen" in text
    assert "Namens het bestuur mw. P. Hendriks" in text


def test_running_header_and_page_numbers(full_po: Rendered) -> None:
    last = full_po.pages
    page_two = full_po.words(page=2)
    assert "De Verscheidenheid · 2025-2026" in page_two
    assert f"Pagina 2 van {last}" in page_two


def test_table_of_contents_with_page_numbers(full_po: Rendered) -> None:
    text = full_po.words(page=1)
    assert "Inhoud" in text
    assert re.search(r"3\.3 Ankerpunt: Specifieke ondersteuning \d+ ", text)
    assert ". . ." not in text  # no leader dots for a screen reader to read out


def test_scales_read_as_levels_and_offers_with_their_state(
    full_po: Rendered, full_vo: Rendered
) -> None:
    assert "4 van 4" in full_po.words()
    assert "4 (76–100 %)" in full_po.words()
    vo = full_vo.words()
    assert "in ontwikkeling" in vo
    assert "(eigen aanbod)" in vo


def test_computed_totals_are_shown(full_po: Rendered) -> None:
    assert re.search(r"Totaal aantal leerlingen: \d+", full_po.words())


def test_norms_appendix_and_the_swv_can_switch_it_off(full_po: Rendered) -> None:
    text = full_po.words()
    assert "Bijlage: normen van het samenwerkingsverband" in text
    assert "Passende ondersteuning op de eerste vier interventies" in text
    po = definition("po")
    without = po.model_copy(
        update={"documents": po.documents.model_copy(update={"norms_appendix": False})}
    )
    doc = content.full_profile(without, answers("po"), facts("po", concept=True))
    assert doc.norms is None
    assert "Bijlage: normen" not in html_for(doc)


def test_empty_required_answers_are_marked_in_a_concept(tmp_path: Path) -> None:
    doc = content.full_profile(definition("po"), {}, facts("po", concept=True))
    html = html_for(doc)
    assert 'class="empty missing">nog niet ingevuld' in html
    assert "Ontbreekt: nog niet ingevuld" in render(doc, tmp_path / "concept.pdf").words()
    adopted = content.full_profile(definition("po"), {}, facts("po", concept=False))
    assert "missing" not in html_for(adopted)
    pdf_text = render(adopted, tmp_path / "adopted.pdf").words()
    assert "nog niet ingevuld" in pdf_text
    assert "Ontbreekt" not in pdf_text


def test_html_and_pdf_come_from_the_same_model(full_po: Rendered) -> None:
    """The page and the PDF data are built from one model: the same texts and tables."""
    assert isinstance(full_po.doc, content.FullProfile)
    data = typeset.document_data(full_po.doc)
    blocks = [kind for section in data["sections"] for kind, _ in section["blocks"]]
    assert full_po.html.count('class="qa"') == blocks.count("text") + blocks.count("fixed")
    assert full_po.html.count("<table") == blocks.count("pairs") + blocks.count("table") + 1
    assert data["title"] == re.search(r"<title>(.*)</title>", full_po.html)[1]  # type: ignore[index]


HOSTILE = '<script>alert("x")</script> #panic("x") *vet* $x$ <label> @ref [#link("x")] \\'


def test_school_text_cannot_inject_markup(tmp_path: Path) -> None:
    """What a school types is shown as typed, on the page and in the PDF (Typst gets it
    as data, never as markup)."""
    hostile = {**answers("po"), "directeur": HOSTILE}
    doc = content.full_profile(
        definition("po"), hostile, facts("po", concept=True, school_name='#set text(red) "x"')
    )
    assert "<script>" not in html_for(doc)
    rendered = render(doc, tmp_path / "hostile.pdf")
    assert squeeze(HOSTILE) in squeeze(rendered.text())
    assert '#set text(red) "x" · 2025-2026' in rendered.words(page=2)


def test_a_document_that_is_kept_renders_byte_identical() -> None:
    """An adopted profile's PDF carries its adoption date, not the time of rendering."""
    doc = content.full_profile(definition("vo"), answers("vo"), facts("vo", concept=False))
    first = render_pdf(doc)
    assert render_pdf(doc) == first
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260203")


def test_the_pdf_shows_the_swv_base_support_where_the_page_does(tmp_path: Path) -> None:
    """The SWV's parts that no fixed text takes (seed PO: the four anchor points): after the
    sections, in the contents as one entry, each part under its own heading, as on the page."""
    doc = content.full_profile(definition("po"), answers("po"), facts("po", concept=False))
    base = read_yaml((DATA / BASE["po"]).read_text(encoding="utf-8"))
    doc.base_support_title = f"{base.title}, versie 2, geldig vanaf 1 augustus 2025"
    doc.base_support_parts = list(base.parts)
    rendered = render(doc, tmp_path / "full.pdf")
    heading = "Basisondersteuning van het samenwerkingsverband"
    lead = f"Dit profiel volgt {doc.base_support_title}."
    for shown in (rendered.html, rendered.words()):
        assert heading in shown
        assert lead in " ".join(shown.split())
        assert "Ankerpunt 4: Ondersteuningsstructuur" in shown
    words = rendered.words()
    contents = words[words.index("Inhoud") : words.index(lead)]
    assert heading in contents  # one contents entry, as in the page's Inhoud
    assert "Ankerpunt 1" not in contents
    # After the last section, before the norms appendix, as on the page.
    last_section = f"{doc.sections[-1].number} {doc.sections[-1].title}"
    assert words.rindex(last_section) < words.index(lead) < words.rindex("Bijlage: normen")
    with rendered.open() as pdf:
        bookmarks = all_titles(pdf.open_outline().root)
    assert heading in bookmarks
    assert "Ankerpunt 4: Ondersteuningsstructuur" in bookmarks


def all_titles(items: list[Any]) -> list[str]:
    return [title for item in items for title in [item.title, *all_titles(item.children)]]
