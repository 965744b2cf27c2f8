"""SWV staff read one DUO file in for all their schools: a report per school (matched
values, rows of no school of the SWV, malformed rows), saved only on confirm and all or
nothing; then each school confirms or corrects its proposal as before. And DUO's pupil
count per location and age (a sample in DUO's layout) proposes the pupil numbers."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from opensop.cycle.models import DuoProposal, DuoValue
from opensop.imports.duo.figures import read_duo_figures
from opensop.organisations.models import School
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import profile

ROOT = Path(__file__).resolve().parents[2]
DUO = ROOT / "tests" / "imports" / "data" / "duo"
YEAR = "2025-2026"


@pytest.fixture
def schools(region: Region, concept: Profile) -> dict[str, Profile]:
    """99XA: the region's concept; 99XD: a second concept; 99XE: adopted; 99XF: none."""
    swv, board = region.school.swv, region.school.board
    servaas = School.objects.create(brin="99XD", name="Sint-Servaas", board=board, swv=swv)
    adopted = School.objects.create(brin="99XE", name="De Vastgestelde", board=board, swv=swv)
    School.objects.create(brin="99XF", name="Zonder Profiel", board=board, swv=swv)
    return {
        "99XA": concept,
        "99XD": profile(servaas, "onvolledig", State.CONCEPT),
        "99XE": profile(adopted, "voldoet", State.ADOPTED),
    }


def _upload(client: Client, swv_id: int, name: str, year: str = YEAR) -> str:
    data = (DUO / name).read_bytes()
    response = client.post(
        f"/swv/{swv_id}/duo/",
        {"school_year": year, "file": SimpleUploadedFile(name, data, "text/csv")},
    )
    return response.content.decode()


def _token(page: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_the_report_shows_each_school_and_saves_nothing(
    region: Region, schools: dict[str, Profile]
) -> None:
    staff = signed_in(region, "swv_staff")
    page = _upload(staff, region.school.swv_id, "schooladviezen_met_fouten.csv")
    assert "Regel 3: brinnummer &#x27;9X9A&#x27; is ongeldig." in page
    assert "Regel 4: vestigingsnummer &#x27;X&#x27; is ongeldig." in page
    assert "Regel 5: 99XC00" in page  # De Linde belongs to no school of this SWV
    assert "De Verscheidenheid (99XA00)" in page
    assert "DUO schermt kolom VSO af" in page  # masked for 99XA: the school fills it in
    assert "Het profiel is niet in concept (vastgesteld door bestuur)." in page
    assert f"Nog geen profiel voor {YEAR}." in page
    assert "Geen regel in dit bestand." in page  # 99XD is not in this file
    assert not DuoProposal.objects.exists()


def test_on_confirm_every_matched_concept_gets_its_proposal(
    region: Region, schools: dict[str, Profile]
) -> None:
    staff = signed_in(region, "swv_staff")
    swv_id = region.school.swv_id
    page = _upload(staff, swv_id, "schooladviezen_2025.csv")
    assert "2 van de 4 scholen krijgen een voorstel" in page
    response = staff.post(f"/swv/{swv_id}/duo/bevestigen/", {"token": _token(page)}, follow=True)
    assert "staan klaar bij 2 scholen" in response.content.decode()
    proposals = {p.profile.school.brin: p for p in DuoProposal.objects.select_related("profile")}
    assert set(proposals) == {"99XA", "99XD"}
    first = proposals["99XA"]
    assert first.source_file == "schooladviezen_2025.csv"
    assert first.source_date == datetime.date(2025, 10, 1)
    assert first.proposed["uitstroom_vso"] == 3.3  # 1 of 30
    assert first.proposed_by == region.user("swv_staff")


def test_a_profile_that_left_concept_in_between_saves_nothing(
    region: Region, schools: dict[str, Profile]
) -> None:
    staff = signed_in(region, "swv_staff")
    swv_id = region.school.swv_id
    page = _upload(staff, swv_id, "schooladviezen_2025.csv")
    Profile.objects.filter(pk=schools["99XD"].pk).update(state=State.ADVICE)
    response = staff.post(f"/swv/{swv_id}/duo/bevestigen/", {"token": _token(page)}, follow=True)
    assert "Sint-Servaas: het profiel voor 2025-2026 is niet meer in concept" in (
        response.content.decode()
    )
    assert not DuoProposal.objects.exists()


def test_the_school_confirms_or_corrects_the_swv_proposal(
    region: Region, schools: dict[str, Profile]
) -> None:
    staff = signed_in(region, "swv_staff")
    swv_id = region.school.swv_id
    staff.post(
        f"/swv/{swv_id}/duo/bevestigen/",
        {"token": _token(_upload(staff, swv_id, "schooladviezen_2025.csv"))},
    )
    editor = signed_in(region, "editor")
    concept = schools["99XA"]
    page = editor.get(f"/profielen/{concept.pk}/duo/").content.decode()
    assert "Voorstel van het samenwerkingsverband" in page
    proposal_page = editor.get(f"/profielen/{concept.pk}/duo/?voorstel=1").content.decode()
    assert "Het samenwerkingsverband las op" in proposal_page
    response = editor.post(
        f"/profielen/{concept.pk}/duo/bevestigen/",
        {"token": _token(proposal_page), "take": ["uitstroom_pro"], "a-uitstroom_pro": "7,0"},
    )
    assert response.status_code == 302
    value = DuoValue.objects.get(profile=concept)
    assert (value.item_key, value.value, value.corrected) == ("uitstroom_pro", 7.0, True)
    assert value.source_file == "schooladviezen_2025.csv"
    assert value.source_date == datetime.date(2025, 10, 1)
    assert DuoProposal.objects.get(profile=concept).taken_at is not None
    again = editor.get(f"/profielen/{concept.pk}/duo/").content.decode()
    assert "Voorstel van het samenwerkingsverband" not in again


def test_a_file_of_no_school_of_the_swv_is_refused(
    region: Region, schools: dict[str, Profile]
) -> None:
    page = _upload(signed_in(region, "swv_staff"), region.school.swv_id, "schooladviezen_po.csv")
    assert "Geen enkele regel in dit bestand hoort bij een school" in page
    assert not DuoProposal.objects.exists()


@pytest.mark.parametrize("persona", ["editor", "board", "swv_staff_other", "anonymous", "mr"])
def test_only_the_swvs_staff_read_a_file_in_for_all_schools(
    region: Region, schools: dict[str, Profile], persona: str
) -> None:
    client = signed_in(region, persona)
    swv_id = region.school.swv_id
    assert client.get(f"/swv/{swv_id}/duo/").status_code in (302, 404)
    assert client.post(f"/swv/{swv_id}/duo/bevestigen/", {"token": "x"}).status_code in (302, 404)
    assert not DuoProposal.objects.exists()


# ------------------------------------------------------------------ DUO's pupil count


def test_the_pupil_count_proposes_pupils_by_age_summed_over_locations(concept: Profile) -> None:
    data = (DUO / "leerlingen_po_leeftijd.csv").read_bytes()
    reading = read_duo_figures(data, format_of(concept), "99XA", "00")
    assert reading.lines == [2]
    assert reading.source_date == datetime.date(2025, 10, 1)
    values = {p.item_key: p.value for p in reading.proposals}
    assert values == {
        "peildatum": "2025-10-01",
        "leerlingen_tm8": 0 + 21 + 24 + 22 + 25 + 23,
        "leerlingen_8plus": 20 + 26 + 22 + 19 + 6 + 0,
    }


def test_a_masked_pupil_count_is_not_proposed(concept: Profile) -> None:
    data = (DUO / "leerlingen_po_leeftijd.csv").read_bytes()
    reading = read_duo_figures(data, format_of(concept), "99XA", "01")
    values = {p.item_key: p.value for p in reading.proposals}
    assert values["leerlingen_tm8"] == 8 + 9 + 7 + 10 + 8
    assert "leerlingen_8plus" not in values
    assert any("LEEFTIJD_13" in problem for problem in reading.problems)


def test_the_shipped_example_is_the_tests_sample() -> None:
    shipped = ROOT / "examples" / "duo" / "leerlingen_po_leeftijd.csv"
    assert shipped.read_bytes() == (DUO / "leerlingen_po_leeftijd.csv").read_bytes()
