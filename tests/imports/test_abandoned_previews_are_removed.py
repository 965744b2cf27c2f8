"""An upload whose preview nobody confirms does not stay in storage for ever."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from opensop.imports import pending
from opensop.profiles.models import Profile
from tests.imports.document_maker import seed_text
from tests.web.conftest import Region, signed_in


def _waiting(name: str, age: timedelta) -> str:
    path = default_storage.save(f"{pending.FOLDER}/{name}", ContentFile(b"x"))
    moment = (timezone.now() - age).timestamp()
    os.utime(default_storage.path(path), (moment, moment))
    return path


def test_the_command_removes_day_old_previews_only(db: None) -> None:
    old = _waiting("verlaten", timedelta(hours=25))
    fresh = _waiting("net-geupload", timedelta(minutes=5))
    out = io.StringIO()
    call_command("remove_abandoned_imports", stdout=out)
    assert out.getvalue().strip() == "1 verlaten upload(s) verwijderd."
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)


def test_the_next_preview_removes_abandoned_ones(
    region: Region, secondary_concept: Profile
) -> None:
    old = _waiting("verlaten", timedelta(days=3))
    client = signed_in(region, "editor")
    file = io.BytesIO(seed_text().encode())
    file.name = "sop.txt"
    page = client.post(f"/profielen/{secondary_concept.pk}/document-inlezen/", {"file": file})
    assert page.status_code == 200
    assert not default_storage.exists(old)
    _, waiting = default_storage.listdir(pending.FOLDER)
    assert waiting == [page.context["token"]]  # only the new preview's upload waits


def test_nothing_to_remove_is_fine(db: None, settings: Any) -> None:
    assert pending.remove_abandoned() == []  # the folder does not exist yet
