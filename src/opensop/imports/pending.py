"""An upload between its preview and the user's confirmation.

Nothing of an import is saved before the user confirms. The uploaded file itself waits
in Django's storage (any size up to the limit, any number of app servers), named by a
random token that only this user's session knows; confirming or uploading again removes it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest

SESSION_KEY = "opensop_pending_imports"
FOLDER = "imports/wachtend"


@dataclass(frozen=True)
class Pending:
    token: str
    name: str
    data: bytes


def keep(request: HttpRequest, scope: str, name: str, data: bytes) -> str:
    """Keep `data` for `scope` (e.g. 'register:3'); an earlier upload for it is dropped."""
    drop(request, scope)
    token = secrets.token_urlsafe(16)
    path = default_storage.save(f"{FOLDER}/{token}", ContentFile(data))
    waiting = dict(request.session.get(SESSION_KEY, {}))
    waiting[scope] = {"token": token, "path": path, "name": name[:200]}
    request.session[SESSION_KEY] = waiting
    return token


def find(request: HttpRequest, scope: str, token: str) -> Pending | None:
    entry = request.session.get(SESSION_KEY, {}).get(scope)
    if not entry or not secrets.compare_digest(entry["token"], token):
        return None
    try:
        with default_storage.open(entry["path"], "rb") as file:
            data = file.read()
    except OSError:
        return None
    return Pending(token, entry["name"], data)


def drop(request: HttpRequest, scope: str) -> None:
    waiting = dict(request.session.get(SESSION_KEY, {}))
    entry = waiting.pop(scope, None)
    if entry:
        default_storage.delete(entry["path"])
        request.session[SESSION_KEY] = waiting
