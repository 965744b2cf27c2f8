"""Editing one section in the browser: form fields generated from the format, and back.

No per-format templates: every item kind has one way to become HTML inputs (names
below) and one way back to an answer for the format core to check. Field names:

    a-<key>                          simple items, choices, scales, yes/no
    a-<key>-r-<row>-<column>         fixed rows of grids and tables
    a-<key>-x<n>-label|group|<col>   a school's own rows of grids and tables
    a-<key>-o-<offer>                the state of a catalogue offer
    a-<key>-own<n>-label|state       a school's own offers
    a-<key>-<n>-<field>              repeating rows
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from opensop.formats.definition import (
    AnyItem,
    AnyRowField,
    FixedTextItem,
    FormatDefinition,
    MultiChoiceItem,
    OfferChecklistItem,
    OfferState,
    RepeatingRowsItem,
    ScaleItem,
    Section,
    TableItem,
    YesNoGridItem,
    YesNoItem,
)
from opensop.formats.source import Problem
from opensop.refused import Refused

NUMBER_KINDS = {"integer", "decimal", "percentage"}


class FieldError(Refused, ValueError):
    """Typed input that cannot become an answer (e.g. letters in a number field)."""


@dataclass
class SectionForm:
    section: Section
    items: list[AnyItem]
    values: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)


def editable_items(section: Section) -> list[AnyItem]:
    return [item for item in section.items if not isinstance(item, FixedTextItem)]


@dataclass(frozen=True)
class SectionProgress:
    number: str
    title: str
    open: int  # required questions still empty


def section_progress(definition: FormatDefinition, missing: list[Problem]) -> list[SectionProgress]:
    """Per section with questions: how many required answers are still open."""
    open_keys = [p.item_key for p in missing]
    counts = Counter(
        definition.entries[k].section.number for k in open_keys if k in definition.entries
    )
    return [
        SectionProgress(s.number, s.title, counts.get(s.number, 0))
        for s in definition.all_sections()
        if editable_items(s)
    ]


def find_section(definition: FormatDefinition, number: str) -> Section | None:
    return next((s for s in definition.all_sections() if s.number == number), None)


# ------------------------------------------------------------------ POST → answers


def answers_from_post(
    items: list[AnyItem], post: QueryDict
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The section's answers as typed (None clears an answer), and input that could not be read."""
    changes: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for item in items:
        try:
            changes[item.key] = _read_item(item, post, f"a-{item.key}")
        except FieldError as exc:
            errors.setdefault(item.key, []).append(str(exc))
    return changes, errors


def _read_item(item: AnyItem, post: QueryDict, name: str) -> Any:
    if isinstance(item, YesNoGridItem | TableItem):
        return _read_rows_and_columns(item, post, name)
    if isinstance(item, OfferChecklistItem):
        return _read_checklist(item, post, name)
    if isinstance(item, RepeatingRowsItem):
        return _read_repeating(item, post, name)
    if isinstance(item, MultiChoiceItem):
        return post.getlist(name) or None
    return read_simple(item, post.get(name, ""))


def read_simple(item: AnyItem | AnyRowField, raw: str) -> Any:
    text = raw.strip()
    if not text:
        return None
    if isinstance(item, YesNoItem):
        return text == "ja"
    if isinstance(item, ScaleItem):
        return _number(text, integer=True)
    if item.kind in NUMBER_KINDS:
        return _number(text, integer=item.kind == "integer")
    return raw.replace("\r\n", "\n").strip()


def _number(text: str, *, integer: bool) -> int | float:
    cleaned = text.replace(" ", "").replace("%", "").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError as exc:
        raise FieldError(f"‘{text}’ is geen getal") from exc
    if integer:
        if number != int(number):
            raise FieldError(f"‘{text}’ is geen geheel getal")
        return int(number)
    return number


def _read_cell(kind: str, raw: str) -> Any:
    text = raw.strip()
    if not text:
        return None
    if kind == "yes_no":
        return text == "ja"
    return _number(text, integer=kind == "integer")


def _read_rows_and_columns(item: YesNoGridItem | TableItem, post: QueryDict, name: str) -> Any:
    kinds = {c.key: ("yes_no" if isinstance(item, YesNoGridItem) else c.type) for c in item.columns}  # type: ignore[union-attr]
    rows: dict[str, dict[str, Any]] = {}
    for row in item.rows:
        cells = {
            c: _read_cell(k, post.get(f"{name}-r-{row.key}-{c}", "")) for c, k in kinds.items()
        }
        if any(v is not None for v in cells.values()):
            rows[row.key] = {c: v for c, v in cells.items() if v is not None}
    extra_rows = []
    for index in _indexes(post, name, "x"):
        prefix = f"{name}-x{index}"
        label = post.get(f"{prefix}-label", "").strip()
        cells = {c: _read_cell(k, post.get(f"{prefix}-{c}", "")) for c, k in kinds.items()}
        filled = {c: v for c, v in cells.items() if v is not None}
        if not label and not filled:
            continue
        extra: dict[str, Any] = {"label": label, "cells": filled}
        if isinstance(item, TableItem) and item.groups:
            extra["group"] = post.get(f"{prefix}-group", "")
        extra_rows.append(extra)
    if not rows and not extra_rows:
        return None
    return {"rows": rows, "extra_rows": extra_rows}


def _indexes(post: QueryDict, name: str, marker: str) -> list[int]:
    pattern = re.compile(rf"^{re.escape(name)}-{marker}(\d+)-")
    return sorted({int(m.group(1)) for key in post for m in [pattern.match(key)] if m})


def _read_checklist(item: OfferChecklistItem, post: QueryDict, name: str) -> Any:
    offers = {
        offer.key: state
        for offer in item.catalogue
        if (state := post.get(f"{name}-o-{offer.key}", "")) and state != OfferState.NIET.value
    }
    own = []
    for index in _indexes(post, name, "own"):
        label = post.get(f"{name}-own{index}-label", "").strip()
        if label:
            own.append({"label": label, "state": post.get(f"{name}-own{index}-state", "aanwezig")})
    if not offers and not own:
        return None
    return {"offers": offers, "own": own}


def _read_repeating(item: RepeatingRowsItem, post: QueryDict, name: str) -> Any:
    rows = []
    pattern = re.compile(rf"^{re.escape(name)}-(\d+)-")
    indexes = sorted({int(m.group(1)) for key in post for m in [pattern.match(key)] if m})
    for index in indexes:
        row: dict[str, Any] = {}
        for fld in item.fields:
            key = f"{name}-{index}-{fld.key}"
            value = (
                post.getlist(key) or None
                if isinstance(fld, MultiChoiceItem)
                else read_simple(fld, post.get(key, ""))
            )
            if value is not None:
                row[fld.key] = value
        if row:
            rows.append(row)
    return rows or None


# ------------------------------------------------------------------ answers → template values


def shown_value(item: AnyItem | AnyRowField, value: Any) -> str:
    """An answer as it stands in an input: Dutch decimal comma, ja/nee for yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def field_errors_by_item(problems: list[Problem]) -> dict[str, list[str]]:
    """Messages from the format core, grouped under the item they are about."""
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        key = problem.item_key
        detail = problem.where.split(" › ", 2)[-1] if problem.where.count(" › ") >= 2 else ""
        grouped.setdefault(key, []).append(
            f"{detail}: {problem.message}" if detail else problem.message
        )
    return grouped


def current_values(items: list[AnyItem], answers: Mapping[str, Any]) -> dict[str, Any]:
    return {item.key: answers.get(item.key) for item in items}


# ------------------------------------------------------------------ widgets for the template

INPUT_TYPES = {"date": "date", "email": "email", "phone": "tel"}
OFFER_STATE_CHOICES = [
    ("niet", "niet"),
    ("aanwezig", "aanwezig"),
    ("in_ontwikkeling", "in ontwikkeling"),
    ("deels", "deels"),
]
YES_NO_CHOICES = [("", "—"), ("ja", "ja"), ("nee", "nee")]


@dataclass
class Cell:
    name: str
    value: str
    label: str  # for screen readers: "Beleid, rij Rekenen"
    choices: list[tuple[str, str]] | None = None
    input_type: str = "text"
    values: list[str] = field(default_factory=list)  # for multiple choice


@dataclass
class Widget:
    item: Any
    kind: str
    name: str
    value: str = ""
    values: list[str] = field(default_factory=list)
    input_type: str = "text"
    options: list[tuple[str, str]] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[tuple[str, Cell | None, list[Cell]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def widget_for(item: AnyItem, value: Any, errors: list[str]) -> Widget:
    name = f"a-{item.key}"
    widget = Widget(item=item, kind=item.kind, name=name, errors=errors)
    if isinstance(item, YesNoGridItem | TableItem):
        _fill_rows_and_columns(widget, item, value or {})
    elif isinstance(item, OfferChecklistItem):
        _fill_checklist(widget, item, value or {})
    elif isinstance(item, RepeatingRowsItem):
        _fill_repeating(widget, item, value or [])
    else:
        widget.value = shown_value(item, value)
        widget.values = list(value) if isinstance(value, list) else []
        widget.input_type = INPUT_TYPES.get(item.kind, "text")
        widget.options = _options(item)
    return widget


def _options(item: Any) -> list[tuple[str, str]]:
    if isinstance(item, YesNoItem):
        return [("ja", "ja"), ("nee", "nee")]
    if isinstance(item, ScaleItem):
        return [
            (str(lv.value), lv.label if lv.label == str(lv.value) else f"{lv.value}: {lv.label}")
            for lv in item.levels
        ]
    options = getattr(item, "options", None)
    return [(o.value, o.label) for o in options] if options else []


def _cell_choices(item: YesNoGridItem | TableItem) -> tuple[list[tuple[str, str]] | None, str]:
    return (YES_NO_CHOICES, "select") if isinstance(item, YesNoGridItem) else (None, "text")


def _fill_rows_and_columns(
    widget: Widget, item: YesNoGridItem | TableItem, value: Mapping[str, Any]
) -> None:
    choices, input_type = _cell_choices(item)
    widget.header = [c.label for c in item.columns]
    for row in item.rows:
        label = f"{row.number} {row.label}" if row.number else row.label
        cells = value.get("rows", {}).get(row.key, {})
        widget.rows.append(
            (
                label,
                None,
                [
                    Cell(
                        f"{widget.name}-r-{row.key}-{c.key}",
                        shown_value(item, cells.get(c.key)),
                        f"{c.label}, {label}",
                        choices,
                        input_type,
                    )
                    for c in item.columns
                ],
            )
        )
    extras = list(value.get("extra_rows", []))
    free = item.free_rows + sum(g.free_rows for g in getattr(item, "groups", []))
    for index in range(free):
        extra: dict[str, Any] = extras[index] if index < len(extras) else {"label": "", "cells": {}}
        prefix = f"{widget.name}-x{index}"
        name_cell = Cell(f"{prefix}-label", extra.get("label", ""), f"Naam eigen rij {index + 1}")
        widget.rows.append(
            (
                f"Eigen rij {index + 1}",
                name_cell,
                [
                    Cell(
                        f"{prefix}-{c.key}",
                        shown_value(item, extra["cells"].get(c.key)),
                        f"{c.label}, eigen rij {index + 1}",
                        choices,
                        input_type,
                    )
                    for c in item.columns
                ],
            )
        )
        if isinstance(item, TableItem) and item.groups:
            group_choices = [(g.key, g.label) for g in item.groups]
            widget.rows[-1][2].insert(
                0,
                Cell(
                    f"{prefix}-group",
                    extra.get("group", ""),
                    f"Groep van eigen rij {index + 1}",
                    group_choices,
                    "select",
                ),
            )
    if isinstance(item, TableItem) and item.groups and free:
        widget.header = ["Groep", *widget.header]


def _fill_checklist(widget: Widget, item: OfferChecklistItem, value: Mapping[str, Any]) -> None:
    widget.header = ["Stand"]
    offers = value.get("offers", {})
    for offer in item.catalogue:
        cell = Cell(
            f"{widget.name}-o-{offer.key}",
            offers.get(offer.key, "niet"),
            f"Stand van {offer.label}",
            OFFER_STATE_CHOICES,
            "select",
        )
        widget.rows.append((offer.label, None, [cell]))
    own = list(value.get("own", []))
    for index in range(len(own) + 2):  # room for two more own offers
        entry = own[index] if index < len(own) else {"label": "", "state": "aanwezig"}
        prefix = f"{widget.name}-own{index}"
        name_cell = Cell(f"{prefix}-label", entry["label"], f"Eigen aanbod {index + 1}")
        state = Cell(
            f"{prefix}-state",
            entry["state"],
            f"Stand van eigen aanbod {index + 1}",
            OFFER_STATE_CHOICES[1:],
            "select",
        )
        widget.rows.append((f"Eigen aanbod {index + 1}", name_cell, [state]))


def _fill_repeating(widget: Widget, item: RepeatingRowsItem, rows: list[dict[str, Any]]) -> None:
    widget.header = [f.label for f in item.fields]
    for index in range(min(len(rows) + 1, item.max_rows)):  # one empty row to add to
        row = rows[index] if index < len(rows) else {}
        label = f"{item.row_label} {index + 1}"
        widget.rows.append(
            (
                label,
                None,
                [
                    _row_field_cell(widget.name, index, f, row.get(f.key), label)
                    for f in item.fields
                ],
            )
        )


def _row_field_cell(name: str, index: int, fld: AnyRowField, value: Any, row_label: str) -> Cell:
    options = _options(fld)
    cell = Cell(f"{name}-{index}-{fld.key}", shown_value(fld, value), f"{fld.label}, {row_label}")
    if isinstance(fld, MultiChoiceItem):
        cell.input_type, cell.choices, cell.values = "select-multiple", options, list(value or [])
    elif options:
        cell.input_type, cell.choices = "select", [("", "—"), *options]
    elif fld.kind == "long_text":
        cell.input_type = "textarea"
    else:
        cell.input_type = INPUT_TYPES.get(fld.kind, "text")
    return cell
