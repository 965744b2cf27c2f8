"""Which offers an older profile document states, for one format (Django-free).

Such a document (seed 002) gives per theme the SWV's base text under "Basisondersteuning
...", then the school's list under "Daarnaast bieden wij:", one offer per bullet, with a
marker for its state: `(i.o.)` in development, `(deels)` partly there, none: there.
Themes are the sections of the format that hold an offer checklist, found by their title.
Offers match the checklist's catalogue tolerantly (case, punctuation, accents, word order,
small spelling differences); what matches nothing is kept as the school's own offer.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from opensop.formats.definition import (
    OFFER_STATE_LABELS,
    FormatDefinition,
    OfferChecklistItem,
    OfferState,
    Section,
)
from opensop.imports.errors import UnreadableFileError
from opensop.imports.form_mapping import normalise

# At or above SURE an offer is the catalogue's; between UNSURE and SURE the user decides.
SURE, UNSURE = 0.92, 0.75
MAX_OWN = 50  # what an answer holds at most (formats/answers.py)
BULLETS = "•●▪■◦‣∙·-–*"
MARKER = re.compile(r"\(\s*(i\s*\.?\s*o\s*\.?|deels)\s*\)\s*$", re.IGNORECASE)
MORE = re.compile(r"^\s*daarnaast\s+bieden\s+wij\s*:?\s*$", re.IGNORECASE)
BASE = re.compile(r"^\s*basisondersteuning\b", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^\s*(pagina\s*)?\d{1,3}(\s*(van|/)\s*\d{1,3})?\s*$", re.IGNORECASE)


class OfferOutcome(enum.StrEnum):
    TAKEN = "overgenomen"
    OWN = "eigen aanbod"
    UNSURE = "onzeker"


@dataclass(frozen=True)
class OfferResult:
    item_key: str
    theme: str
    text: str  # as the document writes it, marker removed
    state: OfferState
    outcome: OfferOutcome
    offer_key: str = ""  # the catalogue's offer (taken, or the candidate when unsure)
    offer_label: str = ""
    score: float = 0.0

    @property
    def state_label(self) -> str:
        return OFFER_STATE_LABELS[self.state]

    @property
    def ref(self) -> str:
        """How the preview's form names this offer: item and position."""
        return f"{self.item_key}:{self.text}"


@dataclass
class DocumentMapping:
    offers: list[OfferResult] = field(default_factory=list)
    themes_found: list[str] = field(default_factory=list)
    themes_missing: list[str] = field(default_factory=list)
    existing: dict[str, Any] = field(default_factory=dict)

    def count(self, outcome: OfferOutcome) -> int:
        return sum(1 for o in self.offers if o.outcome == outcome)

    def answers(self, accept: Iterable[str] = ()) -> dict[str, Any]:
        """Per checklist, its answer; unsure offers count as the candidate when accepted,
        else as the school's own."""
        accepted = set(accept)
        answers: dict[str, Any] = {}
        for offer in self.offers:
            answer = answers.setdefault(offer.item_key, {"offers": {}, "own": []})
            is_taken = offer.outcome == OfferOutcome.TAKEN or (
                offer.outcome == OfferOutcome.UNSURE and offer.ref in accepted
            )
            if is_taken and offer.offer_key not in answer["offers"]:
                answer["offers"][offer.offer_key] = offer.state.value
            elif len(answer["own"]) < MAX_OWN:
                answer["own"].append({"label": offer.text, "state": offer.state.value})
        return answers

    def conflicts(self) -> list[str]:
        """The checklists already filled in the profile that the document would change."""
        answers = self.answers()
        return [
            key
            for key, now in self.existing.items()
            if key in answers and isinstance(now, dict) and _filled(now) and now != answers[key]
        ]

    def answers_to_save(
        self, overwrite: Iterable[str] = (), accept: Iterable[str] = ()
    ) -> dict[str, Any]:
        chosen = set(overwrite)
        conflicts = set(self.conflicts())
        answers = self.answers(accept)
        return {k: v for k, v in answers.items() if k not in conflicts or k in chosen}


def _filled(answer: dict[str, Any]) -> bool:
    return bool(answer.get("offers") or answer.get("own"))


@dataclass(frozen=True)
class _Theme:
    title: str
    item: OfferChecklistItem


def themes(definition: FormatDefinition) -> list[_Theme]:
    """The format's sections that hold an offer checklist, in order."""
    found: list[_Theme] = []

    def walk(sections: list[Section]) -> None:
        for section in sections:
            for item in section.items:
                if isinstance(item, OfferChecklistItem):
                    found.append(_Theme(section.title, item))
            walk(section.sections)

    walk(definition.sections)
    return found


def map_document(
    definition: FormatDefinition, text: str, existing: Mapping[str, Any]
) -> DocumentMapping:
    """The offers `text` states per theme of `definition`, and how each matches."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not PAGE_NUMBER.match(line)]
    known = themes(definition)
    starts = _theme_starts(known, lines)
    mapping = DocumentMapping(existing=dict(existing))
    if not starts:
        raise UnreadableFileError(
            f"In dit document staat geen enkel thema van het formaat ‘{definition.title}’. "
            "Is dit een ondersteuningsprofiel van uw samenwerkingsverband?"
        )
    order = sorted(starts.items(), key=lambda pair: pair[1])
    for number, (index, start) in enumerate(order):
        end = order[number + 1][1] if number + 1 < len(order) else len(lines)
        theme = known[index]
        mapping.themes_found.append(theme.title)
        for offer_text in _offers(lines[start + 1 : end]):
            offer = _match(theme, offer_text)
            if offer.text:  # a bullet with only a marker says nothing
                mapping.offers.append(offer)
    mapping.themes_missing = [t.title for i, t in enumerate(known) if i not in starts]
    return mapping


def _theme_starts(known: list[_Theme], lines: list[str]) -> dict[int, int]:
    """Theme → the line of its title; the first such line after the previous theme."""
    starts: dict[int, int] = {}
    titles = [normalise(theme.title) for theme in known]
    for number, line in enumerate(lines):
        folded = normalise(line)
        for index, title in enumerate(titles):
            if index not in starts and _same_title(folded, title):
                starts[index] = number
                break
    return starts


def _same_title(line: str, title: str) -> bool:
    if not line or abs(len(line) - len(title)) > max(4, len(title) // 10):
        return False
    if line == title:
        return True
    matcher = SequenceMatcher(None, line, title, autojunk=False)
    return matcher.quick_ratio() >= SURE and matcher.ratio() >= SURE


def _offers(lines: list[str]) -> list[str]:
    """The bullets after "Daarnaast bieden wij", lines that wrapped joined again."""
    begin = next((i for i, line in enumerate(lines) if MORE.match(line)), None)
    if begin is None:
        return []
    offers: list[str] = []
    for line in lines[begin + 1 :]:
        if BASE.match(line) or MORE.match(line):
            break
        if line[0] in BULLETS and len(line) > 1:
            offers.append(line[1:].strip())
        elif offers:
            offers[-1] = _join(offers[-1], line)
    return [offer for offer in offers if offer]


def _join(first: str, second: str) -> str:
    # A word broken at a hyphen (sociaal-/emotionele) stays one word with its hyphen.
    if first.endswith("-"):
        return first + second
    return f"{first} {second}"


@dataclass(frozen=True)
class _Name:
    offer_key: str
    label: str
    folded: str
    words: tuple[str, ...]


# The catalogue's names folded once per checklist: reading a document matches ~60 offers
# against them. Keyed by identity, holding the item so the id stays its own.
_NAMES: dict[int, tuple[OfferChecklistItem, dict[str, _Name]]] = {}


def _names(item: OfferChecklistItem) -> dict[str, _Name]:
    cached = _NAMES.get(id(item))
    if cached is None or cached[0] is not item:
        names: dict[str, _Name] = {}
        for offer in item.catalogue:
            for name in (offer.label, *offer.aliases):
                folded = normalise(name)
                names.setdefault(
                    folded, _Name(offer.key, offer.label, folded, tuple(sorted(folded.split())))
                )
        cached = (item, names)
        _NAMES[id(item)] = cached
    return cached[1]


def _match(theme: _Theme, written: str) -> OfferResult:
    text, state = _state(written)
    names = _names(theme.item)
    folded = normalise(text)
    words = tuple(sorted(folded.split()))
    exact = names.get(folded) or next((n for n in names.values() if n.words == words), None)
    best, score = (exact, 1.0) if exact else _closest(folded, names.values())
    if best is not None and score >= SURE:
        outcome = OfferOutcome.TAKEN
    elif best is not None and score >= UNSURE:
        outcome = OfferOutcome.UNSURE
    else:
        return OfferResult(theme.item.key, theme.title, text, state, OfferOutcome.OWN)
    return OfferResult(
        theme.item.key, theme.title, text, state, outcome, best.offer_key, best.label, score
    )


def _closest(folded: str, names: Iterable[_Name]) -> tuple[_Name | None, float]:
    best, score = None, 0.0
    for name in names:
        candidate = _folded_similarity(folded, name.folded)
        if candidate > score:
            best, score = name, candidate
    return best, round(score, 2)


def _state(written: str) -> tuple[str, OfferState]:
    match = MARKER.search(written)
    if match is None:
        return " ".join(written.split()), OfferState.AANWEZIG
    marker = match.group(1).casefold()
    state = OfferState.DEELS if marker.startswith("deels") else OfferState.IN_ONTWIKKELING
    return " ".join(written[: match.start()].split()), state


def similarity(a: str, b: str) -> float:
    """1.0 for the same words in any order; else difflib's ratio of the folded texts."""
    left, right = normalise(a), normalise(b)
    if sorted(left.split()) == sorted(right.split()):
        return 1.0
    return _folded_similarity(left, right)


def _folded_similarity(left: str, right: str) -> float:
    return max(_ratio(left, right), _ratio(left.replace(" ", ""), right.replace(" ", "")))


def _ratio(left: str, right: str) -> float:
    # The cheap upper bounds first: most pairs are far apart, and ratio() is quadratic.
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    if matcher.real_quick_ratio() < UNSURE or matcher.quick_ratio() < UNSURE:
        return 0.0
    return matcher.ratio()
