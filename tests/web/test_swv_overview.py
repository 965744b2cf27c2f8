"""The SWV's overview: status, norms and coverage against the hand-checked region."""

from __future__ import annotations

import pytest

from opensop.organisations.models import Swv
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region, row, table


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def _get(checked: HandChecked, suffix: str = "", persona: str = "swv_staff") -> bytes:
    swv_id = checked.region.school.swv_id
    response = signed_in(checked.region, persona).get(f"/swv/{swv_id}/overzicht/{suffix}")
    assert response.status_code == 200
    return response.content


def test_status_counts_who_has_not_started_not_finished_and_is_late(checked: HandChecked) -> None:
    counts = table(_get(checked), "Aantal scholen per status")
    assert {r[0]: r[1] for r in counts[1:]} == {
        "Scholen": "4",
        "Niet gestart (geen profiel dit schooljaar)": "1",
        "Niet afgerond (concept of ter advies)": "2",
        "Status concept": "1",
        "Status ter advies bij (G)MR": "1",
        "Status vastgesteld door bestuur": "0",
        "Status gepubliceerd": "1",
        "Vaststelling ouder dan vier jaar": "1",
        "Nog nooit een profiel vastgesteld": "2",
    }


def test_status_per_school_names_state_completeness_and_renewal(checked: HandChecked) -> None:
    rows = table(_get(checked), "Status van het profiel 2025-2026 per school")
    assert rows[0][:6] == [
        "School",
        "Brin en vestiging",
        "Bestuur",
        "Gemeente",
        "Profiel",
        "Status",
    ]
    assert [r[0] for r in rows[1:]] == [
        "De Mijnlamp",
        "De Verscheidenheid",
        "Het Kompas",
        "Het Lyceum",
    ]
    mijnlamp = row(rows, "De Mijnlamp")
    assert mijnlamp[4:6] == ["niet gestart", "niet gestart"]
    assert mijnlamp[-1] == "nooit vastgesteld"
    kompas = row(rows, "Het Kompas")
    assert kompas[5] == "concept"
    assert 0 < int(kompas[7]) < 100
    assert kompas[8] == "01-06-2015"
    assert kompas[9] == "te laat: ouder dan vier jaar"
    verscheidenheid = row(rows, "De Verscheidenheid")
    assert verscheidenheid[5] == "gepubliceerd"
    assert verscheidenheid[7] == "100"
    assert verscheidenheid[9] == "op tijd"


def test_the_profile_is_one_click_away(checked: HandChecked) -> None:
    page = _get(checked).decode()
    assert f'href="/profielen/{checked.published.pk}/"' in page


def test_norms_per_school_and_totals_per_norm(checked: HandChecked) -> None:
    page = _get(checked, "normen/")
    matrix = table(page, "Normen per school, schooljaar 2025-2026")
    assert matrix[0][1] == "Basisarrangement"
    assert matrix[0][-2:] == ["Eigen aanbod bij elk thema", "Aanspreekpunt voor ouders"]
    assert row(matrix, "De Verscheidenheid")[1:] == ["voldoet"] * 7 + ["n.v.t."] * 2
    assert row(matrix, "Het Kompas")[1:] == ["onvolledig"] * 7 + ["n.v.t."] * 2
    assert row(matrix, "De Mijnlamp")[1:] == ["geen profiel"] * 9
    assert row(matrix, "Het Lyceum")[-2:] == ["voldoet niet", "voldoet"]
    totals = table(page, "Aantal scholen per norm en uitkomst")
    assert totals[0] == ["Norm", "voldoet", "voldoet niet", "onvolledig", "geen profiel"]
    assert row(totals, "Basisarrangement")[1:] == ["1", "0", "1", "1"]
    assert row(totals, "Eigen aanbod bij elk thema")[1:] == ["0", "1", "0", "1"]
    assert row(totals, "Aanspreekpunt voor ouders")[1:] == ["1", "0", "0", "1"]


def test_a_norm_cell_leads_to_the_profile(checked: HandChecked) -> None:
    page = _get(checked, "normen/").decode()
    assert f'<a href="/profielen/{checked.published.pk}/">voldoet</a>' in page


def test_coverage_per_school_and_need(checked: HandChecked) -> None:
    matrix = table(
        _get(checked, "dekking/"),
        "Niveau van ondersteuning per school en ondersteuningsbehoefte, schooljaar 2025-2026",
    )
    assert matrix[0][:3] == ["School", "Dyslexie", "Dyscalculie"]
    assert row(matrix, "De Verscheidenheid")[1:6] == ["specialistisch"] * 4 + ["onbekend"]
    assert row(matrix, "Het Lyceum")[1:6] == ["aanwezig", "aanwezig", "geen", "aanwezig", "geen"]
    assert set(row(matrix, "De Mijnlamp")[1:]) == {"geen profiel"}


def test_coverage_counts_and_gaps(checked: HandChecked) -> None:
    page = _get(checked, "dekking/")
    counts = table(
        page, "Aantal scholen per ondersteuningsbehoefte en niveau, en de gaten in het aanbod"
    )
    assert counts[0] == [
        "Ondersteuningsbehoefte",
        "geen",
        "in ontwikkeling",
        "aanwezig",
        "specialistisch",
        "onbekend",
        "geen profiel",
        "aanwezig of specialistisch",
        "gat (minder dan 1)",
    ]
    assert row(counts, "Dyslexie")[1:] == ["0", "0", "1", "1", "1", "1", "2", "nee"]
    assert row(counts, "Fysieke toegankelijkheid")[1:] == ["2", "0", "0", "0", "1", "1", "0", "ja"]
    assert row(counts, "Taal en NT2")[1:] == ["0", "0", "2", "0", "1", "1", "2", "nee"]
    gaps = [r[0] for r in counts[1:] if r[-1] == "ja"]
    assert gaps == ["Autisme (ASS)", "AD(H)D", "Fysieke toegankelijkheid"]
    text = page.decode()
    assert "Gaten in het aanbod (minder dan 1 school)" in text
    assert "Autisme (ASS): geen enkele school biedt dit aanwezig of specialistisch." in text


def test_the_swv_sets_its_own_threshold(checked: HandChecked) -> None:
    Swv.objects.filter(pk=checked.region.school.swv_id).update(coverage_threshold=2)
    counts = table(
        _get(checked, "dekking/"),
        "Aantal scholen per ondersteuningsbehoefte en niveau, en de gaten in het aanbod",
    )
    gaps = [r[0] for r in counts[1:] if r[-1] == "ja"]
    assert gaps == [
        "Meer- en hoogbegaafdheid",
        "Autisme (ASS)",
        "AD(H)D",
        "Faalangst",
        "Fysieke toegankelijkheid",
        "Chronische ziekte en medische handelingen",
        "Executieve functies en schoolse vaardigheden",
    ]
    assert (
        "Faalangst: maar 1 school biedt dit aanwezig of specialistisch."
        in _get(checked, "dekking/").decode()
    )


def test_filters_by_municipality_and_board(checked: HandChecked) -> None:
    board_a = checked.region.school.board_id
    brunssum = table(
        _get(checked, "dekking/?gemeente=Brunssum"),
        "Niveau van ondersteuning per school en ondersteuningsbehoefte, schooljaar 2025-2026",
    )
    assert [r[0] for r in brunssum[1:]] == ["De Mijnlamp", "Het Lyceum"]
    board = table(_get(checked, f"?bestuur={board_a}"), "Aantal scholen per status")
    assert row(board, "Scholen")[1] == "2"
    page = _get(checked, "normen/?gemeente=Brunssum&sector=PO").decode()
    assert "Filters wissen" in page
    assert "De Verscheidenheid" not in page


def test_an_unknown_filter_value_shows_everything(checked: HandChecked) -> None:
    rows = table(_get(checked, "?gemeente=Atlantis&jaar=1999-2000"), "Aantal scholen per status")
    assert row(rows, "Scholen")[1] == "4"


def test_an_earlier_school_year(checked: HandChecked) -> None:
    page = _get(checked, "?jaar=2015-2016")
    assert '<option value="2015-2016" selected>' in page.decode()
    rows = table(
        page, "Status van het profiel 2015-2026 per school".replace("2015-2026", "2015-2016")
    )
    assert row(rows, "Het Kompas")[5] == "gepubliceerd"
    assert row(rows, "De Verscheidenheid")[4] == "niet gestart"


def test_the_inspectorate_reads_the_same_numbers_without_links_to_concepts(
    checked: HandChecked,
) -> None:
    page = _get(checked, "normen/", persona="inspectorate").decode()
    assert f'href="/profielen/{checked.published.pk}/"' in page
    concept = checked.kompas.profiles.get(school_year="2025-2026")
    assert f'href="/profielen/{concept.pk}/"' not in page


def test_the_header_leads_staff_and_inspectorate_to_the_overview(checked: HandChecked) -> None:
    swv_id = checked.region.school.swv_id
    for persona in ("swv_staff", "inspectorate"):
        page = signed_in(checked.region, persona).get("/").content.decode()
        assert f'href="/swv/{swv_id}/overzicht/"' in page, persona
    inspector_page = signed_in(checked.region, "inspectorate").get("/").content.decode()
    assert f"/swv/{swv_id}/scholen/" not in inspector_page


def test_staff_of_another_swv_see_nothing(checked: HandChecked) -> None:
    swv_id = checked.region.school.swv_id
    client = signed_in(checked.region, "swv_staff_other")
    for suffix in ("", "normen/", "dekking/", "status.xlsx", "dekking.csv"):
        assert client.get(f"/swv/{swv_id}/overzicht/{suffix}").status_code == 404, suffix
