"""Each profile's stored changes (what *Wat is er veranderd* shows) follow every change of
its own answers and of the profile it is compared with, and the command rebuilds them."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from opensop.overview.models import ProfileSummary
from opensop.overview.services import summary_of
from opensop.profiles.models import Profile, State
from opensop.workflow import services
from tests.web.conftest import Region
from tests.web.overview_data import profile


def _stored(made: Profile) -> ProfileSummary:
    return ProfileSummary.objects.get(profile=made)


def test_a_profile_stores_its_changes_since_last_year(region: Region) -> None:
    last_year = profile(region.school, "voldoet", State.PUBLISHED, school_year="2024-2025")
    now = profile(region.school, "voldoet-niet", State.CONCEPT)
    assert _stored(last_year).previous_year == ""
    stored = _stored(now)
    assert stored.previous_year == "2024-2025"
    assert stored.change_counts is not None
    assert stored.change_counts["norm-"] > 0
    assert sum(stored.change_counts.values()) == len(stored.changes.splitlines())
    assert "nu voldoet niet (was voldoet)" in stored.changes


def test_saving_last_years_answers_refreshes_this_years_changes(
    region: Region, seed_answers: dict[str, Any]
) -> None:
    editor = region.user("editor")
    last_year = services.start_profile(region.school.pk, "2024-2025", editor)
    now = profile(region.school, "voldoet", State.CONCEPT)
    # Against last year's empty concept every norm is now met.
    assert (_stored(now).change_counts or {})["norm+"] == len(summary_of(now).norms)
    services.save_answers(last_year, editor, seed_answers, last_year.revision)
    assert _stored(now).changes == ""  # the same answers now: nothing changed
    assert _stored(now).change_counts == {}


def test_a_correction_of_last_year_is_what_this_year_compares_with(
    region: Region, seed_answers: dict[str, Any]
) -> None:
    editor = region.user("editor")
    last_year = profile(region.school, "voldoet-niet", State.PUBLISHED, school_year="2024-2025")
    now = profile(region.school, "voldoet", State.CONCEPT)
    assert "nu voldoet (was voldoet niet)" in _stored(now).changes
    correction = services.start_correction(last_year, editor)
    services.save_answers(correction, editor, seed_answers, correction.revision)
    assert _stored(now).previous_year == "2024-2025"
    assert _stored(now).changes == ""


def test_an_earlier_year_added_later_is_compared_with(region: Region) -> None:
    now = profile(region.school, "voldoet", State.CONCEPT)
    assert _stored(now).previous_year == ""
    profile(region.school, "voldoet-niet", State.PUBLISHED, school_year="2023-2024")
    assert _stored(now).previous_year == "2023-2024"
    assert "nu voldoet (was voldoet niet)" in _stored(now).changes


def test_the_command_fills_the_changes_of_existing_profiles(region: Region, capsys: Any) -> None:
    profile(region.school, "voldoet", State.PUBLISHED, school_year="2024-2025")
    now = profile(region.school, "voldoet-niet", State.CONCEPT)
    expected = _stored(now)
    ProfileSummary.objects.update(previous_year="", change_counts=None, changes="")
    call_command("rebuild_summaries")
    assert "2 profielsamenvattingen opnieuw berekend" in capsys.readouterr().out
    rebuilt = _stored(now)
    assert (rebuilt.previous_year, rebuilt.change_counts, rebuilt.changes) == (
        expected.previous_year,
        expected.change_counts,
        expected.changes,
    )
