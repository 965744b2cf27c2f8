"""A profile page names what changed since the school's previous profile."""

from __future__ import annotations

from opensop.profiles.models import State
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import profile


def test_the_profile_page_lists_the_changes_since_last_year(region: Region) -> None:
    profile(region.school, "voldoet", State.PUBLISHED, school_year="2024-2025")
    now = profile(region.school, "voldoet-niet", State.CONCEPT)
    page = signed_in(region, "editor").get(f"/profielen/{now.pk}/").content.decode()
    assert "Veranderd sinds 2024-2025" in page
    assert "nu voldoet niet (was voldoet)" in page


def test_nothing_changed_is_said_plainly(region: Region) -> None:
    profile(region.school, "voldoet", State.PUBLISHED, school_year="2024-2025")
    now = profile(region.school, "voldoet", State.PUBLISHED)
    page = signed_in(region, "anonymous").get(f"/profielen/{now.pk}/").content.decode()
    assert "Niets veranderd in normen, ondersteuning, aanbod en scores." in page


def test_no_section_when_the_reader_may_not_read_the_previous_profile(region: Region) -> None:
    profile(region.school, "voldoet", State.ADOPTED, school_year="2024-2025")
    now = profile(region.school, "voldoet-niet", State.PUBLISHED)
    page = signed_in(region, "anonymous").get(f"/profielen/{now.pk}/").content.decode()
    assert "Veranderd sinds" not in page
    assert (
        "Veranderd sinds"
        in signed_in(region, "swv_staff").get(f"/profielen/{now.pk}/").content.decode()
    )


def test_no_section_for_a_first_profile(region: Region) -> None:
    now = profile(region.school, "voldoet", State.CONCEPT)
    page = signed_in(region, "editor").get(f"/profielen/{now.pk}/").content.decode()
    assert "Veranderd sinds" not in page


def test_changes_are_counted_from_the_last_adopted_profile_not_a_concept(region: Region) -> None:
    profile(region.school, "voldoet", State.PUBLISHED, school_year="2023-2024")
    profile(region.school, "voldoet-niet", State.CONCEPT, school_year="2024-2025")
    now = profile(region.school, "voldoet-niet", State.PUBLISHED)
    page = signed_in(region, "anonymous").get(f"/profielen/{now.pk}/").content.decode()
    assert "Veranderd sinds 2023-2024" in page
    assert "nu voldoet niet (was voldoet)" in page
