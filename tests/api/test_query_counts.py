"""A list page costs the same number of queries whatever its length (no N+1)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from bench.national_dataset import generate
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opensop.api import services as key_services
from opensop.organisations.models import Swv
from tests.api.conftest import api_get


@pytest.fixture
def country(db: None, settings: Any) -> str:
    settings.OPENSOP_API_RATE_PUBLIC = "1000/minute"
    generate(60, 2, 2, datetime.date(2026, 11, 1), seed=3)
    _, key = key_services.create_key(Swv.objects.first(), "meting", None)  # type: ignore[arg-type]
    api_get("/api/v1/formaten/", key)  # its first use writes "last used" (once a minute)
    return key


def _queries(path: str, size: int, key: str | None = None) -> int:
    cache.clear()  # the public lists' ids are kept per version: measure them read, not kept
    with CaptureQueriesContext(connection) as queries:
        response = api_get(path, key, per_pagina=str(size))
    assert response.status_code == 200
    assert len(response.json()["results"]) == size
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/api/v1/scholen/", "/api/v1/profielen/", "/api/v1/samenwerkingsverbanden/"]
)
def test_list_pages_do_not_grow_with_their_length(country: str, path: str) -> None:
    small = 2
    large = 2 if "samenwerkingsverbanden" in path else 30
    assert _queries(path, small) == _queries(path, large)
    assert _queries(path, small, country) == _queries(path, large, country)


def test_the_counts_themselves(country: str) -> None:
    # The request limit's cache row (read, count, write, in a savepoint: 6), the count, the
    # page's ids, its rows, and for schools one prefetch of their newest public profiles.
    assert _queries("/api/v1/profielen/", 30) <= 9
    assert _queries("/api/v1/scholen/", 30) <= 10


def test_a_public_list_keeps_its_ids_until_public_data_changes(country: str) -> None:
    """Another page of the same public list reads its ids from the cache: the version's
    stamp instead of counting and ordering the whole list."""
    first = _queries("/api/v1/profielen/", 30)
    with CaptureQueriesContext(connection) as queries:
        response = api_get("/api/v1/profielen/", None, per_pagina="30", pagina="2")
    assert response.status_code == 200
    assert len(queries) == first - 1
