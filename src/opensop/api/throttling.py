"""Request limits per client: per API key when one is given, per address otherwise.

The counts live in the "api" cache (settings.CACHES): a database table by default, so
every app server process counts the same requests. Rates come from the settings at each
request (OPENSOP_API_RATE_PUBLIC / _TOKEN), so tests and deployments can change them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import caches
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from opensop.api.models import ApiKey


class PerClientThrottle(SimpleRateThrottle):
    scope = "api"

    def __init__(self) -> None:
        self.cache = caches["api"]
        super().__init__()

    def get_rate(self) -> str:
        return str(settings.OPENSOP_API_RATE_PUBLIC)

    def allow_request(self, request: Request, view: Any) -> bool:
        if isinstance(request.auth, ApiKey):
            self.rate = str(settings.OPENSOP_API_RATE_TOKEN)
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str:
        if isinstance(request.auth, ApiKey):
            client = f"key-{request.auth.pk}"
        else:
            client = f"ip-{self.get_ident(request)}"
        return f"throttle-{self.scope}-{client}"
