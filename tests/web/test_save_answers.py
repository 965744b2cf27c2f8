"""Saving answers: all or nothing, every save a revision, never over someone else's work."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.web.conftest import Region
from tests.web.test_workflow_steps import bring_to


def test_every_save_is_a_revision_with_who_and_what(region: Region, concept: Profile) -> None:
    editor = region.user("editor")
    before = concept.revision
    profile = services.save_answers(
        concept, editor, {"leerlingen_tm8": 101, "directeur": "mw. Nieuw"}, before
    )  # type: ignore[arg-type]
    assert profile.revision == before + 1
    revision = profile.revisions.first()
    assert revision is not None
    assert revision.author == editor
    assert revision.changed_keys == ["directeur", "leerlingen_tm8"]


def test_a_stale_save_is_refused_and_nothing_is_lost(
    region: Region, concept: Profile, colleague: User
) -> None:
    editor = region.user("editor")
    base = concept.revision
    first = services.save_answers(concept, colleague, {"directeur": "mw. Eerst"}, base)
    with pytest.raises(services.StaleRevisionError) as refused:
        services.save_answers(
            first, editor, {"directeur": "dhr. Later", "telefoon": "045 999 99 99"}, base
        )  # type: ignore[arg-type]
    assert refused.value.changed_keys == ["directeur"]
    assert refused.value.authors == ["Mieke de Vries"]
    first.refresh_from_db()
    assert first.answers["directeur"] == "mw. Eerst"
    assert first.revision == base + 1


def test_answers_others_saved_elsewhere_are_kept(
    region: Region, concept: Profile, colleague: User
) -> None:
    base = concept.revision
    services.save_answers(concept, colleague, {"leerlingen_tm8": 80}, base)
    mine = services.save_answers(concept, region.user("editor"), {"directeur": "mw. Ik"}, base)  # type: ignore[arg-type]
    assert mine.answers["leerlingen_tm8"] == 80
    assert mine.answers["directeur"] == "mw. Ik"
    assert mine.revision == base + 2


def test_my_own_newer_save_is_no_conflict(region: Region, concept: Profile) -> None:
    """An autosave still under way when the user presses the button."""
    editor = region.user("editor")
    base = concept.revision
    services.save_answers(concept, editor, {"directeur": "mw. Autosave"}, base)  # type: ignore[arg-type]
    mine = services.save_answers(concept, editor, {"directeur": "mw. Knop"}, base)  # type: ignore[arg-type]
    assert mine.answers["directeur"] == "mw. Knop"


def test_one_bad_answer_saves_nothing(region: Region, concept: Profile) -> None:
    editor = region.user("editor")
    with pytest.raises(services.InvalidAnswersError) as refused:
        services.save_answers(
            concept, editor, {"directeur": "mw. Goed", "leerlingen_tm8": -1}, concept.revision
        )  # type: ignore[arg-type]
    assert "Aantal leerlingen ≤ 8 jr: -1 is te laag" in str(refused.value)
    concept.refresh_from_db()
    assert concept.answers["directeur"] != "mw. Goed"


def test_another_school_cannot_save(region: Region, concept: Profile) -> None:
    with pytest.raises(services.WorkflowError):
        services.save_answers(
            concept, region.user("editor_other_school"), {"directeur": "x"}, concept.revision
        )  # type: ignore[arg-type]


def test_new_school_year_starts_from_last_years_answers(region: Region, concept: Profile) -> None:
    next_year = services.start_profile(region.school.pk, "2026-2027", region.user("editor"))
    assert next_year.answers == concept.answers
    assert next_year.state == "concept"
    assert next_year.revisions.count() == 1


def test_a_new_year_starts_from_the_last_adopted_profile_not_a_later_concept(
    region: Region, concept: Profile
) -> None:
    adopted = bring_to("adopted", concept, region)
    editor = region.user("editor")
    unfinished = services.start_profile(region.school.pk, "2026-2027", editor)
    services.save_answers(unfinished, editor, {"directeur": "mw. Nooit Vastgesteld"}, 1)  # type: ignore[arg-type]
    newest = services.start_profile(region.school.pk, "2027-2028", editor)
    assert newest.answers["directeur"] == adopted.answers["directeur"]
    assert newest.answers["directeur"] != "mw. Nooit Vastgesteld"


def test_next_school_year_from_the_profile_page(region: Region, concept: Profile) -> None:
    client = Client()
    client.force_login(region.user("editor"))  # type: ignore[arg-type]
    page = client.get(f"/profielen/{concept.pk}/").content.decode()
    assert "Profiel voor 2026-2027 starten" in page
    response = client.post(f"/profielen/{concept.pk}/volgend-schooljaar/", follow=True)
    assert "Het profiel voor 2026-2027 staat klaar" in response.content.decode()
    new = Profile.objects.get(school=region.school, school_year="2026-2027")
    assert new.answers == concept.answers
    again = client.post(
        f"/profielen/{concept.pk}/volgend-schooljaar/", follow=True
    ).content.decode()
    assert "Er is al een profiel voor schooljaar 2026-2027." in again


def test_only_the_schools_editor_starts_a_year(region: Region, concept: Profile) -> None:
    for persona in ("mr", "board", "swv_staff", "editor_other_school"):
        with pytest.raises(services.WorkflowError):
            services.start_profile(region.school.pk, "2026-2027", region.user(persona))


def test_a_correction_is_a_new_edition_and_the_published_one_stays(
    region: Region, concept: Profile
) -> None:
    published = bring_to("published", concept, region)
    with pytest.raises(services.WorkflowError):
        services.start_correction(published, region.user("board"))  # type: ignore[arg-type]
    correction = services.start_correction(published, region.user("editor"))  # type: ignore[arg-type]
    assert (correction.edition, correction.state, correction.school_year) == (
        2,
        "concept",
        published.school_year,
    )
    assert correction.answers == published.answers
    public = Client().get(f"/profielen/{published.pk}/")
    assert public.status_code == 200
    assert Client().get(f"/profielen/{correction.pk}/").status_code == 404
    with pytest.raises(services.WorkflowError):
        services.start_correction(published, region.user("editor"))  # type: ignore[arg-type]
