"""The overview's pages read a fixed number of queries, however many schools the SWV has."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from opensop.organisations.models import School
from opensop.profiles.models import State
from tests.web.conftest import Region, signed_in
from tests.web.overview_data import profile

URLS = [
    "",
    "normen/",
    "dekking/",
    "veranderd/",
    "deskundigheid/",
    "status.xlsx",
    "normen.csv",
    "dekking.xlsx",
    "veranderd.xlsx",
    "deskundigheid.xlsx",
]
EXAMPLES = ["voldoet", "voldoet-niet", "onvolledig", "vo/voldoet"]
STATES = [State.CONCEPT, State.ADVICE, State.ADOPTED, State.PUBLISHED]


def _add_schools(region: Region, count: int, start: int) -> None:
    for n in range(start, start + count):
        school = School.objects.create(
            brin=f"{10 + n // 26:02d}{chr(65 + n % 26)}Q",
            name=f"School {n}",
            board=region.school.board,
            swv=region.school.swv,
            municipality=f"Gemeente {n % 3}",
        )
        if n % 5 == 4:
            continue  # some schools have not started
        state = STATES[n % 4]
        adopted = datetime.date(2020, 1, 1) if state in (State.ADOPTED, State.PUBLISHED) else None
        profile(school, EXAMPLES[n % 4], state, adopted_on=adopted)
        if n % 3 == 0:
            profile(school, "voldoet", State.PUBLISHED, school_year="2024-2025", adopted_on=adopted)


def _queries(client: Client, url: str) -> int:
    cache.clear()  # what a region's pages read is kept per stamp: count it read, not kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["swv_staff", "inspectorate", "admin"])
def test_twenty_schools_cost_as_many_queries_as_two(region: Region, persona: str) -> None:
    client = signed_in(region, persona)
    base = f"/swv/{region.school.swv_id}/overzicht/"
    _add_schools(region, 2, 0)
    few = {url: _queries(client, base + url) for url in URLS}
    _add_schools(region, 18, 2)
    many = {url: _queries(client, base + url) for url in URLS}
    assert many == few
    assert max(few.values()) <= 13, few  # cold: the stamp of writes is one more


def test_a_second_page_reads_the_regions_profiles_from_the_cache(region: Region) -> None:
    """Status and norms read the same profiles and school years: the second page reads
    only the stamp of writes instead (the latest profiles, last adoptions and years kept)."""
    client = signed_in(region, "swv_staff")
    base = f"/swv/{region.school.swv_id}/overzicht/"
    _add_schools(region, 5, 0)
    status = _queries(client, base)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(base + "normen/").status_code == 200
    assert len(queries) == _queries(client, base + "normen/") - 3
    assert status == _queries(client, base)


def test_the_national_overview_costs_as_many_queries_for_twenty_schools(region: Region) -> None:
    client = signed_in(region, "admin")
    urls = ["/overzicht/", "/overzicht/landelijk.xlsx", "/overzicht/landelijk.csv"]
    _add_schools(region, 2, 0)
    few = {url: _queries(client, url) for url in urls}
    _add_schools(region, 18, 2)
    assert {url: _queries(client, url) for url in urls} == few
