"""End to end in headless Chromium: fill in, see a norm turn, advice, adoption, publication.

axe-core checks every page visited against WCAG 2.1 A and AA; any violation fails the test.
Run on its own with `pytest -m browser`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from opensop.profiles.models import Profile
from tests.web.conftest import Region

# Playwright runs an event loop in this thread; the ORM calls of the fixtures are still safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() or not AXE.exists():
        pytest.fail("Chromium or axe-core is missing: run `make browser` (make test does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def assert_accessible(page: Page) -> None:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    problems = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "where": [n["target"] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
    ]
    assert problems == [], f"{page.url}: {json.dumps(problems, indent=2, ensure_ascii=False)}"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text(f"Ingelogd als {username}")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def test_from_concept_to_published(
    browser: Browser, live_server: Any, region: Region, empty_concept: Profile
) -> None:
    base = live_server.url
    page = browser.new_page()

    log_in(page, base, "editor")
    page.get_by_role("link", name="De Verscheidenheid").click()
    assert_accessible(page)
    page.get_by_role("link", name="Profiel invullen").click()
    assert_accessible(page)

    page.get_by_role("link", name="3.3 Ankerpunt: Specifieke ondersteuning").click()
    for row in ("1. De school", "2. De school", "3. De school", "4. School"):
        for column in ("Beleid", "Specialisme", "Gesloten keten", "Proceseigenaar"):
            page.get_by_label(f"{column}, {row}").first.select_option("ja")
    page.get_by_label("Gesloten keten, 3. De school").select_option("nee")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Sectie 3.3 is opgeslagen.")).to_be_visible()
    expect(
        page.locator(
            ".norm-voldoet_niet", has_text="Passende ondersteuning op de eerste vier interventies"
        )
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Gesloten keten, 3. De school").select_option("ja")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.locator(
            ".norm-voldoet", has_text="Passende ondersteuning op de eerste vier interventies"
        )
    ).to_be_visible()

    page.get_by_role("link", name="← Terug naar het profiel").click()
    page.get_by_role("button", name="Ter advies aanbieden").click()
    expect(page.get_by_text("Het profiel ligt nu ter advies bij de (G)MR.")).to_be_visible()
    log_out(page)

    log_in(page, base, "mr")
    page.get_by_role("link", name="De Verscheidenheid").click()
    page.get_by_label("Advies van de (G)MR").fill("Positief advies, met dank aan het team.")
    assert_accessible(page)
    page.get_by_role("button", name="Advies vastleggen").click()
    expect(page.get_by_text("Het advies van de (G)MR is vastgelegd.")).to_be_visible()
    log_out(page)

    log_in(page, base, "board")
    page.get_by_role("link", name="De Verscheidenheid").click()
    page.get_by_label("Namens school (directeur)").fill("dhr. K. Janssen")
    page.get_by_label("Namens bestuur").fill("mw. P. Hendriks")
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.get_by_text("Het profiel is vastgesteld.")).to_be_visible()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het profiel is gepubliceerd.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    page.goto(f"{base}/")
    expect(page.get_by_role("link", name="De Verscheidenheid")).to_be_visible()
    page.get_by_role("link", name="De Verscheidenheid").click()
    expect(
        page.get_by_text("namens school: dhr. K. Janssen; namens bestuur: mw. P. Hendriks")
    ).to_be_visible()
    assert_accessible(page)


def test_the_accessibility_check_itself_catches_violations(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="nl"><head><title>t</title></head><body><main><img src="x.png"><input></main></body></html>'
    )
    with pytest.raises(AssertionError) as failed:
        assert_accessible(page)
    assert '"rule": "image-alt"' in str(failed.value)
    assert '"rule": "label"' in str(failed.value)
