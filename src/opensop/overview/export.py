"""An overview page to Excel (one formatted sheet per table) and to CSV (its main table).

Text that a spreadsheet would read as a formula (a school named "=HYPERLINK(…)") gets
a leading apostrophe: it is shown as text and never runs.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
    "level-geen": "F4C7C8",
    "level-in_ontwikkeling": "FBE7B5",
    "level-aanwezig": "C6E5CC",
    "level-specialistisch": "8CCB99",
    "gap-yes": "F4C7C8",
    "renewal-late": "F4C7C8",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in report.tables:
        _sheet(book, report, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, report: Report, table: Table) -> None:
    sheet = book.create_sheet(table.key[:31])
    sheet.append([neutralised(table.caption)])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in report.filters:
        sheet.append([label, neutralised(value)])
    for finding in report.findings if table is report.main or len(report.tables) == 1 else []:
        sheet.append([neutralised(finding)])
    sheet.append([])
    sheet.append([neutralised(c) for c in table.columns])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fills = {code: PatternFill("solid", fgColor=colour) for code, colour in FILLS.items()}
    for row in table.rows:
        sheet.append([neutralised(c.value) for c in row])
        for cell, source in zip(sheet[sheet.max_row], row, strict=True):
            fill = next((fills[c] for c in source.css.split() if c in fills), None)
            if fill is not None:
                cell.fill = fill
    if table.row_headers:
        for (cell,) in sheet.iter_rows(min_row=header + 1, max_col=1):
            cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=2 if table.row_headers else 1)
    _widths(sheet, table)


def _widths(sheet: object, table: Table) -> None:
    for index, title in enumerate(table.columns, start=1):
        longest = max([len(str(r[index - 1].value)) for r in table.rows] or [0])
        width = min(max(len(title) if index == 1 else 12, longest) + 2, 45)
        sheet.column_dimensions[get_column_letter(index)].width = width  # type: ignore[attr-defined]


def to_csv(report: Report) -> bytes:
    """The main table, for Dutch Excel: UTF-8 with a byte order mark and ';' between fields."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralised(c) for c in report.main.columns])
    writer.writerows([neutralised(c.value) for c in row] for row in report.main.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
