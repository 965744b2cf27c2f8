"""The synthetic national data set and the national overview built on it."""

from __future__ import annotations

import io

import pytest
from bench.national_dataset import DatasetError, create
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from opensop.organisations.models import School, Swv
from opensop.overview.models import ProfileSummary
from opensop.overview.services import summary_of
from opensop.overview.stored_changes import rebuild_changes
from opensop.profiles.models import Profile, State
from opensop.workflow import services
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region, row, table


def test_a_small_national_data_set(db: None) -> None:
    made = create(schools=40, swvs=4, years=2)
    assert "4 samenwerkingsverbanden, 40 scholen" in made
    swvs = Swv.objects.filter(code__startswith="SYN")
    assert sorted(swvs.values_list("sector", flat=True)) == ["PO", "PO", "VO", "VO"]
    assert School.objects.count() == 40
    assert Profile.objects.count() == ProfileSummary.objects.count() > 40
    assert set(Profile.objects.values_list("format_id", flat=True)) == {
        "zuid-limburg-po",
        "zuid-kennemerland-vo",
    }
    # The stored summaries are exactly what checking the answers gives.
    for profile in Profile.objects.order_by("?")[:5]:
        expected = summary_of(profile)
        stored = ProfileSummary.objects.get(profile=profile)
        assert (stored.norms, stored.needs, stored.offered) == (
            expected.norms,
            expected.needs,
            expected.offered_text,
        )
    # So are the stored changes since each school's previous profile.
    fields = ("profile_id", "previous_year", "change_counts", "changes")
    generated = sorted(ProfileSummary.objects.values_list(*fields))
    assert any(changes for *_, changes in generated)
    rebuild_changes(Profile, ProfileSummary)
    assert sorted(ProfileSummary.objects.values_list(*fields)) == generated
    with pytest.raises(DatasetError, match="al een synthetische dataset"):
        create(schools=4, swvs=1, years=1)


@pytest.fixture
def checked(region: Region) -> HandChecked:
    return hand_checked_region(region)


def test_the_national_overview_counts_per_swv(checked: HandChecked) -> None:
    page = signed_in(checked.region, "admin").get("/overzicht/?jaar=2025-2026").content
    status = table(page, "Status van de profielen per samenwerkingsverband")
    assert row(status, "PO 31-06 Heerlen e.o.")[1:] == ["PO", "4", "1", "2", "1", "1", "2"]
    assert row(status, "PO 31-05 Maastricht-Heuvelland")[1:] == ["PO", "1", "1", "0", "0", "0", "1"]
    coverage = table(
        page,
        "Aantal scholen per samenwerkingsverband dat een ondersteuningsbehoefte aanwezig of "
        "specialistisch biedt (een gat: minder dan de drempel van het SWV)",
    )
    heerlen = row(coverage, "PO 31-06 Heerlen e.o.")
    assert heerlen[1:6] == ["2", "2", "1", "2", "0"]
    assert heerlen[-1] == "3"  # ASS, AD(H)D, fysieke toegankelijkheid
    norms = table(page, "Aantal scholen per norm en uitkomst, per formaat")
    basis = row(norms, "Basisarrangement")
    assert basis[2:] == ["1", "0", "1"]
    assert row(norms, "Eigen aanbod bij elk thema")[2:] == ["0", "1", "0"]


def test_the_national_overview_to_excel(checked: HandChecked) -> None:
    response = signed_in(checked.region, "admin").get("/overzicht/landelijk.xlsx?jaar=2025-2026")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Status per SWV", "Dekking per SWV", "Normen per formaat"]
    rows = [list(r) for r in book["Status per SWV"].iter_rows(values_only=True)]
    assert ["Schooljaar", "2025-2026"] in [r[:2] for r in rows]
    heerlen = next(r for r in rows if r[0] == "PO 31-06 Heerlen e.o.")
    assert heerlen[1:] == ["PO", 4, 1, 2, 1, 1, 2]


def test_only_site_admins_see_the_national_overview(checked: HandChecked) -> None:
    for persona in ("swv_staff", "inspectorate", "editor", "anonymous"):
        client = signed_in(checked.region, persona)
        assert client.get("/overzicht/").status_code == 404, persona
        assert client.get("/overzicht/landelijk.csv").status_code == 404, persona


def _heerlen_status(client: Client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/overzicht/?jaar=2025-2026").content
    status = table(page, "Status van de profielen per samenwerkingsverband")
    return [*row(status, "PO 31-06 Heerlen e.o.")[2:6], str(len(queries))]


def test_the_figures_are_counted_again_after_every_change(checked: HandChecked) -> None:
    client = signed_in(checked.region, "admin")
    # Schools, not started, not finished, finished; and the number of queries.
    first = _heerlen_status(client)
    assert first[:4] == ["4", "1", "2", "1"]
    again = _heerlen_status(client)
    assert again[:4] == first[:4]
    assert int(again[4]) < int(first[4])  # counted once, then read from the cache
    # A correction of the published profile: a concept now, no longer finished.
    services.start_correction(checked.published, checked.region.user("editor"))
    assert _heerlen_status(client)[:4] == ["4", "1", "3", "0"]
    # A state changed without a new summary.
    lyceum = Profile.objects.get(school=checked.lyceum)
    lyceum.state = State.PUBLISHED
    lyceum.save()
    assert _heerlen_status(client)[:4] == ["4", "1", "2", "1"]
    # A school added to the SWV.
    School.objects.create(
        brin="99XF",
        name="De Nieuwe",
        swv=checked.lyceum.swv,
        board=checked.lyceum.board,
        municipality="Heerlen",
    )
    assert _heerlen_status(client)[:4] == ["5", "2", "2", "1"]
