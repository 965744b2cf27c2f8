"""The overview's stored summary follows every change of a profile's answers."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from opensop.overview.models import ProfileSummary
from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.web.conftest import Region


def test_a_new_profile_has_a_summary_of_its_empty_answers(empty_concept: Profile) -> None:
    summary = ProfileSummary.objects.get(profile=empty_concept)
    assert set(summary.norms.values()) == {"onvolledig"}
    assert summary.completeness == 0
    assert summary.missing_required > 0
    assert not summary.complete


def test_saving_answers_updates_the_summary(
    region: Region, empty_concept: Profile, seed_answers: dict[str, Any]
) -> None:
    profile = services.save_answers(
        empty_concept, region.user("editor"), seed_answers, empty_concept.revision
    )
    summary = ProfileSummary.objects.get(profile=profile)
    assert set(summary.norms.values()) == {"voldoet"}
    assert summary.needs["dyslexie"] == "specialistisch"
    assert summary.needs["ass"] is None  # the format does not ask about it: onbekend
    assert summary.complete
    assert summary.completeness == 100
    assert summary.revision == profile.revision


def test_a_correction_starts_with_the_summary_of_the_answers_it_copies(
    region: Region, concept: Profile
) -> None:
    Profile.objects.filter(pk=concept.pk).update(state="published")
    concept.refresh_from_db()
    correction = services.start_correction(concept, region.user("editor"))
    assert ProfileSummary.objects.get(profile=correction).norms == (
        ProfileSummary.objects.get(profile=concept).norms
    )


def test_the_command_rebuilds_every_summary(concept: Profile, capsys: Any) -> None:
    ProfileSummary.objects.all().delete()
    call_command("rebuild_summaries")
    assert "1 profielsamenvattingen opnieuw berekend" in capsys.readouterr().out
    assert ProfileSummary.objects.get(profile=concept).complete
