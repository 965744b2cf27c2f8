"""The schoolgids chapter as a Word document that drops into an existing schoolgids.

Word's built-in styles only (Title, Heading 1-3, List Bullet, Table Grid): pasted into a
school's own guide, the chapter takes on that guide's look and its headings join the
guide's table of contents. Lists are real lists; tables repeat their header row.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from opensop.documents.chapter import Block, Chapter, ChapterSection

LANGUAGE = "nl-NL"


def chapter_docx(chapter: Chapter) -> bytes:
    document = Document()
    _set_language(document)
    properties = document.core_properties
    properties.title = chapter.title
    properties.author = chapter.facts.school_name
    properties.subject = f"Schoolgids {chapter.facts.school_year}: ondersteuning"
    properties.language = LANGUAGE
    document.add_heading(chapter.title, level=1)
    for block in chapter.intro:
        _add_block(document, block)
    for section in chapter.sections:
        for level, part in section.walk(level=2):
            _add_section(document, part, level)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_section(document: WordDocument, section: ChapterSection, level: int) -> None:
    document.add_heading(section.title, level=min(level, 9))
    for block in section.blocks:
        _add_block(document, block)


def _add_block(document: WordDocument, block: Block) -> None:
    if block.kind == "paragraph":
        document.add_paragraph(block.text)
    elif block.kind == "list":
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif block.kind == "table":
        _add_table(document, block)


def _add_table(document: WordDocument, block: Block) -> None:
    table: Table = document.add_table(
        rows=1 + len(block.rows), cols=len(block.header), style="Table Grid"
    )
    header = table.rows[0]
    for cell, text in zip(header.cells, block.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # Mark the first row as the header row: repeated on each page, read as headers.
    row_properties = header._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row_properties.append(marker)
    for table_row, row in zip(table.rows[1:], block.rows, strict=True):
        for cell, text in zip(table_row.cells, row, strict=True):
            cell.text = text
    document.add_paragraph()


def _set_language(document: WordDocument) -> None:
    """Dutch for spelling and screen readers, in the document's default run style."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_properties = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if run_properties is None:
        return
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
