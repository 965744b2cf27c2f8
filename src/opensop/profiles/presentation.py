"""Answers as a reader sees them: labels instead of codes, tables as rows and cells.

Plain Python on top of the format core, so pages (and later the documents) show the
same words for the same answers.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import format_number, is_filled, offer_state_label
from opensop.formats.definition import (
    AnyItem,
    AnyRowField,
    ChoiceItem,
    FixedTextItem,
    FormatDefinition,
    MultiChoiceItem,
    OfferChecklistItem,
    RepeatingRowsItem,
    ScaleItem,
    Section,
    TableItem,
    YesNoGridItem,
    YesNoItem,
)
from opensop.formats.norms import NormResult
from opensop.formats.profile import ProfileCheck

EMPTY = "nog niet ingevuld"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass
class ShownItem:
    label: str
    number: str
    kind: str
    text: str = ""
    table: Table | None = None
    empty: bool = False
    required: bool = False


@dataclass
class ShownSection:
    number: str
    title: str
    text: str
    items: list[ShownItem] = field(default_factory=list)
    depth: int = 1
    computed: list[tuple[str, str]] = field(default_factory=list)  # (label, value) totals

    @property
    def blocks(self) -> list[tuple[str, list[ShownItem]]]:
        """Items in runs for a document: short answers together as one question/answer
        table, every text, table and fixed text on its own."""
        runs: list[tuple[str, list[ShownItem]]] = []
        for item in self.items:
            kind = _block_kind(item)
            if kind == "pairs" and runs and runs[-1][0] == "pairs":
                runs[-1][1].append(item)
            else:
                runs.append((kind, [item]))
        return runs

    @property
    def anchor(self) -> str:
        return "sectie-" + self.number.replace(".", "-")

    @property
    def heading_level(self) -> int:
        return min(self.depth + 1, 6)


def _block_kind(item: ShownItem) -> str:
    if item.kind == "fixed_text":
        return "fixed"
    if item.table is not None:
        return "table"
    if item.kind == "long_text" and not item.empty:
        return "text"
    return "pairs"


def present(
    definition: FormatDefinition, answers: dict[str, Any], leave_out: Collection[str] = ()
) -> list[ShownSection]:
    """Every section with its items; the items `leave_out` names are not shown at all."""
    shown: list[ShownSection] = []
    for section in definition.all_sections():
        shown.append(_section(section, answers, leave_out))
    return shown


def _section(section: Section, answers: dict[str, Any], leave_out: Collection[str]) -> ShownSection:
    result = ShownSection(
        section.number, section.title, section.text or "", depth=section.number.count(".") + 1
    )
    for item in section.items:
        if item.key in leave_out:
            continue
        value = answers.get(item.key)
        empty = not isinstance(item, FixedTextItem) and not is_filled(item, value)
        entry = ShownItem(
            item.label, item.number or "", item.kind, empty=empty, required=item.required
        )
        if isinstance(item, FixedTextItem):
            entry.text = item.text
        elif empty:
            entry.text = EMPTY
        elif isinstance(item, YesNoGridItem | TableItem | OfferChecklistItem | RepeatingRowsItem):
            entry.table = _table(item, value)
        else:
            entry.text = simple_text(item, value)
        result.items.append(entry)
    return result


def simple_text(item: AnyItem | AnyRowField, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(item, YesNoItem):
        return "ja" if value else "nee"
    if isinstance(item, ChoiceItem):
        return next((o.label for o in item.options if o.value == value), str(value))
    if isinstance(item, MultiChoiceItem):
        return ", ".join(o.label for o in item.options if o.value in value)
    if isinstance(item, ScaleItem):
        label = item.level_label(value)
        highest = item.levels[-1].value
        return f"{value} van {highest}" if label == str(value) else f"{value} ({label})"
    if item.kind == "percentage":
        return f"{format_number(value)} %"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _table(item: Any, value: Any) -> Table:
    if isinstance(item, YesNoGridItem | TableItem):
        return _grid_or_table(item, value)
    if isinstance(item, OfferChecklistItem):
        labels = {o.key: o.label for o in item.catalogue}
        rows = [
            [labels[k], offer_state_label(s)]
            for k, s in value.get("offers", {}).items()
            if s != "niet"
        ]
        rows += [
            [f"{own['label']} (eigen aanbod)", offer_state_label(own["state"])]
            for own in value.get("own", [])
        ]
        return Table(["Voorziening", "Stand"], rows)
    assert isinstance(item, RepeatingRowsItem)
    return Table(
        [f.label for f in item.fields],
        [[simple_text(f, row.get(f.key)) for f in item.fields] for row in value],
    )


def _grid_or_table(item: YesNoGridItem | TableItem, value: Any) -> Table:
    named: list[tuple[str, dict[str, Any]]] = [
        (f"{r.number} {r.label}" if r.number else r.label, value["rows"].get(r.key, {}))
        for r in item.rows
    ]
    named += [(extra["label"], extra["cells"]) for extra in value.get("extra_rows", [])]
    if isinstance(item, YesNoGridItem):
        header = ["", *(c.label for c in item.columns), item.count_label]
        rows = [
            [
                label,
                *(_yes_no(cells.get(c.key)) for c in item.columns),
                str(sum(1 for v in cells.values() if v)),
            ]
            for label, cells in named
        ]
        return Table(header, rows)
    header = ["", *(c.label for c in item.columns)]
    rows = [
        [label, *(format_number(cells[c.key]) if c.key in cells else "" for c in item.columns)]
        for label, cells in named
        if cells
    ]
    return Table(header, rows)


def _yes_no(value: Any) -> str:
    return "" if value is None else ("ja" if value else "nee")


def answer_text(item: AnyItem, value: Any) -> str:
    """One answer in a line of text, for histories and comparisons."""
    if value is None or not is_filled(item, value):
        return "(leeg)"
    if isinstance(item, YesNoGridItem | TableItem | OfferChecklistItem | RepeatingRowsItem):
        table = _table(item, value)
        return "; ".join(" · ".join(cell for cell in row if cell) for row in table.rows)
    return simple_text(item, value)


# ------------------------------------------------------------------ while editing a section


@dataclass
class ComputedRow:
    label: str
    text: str


@dataclass
class SectionPanel:
    """What the format derives from a section's answers: totals, their checks, the norms."""

    computed: list[ComputedRow]
    warnings: list[str]
    norms: list[NormResult]


def section_panel(definition: FormatDefinition, number: str, check: ProfileCheck) -> SectionPanel:
    computed = [
        ComputedRow(c.label, _sum_text(check.computed.sums.get(c.key)))
        for c in definition.computed
        if c.section == number
    ]
    warnings = [
        p.message
        for p in check.errors
        if p.path.startswith("constraints.") and p.where.startswith(f"{number} ›")
    ]
    norms = [r for r in check.norms if not r.norm.section or r.norm.section == number]
    return SectionPanel(computed, warnings, norms)


def _sum_text(total: float | None) -> str:
    return "nog niet te berekenen" if total is None else format_number(total)


@dataclass
class ConflictRow:
    label: str
    yours: str
    saved: str


def conflict_rows(
    definition: FormatDefinition,
    keys: list[str],
    yours: dict[str, Any],
    saved: dict[str, Any],
) -> list[ConflictRow]:
    """Per answer someone else saved meanwhile: what this user typed and what is stored now."""
    rows = []
    for key in keys:
        entry = definition.entries.get(key)
        if entry is not None:
            item = entry.item
            rows.append(
                ConflictRow(
                    item.label, answer_text(item, yours.get(key)), answer_text(item, saved.get(key))
                )
            )
    return rows
