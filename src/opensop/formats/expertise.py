"""A school's expertise and network (section 3.4 of seed 000) as plain, summable data.

The FTE per role and level (`deskundigheid_school`), which partners take part in the
care hub (the `knooppunt_*` grids) and the network partners with who pays (`netwerk`).
A format without these items yields nothing: its schools are “niet gevraagd”.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from opensop.formats.definition import (
    ChoiceItem,
    FormatDefinition,
    MultiChoiceItem,
    RepeatingRowsItem,
    TableItem,
    YesNoGridItem,
)

FTE_TABLE = "deskundigheid_school"
FTE_COLUMN = "fte"
HUB_GRIDS = ("knooppunt_structureel", "knooppunt_incidenteel")
NETWORK = "netwerk"
PARTNER = "ketenpartner"
PAID_BY = "betaald_uit"
# A school's own rows are keyed by their text; the prefix cannot clash with a row key.
OWN = "~"


@dataclass(frozen=True)
class Expertise:
    # "group/row" (or "group/~own text") → FTE
    fte: dict[str, float] = field(default_factory=dict)
    # "grid.column" → whether the partner takes part adequately
    hub: dict[str, bool] = field(default_factory=dict)
    # one [partner, [payers…]] per network agreement
    network: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def asked(self) -> bool:
        return bool(self.fte or self.hub or self.network)

    def as_dict(self) -> dict[str, Any]:
        return {"fte": self.fte, "hub": self.hub, "network": [list(n) for n in self.network]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Expertise:
        data = data or {}
        network = [(str(p), list(paid)) for p, paid in data.get("network", [])]
        return cls(dict(data.get("fte", {})), dict(data.get("hub", {})), network)


def asks_expertise(definition: FormatDefinition) -> bool:
    return any(key in definition.entries for key in (FTE_TABLE, NETWORK, *HUB_GRIDS))


def expertise_of(definition: FormatDefinition, values: Mapping[str, Any]) -> Expertise:
    return Expertise(_fte(definition, values), _hub(definition, values), _network(values))


def _fte(definition: FormatDefinition, values: Mapping[str, Any]) -> dict[str, float]:
    table, value = definition.entries.get(FTE_TABLE), values.get(FTE_TABLE)
    if table is None or not isinstance(table.item, TableItem) or not isinstance(value, dict):
        return {}
    groups = {row.key: row.group or "" for row in table.item.rows}
    found: dict[str, float] = {}
    for key, cells in value.get("rows", {}).items():
        if FTE_COLUMN in cells:
            found[f"{groups.get(key, '')}/{key}"] = float(cells[FTE_COLUMN])
    for row in value.get("extra_rows", []):
        if FTE_COLUMN in row.get("cells", {}):
            key = f"{row.get('group', '')}/{OWN}{row['label']}"
            found[key] = found.get(key, 0.0) + float(row["cells"][FTE_COLUMN])
    return found


def _hub(definition: FormatDefinition, values: Mapping[str, Any]) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for grid in HUB_GRIDS:
        entry, value = definition.entries.get(grid), values.get(grid)
        if entry is None or not isinstance(entry.item, YesNoGridItem):
            continue
        cells: dict[str, bool] = {}
        for row in (value or {}).get("rows", {}).values():
            for column, yes in row.items():
                cells[column] = cells.get(column, False) or bool(yes)
        found.update({f"{grid}.{column}": yes for column, yes in cells.items()})
    return found


def _network(values: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    rows = values.get(NETWORK)
    if not isinstance(rows, list):
        return []
    return [
        (str(row[PARTNER]), list(row.get(PAID_BY, [])))
        for row in rows
        if isinstance(row, dict) and row.get(PARTNER)
    ]


# ------------------------------------------------------------------ names, for the tables


def hub_columns(definition: FormatDefinition) -> list[tuple[str, str, str]]:
    """(key, partner, kind) for every care-hub partner the format asks about."""
    found = []
    for grid in HUB_GRIDS:
        entry = definition.entries.get(grid)
        if entry is not None and isinstance(entry.item, YesNoGridItem):
            kind = grid.removeprefix("knooppunt_")
            found += [(f"{grid}.{c.key}", c.label, kind) for c in entry.item.columns]
    return found


def fte_rows(definition: FormatDefinition) -> tuple[dict[str, str], dict[str, str]]:
    """The level labels by group key and the role labels by row key."""
    entry = definition.entries.get(FTE_TABLE)
    if entry is None or not isinstance(entry.item, TableItem):
        return {}, {}
    return (
        {g.key: g.label for g in entry.item.groups},
        {r.key: r.label for r in entry.item.rows},
    )


def network_options(definition: FormatDefinition) -> tuple[dict[str, str], dict[str, str]]:
    """The partner labels and the payer labels by value."""
    entry = definition.entries.get(NETWORK)
    if entry is None or not isinstance(entry.item, RepeatingRowsItem):
        return {}, {}
    fields = {f.key: f for f in entry.item.fields}
    partner, paid = fields.get(PARTNER), fields.get(PAID_BY)
    return (
        {o.value: o.label for o in partner.options} if isinstance(partner, ChoiceItem) else {},
        {o.value: o.label for o in paid.options} if isinstance(paid, MultiChoiceItem) else {},
    )
