"""A batch counts its schools as it goes; its page shows how far it is and refreshes itself."""

from __future__ import annotations

from typing import Any

import pytest

from opensop.documents import batches, services, tasks
from opensop.documents.models import BatchKinds, BatchState, DocumentBatch
from tests.web.batch_region import YEAR, Schools, three_schools  # noqa: F401 - fixture
from tests.web.conftest import Region, signed_in


def test_done_counts_up_while_the_documents_are_made(
    region: Region,
    schools: Schools,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, int, int]] = []
    real = services.document_pdf

    def watched(profile: Any, kind: Any) -> bytes:
        batch = DocumentBatch.objects.get()
        seen.append((batch.state, batch.done, batch.total))
        return real(profile, kind)

    monkeypatch.setattr(batches.services, "document_pdf", watched)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.request_batch(region.user("swv_staff"), region.school.swv, YEAR, BatchKinds.SUMMARY)
    # Schools by name: De Linde, De Verscheidenheid, Het Kompas (skipped).
    assert seen == [(BatchState.RUNNING, 0, 3), (BatchState.RUNNING, 1, 3)]
    batch = DocumentBatch.objects.get()
    assert (batch.state, batch.done, batch.total) == (BatchState.READY, 3, 3)
    assert batch.finished_at is not None


def test_a_requested_batch_waits_with_its_count_until_a_worker_takes_it(
    region: Region, schools: Schools
) -> None:
    # No commit in this test: the task is not run, as when no worker has picked it up yet.
    batch = tasks.request_batch(region.user("swv_staff"), region.school.swv, YEAR, BatchKinds.FULL)
    assert (batch.state, batch.done, batch.total) == (BatchState.WAITING, 0, 3)
    page = signed_in(region, "swv_staff").get(f"/swv/{region.school.swv_id}/documenten/{batch.pk}/")
    assert "Het pakket staat klaar om gemaakt te worden (3 scholen)" in page.content.decode()


def test_the_page_of_a_running_batch_shows_progress_and_polls(region: Region) -> None:
    batch = DocumentBatch.objects.create(
        swv=region.school.swv, school_year=YEAR, kinds="full", state=BatchState.RUNNING
    )
    DocumentBatch.objects.filter(pk=batch.pk).update(done=12, total=150)
    url = f"/swv/{region.school.swv_id}/documenten/{batch.pk}/"
    client = signed_in(region, "swv_staff")
    page = client.get(url).content.decode()
    assert "12 van 150 scholen verwerkt." in page
    assert '<progress max="150" value="12" aria-label="Voortgang"></progress>' in page
    assert f'hx-get="{url}" hx-trigger="every 2s"' in page
    assert f'<a href="{url}">Vernieuwen</a>' in page  # without JavaScript
    assert "htmx" in page  # the script is loaded on this page

    part = client.get(url, headers={"HX-Request": "true"})
    assert part.content.decode().lstrip().startswith('<div id="batch-status"')
    assert "<html" not in part.content.decode()
    assert "HX-Request" in part["Vary"]


def test_the_zip_is_not_offered_before_it_is_ready(region: Region) -> None:
    batch = DocumentBatch.objects.create(
        swv=region.school.swv, school_year=YEAR, kinds="full", state=BatchState.RUNNING
    )
    client = signed_in(region, "swv_staff")
    assert client.get(f"/swv/{region.school.swv_id}/documenten/{batch.pk}/zip").status_code == 404


def test_a_worker_never_builds_a_batch_twice(
    region: Region, schools: Schools, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.request_batch(
            region.user("swv_staff"), region.school.swv, YEAR, BatchKinds.SUMMARY
        )
    batch.refresh_from_db()
    name = batch.file.name
    tasks.build_batch.call(batch.pk)  # e.g. a retried task: the batch is no longer waiting
    batch.refresh_from_db()
    assert (batch.state, batch.file.name) == (BatchState.READY, name)
