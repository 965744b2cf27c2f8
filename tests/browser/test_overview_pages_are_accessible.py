"""Every page of the regional overview in headless Chromium, checked by axe-core against
WCAG 2.1 A and AA: status, norms, coverage (with the threshold form and its error), what
changed, expertise and network, the reminder confirmation, the national overview, and a
profile page that names what changed since last year.

Run on its own with `pytest -m browser tests/browser/test_overview_pages_are_accessible.py`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, expect

from opensop.profiles.models import State
from tests.browser.test_profile_from_concept_to_published import assert_accessible, browser
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import HandChecked, hand_checked_region, profile

__all__ = ["browser"]  # the fixture, shared with the other browser test
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["", "normen/", "dekking/", "veranderd/", "deskundigheid/", "herinneren/"]


@pytest.fixture
def checked(region: Region) -> HandChecked:
    hand = hand_checked_region(region)
    profile(region.school, "voldoet-niet", State.PUBLISHED, school_year="2024-2025")
    return hand


def _context(browser: Browser, live_server: Any, region: Region, persona: str) -> BrowserContext:
    """A browser signed in as `persona`, past two-factor, through a test client's session."""
    session = signed_in(region, persona).cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(locale="nl-NL")
    host = urlparse(live_server.url).hostname
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}
    context.add_cookies([cookie])  # type: ignore[list-item]
    return context


def test_every_overview_page_of_an_swv_is_accessible(
    browser: Browser, live_server: Any, checked: HandChecked
) -> None:
    region = checked.region
    context = _context(browser, live_server, region, "swv_staff")
    page = context.new_page()
    base = f"{live_server.url}/swv/{region.school.swv_id}/overzicht/"
    for suffix in PAGES:
        page.goto(base + suffix)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
    page.goto(base + "?gemeente=Heerlen")  # a filtered page
    assert_accessible(page)

    page.goto(base + "dekking/")
    page.get_by_role("spinbutton", name="Drempel voor een gat in het aanbod").fill("0")
    page.get_by_role("button", name="Drempel opslaan").click()
    expect(page.get_by_text("De drempel is niet opgeslagen")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/profielen/{checked.published.pk}/")
    expect(page.get_by_role("heading", name="Veranderd sinds 2024-2025")).to_be_visible()
    assert_accessible(page)
    context.close()


def test_the_national_overview_is_accessible(
    browser: Browser, live_server: Any, checked: HandChecked
) -> None:
    context = _context(browser, live_server, checked.region, "admin")
    page = context.new_page()
    page.goto(f"{live_server.url}/overzicht/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    context.close()
