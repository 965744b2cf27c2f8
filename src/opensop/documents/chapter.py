"""The chapter a school puts in its schoolgids: its support offer in plain words (B1).

One model, separate from any look, for the three forms (web page, Word, PDF): headings,
paragraphs, lists and tables. Plain Python: it takes the format, the answers, the SWV's
basisondersteuning in force and its ouder- en jeugdsteunpunt; the web layer fills those in.
What the school offers per support need comes from the format core (formats/needs.py), the
same judgement as in the summary and the overview; nothing is judged here anew.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from opensop.basisondersteuning.text import BaseSupportText, Part, text_blocks
from opensop.documents.content import DocumentFacts, contact_lines
from opensop.formats.definition import (
    FixedTextItem,
    FormatDefinition,
    LongTextItem,
    OfferChecklistItem,
    OfferState,
    SupportLevel,
)
from opensop.formats.level_words import Audience, level_word
from opensop.formats.profile import ProfileCheck, evaluate_answers
from opensop.profiles.presentation import simple_text

# The level of support per need, in the words a school uses in its own schoolgids.
LEVEL_WORDS = {level: level_word(level.code, Audience.SCHOOLGIDS) for level in SupportLevel}
ONDERWIJSCONSULENTEN = (
    "Vindt u samen met de school geen goede oplossing? Dan kunt u gratis hulp vragen aan de "
    "Onderwijsconsulenten: www.onderwijsconsulenten.nl."
)


@dataclass(frozen=True)
class Block:
    """A paragraph (`text`), a list (`items`) or a table with a header row."""

    kind: str  # paragraph / list / table
    text: str = ""
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def paragraph(text: str) -> Block:
    return Block("paragraph", text=text)


def bullet_list(items: list[str]) -> Block:
    return Block("list", items=tuple(items))


@dataclass
class ChapterSection:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[ChapterSection] = field(default_factory=list)
    key: str = ""  # a stable anchor: basis / extra / grenzen / hulp

    def walk(self, level: int = 2) -> Iterator[tuple[int, ChapterSection]]:
        yield level, self
        for sub in self.subsections:
            yield from sub.walk(level + 1)


@dataclass(frozen=True)
class ParentHelp:
    """The SWV's ouder- en jeugdsteunpunt, as kept at the SWV."""

    name: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    text: str = ""


@dataclass(frozen=True)
class BaseSupportInForce:
    text: BaseSupportText
    version: int


@dataclass
class Chapter:
    facts: DocumentFacts
    title: str
    intro: list[Block]
    sections: list[ChapterSection]

    def headings(self) -> list[tuple[int, str]]:
        """Every heading below the title with its level (2, 3): for tests and contents."""
        return [(level, s.title) for top in self.sections for level, s in top.walk()]


def chapter(
    definition: FormatDefinition,
    answers: dict[str, Any],
    facts: DocumentFacts,
    base_support: BaseSupportInForce | None,
    help_at_swv: ParentHelp,
) -> Chapter:
    check = evaluate_answers(definition, answers)
    values = check.values
    sections = [
        _base_support_section(definition, facts, base_support),
        _extra_section(definition, check),
    ]
    limits = _limits_section(definition, values)
    if limits is not None:
        sections.append(limits)
    sections.append(_help_section(definition, values, facts, help_at_swv))
    return Chapter(
        facts=facts,
        title=f"Ondersteuning voor leerlingen op {facts.school_name}",
        intro=_intro(facts),
        sections=sections,
    )


def _intro(facts: DocumentFacts) -> list[Block]:
    text = [
        paragraph(
            f"Sommige leerlingen hebben extra hulp nodig bij het leren of bij hun gedrag. "
            f"In dit hoofdstuk leest u welke hulp {facts.school_name} kan geven in schooljaar "
            f"{facts.school_year}."
        ),
        paragraph(
            f"Alle scholen van samenwerkingsverband {facts.swv_name} geven dezelfde "
            "basisondersteuning. Daarnaast geeft elke school haar eigen extra ondersteuning."
        ),
    ]
    adoption = facts.adoption
    if adoption is not None:
        advice = " na advies van de medezeggenschapsraad" if adoption.advice_date else ""
        text.append(
            paragraph(
                f"Het schoolbestuur heeft dit aanbod vastgesteld op "
                f"{_day(adoption.adopted_on)}{advice}."
            )
        )
    return text


MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _day(date: datetime.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


# ------------------------------------------------------------------ basisondersteuning


def _base_support_section(
    definition: FormatDefinition, facts: DocumentFacts, base: BaseSupportInForce | None
) -> ChapterSection:
    section = ChapterSection("Basisondersteuning: wat elke school biedt", key="basis")
    if base is not None:
        since = base.text.valid_from
        section.blocks.append(
            paragraph(
                f"Dit biedt elke school van samenwerkingsverband {facts.swv_name}. Het "
                f"samenwerkingsverband legt dit vast in „{base.text.title}”, versie "
                f"{base.version}" + (f", geldig vanaf {_day(since)}." if since else ".")
            )
        )
        parts = list(base.text.parts)
    else:
        section.blocks.append(
            paragraph(f"Dit biedt elke school van samenwerkingsverband {facts.swv_name}.")
        )
        parts = _parts_from_format(definition)
    if not parts:
        section.blocks.append(
            paragraph(
                "Het samenwerkingsverband beschrijft de basisondersteuning in zijn "
                "ondersteuningsplan. De school vertelt u er graag meer over."
            )
        )
    section.subsections = [_part_section(p) for p in parts]
    return section


def _parts_from_format(definition: FormatDefinition) -> list[Part]:
    """Without an SWV version: the format's fixed texts about basisondersteuning."""
    parts: list[Part] = []
    for key, entry in definition.entries.items():
        item = entry.item
        if isinstance(item, FixedTextItem) and "basisondersteuning" in item.label.lower():
            label = item.label.strip()
            if label.lower() == "basisondersteuning":
                title = "Wat basisondersteuning is"
            elif label.lower().startswith("basisondersteuning "):  # "… Zuid-Kennemerland"
                title = entry.section.title
            else:
                title = label
            parts.append(Part(key, title, item.text))
    return parts


def _part_section(part: Part) -> ChapterSection:
    blocks = [
        bullet_list(list(b.lines)) if b.is_list else paragraph(b.lines[0])
        for b in text_blocks(part.text)
    ]
    return ChapterSection(part.title, blocks)


# ------------------------------------------------------------------ the school's extra offer


def extra_support_keys(definition: FormatDefinition) -> list[str]:
    chosen = definition.documents.chapter.extra_support
    if chosen:
        return chosen
    checklists = [
        k for k, e in definition.entries.items() if isinstance(e.item, OfferChecklistItem)
    ]
    summary = [k for k in definition.documents.summary.extra_support if k not in checklists]
    return checklists + summary


def _extra_section(definition: FormatDefinition, check: ProfileCheck) -> ChapterSection:
    section = ChapterSection("Extra ondersteuning op onze school", key="extra")
    section.blocks.append(paragraph("Naast de basisondersteuning biedt onze school het volgende."))
    developing: list[str] = []
    for key in extra_support_keys(definition):
        sub = _offer_subsection(definition, key, check.values.get(key), developing)
        if sub is not None:
            section.subsections.append(sub)
    needs = _needs_table(check)
    if needs is not None:
        section.subsections.append(ChapterSection("Ondersteuning per onderwijsbehoefte", [needs]))
    if developing:
        section.subsections.append(
            ChapterSection(
                "Waar wij aan werken",
                [
                    paragraph("Dit bieden wij nog niet helemaal. Wij werken eraan:"),
                    bullet_list(developing),
                ],
            )
        )
    if not section.subsections:
        section.blocks.append(
            paragraph("De school heeft (nog) geen extra ondersteuning beschreven.")
        )
    return section


def _offer_subsection(
    definition: FormatDefinition, key: str, value: Any, developing: list[str]
) -> ChapterSection | None:
    if value in (None, "", {}, []):
        return None
    entry = definition.entries[key]
    item = entry.item
    if isinstance(item, OfferChecklistItem):
        labels = {o.key: o.label for o in item.catalogue}
        offered = [
            *((labels[k], s) for k, s in value.get("offers", {}).items() if k in labels),
            *((o["label"], o["state"]) for o in value.get("own", [])),
        ]
        present = [_capital(label) for label, s in offered if s == OfferState.AANWEZIG.value]
        present += [
            f"{_capital(label)} (voor een deel)"
            for label, s in offered
            if s == OfferState.DEELS.value
        ]
        developing += [
            _capital(label) for label, s in offered if s == OfferState.IN_ONTWIKKELING.value
        ]
        return ChapterSection(entry.section.title, [bullet_list(present)]) if present else None
    if isinstance(item, LongTextItem):
        title = item.label.removeprefix("Nadere omschrijving ").strip()
        blocks = [paragraph(p.strip()) for p in str(value).split("\n") if p.strip()]
        return ChapterSection(_capital(title), blocks)
    return ChapterSection(_capital(item.label), [paragraph(simple_text(item, value))])


def _needs_table(check: ProfileCheck) -> Block | None:
    """What the school offers per support need, as the format core judges it."""
    needs = check.needs.values()
    rows = tuple((n.name, LEVEL_WORDS[n.level]) for n in needs if n.asked and n.level is not None)
    if not rows:
        return None
    return Block("table", header=("Onderwijsbehoefte", "Biedt onze school hulp?"), rows=rows)


# ------------------------------------------------------------------ limits, help


def _limits_section(definition: FormatDefinition, values: dict[str, Any]) -> ChapterSection | None:
    """What the school cannot offer, where the format asks it; otherwise no section."""
    blocks: list[Block] = []
    for key in definition.documents.chapter.limits:
        value, item = values.get(key), definition.item(key)
        if value in (None, "", [], {}):
            continue
        if isinstance(item, LongTextItem):
            blocks += [paragraph(p.strip()) for p in str(value).split("\n") if p.strip()]
        else:
            blocks.append(paragraph(simple_text(item, value)))
    if not blocks:
        return None
    return ChapterSection("Wat onze school niet kan bieden", blocks, key="grenzen")


def _help_section(
    definition: FormatDefinition, values: dict[str, Any], facts: DocumentFacts, swv: ParentHelp
) -> ChapterSection:
    section = ChapterSection("Hulp en advies voor ouders", key="hulp")
    section.blocks.append(
        paragraph(
            "Hebt u vragen over de ondersteuning van uw kind? Praat er eerst over met de "
            "mentor, de leerkracht of de intern begeleider van de school."
        )
    )
    contact = [
        f"{label}: {text}"
        for label, text in contact_lines(definition, values, with_person=facts.shows_contact_person)
    ]
    if contact:
        section.subsections.append(ChapterSection("Contact met de school", [bullet_list(contact)]))
    section.subsections.append(_steunpunt(facts, swv))
    section.subsections.append(
        ChapterSection("Komt u er samen niet uit?", [paragraph(ONDERWIJSCONSULENTEN)])
    )
    return section


def _steunpunt(facts: DocumentFacts, swv: ParentHelp) -> ChapterSection:
    if not swv.name:
        return ChapterSection(
            "Het samenwerkingsverband",
            [
                paragraph(
                    f"Samenwerkingsverband {facts.swv_name} helpt ouders ook met advies. "
                    "Vraag de school hoe u het bereikt."
                )
            ],
        )
    blocks = [paragraph(p.strip()) for p in swv.text.split("\n") if p.strip()]
    details = [
        f"{label}: {value}"
        for label, value in (
            ("Telefoon", swv.phone),
            ("E-mail", swv.email),
            ("Website", swv.website),
        )
        if value
    ]
    if details:
        blocks.append(bullet_list(details))
    if not blocks:
        blocks.append(paragraph(f"Het steunpunt van samenwerkingsverband {facts.swv_name}."))
    return ChapterSection(swv.name, blocks)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
