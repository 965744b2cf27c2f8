"""The overview's “Deskundigheid en netwerk”: section 3.4 of seed 000 summed over the SWV."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region, row, table


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _get(checked: HandChecked, suffix: str = "", persona: str = "swv_staff") -> bytes:
    swv_id = checked.region.school.swv_id
    url = f"/swv/{swv_id}/overzicht/deskundigheid/{suffix}"
    response = signed_in(checked.region, persona).get(url)
    assert response.status_code == 200
    return response.content


def test_per_school_fte_hub_and_network(checked: HandChecked) -> None:
    rows = table(_get(checked), "Deskundigheid en netwerk per school, schooljaar 2025-2026")
    # voldoet.yaml: 16.4 + 1.6 + 1.2 + 0.6 + 0.8 + 0.4 + 0.2
    assert row(rows, "De Verscheidenheid")[2] == "21,2"
    assert row(rows, "De Mijnlamp")[-1] == "geen profiel"
    assert row(rows, "Het Lyceum")[-1] == "niet gevraagd"  # the VO format has no 3.4 tables
    assert row(rows, "Het Kompas")[2:5] == ["0,0", "0", "0"]  # asked, not filled in yet


def test_fte_per_role_and_level_sums_the_schools(checked: HandChecked) -> None:
    rows = table(
        _get(checked), "FTE binnen de scholen per niveau van ondersteuning en rol, opgeteld"
    )
    assert rows[0] == ["Niveau", "Rol", "FTE", "Aantal scholen"]
    leraar = next(r for r in rows if r[1] == "leraar")
    assert leraar[0].startswith("1. Onderwijs in de groep")
    assert leraar[2:] == ["16,4", "1"]
    assert next(r for r in rows if r[1] == "gedragsspecialist")[2] == "0,4"
    assert row(rows, "Totaal")[2] == "21,2"


def test_care_hub_and_who_pays(checked: HandChecked) -> None:
    page = _get(checked)
    hub = table(page, "Knooppunt zorg in en om school: aantal scholen per deelnemer")
    assert row(hub, "JGZ")[1:] == ["structureel", "1", "1"]
    assert row(hub, "IVH")[1:] == ["incidenteel", "0", "2"]
    network = table(page, "Netwerkpartners: aantal afspraken en wie betaalt")
    assert network[0][:4] == [
        "Ketenpartner",
        "Aantal scholen",
        "Aantal afspraken",
        "Betaald uit JW",
    ]
    ggz = row(network, "GGZ")
    assert ggz[1] == "1"


def test_the_excel_export_has_a_sheet_per_table(checked: HandChecked) -> None:
    swv_id = checked.region.school.swv_id
    client = signed_in(checked.region, "inspectorate")
    response = client.get(f"/swv/{swv_id}/overzicht/deskundigheid.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Deskundigheid per school",
        "FTE per rol en niveau",
        "Knooppunt",
        "Netwerkpartners",
    ]
    values = [c.value for r in book["FTE per rol en niveau"].iter_rows() for c in r]
    assert 16.4 in values
    csv = client.get(f"/swv/{swv_id}/overzicht/deskundigheid.csv").content.decode("utf-8-sig")
    assert csv.startswith("School;Profiel;FTE binnen de school")


def test_staff_of_another_swv_do_not_find_the_page(checked: HandChecked) -> None:
    swv_id = checked.region.school.swv_id
    client = signed_in(checked.region, "swv_staff_other")
    assert client.get(f"/swv/{swv_id}/overzicht/deskundigheid/").status_code == 404
