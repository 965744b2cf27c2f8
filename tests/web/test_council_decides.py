"""The participation step: the council's advice or consent, every outcome, as the format and
the SWV's regime for the year ask (formats/definition.py ParticipationSettings)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opensop.cycle.models import Regime, RegimeYear
from opensop.profiles.models import Profile, State
from opensop.workflow import services
from opensop.workflow.models import CouncilDecision, StateChange
from tests.web.conftest import Region, signed_in
from tests.web.test_workflow_steps import bring_to

DATE = datetime.date(2026, 2, 3)


@pytest.fixture
def schoolgids_year(region: Region) -> RegimeYear:
    return RegimeYear.objects.create(
        swv=region.school.swv, school_year="2025-2026", regime=Regime.SCHOOLGIDS
    )


def adopt(profile: Profile, region: Region, reason: str = "") -> Profile:
    return services.adopt(
        profile,
        region.user("board"),  # type: ignore[arg-type]
        DATE,
        "dhr. D",
        "mw. B",
        deviation_reason=reason,
    )


def decide(profile: Profile, region: Region, outcome: str | None, text: str, **kw: Any) -> Profile:
    return services.record_advice(
        profile,
        region.user("mr"),  # type: ignore[arg-type]
        DATE,
        text,
        outcome=outcome,
        **kw,
    )


# ------------------------------------------------------------------ advice (the SOP, as before)


def test_positive_advice_then_adoption(region: Region, concept: Profile) -> None:
    profile = decide(bring_to("advice", concept, region), region, "positief_advies", "Akkoord.")
    assert profile.state == State.ADVICE
    decision = CouncilDecision.objects.get(profile=profile)
    assert (decision.body, decision.right, decision.outcome) == (
        "mr_of_gmr",
        "advies",
        "positief_advies",
    )
    assert adopt(profile, region).state == State.ADOPTED


def test_negative_advice_needs_reasons(region: Region, concept: Profile) -> None:
    profile = bring_to("advice", concept, region)
    with pytest.raises(services.WorkflowError, match="Vul de redenen in"):
        decide(profile, region, "negatief_advies", " ")
    assert not CouncilDecision.objects.exists()


def test_after_negative_advice_the_board_adopts_only_saying_why(
    region: Region, concept: Profile
) -> None:
    profile = bring_to("advice", concept, region)
    profile = decide(profile, region, "negatief_advies", "Te weinig aanbod voor gedrag.")
    before = StateChange.objects.count()
    with pytest.raises(services.WorkflowError, match="waarom het bestuur"):
        adopt(profile, region)
    assert StateChange.objects.count() == before
    profile = adopt(profile, region, "Het aanbod groeit volgend jaar; zie ambities.")
    assert profile.state == State.ADOPTED
    decision = CouncilDecision.objects.get(profile=profile)
    assert decision.deviation_reason == "Het aanbod groeit volgend jaar; zie ambities."
    assert "Afgeweken van negatief advies" in StateChange.objects.filter(profile=profile)[0].note


def test_advice_as_a_file_only(
    region: Region, concept: Profile, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    letter = SimpleUploadedFile("advies-mr.pdf", b"%PDF-1.4 advies", "application/pdf")
    profile = decide(bring_to("advice", concept, region), region, None, "", document=letter)
    decision = CouncilDecision.objects.get(profile=profile)
    assert decision.document.read() == b"%PDF-1.4 advies"
    assert profile.advice_text == "zie bijlage (advies-mr.pdf)"


def test_no_text_and_no_file_is_refused(region: Region, concept: Profile) -> None:
    with pytest.raises(services.WorkflowError, match="Vul de tekst van het advies in"):
        decide(bring_to("advice", concept, region), region, "positief_advies", "")


def test_a_file_of_another_kind_is_refused(region: Region, concept: Profile) -> None:
    program = SimpleUploadedFile("advies.exe", b"MZ", "application/octet-stream")
    with pytest.raises(services.WorkflowError, match=r"advies\.exe kan niet"):
        decide(bring_to("advice", concept, region), region, None, "Akkoord", document=program)
    assert not CouncilDecision.objects.exists()


def test_consent_outcomes_do_not_fit_an_advice(region: Region, concept: Profile) -> None:
    with pytest.raises(services.WorkflowError, match="positief advies of negatief advies"):
        decide(bring_to("advice", concept, region), region, "instemming", "Ja")


# ------------------------------------------------------------------ consent (the schoolgids)


def test_consent_then_adoption(region: Region, concept: Profile, schoolgids_year: Any) -> None:
    profile = decide(bring_to("advice", concept, region), region, "instemming", "Wij stemmen in.")
    decision = CouncilDecision.objects.get(profile=profile)
    assert (decision.body, decision.right) == ("oudergeleding", "instemming")
    assert adopt(profile, region).state == State.ADOPTED


def test_consent_needs_an_explicit_outcome(
    region: Region, concept: Profile, schoolgids_year: Any
) -> None:
    with pytest.raises(services.WorkflowError, match="instemming of geen instemming"):
        decide(bring_to("advice", concept, region), region, None, "Ja")


def test_refused_consent_sends_the_profile_back_with_the_reason(
    region: Region, concept: Profile, schoolgids_year: Any
) -> None:
    profile = bring_to("advice", concept, region)
    profile = decide(profile, region, "geen_instemming", "Het aanbod voor dyslexie ontbreekt.")
    assert profile.state == State.CONCEPT
    assert profile.advice_date is None
    entry = StateChange.objects.filter(profile=profile)[0]
    assert (entry.from_state, entry.to_state) == ("advice", "concept")
    assert "Het aanbod voor dyslexie ontbreekt." in entry.note
    with pytest.raises(services.WorkflowError):
        adopt(profile, region)


def test_refused_consent_needs_a_reason(
    region: Region, concept: Profile, schoolgids_year: Any
) -> None:
    profile = bring_to("advice", concept, region)
    with pytest.raises(services.WorkflowError, match="Vul de redenen in"):
        decide(profile, region, "geen_instemming", "")
    profile.refresh_from_db()
    assert profile.state == State.ADVICE


def test_an_advice_from_before_the_switch_is_not_consent(region: Region, concept: Profile) -> None:
    profile = decide(bring_to("advice", concept, region), region, "positief_advies", "Akkoord")
    RegimeYear.objects.create(
        swv=region.school.swv, school_year="2025-2026", regime=Regime.SCHOOLGIDS
    )
    with pytest.raises(services.WorkflowError, match="Zonder instemming van de oudergeleding"):
        adopt(profile, region)


def test_a_transition_year_asks_consent(region: Region, concept: Profile) -> None:
    RegimeYear.objects.create(swv=region.school.swv, school_year="2025-2026", regime=Regime.BOTH)
    profile = decide(bring_to("advice", concept, region), region, "instemming", "Ja.")
    assert adopt(profile, region).state == State.ADOPTED


# ------------------------------------------------------------------ through the pages


def test_the_mr_gives_negative_advice_and_the_board_deviates_on_the_page(
    region: Region, concept: Profile
) -> None:
    url = f"/profielen/{bring_to('advice', concept, region).pk}/"
    mr, board = signed_in(region, "mr"), signed_in(region, "board")
    form = mr.get(url).content.decode()
    assert "Positief advies" in form
    assert "Negatief advies" in form
    page = mr.post(
        url + "stap/record_advice/",
        {"advice_date": "2026-02-03", "outcome": "negatief_advies", "advice_text": ""},
        follow=True,
    ).content.decode()
    assert "Vul de redenen in" in page
    mr.post(
        url + "stap/record_advice/",
        {"advice_date": "2026-02-03", "outcome": "negatief_advies", "advice_text": "Te mager."},
    )
    page = board.get(url).content.decode()
    assert "Waarom wijkt het bestuur daarvan af?" in page
    data = {"adopted_on": "2026-02-04", "signatory_school": "A", "signatory_board": "B"}
    page = board.post(url + "stap/adopt/", data, follow=True).content.decode()
    assert "leg uit waarom het bestuur daarvan afwijkt" in page
    page = board.post(
        url + "stap/adopt/", {**data, "deviation_reason": "Volgend jaar beter."}, follow=True
    ).content.decode()
    assert "Het profiel is vastgesteld." in page
    assert "Het bestuur wijkt af: Volgend jaar beter." in page


def test_the_parents_section_refuses_consent_on_the_page(
    region: Region, concept: Profile, schoolgids_year: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    url = f"/profielen/{concept.pk}/"
    editor, mr = signed_in(region, "editor"), signed_in(region, "mr")
    page = editor.post(url + "stap/submit_for_advice/", follow=True).content.decode()
    assert "Het ondersteuningsaanbod ligt nu ter instemming bij de oudergeleding van de MR." in page
    form = mr.get(url).content.decode()
    assert "Stemt de oudergeleding van de MR in?" in form
    letter = SimpleUploadedFile("besluit.pdf", b"%PDF-1.4 nee", "application/pdf")
    page = mr.post(
        url + "stap/record_advice/",
        {
            "advice_date": "2026-02-03",
            "outcome": "geen_instemming",
            "advice_text": "Geen aanbod voor dyslexie.",
            "advice_file": letter,
        },
        follow=True,
    ).content.decode()
    assert "De oudergeleding van de MR stemt niet in" in page
    assert "teruggezet naar concept" in page
    decision = CouncilDecision.objects.get(profile=concept)
    download = editor.get(f"/profielen/{concept.pk}/medezeggenschap/{decision.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 nee"  # type: ignore[attr-defined]
    assert (
        signed_in(region, "anonymous")
        .get(f"/profielen/{concept.pk}/medezeggenschap/{decision.pk}/")
        .status_code
        == 404
    )
