"""An upload between its preview and the user's confirmation.

Nothing of an import is saved before the user confirms. The uploaded file itself waits
in Django's storage (any size up to the limit, any number of app servers), named by a
random token that only this user's session knows; confirming or uploading again removes it.
A preview the user walks away from is removed after `EXPIRY`: by the next preview anyone
makes, and by `manage.py remove_abandoned_imports` (e.g. nightly, for quiet sites).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone

SESSION_KEY = "opensop_pending_imports"
FOLDER = "imports/wachtend"
# A session lasts two weeks, but nobody confirms a preview a day later: then it is abandoned.
EXPIRY = timedelta(hours=24)


@dataclass(frozen=True)
class Pending:
    token: str
    name: str
    data: bytes


def keep(request: HttpRequest, scope: str, name: str, data: bytes) -> str:
    """Keep `data` for `scope` (e.g. 'register:3'); an earlier upload for it is dropped."""
    drop(request, scope)
    remove_abandoned()
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


def remove_abandoned(now: datetime | None = None) -> list[str]:
    """Remove the waiting uploads older than EXPIRY; their names. A storage that cannot
    list or date its files is left alone (it may expire them itself, like an S3 rule)."""
    now = now or timezone.now()
    try:
        _, names = default_storage.listdir(FOLDER)
    except (NotImplementedError, OSError):
        return []  # no such folder yet, or a storage without listing
    removed = []
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if now - default_storage.get_modified_time(path) <= EXPIRY:
                continue
        except (NotImplementedError, OSError):
            continue
        default_storage.delete(path)
        removed.append(path)
    return removed
