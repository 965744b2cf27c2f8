"""`Authorization: Bearer <key>`: an SWV's API key, as a DRF authentication class.

A request with a key is still anonymous as a person (request.user); request.auth is the
ApiKey, which widens what /api/v1/profielen/ shows to the key's own SWV (api/queries.py).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from opensop.api.models import ApiKey
from opensop.api.services import find_active_key, note_use

KEYWORD = b"bearer"


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[AnonymousUser, ApiKey] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD:
            return None
        if len(header) != 2:
            raise AuthenticationFailed(
                "Geef de API-sleutel zo mee: 'Authorization: Bearer <sleutel>'."
            )
        try:
            key = find_active_key(header[1].decode("ascii"))
        except UnicodeDecodeError:
            key = None
        if key is None:
            raise AuthenticationFailed("Deze API-sleutel bestaat niet of is ingetrokken.")
        note_use(key)
        return AnonymousUser(), key

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
