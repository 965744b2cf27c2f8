"""The document model as data for the Typst templates (typst/*.typ).

The PDF is typeset from the same model (documents/content.py) as the web page, so the two
never disagree. Every text a school typed travels as a JSON string value and is placed by
the template as text: nothing here writes Typst markup, so no answer can inject any.
Sentences that the web templates compose from several facts are composed here once, in
the same words.
"""

from __future__ import annotations

import base64
import datetime
import json
import re
from typing import Any

from django.template.defaultfilters import date as dutch_date

from opensop.basisondersteuning.text import Part
from opensop.documents.chapter import Block, Chapter
from opensop.documents.content import DocumentFacts, FullProfile, Summary
from opensop.formats.norms import NormResult
from opensop.profiles.presentation import ShownItem, ShownSection

Document = FullProfile | Summary | Chapter


def document_json(doc: Document) -> str:
    """What a template reads as `sys.inputs.document`."""
    return json.dumps(document_data(doc), ensure_ascii=False, separators=(",", ":"))


def document_data(doc: Document) -> dict[str, Any]:
    common = {
        "title": doc.title if isinstance(doc, Chapter) else doc.window_title,
        "description": _description(doc),
        "facts": _facts(doc.facts),
        "logo": _logo_bytes(doc.facts.logo),
    }
    if isinstance(doc, FullProfile):
        return common | _full(doc)
    if isinstance(doc, Chapter):
        return common | _chapter(doc)
    return common | _summary(doc)


def timestamp(facts: DocumentFacts) -> datetime.datetime | None:
    """The date in the PDF's metadata: the adoption for a document that is kept (so a
    second rendering is byte-identical), none for a concept (rendered on each request)."""
    if facts.adoption is None:
        return None
    return datetime.datetime.combine(facts.adoption.adopted_on, datetime.time(), datetime.UTC)


def paragraphs(text: str) -> list[list[str]]:
    """Paragraphs (split on blank lines), each as its lines: what Django's linebreaks does."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return [p.split("\n") for p in re.split(r"\n{2,}", text) if p.strip()]


def _description(doc: Document) -> str:
    f = doc.facts
    return f"{doc.title}, {f.school_name} ({f.school_code})"


def _facts(facts: DocumentFacts) -> dict[str, Any]:
    return {
        "school_name": facts.school_name,
        "school_year": facts.school_year,
        "swv_code": facts.swv_code,
        "swv_name": facts.swv_name,
        "state_label": facts.state_label,
        "concept": facts.concept,
        "adoption": facts.adoption is not None,
    }


def _logo_bytes(logo: str) -> list[int] | None:
    """The logo's bytes (the template cannot decode base64): a data: URL, as on the page."""
    if not logo:
        return None
    return list(base64.b64decode(logo.split(",", 1)[1]))


def _full(doc: FullProfile) -> dict[str, Any]:
    f = doc.facts
    facts_list = [
        ("School", f.school_name),
        ("Brinnummer", f.school_code),
        *([("Adres", f.address)] if f.address else []),
        ("Bestuur", f.board),
        ("Samenwerkingsverband", f"{f.swv_code} {f.swv_name}"),
        ("Schooljaar", f.school_year),
        ("Formaat", doc.format_ref),
        *([("Status", f.state_label)] if f.concept else []),
    ]
    adoption_list: list[tuple[str, str]] = []
    if f.adoption is not None:
        a = f.adoption
        if a.advice_date:
            advice = dutch_date(a.advice_date, "j F Y")
            if a.advice_text:
                advice += f": {a.advice_text}"
            adoption_list.append((a.council_label, advice))
        adoption_list += [
            ("Vastgesteld door het bestuur", dutch_date(a.adopted_on, "j F Y")),
            ("Namens de school", a.signatory_school),
            ("Namens het bestuur", a.signatory_board),
        ]
    return {
        "heading": doc.title,
        "lead": f.school_name + (f" — versie {f.edition}" if f.edition > 1 else ""),
        "facts_list": facts_list,
        "adoption_list": adoption_list,
        "adoption_heading": f.adoption.heading if f.adoption else "",
        "sections": [_section(s, concept=f.concept) for s in doc.sections],
        "norms": None if doc.norms is None else [_norm(r) for r in doc.norms],
        "base_support": _base_support(doc),
    }


def _base_support(doc: FullProfile) -> dict[str, Any] | None:
    """The SWV's basisondersteuning parts no fixed text takes, in full.html's words."""
    if not doc.base_support_title:
        return None
    return {
        "heading": "Basisondersteuning van het samenwerkingsverband",
        "lead": f"Dit profiel volgt {doc.base_support_title}. Het samenwerkingsverband houdt "
        "deze tekst bij voor al zijn scholen.",
        "parts": [_part(part) for part in doc.base_support_parts],
    }


def _part(part: Part) -> dict[str, Any]:
    return {
        "title": part.title,
        "blocks": [
            {"kind": "list", "items": list(b.lines)}
            if b.is_list
            else {"kind": "paragraph", "text": b.lines[0]}
            for b in part.blocks()
        ],
    }


def _section(section: ShownSection, *, concept: bool) -> dict[str, Any]:
    return {
        "number": section.number,
        "title": section.title,
        "level": section.heading_level,
        "text": paragraphs(section.text),
        "blocks": [
            (kind, [_item(item, concept=concept) for item in items])
            for kind, items in section.blocks
        ],
        "computed": section.computed,
    }


def _item(item: ShownItem, *, concept: bool) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "label": item.label,
        "number": item.number,
        "empty": item.empty,
        "missing": item.empty and item.required and concept,
        "text": item.text,
        "paragraphs": paragraphs(item.text),
    }
    if item.table is not None:
        shown["table"] = {"header": item.table.header, "rows": item.table.rows}
    return shown


def _norm(result: NormResult) -> dict[str, str]:
    norm = result.norm
    explanation = result.explanation
    if norm.interpretation:
        explanation += f" Zo lezen we deze norm: {norm.interpretation}"
    return {
        "name": f"{norm.section} {norm.title}" if norm.section else norm.title,
        "outcome": result.outcome.label,
        "explanation": explanation,
    }


def _summary(doc: Summary) -> dict[str, Any]:
    f = doc.facts
    left_out = doc.extra_support_left_out
    return {
        "identity": (f"{f.address} · " if f.address else "")
        + f"brin {f.school_code} · bestuur: {f.board}"
        + f" · samenwerkingsverband {f.swv_code} {f.swv_name}",
        "school_text": [[p] for p in doc.school_text],
        "school_text_cut": doc.school_text_cut,
        "needs": [{"name": n.name, "label": n.label, "marks": n.marks} for n in doc.needs],
        "extra_support": doc.extra_support,
        "extra_support_left_out": left_out,
        "left_out_text": f"En nog {left_out} andere vorm{'en' if left_out != 1 else ''} van "
        "ondersteuning: lees verder in het volledige profiel.",
        "contact": doc.contact,
        "full_profile_text": "Het volledige schoolondersteuningsprofiel"
        + (f": {f.full_url}." if f.full_url else " vraagt u op bij de school."),
    }


def _chapter(doc: Chapter) -> dict[str, Any]:
    """The chapter's headings flattened in reading order, each with its level (2, 3)."""
    return {
        "heading": doc.title,
        "intro": [_block(b) for b in doc.intro],
        "sections": [
            {"level": level, "title": s.title, "blocks": [_block(b) for b in s.blocks]}
            for top in doc.sections
            for level, s in top.walk()
        ],
    }


def _block(block: Block) -> dict[str, Any]:
    if block.kind == "list":
        return {"kind": "list", "items": list(block.items)}
    if block.kind == "table":
        return {
            "kind": "table",
            "header": list(block.header),
            "rows": [list(row) for row in block.rows],
        }
    return {"kind": "paragraph", "text": block.text}
