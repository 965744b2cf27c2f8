"""Every public page for parents in headless Chromium, without login, checked by axe-core
against WCAG 2.1 A and AA, on a phone-sized screen and by keyboard: search (empty, with
results, with an input error), a school's page and its HTML document, compare (and its
error), the SWV list and an SWV's page, and the levels explained. No page sets a cookie.

Run on its own with `pytest -m browser tests/browser/test_public_pages_are_accessible.py`.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from opensop.profiles.models import Profile
from tests.browser.test_profile_from_concept_to_published import assert_accessible, browser
from tests.web.conftest import Region
from tests.web.portal_world import PublicWorld, public_world

__all__ = ["browser"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def world(region: Region, concept: Profile) -> PublicWorld:
    return public_world(region, concept)


def test_every_public_page_is_accessible(
    browser: Browser, live_server: Any, world: PublicWorld
) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    base = live_server.url
    a, b = world.verscheidenheid.school, world.maasoever.school
    urls = [
        "/",
        "/zoeken/",
        "/zoeken/?wat=hoogbegaafd&iedereen=on",
        "/zoeken/?swv=geen-nummer",
        f"/scholen/{a.code}/",
        f"/scholen/{a.code}/profiel/",
        f"/scholen/{a.code}/versies/{world.older.pk}/",
        f"/vergelijken/?school={a.code}&school={b.code}",
        "/vergelijken/?school=" + a.code,
        "/samenwerkingsverbanden/",
        f"/samenwerkingsverbanden/{a.swv_id}/",
        "/niveaus/",
    ]
    for url in urls:
        page.goto(base + url)
        expect(page.locator("h1").first).to_be_visible()
        assert_accessible(page)
    assert context.cookies() == []
    context.close()


def test_a_parent_searches_and_compares_by_keyboard(
    browser: Browser, live_server: Any, world: PublicWorld
) -> None:
    context = browser.new_context(locale="nl-NL", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/zoeken/")
    field = page.get_by_label("Naam van de school of wat uw kind nodig heeft")
    field.focus()
    page.keyboard.type("rolstoel")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 school gevonden")).to_be_visible()
    expect(page.get_by_role("term").filter(has_text="Fysieke toegankelijkheid")).to_be_visible()

    page.get_by_label("Toon ook scholen die deze hulp (nog) niet bieden").check()
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="2 scholen gevonden")).to_be_visible()
    page.get_by_label("Vergelijk De Verscheidenheid").check()
    page.get_by_label("Vergelijk Maasoever").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Vergelijk de gekozen scholen (2 tot 4)").click()
    expect(page.get_by_role("heading", name="Scholen vergelijken")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Maasoever profiel 2025-2026")).to_be_visible()
    assert context.cookies() == []
    context.close()
