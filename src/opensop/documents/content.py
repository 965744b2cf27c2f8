"""What a document says, before it has a look: one model for the PDF and the HTML page.

Plain Python on top of the format core and the presentation of answers, so the full
profile, the one-page summary and (later) the schoolgids chapter say the same thing in
every form. The web layer fills `DocumentFacts` from its models; nothing here needs Django.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Any

from opensop.basisondersteuning.text import Part
from opensop.formats.answers import format_number
from opensop.formats.definition import (
    FormatDefinition,
    LongTextItem,
    OfferChecklistItem,
    OfferState,
    SupportLevel,
)
from opensop.formats.norms import NormResult
from opensop.formats.profile import ProfileCheck, evaluate_answers
from opensop.profiles.presentation import ShownSection, present, simple_text

# The summary must stay on one A4 page whatever the school typed: these limits decide
# what gives way (a "lees verder" pointer to the full profile, never text off the page).
SUMMARY_TEXT_CHARACTERS = 1000
SUMMARY_EXTRA_SUPPORT = 5
SUMMARY_LINE_CHARACTERS = 150
SUMMARY_CONTACT_CHARACTERS = 80


@dataclass(frozen=True)
class Adoption:
    advice_date: datetime.date | None
    advice_text: str
    adopted_on: datetime.date
    signatory_school: str
    signatory_board: str
    # The council's step in the words of the regime (cycle/terms.py): "Advies (G)MR" as
    # before, or e.g. "Instemming van de oudergeleding van de MR".
    council_label: str = "Advies (G)MR"
    heading: str = "Advies en vaststelling"


@dataclass(frozen=True)
class DocumentFacts:
    """Who and what the document is about; the front matter of every document."""

    school_name: str
    school_code: str  # BRIN and location, e.g. 12AB00
    address: str
    board: str
    swv_code: str
    swv_name: str
    school_year: str
    edition: int
    state_label: str
    concept: bool  # not adopted yet: marked CONCEPT on every page
    adoption: Adoption | None = None
    full_url: str = ""  # where the full profile can be read (for "lees verder")
    logo: str = ""  # the SWV's logo as a data: URL (documents fetch nothing from outside)
    title: str = ""  # after the regime of the year (cycle/terms.py); empty: the format's title
    # The school chose to name its contact person in its documents for parents (the
    # summary, the schoolgids chapter); otherwise only its general contact (docs/privacy.md).
    shows_contact_person: bool = False


@dataclass
class FullProfile:
    facts: DocumentFacts
    title: str
    format_ref: str
    sections: list[ShownSection]
    norms: list[NormResult] | None  # None: the SWV leaves them out of the document
    # The SWV's basisondersteuning in force ("Titel, versie 2, geldig vanaf ..."), and its
    # parts no fixed text of the format takes (those that do stand in their sections).
    base_support_title: str = ""
    base_support_parts: list[Part] = field(default_factory=list)

    @property
    def window_title(self) -> str:
        """The title of the web page and of the PDF (shown as the window title)."""
        return f"{self.title} — {self.facts.school_name}"


@dataclass(frozen=True)
class NeedRow:
    name: str
    level: SupportLevel | None
    label: str  # geen / in ontwikkeling / aanwezig / specialistisch / onbekend

    @property
    def marks(self) -> str:
        """Filled squares out of three beside the words, so the level reads without colour."""
        if self.level is None:
            return ""
        return "■" * int(self.level) + "□" * (3 - int(self.level))


@dataclass
class Summary:
    facts: DocumentFacts
    title: str
    school_text: list[str]
    school_text_cut: bool
    needs: list[NeedRow]
    extra_support: list[str]
    extra_support_left_out: int
    contact: list[tuple[str, str]]
    check: ProfileCheck = field(repr=False)

    @property
    def window_title(self) -> str:
        return f"{self.title} ({self.facts.school_year})"


def full_profile(
    definition: FormatDefinition,
    answers: dict[str, Any],
    facts: DocumentFacts,
    *,
    without_personal_data: bool = False,
) -> FullProfile:
    """The profile as the board adopted it; `without_personal_data` for a page that shows it
    inside another one (the public school page): no answer that names a person, and no names
    of who signed (docs/privacy.md). The norms are judged on every answer either way."""
    check = evaluate_answers(definition, answers)
    leave_out = definition.personal_keys if without_personal_data else frozenset()
    sections = present(definition, check.values, leave_out)
    if without_personal_data and facts.adoption is not None:
        facts = replace(
            facts, adoption=replace(facts.adoption, signatory_school="", signatory_board="")
        )
    by_number = {section.number: section for section in sections}
    for item in definition.computed:
        total = check.computed.sums.get(item.key)
        if item.section in by_number and total is not None:
            by_number[item.section].computed.append((item.label, format_number(total)))
    return FullProfile(
        facts=facts,
        title=f"{facts.title or definition.title} {facts.school_year}",
        format_ref=f"{definition.title}, versie {definition.version}",
        sections=sections,
        norms=check.norms if definition.documents.norms_appendix else None,
    )


def summary(definition: FormatDefinition, answers: dict[str, Any], facts: DocumentFacts) -> Summary:
    check = evaluate_answers(definition, answers)
    settings = definition.documents.summary
    text, cut = _school_text(check.values.get(settings.school_text or ""))
    extra = _extra_support(definition, check.values, settings.extra_support)
    return Summary(
        facts=facts,
        title=f"{facts.school_name}: ondersteuning in één oogopslag",
        school_text=text,
        school_text_cut=cut,
        needs=[NeedRow(n.name, n.level, n.label) for n in check.needs.values()],
        extra_support=[_line(e) for e in extra[:SUMMARY_EXTRA_SUPPORT]],
        extra_support_left_out=max(0, len(extra) - SUMMARY_EXTRA_SUPPORT),
        contact=[
            (label, _line(text, SUMMARY_CONTACT_CHARACTERS))
            for label, text in contact_lines(
                definition, check.values, with_person=facts.shows_contact_person
            )
        ],
        check=check,
    )


def contact_lines(
    definition: FormatDefinition, values: dict[str, Any], *, with_person: bool
) -> list[tuple[str, str]]:
    """Whom parents contact about support (the format's `documents.summary.contact`), as
    (label, answer): the school's general contact always, the answers that name a person
    (`personal: true`) only where the school chose to show its contact person."""
    personal = definition.personal_keys
    return [
        (definition.item(k).label, simple_text(definition.item(k), values[k]))
        for k in definition.documents.summary.contact
        if values.get(k) not in (None, "") and (with_person or k not in personal)
    ]


def _school_text(value: Any) -> tuple[list[str], bool]:
    text = str(value or "").strip()
    cut = len(text) > SUMMARY_TEXT_CHARACTERS
    if cut:
        text = text[:SUMMARY_TEXT_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return [p.strip() for p in text.split("\n") if p.strip()], cut


def _line(text: str, limit: int = SUMMARY_LINE_CHARACTERS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _extra_support(
    definition: FormatDefinition, values: dict[str, Any], keys: list[str]
) -> list[str]:
    """The named answers as short lines: a text's paragraphs, or the offers the school has."""
    lines: list[str] = []
    for key in keys:
        item, value = definition.item(key), values.get(key)
        if value in (None, "", {}, []):
            continue
        if isinstance(item, OfferChecklistItem):
            labels = {o.key: o.label for o in item.catalogue}
            lines += [
                labels[k]
                for k, state in value.get("offers", {}).items()
                if state == OfferState.AANWEZIG.value
            ]
            lines += [o["label"] for o in value.get("own", []) if o["state"] == "aanwezig"]
        elif isinstance(item, LongTextItem):
            lines += [p.strip() for p in str(value).split("\n") if p.strip()]
        else:
            lines.append(f"{item.label}: {simple_text(item, value)}")
    return lines
