"""SWV staff download the documents of their schools' adopted profiles as one ZIP."""

from __future__ import annotations

from typing import Any

from django.test import Client

from opensop.documents.models import BatchState, DocumentBatch, StoredDocument
from tests.web.batch_region import YEAR, Schools, entries, three_schools  # noqa: F401 - fixture
from tests.web.conftest import Region, signed_in

FULL_PUBLISHED = "99XA00-de-verscheidenheid-schoolondersteuningsprofiel-2025-2026.pdf"
SUMMARY_PUBLISHED = "99XA00-de-verscheidenheid-in-een-oogopslag-2025-2026.pdf"
SUMMARY_ADOPTED = "99XC00-de-linde-in-een-oogopslag-2025-2026.pdf"


def start(client: Client, region: Region, capture: Any, **data: str) -> Any:
    """Post the form as staff would; the task runs when the request's transaction commits."""
    with capture(execute=True):
        return client.post(
            f"/swv/{region.school.swv_id}/documenten/", {"school_year": YEAR, **data}
        )


def test_the_zip_holds_one_document_per_school_with_an_adopted_profile(
    region: Region, schools: Schools, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(region, "swv_staff")
    response = start(client, region, django_capture_on_commit_callbacks, kinds="summary")
    batch = DocumentBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/swv/{region.school.swv_id}/documenten/{batch.pk}/"
    assert (batch.state, batch.done, batch.total, batch.skipped) == (BatchState.READY, 3, 3, 1)

    page = client.get(response["Location"]).content.decode()
    assert "3 van 3 scholen verwerkt; 1 overgeslagen" in page
    assert "hx-trigger" not in page  # finished: nothing left to poll

    download = client.get(f"{response['Location']}zip")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert 'filename="PO-31-06-documenten-2025-2026.zip"' in download["Content-Disposition"]
    files = entries(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    assert sorted(files) == sorted(["inhoud.txt", SUMMARY_PUBLISHED, SUMMARY_ADOPTED])
    assert files[SUMMARY_PUBLISHED].startswith(b"%PDF")
    assert files[SUMMARY_ADOPTED].startswith(b"%PDF")
    contents = files["inhoud.txt"].decode()
    assert "2 van 3 scholen opgenomen, 1 overgeslagen." in contents
    assert (
        "- Het Kompas (99XD00): het profiel voor 2025-2026 is nog niet vastgesteld "
        "(status: concept)" in contents
    )
    assert f"- De Linde (99XC00, vastgesteld door bestuur):\n    {SUMMARY_ADOPTED}" in contents


def test_documents_are_stored_once_and_both_kinds_come_per_school(
    region: Region, schools: Schools, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(region, "swv_staff")
    # The published profile's summary was downloaded before: the batch reuses it as stored.
    stored = client.get(f"/profielen/{schools.published.pk}/document/samenvatting.pdf").content
    board_a = str(region.school.board_id)
    start(client, region, django_capture_on_commit_callbacks, kinds="both", board=board_a)
    batch = DocumentBatch.objects.get()
    files = entries(batch.file.read())
    assert sorted(files) == sorted(["inhoud.txt", SUMMARY_PUBLISHED, FULL_PUBLISHED])
    assert files[SUMMARY_PUBLISHED] == stored
    assert StoredDocument.objects.filter(profile=schools.published).count() == 2


def test_a_school_without_any_profile_that_year_is_named_in_the_contents(
    region: Region, schools: Schools, django_capture_on_commit_callbacks: Any
) -> None:
    schools.concept.delete()
    client = signed_in(region, "admin")
    start(client, region, django_capture_on_commit_callbacks, kinds="summary")
    contents = entries(DocumentBatch.objects.get().file.read())["inhoud.txt"].decode()
    assert "- Het Kompas (99XD00): geen profiel voor 2025-2026" in contents


def test_the_page_lists_earlier_batches_with_their_progress_and_download(
    region: Region, schools: Schools
) -> None:
    swv = region.school.swv
    running = DocumentBatch.objects.create(
        swv=swv, school_year=YEAR, kinds="full", state=BatchState.RUNNING, done=1, total=3
    )
    page = signed_in(region, "swv_staff").get(f"/swv/{swv.pk}/documenten/").content.decode()
    assert "<caption>Documentpakketten van Heerlen e.o., nieuwste eerst</caption>" in page
    assert f'href="/swv/{swv.pk}/documenten/{running.pk}/"' in page
    assert "<td>1 van 3</td>" in page
    assert "nog niet klaar" in page
    # The year select offers the years with profiles, and says how many are ready.
    assert '<option value="2025-2026">2025-2026 (2 scholen vastgesteld of gepubliceerd)' in page


def test_the_schools_page_and_the_header_link_to_the_documents(region: Region) -> None:
    swv = region.school.swv
    page = signed_in(region, "swv_staff").get(f"/swv/{swv.pk}/scholen/").content.decode()
    assert page.count(f'href="/swv/{swv.pk}/documenten/"') == 2
