"""The overview's “Wat is er veranderd”: per school, what changed since its previous profile."""

from __future__ import annotations

import pytest
from lxml import html

from opensop.profiles.models import State
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region, profile, row, table

CAPTION = "Wat er per school veranderd is in 2025-2026 ten opzichte van het vorige profiel"


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _get(checked: HandChecked, query: str = "", persona: str = "swv_staff") -> bytes:
    swv_id = checked.region.school.swv_id
    url = f"/swv/{swv_id}/overzicht/veranderd/{query}"
    response = signed_in(checked.region, persona).get(url)
    assert response.status_code == 200
    return response.content


def test_each_school_gets_a_row_with_its_changes(checked: HandChecked) -> None:
    rows = table(_get(checked), CAPTION)
    assert rows[0] == [
        "School",
        "Profiel",
        "Vorig profiel",
        "Aantal veranderingen",
        "Veranderingen",
    ]
    assert row(rows, "De Mijnlamp")[1:] == [
        "niet gestart",
        "geen",
        "—",
        "Geen profiel dit schooljaar.",
    ]
    assert row(rows, "Het Lyceum")[4] == "Geen eerder profiel om mee te vergelijken."
    kompas = row(rows, "Het Kompas")
    assert kompas[1:3] == ["2025-2026", "2015-2016"]
    assert int(kompas[3]) > 0
    assert "nu onvolledig (was voldoet)" in kompas[4]


def test_a_school_that_changed_nothing_says_so(checked: HandChecked) -> None:
    profile(checked.region.school, "voldoet", State.PUBLISHED, school_year="2024-2025")
    rows = table(_get(checked), CAPTION)
    assert row(rows, "De Verscheidenheid")[2:] == ["2024-2025", "0", "Niets veranderd."]


def test_the_counts_add_up_the_changes(checked: HandChecked) -> None:
    counts = {
        r[0]: r[1]
        for r in table(_get(checked), "Aantal veranderingen ten opzichte van het vorige profiel")[
            1:
        ]
    }
    assert counts["Scholen met veranderingen"] == "1"
    assert int(counts["Normen niet meer gehaald"]) > 0
    assert counts["Normen nu wel gehaald"] == "0"


def test_the_filters_apply_and_the_export_has_the_changes(checked: HandChecked) -> None:
    rows = table(_get(checked, "?gemeente=Brunssum"), CAPTION)
    assert [r[0] for r in rows[1:]] == ["De Mijnlamp", "Het Lyceum"]
    swv_id = checked.region.school.swv_id
    client = signed_in(checked.region, "inspectorate")
    csv = client.get(f"/swv/{swv_id}/overzicht/veranderd.csv").content.decode("utf-8-sig")
    assert "Het Kompas;2025-2026;2015-2016;" in csv


def test_staff_of_another_swv_do_not_find_the_page(checked: HandChecked) -> None:
    swv_id = checked.region.school.swv_id
    client = signed_in(checked.region, "swv_staff_other")
    assert client.get(f"/swv/{swv_id}/overzicht/veranderd/").status_code == 404


def test_a_schools_changes_fold_away_under_their_counts(checked: HandChecked) -> None:
    tree = html.fromstring(_get(checked))
    kompas = tree.xpath('//tr[th[normalize-space()="Het Kompas"]]')[0]
    summary = " ".join(kompas.xpath(".//details/summary")[0].text_content().split())
    assert "normen niet meer gehaald" in summary
    items = [li.text_content() for li in kompas.xpath(".//details/ul/li")]
    assert any("nu onvolledig (was voldoet)" in item for item in items)
    assert len(items) == int(row(table(_get(checked), CAPTION), "Het Kompas")[3])
