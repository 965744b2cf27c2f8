"""Property-based: schemathesis generates requests from the served OpenAPI schema
(/api/v1/schema/) and checks every answer against it: no server errors, only documented
status codes and content types, bodies that match the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from opensop.profiles.models import Profile
from opensop.wsgi import application

# Loaded from the running application, as another system would (the schema view asks
# nothing of the database).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def data(published: Profile, settings: Any) -> Iterator[None]:
    settings.OPENSOP_API_RATE_PUBLIC = "100000/minute"
    # schemathesis calls the WSGI application itself: keep Django from closing the test's
    # database connection after each request, as Django's own test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_matches_the_schema(case: Any) -> None:
    case.call_and_validate()
