"""The new pages in headless Chromium, checked by axe-core (WCAG 2.1 A and AA): the SWV's
basisondersteuning page (writing a draft, an error, publishing a second version), its
steunpunt page, a profile that shows what changed in the basisondersteuning, and the
chapter for the schoolgids.

Run on its own with `pytest -m browser tests/browser/test_base_support_and_chapter_are_accessible.py`.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, expect

from opensop.profiles.models import Profile, State
from tests.browser.test_overview_pages_are_accessible import _context
from tests.browser.test_profile_from_concept_to_published import assert_accessible, browser
from tests.web.conftest import Region

__all__ = ["browser"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).resolve().parents[2] / "src" / "opensop" / "basisondersteuning" / "data"


def test_keeping_the_base_support_and_reading_the_chapter(
    browser: Browser, live_server: Any, region: Region, concept: Profile
) -> None:
    call_command(
        "load_basisondersteuning",
        str(DATA / "zuid-limburg.yaml"),
        swv="PO 31-06",
        stdout=StringIO(),
    )
    context = _context(browser, live_server, region, "swv_staff")
    page = context.new_page()
    base = f"{live_server.url}/swv/{region.school.swv_id}/"

    page.goto(base + "basisondersteuning/")
    expect(page.get_by_role("heading", name="Gepubliceerde versies")).to_be_visible()
    assert_accessible(page)
    # A part with a title but no text: refused, with the message at the top.
    page.get_by_label("Kop").last.fill("Dyslexie")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("de tekst (text) ontbreekt")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Tekst").last.fill("Elke school heeft een dyslexieprotocol.")
    # In force for the school year of the concept (a later date would not reach it).
    page.get_by_label("Geldig vanaf").fill("2025-09-01")
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_role("button", name="Concept publiceren").click()
    expect(page.get_by_text("Versie 2 is gepubliceerd")).to_be_visible()
    assert_accessible(page)

    page.goto(base + "steunpunt/")
    page.get_by_label("Naam steunpunt").fill("Ouder- en jeugdsteunpunt Heerlen")
    page.get_by_label("E-mail steunpunt").fill("geen adres")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Niet opgeslagen")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/profielen/{concept.pk}/")
    expect(page.get_by_text("Wat is veranderd sinds versie 1")).to_be_visible()
    assert_accessible(page)

    Profile.objects.filter(pk=concept.pk).update(
        state=State.PUBLISHED, adopted_on=timezone.localdate()
    )
    page.goto(f"{live_server.url}/profielen/{concept.pk}/schoolgids/")
    expect(page.get_by_role("heading", name="Hulp en advies voor ouders")).to_be_visible()
    expect(page.get_by_role("heading", name="Dyslexie")).to_be_visible()
    assert_accessible(page)
    context.close()


def test_a_school_marks_a_new_version_as_read(
    browser: Browser, live_server: Any, region: Region, concept: Profile
) -> None:
    for name in ("zuid-limburg.yaml", "zuid-limburg.yaml"):  # two versions: the second is news
        call_command("load_basisondersteuning", str(DATA / name), swv="PO 31-06", stdout=StringIO())
    context = _context(browser, live_server, region, "editor")
    page = context.new_page()
    page.goto(f"{live_server.url}/profielen/{concept.pk}/")
    notice = "Nieuwe basisondersteuning van het samenwerkingsverband"
    expect(page.get_by_role("heading", name=notice)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Gelezen").click()
    expect(page.get_by_text("Versie 2 van de basisondersteuning is gelezen.")).to_be_visible()
    expect(page.get_by_role("heading", name=notice)).to_have_count(0)
    assert_accessible(page)
    context.close()

    context = _context(browser, live_server, region, "swv_staff")
    page = context.new_page()
    page.goto(f"{live_server.url}/swv/{region.school.swv_id}/basisondersteuning/")
    expect(page.get_by_role("heading", name="Gelezen door de scholen: versie 2")).to_be_visible()
    expect(page.get_by_text("Gelezen op")).to_be_visible()
    assert_accessible(page)
    context.close()


def test_the_swv_reads_one_duo_file_in_for_all_schools(
    browser: Browser, live_server: Any, region: Region, concept: Profile
) -> None:
    duo = Path(__file__).resolve().parents[1] / "imports" / "data" / "duo"
    context = _context(browser, live_server, region, "swv_staff")
    page = context.new_page()
    page.goto(f"{live_server.url}/swv/{region.school.swv_id}/scholen/")
    page.get_by_role("link", name="Cijfers uit DUO inlezen voor alle scholen").click()
    assert_accessible(page)
    page.get_by_label("Schooljaar van de profielen").select_option("2025-2026")
    page.get_by_label("Bestand van DUO (CSV)").set_input_files(
        duo / "schooladviezen_met_fouten.csv"
    )
    page.get_by_role("button", name="Inlezen en overzicht bekijken").click()
    expect(page.get_by_role("heading", name="Regels die niet te lezen zijn")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Voorstel klaarzetten bij 1 school").click()
    expect(page.get_by_text("staan klaar bij 1 school")).to_be_visible()
    context.close()

    context = _context(browser, live_server, region, "editor")
    page = context.new_page()
    page.goto(f"{live_server.url}/profielen/{concept.pk}/")
    page.get_by_role("link", name="Bekijk en neem ze over").click()
    expect(page.get_by_text("Het samenwerkingsverband las op")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Aangevinkte waarden overnemen").click()
    expect(page.get_by_text("6 waarde(n) uit schooladviezen_met_fouten.csv")).to_be_visible()
    assert_accessible(page)
    context.close()
