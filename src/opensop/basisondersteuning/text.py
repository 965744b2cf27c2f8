"""The SWV's basisondersteuning as plain data: its parts, reading it from YAML, what changed.

Plain Python (no Django): the documents, the pages and the load command share it. A part's
text is paragraphs separated by blank lines; lines starting with "- " are a checklist.
A part whose key is the key of a format's fixed text (seed 002's `basis_ouders`, ...)
takes that text's place in every profile of the SWV; the other parts are shown as a block
of their own (seed 000's four anchor points).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.definition import FixedTextItem, FormatDefinition
from opensop.formats.source import SourceError, load_yaml
from opensop.refused import Refused

KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class BaseSupportError(Refused, ValueError):
    """The basisondersteuning cannot be read; the message is Dutch and says where."""


@dataclass(frozen=True)
class Block:
    """A paragraph (`lines` has one entry) or a checklist (`is_list`)."""

    is_list: bool
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    text: str

    def blocks(self) -> list[Block]:
        return text_blocks(self.text)

    def lines(self) -> list[str]:
        """Every paragraph and checklist line, for comparing versions line by line."""
        return [line for block in self.blocks() for line in block.lines]

    def as_dict(self) -> dict[str, str]:
        return {"key": self.key, "title": self.title, "text": self.text}


@dataclass(frozen=True)
class BaseSupportText:
    title: str
    parts: tuple[Part, ...]
    valid_from: datetime.date | None = None

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)

    def parts_as_data(self) -> list[dict[str, str]]:
        return [p.as_dict() for p in self.parts]


def text_blocks(text: str) -> list[Block]:
    """Paragraphs and "- " checklists, in order, from a plain text."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(is_list=False, lines=(" ".join(paragraph),)))
            paragraph.clear()
        if items:
            blocks.append(Block(is_list=True, lines=tuple(items)))
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "• ")):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return blocks


def parts_from_data(data: Any, where: str = "onderdelen") -> tuple[Part, ...]:
    """Parts from plain data (YAML or what the page stored), with a Dutch message per mistake."""
    if not isinstance(data, list) or not data:
        raise BaseSupportError(f"{where}: geef ten minste één onderdeel (een lijst).")
    parts: list[Part] = []
    for number, entry in enumerate(data, start=1):
        here = f"{where}, onderdeel {number}"
        if not isinstance(entry, dict):
            raise BaseSupportError(f"{here}: verwacht key, title en text.")
        unknown = set(entry) - {"key", "title", "text"}
        if unknown:
            raise BaseSupportError(f"{here}: onbekend veld {', '.join(sorted(map(str, unknown)))}.")
        key, title, text = (str(entry.get(name) or "").strip() for name in ("key", "title", "text"))
        if not KEY.match(key):
            raise BaseSupportError(
                f"{here}: de sleutel (key) '{key}' is leeg of ongeldig; gebruik kleine letters, "
                "cijfers en _ (bijv. basis_ouders)."
            )
        if not title:
            raise BaseSupportError(f"{here} ({key}): de titel (title) ontbreekt.")
        if not text:
            raise BaseSupportError(f"{here} ({key}): de tekst (text) ontbreekt.")
        if any(p.key == key for p in parts):
            raise BaseSupportError(f"{here}: de sleutel '{key}' komt twee keer voor.")
        parts.append(Part(key, title, text))
    return tuple(parts)


def read_yaml(text: str, file: str = "") -> BaseSupportText:
    """A basisondersteuning from YAML: `title`, optional `valid_from`, `sections` of parts."""
    prefix = f"{file}: " if file else ""
    try:
        data, _ = load_yaml(text, file or None)
    except SourceError as exc:
        raise BaseSupportError(
            prefix + "het bestand is geen geldige YAML: " + str(exc).strip()
        ) from exc
    if not isinstance(data, dict):
        raise BaseSupportError(prefix + "verwacht de velden title en sections.")
    unknown = set(data) - {"title", "valid_from", "sections"}
    if unknown:
        raise BaseSupportError(prefix + f"onbekend veld {', '.join(sorted(map(str, unknown)))}.")
    title = str(data.get("title") or "").strip()
    if not title:
        raise BaseSupportError(prefix + "de titel (title) ontbreekt.")
    parts = parts_from_data(data.get("sections"), where=prefix + "sections")
    return BaseSupportText(title, parts, _date(data.get("valid_from"), prefix))


def _date(value: Any, prefix: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise BaseSupportError(
            prefix + f"valid_from '{value}' is geen datum; schrijf JJJJ-MM-DD."
        ) from exc


# ------------------------------------------------------------------ in a profile's format


def apply_to(definition: FormatDefinition, text: BaseSupportText | None) -> FormatDefinition:
    """The format with the SWV's parts in place of the fixed texts they share a key with.

    A copy: the registry's definition stays as the SWV's format says it.
    """
    if text is None or not any(text.part(key) for key in _fixed_keys(definition)):
        return definition
    copy = definition.model_copy(deep=True)
    for section in copy.all_sections():
        for index, item in enumerate(section.items):
            part = text.part(item.key) if isinstance(item, FixedTextItem) else None
            if part is not None:
                section.items[index] = item.model_copy(update={"text": part.text})
    copy._entries = None
    return copy


def unplaced_parts(definition: FormatDefinition, text: BaseSupportText) -> list[Part]:
    """The parts no fixed text of the format takes: shown as a block of their own."""
    keys = _fixed_keys(definition)
    return [p for p in text.parts if p.key not in keys]


def _fixed_keys(definition: FormatDefinition) -> set[str]:
    return {k for k, e in definition.entries.items() if isinstance(e.item, FixedTextItem)}


# ------------------------------------------------------------------ what changed


@dataclass(frozen=True)
class PartChange:
    kind: str  # toegevoegd / vervallen / gewijzigd
    title: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed_from: str = ""


def changes(old: BaseSupportText, new: BaseSupportText) -> list[PartChange]:
    """Parts added, removed or changed from `old` to `new`, in the new version's order."""
    found: list[PartChange] = []
    for part in new.parts:
        before = old.part(part.key)
        if before is None:
            found.append(PartChange("toegevoegd", part.title, added=part.lines()))
        elif before.text.split() != part.text.split() or before.title != part.title:
            old_lines, new_lines = before.lines(), part.lines()
            found.append(
                PartChange(
                    "gewijzigd",
                    part.title,
                    added=[line for line in new_lines if line not in old_lines],
                    removed=[line for line in old_lines if line not in new_lines],
                    renamed_from=before.title if before.title != part.title else "",
                )
            )
    found += [
        PartChange("vervallen", p.title, removed=p.lines())
        for p in old.parts
        if new.part(p.key) is None
    ]
    return found
