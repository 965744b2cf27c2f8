"""End to end in headless Chromium: fill in section by section with autosave, see totals and a
norm turn while typing, advice, adoption, publication; and a secondary school's offers.

axe-core checks every page visited against WCAG 2.1 A and AA; any violation fails the test.
Run on its own with `pytest -m browser`.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from opensop.profiles.models import Profile
from opensop.workflow import services
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


@functools.cache
def _axe_source() -> str:
    return AXE.read_text("utf-8")


def assert_accessible(page: Page) -> None:
    # Evaluated through the DevTools protocol, not added as a <script>: the pages'
    # Content-Security-Policy would block an inline script, as it should.
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
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


def saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_contain_text("Alles is opgeslagen", timeout=10_000)


def norm(page: Page, outcome: str, title: str) -> Any:
    return page.locator(f"#live-panel .norm-{outcome}", has_text=title)


FOUR_INTERVENTIONS = "Passende ondersteuning op de eerste vier interventies"


def fill_in_section_by_section(page: Page) -> None:
    """Autosave while typing: no button pressed; totals, errors and norms follow the input."""
    page.get_by_role("link", name="2.1 Algemene gegevens van de school").click()
    page.get_by_role("textbox", name="Directeur").fill("mw. A. Jansen")
    saved(page)
    assert_accessible(page)

    page.get_by_role("link", name="2.2 Kengetallen peildatum 1 oktober").click()
    page.get_by_role("textbox", name="Aantal leerlingen ≤ 8 jr").fill("120")
    page.get_by_role("textbox", name="Aantal leerlingen > 8 jr").fill("15")
    saved(page)
    total = page.locator("#live-panel .computed div", has_text="Totaal aantal leerlingen")
    expect(total).to_contain_text("135")
    page.get_by_role("textbox", name="Aantal groepen onderbouw").fill("twaalf")
    expect(page.locator("#e-groepen_onderbouw")).to_contain_text("‘twaalf’ is geen getal")
    expect(page.locator("#save-status")).to_contain_text("Niet opgeslagen")
    assert_accessible(page)
    page.get_by_role("textbox", name="Aantal groepen onderbouw").fill("4")
    saved(page)
    expect(page.locator("#e-groepen_onderbouw")).to_be_empty()

    page.get_by_role("link", name="3.3 Ankerpunt: Specifieke ondersteuning").click()
    for row in ("1. De school", "2. De school", "3. De school", "4. School"):
        for column in ("Beleid", "Specialisme", "Gesloten keten", "Proceseigenaar"):
            page.get_by_label(f"{column}, {row}").first.select_option("ja")
    page.get_by_label("Gesloten keten, 3. De school").select_option("nee")
    saved(page)
    expect(norm(page, "voldoet_niet", FOUR_INTERVENTIONS)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Gesloten keten, 3. De school").select_option("ja")
    saved(page)
    expect(norm(page, "voldoet", FOUR_INTERVENTIONS)).to_be_visible()

    page.get_by_role("link", name="5 Ambities en ontwikkeldoelen").click()
    page.get_by_label("Ontwikkeldoel, Ambitie 1").fill("Rekenonderwijs op maat")
    page.get_by_label("Tijdpad, Ambitie 1").fill("2026-2027")
    saved(page)
    expect(page.locator("#section-progress")).to_contain_text("5 Ambities en ontwikkeldoelen")
    expect(
        page.locator("#section-progress li", has_text="5 Ambities en ontwikkeldoelen")
    ).to_contain_text("volledig")

    page.reload()  # what was autosaved is really stored
    expect(page.get_by_label("Ontwikkeldoel, Ambitie 1")).to_have_value("Rekenonderwijs op maat")
    page.get_by_role("link", name="2.2 Kengetallen peildatum 1 oktober").click()
    expect(page.get_by_role("textbox", name="Aantal groepen onderbouw")).to_have_value("4")


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
    fill_in_section_by_section(page)

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

    # The documents as web pages: the same content as the PDFs, for anyone, accessible.
    page.get_by_role("link", name="webpagina").first.click()
    expect(page.get_by_role("heading", name="Advies en vaststelling")).to_be_visible()
    expect(page.get_by_text("mw. P. Hendriks")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="webpagina").nth(1).click()
    expect(page.get_by_role("heading", name="Welke ondersteuning is er?")).to_be_visible()
    assert_accessible(page)


def test_a_secondary_school_fills_in_its_offers(
    browser: Browser, live_server: Any, secondary_concept: Profile
) -> None:
    """The seed-002 family: offer checklists with a state per offer, and the school's own."""
    page = browser.new_page()
    log_in(page, live_server.url, "editor")
    page.get_by_role("link", name="Het Lyceum").click()
    page.get_by_role("link", name="Profiel invullen").click()
    page.get_by_role("link", name="3.8 Fysieke toegankelijkheid van schoolgebouwen").click()
    expect(page.get_by_text("Basisondersteuning Zuid-Kennemerland").first).to_be_visible()
    page.get_by_label("Stand van Lift").select_option("deels")
    page.get_by_role("textbox", name="Eigen aanbod 1").fill("Invalidentoilet op elke verdieping")
    saved(page)
    assert_accessible(page)

    page.reload()
    expect(page.get_by_label("Stand van Lift")).to_have_value("deels")
    expect(page.get_by_role("textbox", name="Eigen aanbod 1")).to_have_value(
        "Invalidentoilet op elke verdieping"
    )
    page.get_by_role("link", name="← Terug naar het profiel").click()
    expect(page.get_by_text("Invalidentoilet op elke verdieping (eigen aanbod)")).to_be_visible()
    assert_accessible(page)


def test_input_typed_while_a_save_is_under_way_is_saved_too(
    browser: Browser, live_server: Any, secondary_concept: Profile, monkeypatch: Any
) -> None:
    """The status never says "saved" while newer input still waits for its own save."""
    first_save_may_answer = threading.Event()
    real_save = services.save_answers

    def slow_first_save(*args: Any, **kwargs: Any) -> Profile:
        first_save_may_answer.wait(timeout=10)
        return real_save(*args, **kwargs)

    monkeypatch.setattr(services, "save_answers", slow_first_save)
    page = browser.new_page()
    log_in(page, live_server.url, "editor")
    page.get_by_role("link", name="Het Lyceum").click()
    page.get_by_role("link", name="Profiel invullen").click()
    page.get_by_role("link", name="3.8 Fysieke toegankelijkheid van schoolgebouwen").click()
    with page.expect_request(lambda r: r.method == "POST"):
        page.get_by_label("Stand van Lift").select_option("deels")
    page.get_by_role("textbox", name="Eigen aanbod 1").fill("Invalidentoilet op elke verdieping")
    with page.expect_response(lambda r: r.request.method == "POST"):
        first_save_may_answer.set()
    expect(page.locator("#save-status")).to_contain_text("Wijzigingen nog niet opgeslagen")
    saved(page)

    page.reload()
    expect(page.get_by_label("Stand van Lift")).to_have_value("deels")
    expect(page.get_by_role("textbox", name="Eigen aanbod 1")).to_have_value(
        "Invalidentoilet op elke verdieping"
    )


def test_the_accessibility_check_itself_catches_violations(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="nl"><head><title>t</title></head><body><main><img src="x.png"><input></main></body></html>'
    )
    with pytest.raises(AssertionError) as failed:
        assert_accessible(page)
    assert '"rule": "image-alt"' in str(failed.value)
    assert '"rule": "label"' in str(failed.value)
