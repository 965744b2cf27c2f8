"""A table as both the page and the exports show it: one model, three renderings.

The page renders it as an HTML table (caption, column and row headers), the exports
as an Excel sheet and as CSV. Numbers stay numbers, so Excel can sum them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Value = str | int | float


@dataclass(frozen=True)
class Cell:
    value: Value
    css: str = ""  # the visual class (heatmap); the text always says the same
    link: str = ""
    # Lines of plain text the page folds away under `value` (a disclosure that opens
    # without JavaScript); the exports write the lines themselves instead of `value`.
    details: str = ""

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)

    @property
    def exported(self) -> Value:
        """What Excel and CSV get: the value, or the folded lines as one sentence list."""
        return self.details.replace("\n", "; ") + "." if self.details else self.value


@dataclass
class Table:
    key: str  # the sheet name in Excel (at most 31 characters)
    caption: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # The first column names the row (a school, a norm, a need): a row header.
    row_headers: bool = True

    def add(self, *cells: Cell | Value) -> None:
        self.rows.append([c if isinstance(c, Cell) else Cell(c) for c in cells])


@dataclass(frozen=True)
class Chart:
    """Stacked bars, one per row, for totals people would rather look at than read.
    The numbers are also a table on the page (`table`), for screen readers and Excel."""

    title: str
    table: str  # the caption of the table with the same numbers
    series: list[str]
    rows: list[tuple[str, list[int]]]
    # Per series its look: "best", "good", "partial" or "bad" (a pattern and a colour).
    looks: list[str] = field(default_factory=list)

    @property
    def text_alternative(self) -> str:
        return f"Staafdiagram: {self.title}. De getallen staan in de tabel “{self.table}”."


@dataclass
class Report:
    """One overview page: its tables, the main one first, and the filters applied."""

    view: str
    title: str
    filters: list[tuple[str, str]]
    tables: list[Table]
    # Short findings above the tables (e.g. the gaps in the offer), as sentences.
    findings: list[str] = field(default_factory=list)
    findings_title: str = ""
    no_findings: str = ""
    charts: list[Chart] = field(default_factory=list)

    @property
    def main(self) -> Table:
        return self.tables[0]

    @property
    def page_order(self) -> list[Table]:
        """On the page the totals come first: they are what people look at first."""
        return [*self.tables[1:], *self.tables[:1]]
