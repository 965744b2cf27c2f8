"""The public pages cost the same number of queries however many schools they show."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opensop.organisations.models import Board, School
from opensop.portal.services import rebuild_index
from opensop.profiles.models import Profile, State
from tests.web.conftest import Region
from tests.web.overview_data import profile


def _add_published_schools(region: Region, count: int) -> None:
    board = Board.objects.create(name=f"Stichting {count}")
    for n in range(count):
        school = School.objects.create(
            brin=f"7{count % 10}{n:02d}"[:4].ljust(4, "A"),
            name=f"Extra school {count}-{n}",
            board=board,
            swv=region.school.swv,
            municipality="Heerlen",
        )
        profile(school, "voldoet", State.PUBLISHED, adopted_on=datetime.date(2025, 10, 1))
        profile(
            school,
            "voldoet",
            State.PUBLISHED,
            school_year="2024-2025",
            adopted_on=datetime.date(2024, 10, 1),
        )
    rebuild_index()


def _queries(url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(captured)


URLS: list[Callable[[Region], str]] = [
    lambda r: "/zoeken/?waar=Heerlen",
    lambda r: "/zoeken/?wat=hoogbegaafd&iedereen=on",
    lambda r: "/zoeken/?wat=units",
    lambda r: f"/samenwerkingsverbanden/{r.school.swv_id}/",
    lambda r: "/samenwerkingsverbanden/",
]


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_the_results(
    region: Region, concept: Profile, url: Callable[[Region], str]
) -> None:
    _add_published_schools(region, 3)
    few = _queries(url(region))
    _add_published_schools(region, 18)  # 21 schools: more than one page of results
    assert _queries(url(region)) == few


def test_school_page_and_compare_use_a_fixed_number_of_queries(
    region: Region, concept: Profile
) -> None:
    _add_published_schools(region, 4)
    codes = [s.code for s in School.objects.filter(name__startswith="Extra")]
    # Two narrow queries find the profile, one its older versions, one the regime. The first
    # view renders the profile's document (up to two queries more: the SWV's base support
    # text and its regime for the title); after that it comes from the cache.
    assert _queries(f"/scholen/{codes[0]}/") <= 6
    assert _queries(f"/scholen/{codes[0]}/") <= 4
    two = _queries(f"/vergelijken/?school={codes[0]}&school={codes[1]}")
    four = _queries("/vergelijken/?" + "&".join(f"school={c}" for c in codes))
    assert two == four == 1
