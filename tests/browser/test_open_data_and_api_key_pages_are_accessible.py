"""The open-data download page (before and after the nightly export) and an SWV's API-key
page (empty, with a name missing, with a new key shown once, with a revoked key) in
headless Chromium, checked by axe-core against WCAG 2.1 A and AA.

Run on its own with
`pytest -m browser tests/browser/test_open_data_and_api_key_pages_are_accessible.py`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect

from tests.browser.test_overview_pages_are_accessible import _context
from tests.browser.test_profile_from_concept_to_published import assert_accessible, browser
from tests.browser.test_public_pages_are_accessible import PHONE, world
from tests.web.conftest import Region
from tests.web.portal_world import PublicWorld

__all__ = ["browser", "world"]  # fixtures
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_open_data_page_is_accessible(
    browser: Browser, live_server: Any, world: PublicWorld
) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/open-data/")
    expect(page.get_by_text("Er zijn nog geen bestanden")).to_be_visible()
    assert_accessible(page)

    call_command("export_open_data", stdout=None)
    page.goto(f"{live_server.url}/open-data/")
    expect(page.get_by_role("heading", name="Per samenwerkingsverband")).to_be_visible()
    expect(page.get_by_role("link", name="landelijk-behoeften.csv")).to_be_visible()
    assert_accessible(page)
    assert context.cookies() == []
    context.close()


def test_the_api_key_page_is_accessible_in_every_state(
    browser: Browser, live_server: Any, region: Region
) -> None:
    context = _context(browser, live_server, region, "swv_staff")
    page = context.new_page()
    page.goto(f"{live_server.url}/swv/{region.school.swv_id}/api-sleutels/")
    expect(
        page.get_by_text("Dit samenwerkingsverband heeft nog geen API-sleutels.")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sleutel maken").click()
    expect(page.get_by_text("Dit veld is verplicht")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Naam van de sleutel").fill("Website SWV")
    page.get_by_role("button", name="Sleutel maken").click()
    expect(page.get_by_role("heading", name="Uw nieuwe sleutel")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Intrekken Website SWV").click()
    expect(page.get_by_text("ingetrokken op")).to_be_visible()
    assert_accessible(page)
    context.close()
