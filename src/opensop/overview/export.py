"""An overview page to Excel (one formatted sheet per table) and to CSV (its main table).

Text that a spreadsheet would read as a formula (a school named "=HYPERLINK(…)") gets
a leading apostrophe: it is shown as text and never runs.
"""

from __future__ import annotations

import csv
import io

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from opensop.formats.level_words import WORDS, Audience
from opensop.overview.tables import Report, Table, Value

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Value) -> Value:
    """`value`, with text that could start a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# The page's heatmap colours, as light fills so the text stays readable.
FILLS = {
    "outcome-voldoet": "C6E5CC",
    "outcome-voldoet_niet": "F4C7C8",
    "outcome-onvolledig": "FBE7B5",
    **{f"level-{code}": fill for code, fill in WORDS[Audience.COLOUR].items()},
    "gap-yes": "F4C7C8",
    "renewal-late": "F4C7C8",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def to_xlsx(report: Report) -> bytes:
    """One sheet per table. XlsxWriter writes row by row (constant_memory): each row goes
    to the file as it is written, so a national sheet costs no more memory than a row."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "constant_memory": True})
    styles = _Styles(book)
    for table in report.tables:
        _sheet(book, styles, report, table)
    book.close()
    return out.getvalue()


class _Styles:
    """The workbook's formats, made once: XlsxWriter keeps one record per format object."""

    def __init__(self, book: Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.row_header = book.add_format({"bold": True})
        self.fills = {
            code: book.add_format({"bg_color": f"#{colour}"}) for code, colour in FILLS.items()
        }
        self.row_header_fills = {
            code: book.add_format({"bold": True, "bg_color": f"#{colour}"})
            for code, colour in FILLS.items()
        }
        # A handful of distinct classes over thousands of cells: each looked up once.
        self.found: dict[tuple[str, bool], Format | None] = {}

    def of(self, css: str, *, row_header: bool) -> Format | None:
        key = (css, row_header)
        if key not in self.found:
            fills = self.row_header_fills if row_header else self.fills
            fill = next((fills[c] for c in css.split() if c in fills), None)
            self.found[key] = self.row_header if fill is None and row_header else fill
        return self.found[key]


def _sheet(book: Workbook, styles: _Styles, report: Report, table: Table) -> None:
    sheet = book.add_worksheet(table.key[:31])
    _widths(sheet, table)  # before any row: constant_memory writes rows out at once
    lines: list[list[Value]] = [[label, value] for label, value in report.filters]
    if table is report.main or len(report.tables) == 1:
        lines += [[finding] for finding in report.findings]
    _write(sheet, 0, [table.caption], styles.title)
    for row, line in enumerate(lines, start=1):
        _write(sheet, row, line)
    header = len(lines) + 2  # after one empty row
    _write(sheet, header, list(table.columns), styles.header)
    for row, cells in enumerate(table.rows, start=header + 1):
        for column, cell in enumerate(cells):
            style = styles.of(cell.css, row_header=table.row_headers and column == 0)
            value = cell.exported
            # Numbers straight away; text through _write_cell, which neutralises formulas.
            if type(value) is int or type(value) is float:
                sheet.write_number(row, column, value, style)
            else:
                _write_cell(sheet, row, column, value, style)
    sheet.freeze_panes(header + 1, 1 if table.row_headers else 0)


def _write(sheet: Worksheet, row: int, values: list[Value], style: Format | None = None) -> None:
    for column, value in enumerate(values):
        _write_cell(sheet, row, column, value, style)


def _write_cell(
    sheet: Worksheet, row: int, column: int, value: Value, style: Format | None
) -> None:
    # Never sheet.write(): it would read text starting with "=" as a formula.
    if isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, column, value, style)
    else:
        sheet.write_string(row, column, str(neutralised(value)), style)


def _widths(sheet: Worksheet, table: Table) -> None:
    longest = [0] * len(table.columns)
    for cells in table.rows:
        for index, cell in enumerate(cells):
            value = cell.exported
            length = len(value) if isinstance(value, str) else len(str(value))
            longest[index] = max(longest[index], length)
    for index, title in enumerate(table.columns):
        width = min(max(len(title) if index == 0 else 12, longest[index]) + 2, 45)
        sheet.set_column(index, index, width)


def to_csv(report: Report) -> bytes:
    """The main table, for Dutch Excel: UTF-8 with a byte order mark and ';' between fields."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralised(c) for c in report.main.columns])
    writer.writerows([neutralised(c.exported) for c in row] for row in report.main.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
