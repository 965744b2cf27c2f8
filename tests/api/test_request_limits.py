"""Each client has a request limit: per address without a key, per key with one; past it
the API answers 429 in Dutch and says when to try again."""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import Keys, Region, api_get

REDIS_FOR_TESTS = os.environ.get("OPENSOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_too_many_requests_get_429(region: Region, settings: Any) -> None:
    settings.OPENSOP_API_RATE_PUBLIC = "3/minute"
    statuses = [api_get("/api/v1/ondersteuningsbehoeften/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api_get("/api/v1/scholen/")
    assert refused.status_code == 429
    assert refused.json()["fout"].startswith("Te veel verzoeken. Probeer het over")
    assert int(refused.headers["Retry-After"]) > 0


def test_a_key_has_its_own_count(region: Region, keys: Keys, settings: Any) -> None:
    settings.OPENSOP_API_RATE_PUBLIC = "2/minute"
    settings.OPENSOP_API_RATE_TOKEN = "5/minute"  # noqa: S105 - a rate, not a secret
    assert [api_get("/api/v1/formaten/").status_code for _ in range(3)] == [200, 200, 429]
    with_key = [api_get("/api/v1/formaten/", keys.own).status_code for _ in range(6)]
    assert with_key == [200] * 5 + [429]
    assert api_get("/api/v1/formaten/", keys.other).status_code == 200


def test_limits_hold_with_redis_as_the_shared_count(region: Region, settings: Any) -> None:
    """Production sets REDIS_URL: every app server then counts in Redis, not in the database."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_FOR_TESTS, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_FOR_TESTS}")
    settings.CACHES = {
        **settings.CACHES,
        "api": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_FOR_TESTS,
            "KEY_PREFIX": f"opensop-test-{uuid.uuid4().hex}",  # counts of no other run
        },
    }
    settings.OPENSOP_API_RATE_PUBLIC = "2/minute"
    with CaptureQueriesContext(connection) as queries:
        first = api_get("/api/v1/ondersteuningsbehoeften/")
    assert not [q for q in queries if "opensop_api_cache" in q["sql"]]
    statuses = [first.status_code] + [
        api_get("/api/v1/ondersteuningsbehoeften/").status_code for _ in range(2)
    ]
    assert statuses == [200, 200, 429]
