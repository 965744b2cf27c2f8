"""End to end in headless Chromium, the new regime: the SWV switches a school year to the
ondersteuningsaanbod in de schoolgids, the school offers it to the parents' section of the
MR for consent, the council sees what changed before it consents, the board adopts and the
school publishes, and parents see what changed since last year. axe-clean on every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from opensop.profiles.models import State
from tests.browser.test_overview_pages_are_accessible import _context
from tests.browser.test_profile_from_concept_to_published import assert_accessible, browser
from tests.web.conftest import Region
from tests.web.overview_data import profile

__all__ = ["browser"]  # the fixture, shared with the other browser tests
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_persona(browser: Browser, live_server: Any, region: Region, persona: str) -> Page:
    return _context(browser, live_server, region, persona).new_page()


def test_a_year_in_the_schoolgids_regime_from_switch_to_parents(
    browser: Browser, live_server: Any, region: Region
) -> None:
    base = live_server.url
    profile(region.school, "voldoet", State.PUBLISHED, school_year="2024-2025")
    now = profile(region.school, "voldoet-niet", State.CONCEPT)
    url = f"{base}/profielen/{now.pk}/"

    page = as_persona(browser, live_server, region, "swv_staff")
    page.goto(f"{base}/swv/{region.school.swv_id}/scholen/")
    page.get_by_role("link", name="Schooljaren: regime").click()
    assert_accessible(page)
    page.get_by_role("textbox", name="Schooljaar (verplicht)").fill("2025-2026")
    page.get_by_role("radio", name="Ondersteuningsaanbod in de schoolgids").check()
    page.get_by_role("textbox", name="Deadline").fill("2026-03-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("Schooljaar 2025-2026: ondersteuningsaanbod in de schoolgids")
    ).to_be_visible()
    assert_accessible(page)

    page = as_persona(browser, live_server, region, "editor")
    page.goto(url)
    expect(page.get_by_text("Ondersteuningsaanbod in de schoolgids 2025-2026")).to_be_visible()
    page.get_by_role("button", name="Ter instemming aanbieden").click()
    expect(
        page.get_by_text(
            "Het ondersteuningsaanbod ligt nu ter instemming bij de oudergeleding van de MR."
        )
    ).to_be_visible()
    assert_accessible(page)

    page = as_persona(browser, live_server, region, "mr")
    page.goto(url)
    steps = page.locator("section", has=page.locator("#steps-title"))
    expect(steps.get_by_text("Wat is er veranderd sinds 2024-2025?")).to_be_visible()
    expect(steps.get_by_text("nu voldoet niet (was voldoet)").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ja, de oudergeleding van de MR stemt in").check()
    page.get_by_label("Besluit van de oudergeleding van de MR").fill(
        "Wij stemmen in; graag volgend jaar meer over dyslexie."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(
        page.get_by_text("De instemming van de oudergeleding van de MR is vastgelegd.")
    ).to_be_visible()
    assert_accessible(page)

    page = as_persona(browser, live_server, region, "board")
    page.goto(url)
    page.get_by_label("Namens school (directeur)").fill("dhr. K. Janssen")
    page.get_by_label("Namens bestuur").fill("mw. P. Hendriks")
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text("Het ondersteuningsaanbod is vastgesteld.")).to_be_visible()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het ondersteuningsaanbod is gepubliceerd.")).to_be_visible()

    page = browser.new_page()  # a parent, not logged in
    page.goto(url)
    expect(page.get_by_role("heading", name="Veranderd sinds 2024-2025")).to_be_visible()
    expect(page.get_by_text("nu voldoet niet (was voldoet)").first).to_be_visible()
    assert_accessible(page)
