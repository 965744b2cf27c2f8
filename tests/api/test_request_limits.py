"""Each client has a request limit: per address without a key, per key with one; past it
the API answers 429 in Dutch and says when to try again."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Keys, Region, api_get


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
