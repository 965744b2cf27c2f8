"""Nothing unpublished ever appears on a public page: not a concept, not a profile in the
advice stage, not an adopted profile that is not yet published, not the profile of a
school that left its SWV. And the public pages set no cookie at all."""

from __future__ import annotations

import pytest
from django.test import Client

from opensop.profiles.models import Profile
from opensop.workflow import services
from tests.web.conftest import Region
from tests.web.portal_world import HIDDEN, PublicWorld, public_world
from tests.web.test_workflow_steps import bring_to


@pytest.fixture
def world(region: Region, concept: Profile) -> PublicWorld:
    return public_world(region, concept)


def public_urls(world: PublicWorld) -> list[str]:
    a, b = world.verscheidenheid.school, world.maasoever.school
    swv = a.swv
    return [
        "/",
        "/zoeken/",
        "/zoeken/?waar=Heerlen",
        "/zoeken/?wat=hoogbegaafd&iedereen=on",
        "/zoeken/?wat=school",
        "/zoeken/?sector=PO&iedereen=on",
        f"/zoeken/?swv={swv.pk}",
        f"/scholen/{a.code}/",
        f"/scholen/{a.code}/profiel/",
        f"/scholen/{a.code}/versies/{world.older.pk}/",
        f"/vergelijken/?school={a.code}&school={b.code}",
        "/samenwerkingsverbanden/",
        f"/samenwerkingsverbanden/{swv.pk}/",
        "/niveaus/",
    ]


def test_no_public_page_shows_an_unpublished_profile(world: PublicWorld) -> None:
    client = Client()
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for name in HIDDEN:
            assert name not in page, (url, name)


@pytest.mark.parametrize("name", HIDDEN)
def test_a_school_without_a_public_profile_has_no_public_page(
    world: PublicWorld, name: str
) -> None:
    school = world.hidden[name]
    client = Client()
    assert client.get(f"/scholen/{school.code}/").status_code == 404
    assert client.get(f"/scholen/{school.code}/profiel/").status_code == 404
    compare = client.get(
        "/vergelijken/", {"school": [school.code, world.verscheidenheid.school.code]}
    )
    assert compare.status_code == 400
    assert f"Geen gepubliceerd profiel gevonden voor: {school.code}" in compare.content.decode()
    found = client.get("/zoeken/", {"wat": name, "iedereen": "on"}).content.decode()
    assert "0 scholen gevonden" in found  # the name is only echoed in the search box


def test_the_moved_schools_old_profile_is_no_version_of_any_public_page(
    world: PublicWorld,
) -> None:
    code = world.verscheidenheid.school.code
    url = f"/scholen/{code}/versies/{world.moved_profile.pk}/"
    assert Client().get(url).status_code == 404
    new_swv = world.hidden["Verhuisdeschool"].swv
    page = Client().get(f"/samenwerkingsverbanden/{new_swv.pk}/").content.decode()
    assert "Nog geen school in dit samenwerkingsverband heeft een profiel gepubliceerd" in page


def test_an_adopted_profile_becomes_public_only_when_published(
    region: Region, concept: Profile
) -> None:
    adopted = bring_to("adopted", concept, region)
    client = Client()
    assert client.get(f"/scholen/{region.school.code}/").status_code == 404
    assert "0 scholen gevonden" in client.get("/zoeken/", {"wat": "units"}).content.decode()
    services.publish(adopted, region.user("board"))
    assert client.get(f"/scholen/{region.school.code}/").status_code == 200
    # Published through the workflow: its text is searchable at once.
    assert "1 school gevonden" in client.get("/zoeken/", {"wat": "units"}).content.decode()
    found = client.get("/zoeken/", {"wat": "hoogbegaafd"}).content.decode()
    assert "1 school gevonden" in found  # and what it offers, from its stored summary


def test_public_pages_set_no_cookie(world: PublicWorld) -> None:
    client = Client()
    for url in public_urls(world):
        response = client.get(url)
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in response.headers, url
    assert not client.cookies
