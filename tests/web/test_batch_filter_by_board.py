"""A batch for one board holds that board's schools only, and says so."""

from __future__ import annotations

from typing import Any

import pytest

from opensop.documents import tasks
from opensop.documents.models import BatchKinds, DocumentBatch
from opensop.organisations.models import Board
from opensop.profiles.models import Profile
from tests.web.batch_region import YEAR, Schools, entries, three_schools  # noqa: F401 - fixture
from tests.web.conftest import Region, signed_in


def test_only_the_boards_schools_are_in_the_zip(
    region: Region, schools: Schools, django_capture_on_commit_callbacks: Any
) -> None:
    board_b = Board.objects.get(name="Stichting B")
    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.request_batch(
            region.user("swv_staff"), region.school.swv, YEAR, BatchKinds.SUMMARY, board=board_b
        )
    batch.refresh_from_db()
    assert (batch.done, batch.total, batch.skipped) == (1, 1, 0)
    files = entries(batch.file.read())
    assert sorted(files) == ["99XC00-de-linde-in-een-oogopslag-2025-2026.pdf", "inhoud.txt"]
    assert "Scholen: scholen van Stichting B" in files["inhoud.txt"].decode()
    page = signed_in(region, "swv_staff").get(f"/swv/{region.school.swv_id}/documenten/")
    assert "<td>scholen van Stichting B</td>" in page.content.decode()
    zip_url = f"/swv/{region.school.swv_id}/documenten/{batch.pk}/zip"
    download = signed_in(region, "swv_staff").get(zip_url)
    assert (
        'filename="PO-31-06-documenten-2025-2026-stichting-b.zip"'
        in (download["Content-Disposition"])
    )


def test_a_list_of_schools_narrows_it_further(
    region: Region, schools: Schools, django_capture_on_commit_callbacks: Any
) -> None:
    board_a = region.school.board
    chosen = [schools.concept.school]
    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.request_batch(
            region.user("admin"),
            region.school.swv,
            YEAR,
            BatchKinds.SUMMARY,
            board=board_a,
            schools=chosen,
        )
    batch.refresh_from_db()
    assert (batch.done, batch.total, batch.skipped) == (1, 1, 1)
    assert sorted(entries(batch.file.read())) == ["inhoud.txt"]
    assert batch.which_schools() == "scholen van Stichting A, 1 gekozen school"


def test_a_board_without_schools_in_the_swv_is_refused(region: Region, concept: Profile) -> None:
    # Stichting B's only school in the region is in the other SWV.
    board_b = Board.objects.get(name="Stichting B")
    response = signed_in(region, "swv_staff").post(
        f"/swv/{region.school.swv_id}/documenten/",
        {"school_year": YEAR, "kinds": "full", "board": str(board_b.pk)},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Het pakket is niet gestart: controleer deze velden" in page
    assert '<a href="#id_board">Bestuur: Selecteer een geldige keuze.' in page
    assert 'aria-describedby="id_board_helptext id_board_error"' in page
    assert DocumentBatch.objects.count() == 0
    with pytest.raises(tasks.BatchError, match="Stichting B heeft geen scholen in"):
        tasks.request_batch(
            region.user("swv_staff"), region.school.swv, YEAR, BatchKinds.FULL, board=board_b
        )
