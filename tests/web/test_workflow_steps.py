"""Concept → ter advies → vastgesteld → gepubliceerd: only the allowed role takes each step."""

from __future__ import annotations

import datetime

import pytest

from opensop.profiles.models import Profile, State
from opensop.workflow import services
from opensop.workflow.models import StateChange
from tests.web.conftest import PERSONAS, Region

DATE = datetime.date(2026, 2, 3)


def take(step: str, profile: Profile, user: object) -> Profile:
    steps = {
        "submit_for_advice": lambda: services.submit_for_advice(profile, user),  # type: ignore[arg-type]
        "record_advice": lambda: services.record_advice(profile, user, DATE, "Positief advies."),  # type: ignore[arg-type]
        "adopt": lambda: services.adopt(profile, user, DATE, "dhr. Directeur", "mw. Bestuurder"),  # type: ignore[arg-type]
        "return_to_concept": lambda: services.return_to_concept(
            profile, user, "Nog een paragraaf aanvullen."
        ),  # type: ignore[arg-type]
        "publish": lambda: services.publish(profile, user),  # type: ignore[arg-type]
    }
    return steps[step]()


def bring_to(state: str, profile: Profile, region: Region) -> Profile:
    path = {
        "concept": [],
        "advice": [("submit_for_advice", "editor")],
        "advice_recorded": [("submit_for_advice", "editor"), ("record_advice", "mr")],
        "adopted": [("submit_for_advice", "editor"), ("record_advice", "mr"), ("adopt", "board")],
        "published": [
            ("submit_for_advice", "editor"),
            ("record_advice", "mr"),
            ("adopt", "board"),
            ("publish", "board"),
        ],
    }[state]
    for step, persona in path:
        profile = take(step, profile, region.user(persona))
    return profile


# (state the profile is in, step) → personas who may take it
ALLOWED = {
    ("concept", "submit_for_advice"): {"editor"},
    ("advice", "record_advice"): {"mr"},
    ("advice_recorded", "record_advice"): {
        "mr"
    },  # the council may correct its advice before adoption
    ("advice_recorded", "adopt"): {"board"},
    ("advice", "return_to_concept"): {"editor", "board"},
    ("advice_recorded", "return_to_concept"): {"editor", "board"},
    ("adopted", "publish"): {"editor", "board"},
}
STATES = ["concept", "advice", "advice_recorded", "adopted", "published"]
STEPS = ["submit_for_advice", "record_advice", "adopt", "return_to_concept", "publish"]
AFTER = {
    "submit_for_advice": State.ADVICE,
    "record_advice": State.ADVICE,
    "adopt": State.ADOPTED,
    "return_to_concept": State.CONCEPT,
    "publish": State.PUBLISHED,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("state", STATES)
def test_every_step_in_every_state_for_every_role(
    region: Region, concept: Profile, state: str, step: str, persona: str
) -> None:
    profile = bring_to(state, concept, region)
    before = StateChange.objects.count()
    user = region.user(persona)
    if persona in ALLOWED.get((state, step), set()):
        after = take(step, profile, user)
        assert after.state == AFTER[step]
        assert StateChange.objects.count() == before + 1
    else:
        with pytest.raises(services.WorkflowError):
            take(step, profile, user)
        profile.refresh_from_db()
        assert StateChange.objects.count() == before  # nothing half-done


def test_adoption_records_date_and_signatories(region: Region, concept: Profile) -> None:
    profile = bring_to("adopted", concept, region)
    assert profile.adopted_on == DATE
    assert (profile.signatory_school, profile.signatory_board) == (
        "dhr. Directeur",
        "mw. Bestuurder",
    )
    assert profile.advice_text == "Positief advies."


def test_back_to_concept_needs_a_reason_and_clears_the_advice(
    region: Region, concept: Profile
) -> None:
    profile = bring_to("advice_recorded", concept, region)
    with pytest.raises(services.WorkflowError, match="Geef een reden"):
        services.return_to_concept(profile, region.user("editor"), "  ")  # type: ignore[arg-type]
    profile = services.return_to_concept(profile, region.user("editor"), "Sectie 5 aanvullen.")  # type: ignore[arg-type]
    assert profile.state == State.CONCEPT
    assert profile.advice_date is None
    assert StateChange.objects.filter(profile=profile).first().note == "Sectie 5 aanvullen."  # type: ignore[union-attr]


def test_a_published_profile_never_changes(region: Region, concept: Profile) -> None:
    profile = bring_to("published", concept, region)
    with pytest.raises(services.WorkflowError, match="niet \\(meer\\) wijzigen"):
        services.save_answers(
            profile, region.user("editor"), {"school_naam": "Anders"}, profile.revision
        )  # type: ignore[arg-type]
    profile.refresh_from_db()
    assert profile.answers["school_naam"] != "Anders"
