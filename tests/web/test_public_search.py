"""A parent searches schools by name, place, sector, SWV and by need in their own words."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from opensop.profiles.models import Profile
from tests.web.conftest import Region
from tests.web.portal_world import PublicWorld, public_world


@pytest.fixture
def world(region: Region, concept: Profile) -> PublicWorld:
    return public_world(region, concept)


def _search(**params: str) -> str:
    response = Client().get("/zoeken/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_page_opens_empty_with_its_form(world: PublicWorld) -> None:
    page = _search()
    assert "Naam van de school of wat uw kind nodig heeft" in page
    assert "gevonden" not in page


def test_a_parents_word_finds_the_need_and_the_schools_that_offer_it(world: PublicWorld) -> None:
    page = _search(wat="hoogbegaafd")
    assert "Dat hoort bij: <strong>Meer- en hoogbegaafdheid</strong>" in page
    assert "1 school gevonden" in page
    assert "De Verscheidenheid" in page
    assert "Specialistisch" in page
    # Why: the reason from the profile, as the format core words it.
    assert "meer- en hoogbegaafde leerlingen: 4 van 4 kenmerken ja" in page
    # Maasoever is still developing it: only listed when the parent asks for every school.
    assert "Maasoever" not in page
    everyone = _search(wat="hoogbegaafd", iedereen="on")
    assert "2 scholen gevonden" in everyone
    assert "Maasoever" in everyone
    assert "In ontwikkeling" in everyone


@pytest.mark.parametrize(
    ("words", "need", "school", "not_school"),
    [
        ("rolstoel", "Fysieke toegankelijkheid", "Maasoever", "De Verscheidenheid"),
        ("dyslectisch", "Dyslexie", "De Verscheidenheid", None),
        ("mijn kind is dyslectisch", "Dyslexie", "Maasoever", None),
    ],
)
def test_synonyms_lead_to_the_right_need(
    world: PublicWorld, words: str, need: str, school: str, not_school: str | None
) -> None:
    page = _search(wat=words)
    assert f"<strong>{need}</strong>" in page
    assert school in page
    if not_school:
        assert not_school not in page


def test_a_need_the_format_does_not_ask_about_shows_as_unknown(world: PublicWorld) -> None:
    assert "0 scholen gevonden" in _search(wat="ADHD")
    page = _search(wat="ADHD", iedereen="on")
    assert "<strong>AD(H)D</strong>" in page
    assert "Onbekend" in page


def test_needs_chosen_from_the_list_combine(world: PublicWorld) -> None:
    page = _search(behoefte="meer_hoogbegaafdheid")
    assert "De Verscheidenheid" in page
    assert "Maasoever" not in page
    both = _search(behoefte=["dyslexie", "fysieke_toegankelijkheid"])  # type: ignore[arg-type]
    assert "Maasoever" in both
    assert "De Verscheidenheid" not in both


def test_by_name_place_postcode_sector_and_swv(world: PublicWorld) -> None:
    assert "Maasoever" in _search(wat="maasoever")
    assert "De Verscheidenheid" not in _search(wat="maasoever")
    by_place = _search(waar="Heerlen")
    assert "De Verscheidenheid" in by_place
    assert "Maasoever" not in by_place
    assert "De Verscheidenheid" in _search(waar="6411")
    assert "De Verscheidenheid" in _search(waar="6411AB")
    assert "0 scholen gevonden" in _search(waar="6411 XY")
    assert "0 scholen gevonden" in _search(sector="VO")
    assert "2 scholen gevonden" in _search(sector="PO")
    swv = world.maasoever.school.swv_id
    by_swv = _search(swv=str(swv))
    assert "Maasoever" in by_swv
    assert "De Verscheidenheid" not in by_swv


def test_full_text_over_the_published_texts(world: PublicWorld) -> None:
    # 'voldoet' says "we werken in units van steeds twee leerjaren".
    page = _search(wat="units")
    assert "De Verscheidenheid" in page
    assert "Maasoever" not in page
    if connection.vendor == "postgresql":
        # Dutch stemming: the singular finds the plural.
        assert "De Verscheidenheid" in _search(wat="unit")
    assert "0 scholen gevonden" in _search(wat="xylofoonorkest")


def test_results_can_be_chosen_for_comparison(world: PublicWorld) -> None:
    page = _search(sector="PO")
    assert 'action="/vergelijken/"' in page
    assert f'name="school" value="{world.maasoever.school.code}"' in page


def test_bad_input_says_what_is_wrong(world: PublicWorld) -> None:
    response = Client().get("/zoeken/", {"swv": "niet-een-nummer", "wat": "x" * 201})
    page = response.content.decode()
    assert "Controleer uw zoekvraag" in page
    assert "Samenwerkingsverband" in page
