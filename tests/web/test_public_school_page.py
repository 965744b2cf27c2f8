"""A school's public page: its newest published profile, downloads, adoption date, older
versions; compare two to four schools; an SWV's schools and how the region covers needs."""

from __future__ import annotations

import itertools

import lxml.html
import pytest
from django.test import Client

from opensop.cycle.models import Regime, RegimeYear
from opensop.profiles.models import Profile, State
from opensop.profiles.published import refresh_latest_published
from tests.web.conftest import Region
from tests.web.overview_data import YEAR, profile, row, table
from tests.web.portal_world import PublicWorld, public_world


@pytest.fixture
def world(region: Region, concept: Profile) -> PublicWorld:
    return public_world(region, concept)


def test_the_school_page_shows_the_latest_published_profile(world: PublicWorld) -> None:
    latest = world.verscheidenheid
    response = Client().get(f"/scholen/{latest.school.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Schoolondersteuningsprofiel 2025-2026" in page
    assert "Vastgesteld door het bestuur" in page
    assert f"/profielen/{latest.pk}/document/profiel.pdf" in page
    assert f"/profielen/{latest.pk}/document/samenvatting.pdf" in page
    assert f"/scholen/{latest.school.code}/versies/{world.older.pk}/" in page
    levels = table(response.content, f"Hulp per onderwerp bij {latest.school.name}")
    hoogbegaafd = row(levels, "Meer- en hoogbegaafdheid")
    assert hoogbegaafd[1] == "Specialistisch"
    assert "4 van 4 kenmerken ja" in hoogbegaafd[2]


def test_the_profile_reads_as_the_accessible_html_document(world: PublicWorld) -> None:
    code = world.verscheidenheid.school.code
    page = Client().get(f"/scholen/{code}/profiel/").content.decode()
    assert '<html lang="nl-NL">' in page
    assert "De Verscheidenheid" in page
    older = Client().get(f"/scholen/{code}/versies/{world.older.pk}/")
    assert older.status_code == 200
    # Another school's profile is not a version of this one.
    other = Client().get(f"/scholen/{code}/versies/{world.maasoever.pk}/")
    assert other.status_code == 404


def test_a_school_code_is_case_tolerant_and_unknown_codes_are_not_found(
    world: PublicWorld,
) -> None:
    assert Client().get(f"/scholen/{world.maasoever.school.code.lower()}/").status_code == 200
    assert Client().get("/scholen/00ZZ00/").status_code == 404


def test_compare_two_schools_need_by_need(world: PublicWorld) -> None:
    a, b = world.verscheidenheid.school.code, world.maasoever.school.code
    response = Client().get("/vergelijken/", {"school": [a, b]})
    assert response.status_code == 200
    rows = table(response.content, "Hulp per onderwerp bij de gekozen scholen")
    assert rows[0][1:] == ["De Verscheidenheid profiel 2025-2026", "Maasoever profiel 2025-2026"]
    building = row(rows, "Fysieke toegankelijkheid")
    assert building[1].startswith("Geen")
    assert building[2].startswith("Aanwezig")
    assert "Gebouw: ja" in building[2]


@pytest.mark.parametrize("count", [1, 5])
def test_compare_needs_two_to_four_schools(world: PublicWorld, count: int) -> None:
    codes = [world.verscheidenheid.school.code] * 1 + [f"77X{n}" for n in range(count - 1)]
    response = Client().get("/vergelijken/", {"school": codes})
    assert response.status_code == 400
    assert "Kies twee, drie of vier scholen" in response.content.decode()


def test_the_swv_page_shows_its_schools_and_how_the_region_covers_each_need(
    world: PublicWorld,
) -> None:
    swv = world.verscheidenheid.school.swv
    response = Client().get(f"/samenwerkingsverbanden/{swv.pk}/")
    page = response.content.decode()
    assert "1 school heeft een gepubliceerd profiel" in page
    assert "De Verscheidenheid" in page
    coverage = table(response.content, "Aantal scholen per onderwerp en niveau")
    assert coverage[0] == [
        "Onderwerp",
        "Scholen die deze hulp geven",
        "Specialistisch",
        "Aanwezig",
        "In ontwikkeling",
        "Geen",
        "Onbekend",
    ]
    assert row(coverage, "Meer- en hoogbegaafdheid")[1:] == ["1", "1", "0", "0", "0", "0"]
    assert row(coverage, "Fysieke toegankelijkheid")[1:] == ["0", "0", "0", "0", "1", "0"]
    listing = Client().get("/samenwerkingsverbanden/").content.decode()
    assert "PO 31-06 Heerlen e.o." in listing


def test_the_levels_are_explained_in_plain_words(world: PublicWorld) -> None:
    page = Client().get("/niveaus/").content.decode()
    for label in ["Specialistisch", "Aanwezig", "In ontwikkeling", "Geen", "Onbekend"]:
        assert label in page
    assert "Praat altijd met de school zelf" in page


def test_the_home_page_and_header_lead_anonymous_visitors_to_the_search(region: Region) -> None:
    page = Client().get("/").content.decode()
    assert 'action="/zoeken/"' in page
    assert 'href="/zoeken/"' in page


def _headings(html: bytes) -> list[tuple[int, str]]:
    tree = lxml.html.fromstring(html)
    found = tree.xpath("//main//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5]")
    return [(int(h.tag[1]), " ".join(h.text_content().split())) for h in found]


def test_the_school_page_holds_the_whole_document_under_its_own_heading(
    world: PublicWorld,
) -> None:
    code = world.verscheidenheid.school.code
    page = _headings(Client().get(f"/scholen/{code}/").content)
    alone = _headings(Client().get(f"/scholen/{code}/profiel/").content)
    assert [level for level, _ in page].count(1) == 1  # the school's name
    for before, after in itertools.pairwise(page):
        assert after[0] <= before[0] + 1, (before, after)  # no level skipped
    # Every heading of the document, in order, one level deeper than on its own page.
    assert [(level + 1, text) for level, text in alone] == page[-len(alone) :]
    assert len(alone) > 10


def _public_pair(region: Region, before_state: State) -> str:
    profile(region.school, "voldoet", before_state, school_year="2024-2025")
    profile(region.school, "voldoet-niet", State.PUBLISHED)
    refresh_latest_published([region.school.pk])
    return f"/scholen/{region.school.code}/"


def test_parents_see_what_changed_since_last_year(region: Region) -> None:
    response = Client().get(_public_pair(region, State.PUBLISHED))
    page = lxml.html.fromstring(response.content)
    section = page.xpath("//section[h2[@id='veranderd']]")[0]
    assert section.findtext("h2") == "Wat is er veranderd sinds 2024-2025?"
    changes = [" ".join(li.text_content().split()) for li in section.iter("li")]
    assert any("nu voldoet niet (was voldoet)" in change for change in changes)
    # Said in words, not only by an arrow or a colour.
    assert all("Vooruit: " in change or "Achteruit: " in change for change in changes)


def test_changes_are_only_counted_from_a_profile_the_public_has_seen(region: Region) -> None:
    page = Client().get(_public_pair(region, State.ADOPTED)).content.decode()
    assert "Wat is er veranderd" not in page
    assert "2024-2025" not in page


def test_the_school_page_names_the_offer_after_the_regime_of_its_year(region: Region) -> None:
    RegimeYear.objects.create(swv=region.school.swv, school_year=YEAR, regime=Regime.SCHOOLGIDS)
    url = _public_pair(region, State.PUBLISHED)
    heading = lxml.html.fromstring(Client().get(url).content).findtext(".//h1/span")
    assert heading == f"Ondersteuningsaanbod {YEAR}"
