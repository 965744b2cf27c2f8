"""The web tests' region and personas, plus API clients with and without an SWV's key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from opensop.api import services as key_services
from opensop.profiles.models import Profile
from tests.web.conftest import (  # noqa: F401 - fixtures shared with the web tests
    Region,
    concept,
    fast_password_hashing,
    region,
    seed_answers,
)
from tests.web.test_workflow_steps import bring_to


@dataclass(frozen=True)
class Keys:
    own: str  # a key of the SWV of the region's school
    other: str  # a key of the other SWV


@pytest.fixture
def keys(region: Region) -> Keys:  # noqa: F811 - the imported fixture
    staff, other_staff = region.user("swv_staff"), region.user("swv_staff_other")
    assert isinstance(staff, User)
    assert isinstance(other_staff, User)
    _, own = key_services.create_key(region.school.swv, "Website", staff)
    _, other = key_services.create_key(region.other_school.swv, "Website", other_staff)
    return Keys(own, other)


def api_get(path: str, key: str | None = None, **params: Any) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return Client().get(path, params, **headers)


@pytest.fixture
def published(region: Region, concept: Profile) -> Profile:  # noqa: F811
    return bring_to("published", concept, region)
