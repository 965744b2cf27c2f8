"""Each overview view to Excel and CSV: the same numbers, the filters stated, no formulas."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from opensop.organisations.models import School
from opensop.overview.export import neutralised
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _download(checked: HandChecked, name: str) -> bytes:
    swv_id = checked.region.school.swv_id
    response = signed_in(checked.region, "swv_staff").get(f"/swv/{swv_id}/overzicht/{name}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _rows(sheet: object) -> list[list[object]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_status_to_excel_states_the_filters_and_keeps_numbers(checked: HandChecked) -> None:
    content = _download(checked, "status.xlsx?gemeente=Heerlen")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Status", "Aantallen status"]
    sheet = book["Status"]
    rows = _rows(sheet)
    assert rows[0][0] == "Status van het profiel 2025-2026 per school"
    assert rows[2][:2] == ["Schooljaar", "2025-2026"]
    assert rows[5][:2] == ["Gemeente", "Heerlen"]
    assert rows[4][:2] == ["Bestuur", "alle"]
    header = next(i for i, r in enumerate(rows) if r[0] == "School")
    assert all(cell.font.bold for cell in sheet[header + 1] if cell.value)
    assert sheet.freeze_panes == f"B{header + 2}"
    schools = [r[0] for r in rows[header + 1 :]]
    assert schools == ["De Verscheidenheid", "Het Kompas"]
    verscheidenheid = rows[header + 1]
    assert verscheidenheid[7] == 100  # a number Excel can sum, not text
    counts = {r[0]: r[1] for r in _rows(book["Aantallen status"])}
    assert counts["Scholen"] == 2
    assert counts["Vaststelling ouder dan vier jaar"] == 1


def test_norms_and_coverage_to_excel(checked: HandChecked) -> None:
    norms = load_workbook(io.BytesIO(_download(checked, "normen.xlsx")))
    totals = {r[0]: r[1:5] for r in _rows(norms["Totalen normen"])}
    assert list(totals["Basisarrangement"]) == [1, 0, 1, 1]
    matrix = _rows(norms["Normen"])
    lyceum = next(r for r in matrix if r[0] == "Het Lyceum")
    assert lyceum[-2:] == ["voldoet niet", "voldoet"]
    coverage = load_workbook(io.BytesIO(_download(checked, "dekking.xlsx")))
    assert coverage.sheetnames == ["Dekking", "Aantallen dekking"]
    rows = _rows(coverage["Dekking"])
    assert "Autisme (ASS): geen enkele school biedt dit aanwezig of specialistisch." in [
        r[0] for r in rows
    ]
    counts = {r[0]: r[1:] for r in _rows(coverage["Aantallen dekking"])}
    assert list(counts["Fysieke toegankelijkheid"]) == [2, 0, 0, 0, 1, 1, 0, "ja"]
    cell = next(c for c in coverage["Dekking"]["B"] if c.value == "specialistisch")
    assert cell.fill.fgColor.rgb.endswith("8CCB99")


def test_csv_for_dutch_excel(checked: HandChecked) -> None:
    content = _download(checked, "dekking.csv")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["School", "Dyslexie", "Dyscalculie"]
    lyceum = next(r for r in rows if r[0] == "Het Lyceum")
    assert lyceum[1:4] == ["aanwezig", "aanwezig", "geen"]
    assert len(rows) == 5


def test_a_school_name_that_is_a_formula_stays_text(checked: HandChecked) -> None:
    School.objects.filter(pk=checked.mijnlamp.pk).update(
        name='=HYPERLINK("https://example.invalid","klik")'
    )
    book = load_workbook(io.BytesIO(_download(checked, "status.xlsx")))
    names = [r[0] for r in _rows(book["Status"])]
    assert '\'=HYPERLINK("https://example.invalid","klik")' in names
    assert not any(isinstance(n, str) and n.startswith("=") for n in names)
    text = _download(checked, "status.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text


@pytest.mark.parametrize("text", ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(text: str) -> None:
    assert neutralised(text) == "'" + text


def test_plain_text_and_numbers_stay_as_they_are() -> None:
    assert neutralised("De Bron") == "De Bron"
    assert neutralised(-3) == -3
    assert neutralised("—") == "—"


def test_an_unknown_export_is_not_found(checked: HandChecked) -> None:
    swv_id = checked.region.school.swv_id
    client = signed_in(checked.region, "swv_staff")
    assert client.get(f"/swv/{swv_id}/overzicht/status.pdf").status_code == 404
    assert client.get(f"/swv/{swv_id}/overzicht/alles.xlsx").status_code == 404
