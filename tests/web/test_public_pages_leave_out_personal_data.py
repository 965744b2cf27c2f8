"""The public school page, the search, the summary for parents and the schoolgids chapter
name no person (the answers a format marks `personal: true`, and who signed) unless the
school chose to show its contact person; the full profile as the board adopted it still
names them (docs/privacy.md says why)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.conftest import Region
from tests.web.personal_data import (
    BOARD_SIGNATORY,
    COORDINATOR,
    COORDINATOR_EMAIL,
    DIRECTOR,
    IB,
    PO_GENERAL,
    SECRETS,
    Published,
    leaked,
    published_with_names,
)


@pytest.fixture
def published(region: Region) -> Published:
    return published_with_names(region)


def _page(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_school_page_shows_the_general_contact_and_no_person(published: Published) -> None:
    page = _page(f"/scholen/{published.primary.school.code}/")
    assert leaked(page) == []
    assert "Vragen over ondersteuning?" in page
    assert PO_GENERAL["telefoon"] in page
    assert PO_GENERAL["email"] in page
    # The embedded profile is still there, without the people in it.
    assert "Kengetallen peildatum 1 oktober" in page
    secondary = _page(f"/scholen/{published.secondary.school.code}/")
    assert leaked(secondary) == []
    assert "Neem contact op met de school." in secondary


@pytest.mark.parametrize(
    "words", ["Zwartkop", "Vlierboom", "Appelmans", "Klaproos", "e.klaproos@lyceum.example"]
)
def test_nobody_finds_a_school_by_the_name_of_its_staff(published: Published, words: str) -> None:
    assert "De Verscheidenheid" in _page("/zoeken/?wat=Verscheidenheid")
    found = _page(f"/zoeken/?wat={words}")
    assert "De Verscheidenheid" not in found
    assert "Het Lyceum" not in found


def test_the_summary_and_the_chapter_for_parents_name_no_person(published: Published) -> None:
    for profile in (published.primary, published.secondary):
        for url in (
            f"/profielen/{profile.pk}/document/samenvatting/",
            f"/profielen/{profile.pk}/schoolgids/",
        ):
            assert leaked(_page(url)) == [], url
    summary = _page(f"/profielen/{published.primary.pk}/document/samenvatting/")
    assert PO_GENERAL["telefoon"] in summary


def test_the_adopted_profile_names_them_as_the_board_adopted_it(published: Published) -> None:
    full = _page(f"/scholen/{published.primary.school.code}/profiel/")
    assert DIRECTOR in full
    assert IB in full
    assert BOARD_SIGNATORY in full
    assert f"<dt>Namens het bestuur</dt><dd>{BOARD_SIGNATORY}</dd>" in full
    secondary = _page(f"/scholen/{published.secondary.school.code}/profiel/")
    assert COORDINATOR in secondary
    assert COORDINATOR_EMAIL in secondary
    assert leaked(secondary, SECRETS[3:]) == SECRETS[3:]
