"""Only staff of the SWV and site admins ask for its documents; nobody sees another SWV's."""

from __future__ import annotations

import pytest

from opensop.documents import tasks
from opensop.documents.models import BatchKinds, BatchState, DocumentBatch
from opensop.organisations.models import School
from opensop.profiles.models import Profile
from tests.web.conftest import PERSONAS, Region, signed_in

MAY = {"swv_staff", "admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_service_asks_who_is_asking(region: Region, concept: Profile, persona: str) -> None:
    def ask() -> DocumentBatch:
        return tasks.request_batch(
            region.user(persona), region.school.swv, "2025-2026", BatchKinds.FULL
        )

    if persona in MAY:
        assert ask().requested_by == (region.user(persona) if persona != "anonymous" else None)
    else:
        with pytest.raises(tasks.BatchError, match="Alleen medewerkers van dit"):
            ask()
        assert DocumentBatch.objects.count() == 0


def test_a_batch_is_found_only_under_its_own_swv(region: Region, concept: Profile) -> None:
    other_swv = region.other_school.swv
    theirs = DocumentBatch.objects.create(
        swv=other_swv, school_year="2025-2026", kinds="full", state=BatchState.READY
    )
    staff = signed_in(region, "swv_staff")
    # Staff of this SWV do not reach the other SWV's batch, not even through their own SWV.
    assert staff.get(f"/swv/{other_swv.pk}/documenten/{theirs.pk}/").status_code == 404
    assert staff.get(f"/swv/{region.school.swv_id}/documenten/{theirs.pk}/").status_code == 404
    assert staff.get(f"/swv/{region.school.swv_id}/documenten/{theirs.pk}/zip").status_code == 404
    page = staff.get(f"/swv/{region.school.swv_id}/documenten/").content.decode()
    assert f"/documenten/{theirs.pk}/" not in page
    assert (
        signed_in(region, "swv_staff_other")
        .get(f"/swv/{other_swv.pk}/documenten/{theirs.pk}/")
        .status_code
        == 200
    )


def test_schools_of_another_swv_cannot_be_chosen(region: Region, concept: Profile) -> None:
    theirs: list[School] = [region.other_school]
    with pytest.raises(tasks.BatchError, match="Kies alleen scholen van samenwerkingsverband"):
        tasks.request_batch(
            region.user("admin"), region.school.swv, "2025-2026", BatchKinds.FULL, schools=theirs
        )
