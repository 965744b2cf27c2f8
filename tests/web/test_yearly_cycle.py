"""The yearly cycle: the SWV's regime and deadline per school year, the words that follow
the regime, reminders before the deadline, and what changed shown before the council decides."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from opensop.cycle.models import DeadlineReminder, Regime, RegimeYear
from opensop.cycle.terms import terms_for, terms_for_year
from opensop.documents import content
from opensop.documents.services import facts_for
from opensop.formats.loader import parse_definition
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of
from opensop.workflow import services
from tests.formats.conftest import FORMAT_HEADER
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import profile as stored_profile
from tests.web.test_workflow_steps import bring_to


def regime_url(region: Region) -> str:
    return f"/swv/{region.school.swv_id}/schooljaren/"


def switch(region: Region, regime: str = "schoolgids", deadline: str = "2026-03-01") -> Any:
    return signed_in(region, "swv_staff").post(
        regime_url(region),
        {"school_year": "2025-2026", "regime": regime, "deadline": deadline},
        follow=True,
    )


# ------------------------------------------------------------------ the regime page


def test_swv_staff_switch_a_year_to_the_schoolgids(region: Region) -> None:
    page = switch(region).content.decode()
    assert "Schooljaar 2025-2026: ondersteuningsaanbod in de schoolgids" in page
    row = RegimeYear.objects.get(swv=region.school.swv)
    assert (row.school_year, row.regime, row.deadline) == (
        "2025-2026",
        Regime.SCHOOLGIDS,
        datetime.date(2026, 3, 1),
    )
    switch(region, "beide", "")
    row.refresh_from_db()
    assert (row.regime, row.deadline) == (Regime.BOTH, None)
    assert RegimeYear.objects.count() == 1


@pytest.mark.parametrize(
    ("year", "deadline", "message"),
    [
        ("2025/26", "", "Schooljaar ‘2025/26’ klopt niet: schrijf het als 2026-2027."),
        ("2025-2027", "", "Schooljaar ‘2025-2027’ klopt niet"),
        ("2025-2026", "2028-01-01", "De deadline 01-01-2028 valt niet in schooljaar 2025-2026."),
    ],
)
def test_a_wrong_year_or_deadline_is_named_and_nothing_saved(
    region: Region, year: str, deadline: str, message: str
) -> None:
    response = signed_in(region, "swv_staff").post(
        regime_url(region), {"school_year": year, "regime": "schoolgids", "deadline": deadline}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RegimeYear.objects.exists()


def test_a_year_without_a_choice_keeps_the_sop(region: Region, concept: Profile) -> None:
    terms = terms_for(concept)
    assert (terms.regime, terms.noun, terms.body, terms.right) == (
        Regime.SOP,
        "schoolondersteuningsprofiel",
        "(G)MR",
        "advies",
    )
    assert terms.title == format_of(concept).title


# ------------------------------------------------------------------ the words follow the regime


def test_pages_mails_and_documents_speak_of_the_support_offer(
    region: Region,
    concept: Profile,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    switch(region)
    User.objects.filter(username="swv_staff").update(email="staf@example.nl")
    page = signed_in(region, "editor").get(f"/profielen/{concept.pk}/").content.decode()
    assert "Ondersteuningsaanbod in de schoolgids 2025-2026" in page
    assert (
        "Bied het ondersteuningsaanbod aan de oudergeleding van de MR aan voor instemming" in page
    )
    assert "Uiterlijk 1 maart 2026 vastgesteld" in page
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_advice(concept, region.user("editor"))  # type: ignore[arg-type]
    [mail] = mailoutbox
    assert mail.subject == (
        "Ondersteuningsaanbod De Verscheidenheid 2025-2026: "
        "nu ter instemming bij de oudergeleding van de MR"
    )
    assert "veranderd aan het ondersteuningsaanbod van De Verscheidenheid" in mail.body
    concept.refresh_from_db()
    document = content.full_profile(format_of(concept), concept.answers, facts_for(concept))
    assert document.title == "Ondersteuningsaanbod in de schoolgids 2025-2026"


def test_the_old_regime_reads_as_before(region: Region, concept: Profile) -> None:
    page = signed_in(region, "editor").get(f"/profielen/{concept.pk}/").content.decode()
    assert "Schoolondersteuningsprofiel Zuid-Limburg PO 2025-2026" in page
    assert "Bied het profiel aan de (G)MR aan voor advies." in page
    document = content.full_profile(format_of(concept), concept.answers, facts_for(concept))
    assert document.title == "Schoolondersteuningsprofiel Zuid-Limburg PO 2025-2026"


def test_a_format_may_ask_the_mrs_consent_for_its_profile(region: Region) -> None:
    text = FORMAT_HEADER + (
        'sections:\n  - number: "1"\n    title: Proef\n    items:\n'
        "      - {key: naam, kind: text, label: Naam}\n"
        "participation:\n  schoolondersteuningsprofiel: {body: mr, right: instemming}\n"
    )
    definition = parse_definition(text)
    terms = terms_for_year(region.school.swv_id, "2025-2026", definition)
    assert (terms.noun, terms.body, terms.consent, terms.waiting) == (
        "schoolondersteuningsprofiel",
        "MR",
        True,
        "ter instemming bij de MR",
    )
    assert terms.state_label("advice") == "ter instemming bij de MR"
    assert terms_for_year(region.school.swv_id, "2025-2026").state_label("advice") == (
        "ter advies bij (G)MR"  # the label the old regime always had
    )


# ------------------------------------------------------------------ reminders before the deadline


@pytest.fixture
def deadline_year(region: Region) -> RegimeYear:
    User.objects.filter(username="editor").update(email="invuller@school.example")
    return RegimeYear.objects.create(
        swv=region.school.swv,
        school_year="2025-2026",
        regime=Regime.SCHOOLGIDS,
        deadline=datetime.date(2026, 3, 1),
    )


def remind(today: str, days: int = 14) -> str:
    out = StringIO()
    call_command("send_deadline_reminders", "--dagen", str(days), "--vandaag", today, stdout=out)
    return out.getvalue()


def test_unfinished_schools_are_reminded_once_before_the_deadline(
    region: Region, concept: Profile, deadline_year: RegimeYear, mailoutbox: list[Any]
) -> None:
    assert "0 herinnering(en) verstuurd." in remind("2026-02-01")  # still 28 days away
    assert "1 herinnering(en) verstuurd." in remind("2026-02-20")
    [mail] = mailoutbox
    assert mail.to == ["invuller@school.example"]
    assert mail.subject == (
        "Herinnering: het ondersteuningsaanbod 2025-2026 van De Verscheidenheid "
        "moet uiterlijk 1 maart 2026 klaar zijn"
    )
    assert "Het ondersteuningsaanbod is nog een concept." in mail.body
    assert "aan de oudergeleding van de MR aan voor instemming" in mail.body
    assert "0 herinnering(en) verstuurd." in remind("2026-02-21")  # idempotent
    assert DeadlineReminder.objects.count() == 1
    assert "1 herinnering(en) verstuurd." in remind("2026-02-27", days=3)  # a second, closer one
    assert "0 herinnering(en) verstuurd." in remind("2026-03-02")  # past the deadline


def test_a_school_that_finished_is_not_reminded(
    region: Region, concept: Profile, deadline_year: RegimeYear, mailoutbox: list[Any]
) -> None:
    profile = bring_to("advice", concept, region)
    services.record_advice(
        profile,
        region.user("mr"),  # type: ignore[arg-type]
        datetime.date(2026, 2, 1),
        "Ja.",
        outcome="instemming",
    )
    services.adopt(profile, region.user("board"), datetime.date(2026, 2, 2), "A", "B")  # type: ignore[arg-type]
    assert "0 herinnering(en) verstuurd." in remind("2026-02-20")
    assert not mailoutbox


# ------------------------------------------------------------------ what changed, before deciding


def test_the_council_sees_what_changed_before_it_decides(region: Region) -> None:
    stored_profile(region.school, "voldoet", State.PUBLISHED, school_year="2024-2025")
    now = stored_profile(region.school, "voldoet-niet", State.ADVICE)
    page = signed_in(region, "mr").get(f"/profielen/{now.pk}/").content.decode()
    steps = page[page.index('id="steps-title"') : page.index('id="documents-title"')]
    assert "Wat is er veranderd sinds 2024-2025?" in steps
    assert "nu voldoet niet (was voldoet)" in steps
