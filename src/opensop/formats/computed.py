"""Values the school never types: sums, yes-counts per grid row, and the checks on them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.answers import format_number
from opensop.formats.definition import (
    FormatDefinition,
    SumAtMost,
    SumEquals,
    TableItem,
    YesNoGridItem,
)
from opensop.formats.source import Problem


@dataclass(frozen=True)
class RowCount:
    label: str
    yes: int
    answered: int
    columns: int
    extra: bool = False


@dataclass
class ComputedValues:
    # None when none of the summed items has an answer yet.
    sums: dict[str, float | None] = field(default_factory=dict)
    # grid key → row key (or "extra_<n>") → yes-count
    grid_counts: dict[str, dict[str, RowCount]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sums": self.sums,
            "grid_counts": {
                grid: {row: count.yes for row, count in rows.items()}
                for grid, rows in self.grid_counts.items()
            },
        }


def compute(definition: FormatDefinition, values: Mapping[str, Any]) -> ComputedValues:
    result = ComputedValues()
    for computed in definition.computed:
        parts = [_reference_value(definition, ref, values) for ref in computed.sum]
        present = [p for p in parts if p is not None]
        result.sums[computed.key] = round(sum(present), 6) if present else None
    for key, entry in definition.entries.items():
        if isinstance(entry.item, YesNoGridItem):
            result.grid_counts[key] = grid_counts(entry.item, values.get(key))
    return result


def grid_counts(item: YesNoGridItem, value: Mapping[str, Any] | None) -> dict[str, RowCount]:
    value = value or {}
    rows: dict[str, RowCount] = {}
    for row in item.rows:
        cells = value.get("rows", {}).get(row.key, {})
        rows[row.key] = RowCount(
            row.label, sum(1 for v in cells.values() if v is True), len(cells), len(item.columns)
        )
    for index, extra in enumerate(value.get("extra_rows", [])):
        cells = extra.get("cells", {})
        rows[f"extra_{index + 1}"] = RowCount(
            extra["label"],
            sum(1 for v in cells.values() if v is True),
            len(cells),
            len(item.columns),
            extra=True,
        )
    return rows


def _reference_value(
    definition: FormatDefinition, reference: str, values: Mapping[str, Any]
) -> float | None:
    item_key, _, column = reference.partition(".")
    value = values.get(item_key)
    if value is None:
        return None
    if not column:
        return float(value)
    item = definition.item(item_key)
    assert isinstance(item, TableItem)
    cells = [
        *value.get("rows", {}).values(),
        *(r.get("cells", {}) for r in value.get("extra_rows", [])),
    ]
    numbers = [float(c[column]) for c in cells if column in c]
    return sum(numbers) if numbers else None


def check_constraints(definition: FormatDefinition, computed: ComputedValues) -> list[Problem]:
    labels = {c.key: c.label for c in definition.computed}
    sections = {c.key: c.section for c in definition.computed}
    problems: list[Problem] = []
    for constraint in definition.constraints:
        total = computed.sums.get(constraint.computed)
        if total is None:
            continue  # nothing filled yet: incomplete, not wrong
        message = _violation(constraint, total, computed, labels)
        if message:
            section = sections.get(constraint.computed)
            where = (
                f"{section} › {labels[constraint.computed]}"
                if section
                else labels[constraint.computed]
            )
            problems.append(
                Problem(message=message, path=f"constraints.{constraint.key}", where=where)
            )
    return problems


def _violation(
    constraint: SumEquals | SumAtMost,
    total: float,
    computed: ComputedValues,
    labels: Mapping[str, str],
) -> str | None:
    shown = format_number(total)
    if isinstance(constraint, SumEquals):
        if abs(total - constraint.value) <= constraint.tolerance:
            return None
        template = constraint.message or "‘{label}’ is {total}; dat moet {value} zijn."
        return template.format(
            label=labels[constraint.computed], total=shown, value=format_number(constraint.value)
        )
    limit = computed.sums.get(constraint.limit)
    if limit is None or total <= limit:
        return None
    template = constraint.message or "‘{label}’ ({total}) is groter dan ‘{limit_label}’ ({limit})."
    return template.format(
        label=labels[constraint.computed],
        total=shown,
        limit_label=labels[constraint.limit],
        limit=format_number(limit),
    )
