"""The public search filters an index kept in the worker's memory (portal/index.py): any
change to what the public sees shows on the very next search, never a stale result."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opensop.organisations.models import Board
from opensop.organisations.services import update_school
from opensop.portal.index import public_index
from opensop.profiles.models import Profile
from tests.web.conftest import Region
from tests.web.portal_world import PublicWorld, public_world


@pytest.fixture
def world(region: Region, concept: Profile) -> PublicWorld:
    return public_world(region, concept)


def _found(**params: str) -> str:
    response = Client().get("/zoeken/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_school_is_found_by_its_new_name_at_once(world: PublicWorld) -> None:
    assert "1 school gevonden" in _found(wat="Maasoever")
    school = world.maasoever.school
    school.name = "De Maaskei"
    board = Board.objects.get(pk=school.board_id)
    update_school(school, board, world.region.user("swv_staff_other"))
    assert "0 scholen gevonden" in _found(wat="Maasoever")
    page = _found(wat="Maaskei")
    assert "1 school gevonden" in page
    assert "De Maaskei" in page


def test_a_school_that_moves_to_another_swv_leaves_the_search_at_once(
    world: PublicWorld,
) -> None:
    assert "De Verscheidenheid" in _found(wat="hoogbegaafd")
    school = world.verscheidenheid.school
    school.swv = world.hidden["Verhuisdeschool"].swv  # the secondary SWV
    school.save()  # as the register import and the admin move a school
    page = _found(wat="hoogbegaafd")
    assert "De Verscheidenheid" not in page
    assert "0 scholen gevonden" in page


def test_a_place_matches_municipality_or_city_and_a_postcode_its_digits_and_letters(
    world: PublicWorld,
) -> None:
    assert "De Verscheidenheid" in _found(waar="heerlen")
    assert "De Verscheidenheid" in _found(waar="6411")
    assert "De Verscheidenheid" in _found(waar="6411ab")
    assert "0 scholen gevonden" in _found(waar="6411 XY")
    assert "Maasoever" in _found(waar="MAASTRICHT")


def test_the_index_is_read_once_while_nothing_public_changes(world: PublicWorld) -> None:
    first = public_index()
    with CaptureQueriesContext(connection) as queries:
        again = public_index()
    assert again is first
    assert len(queries) == 1  # the version's stamp only
    assert {s.profile_id for s in first.schools} == {
        world.verscheidenheid.pk,
        world.maasoever.pk,
    }
