"""A batch whose document fails ends 'mislukt' with a Dutch message, and offers no ZIP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage

from opensop.documents import services, tasks
from opensop.documents.models import BatchKinds, BatchState
from tests.web.batch_region import YEAR, Schools, three_schools  # noqa: F401 - fixture
from tests.web.conftest import Region, signed_in


def broken_engine(doc: object) -> bytes:
    raise RuntimeError("the engine broke")


def test_a_failing_document_fails_the_batch_and_says_which(
    region: Region,
    schools: Schools,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(services, "render_pdf", broken_engine)
    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.request_batch(
            region.user("swv_staff"), region.school.swv, YEAR, BatchKinds.SUMMARY
        )
    batch.refresh_from_db()
    assert batch.state == BatchState.FAILED
    assert batch.error == (
        "Het pakket is niet gemaakt: het document 'samenvatting voor ouders' van De Linde "
        "(99XC00) kon niet gemaakt worden. Probeer het opnieuw; lukt het weer niet, meld het "
        "dan aan de beheerders."
    )
    assert not batch.file
    assert not list(Path(settings.MEDIA_ROOT).glob("documentpakketten/**/*.zip"))

    client = signed_in(region, "swv_staff")
    base = f"/swv/{region.school.swv_id}/documenten/"
    page = client.get(f"{base}{batch.pk}/").content.decode()
    assert "kon niet gemaakt worden" in page
    assert "Er is geen ZIP-bestand." in page
    assert "hx-trigger" not in page
    assert client.get(f"{base}{batch.pk}/zip").status_code == 404
    assert "geen (mislukt)" in client.get(base).content.decode()


def test_a_zip_that_cannot_be_stored_fails_the_batch(
    region: Region,
    schools: Schools,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full_disk(self: FileSystemStorage, name: str, content: Any) -> str:
        if name.endswith(".zip"):
            raise OSError(28, "No space left on device")
        return real_save(self, name, content)

    real_save = FileSystemStorage._save
    monkeypatch.setattr(FileSystemStorage, "_save", full_disk)
    with django_capture_on_commit_callbacks(execute=True):
        batch = tasks.request_batch(
            region.user("admin"),
            region.school.swv,
            YEAR,
            BatchKinds.SUMMARY,
            board=schools.adopted.school.board,
        )
    batch.refresh_from_db()
    assert batch.state == BatchState.FAILED
    assert batch.error.startswith("Het pakket is niet gemaakt door een fout op de server.")
    assert not batch.file
