"""What an earlier version stored with people's names in it goes on the upgrade: the search
texts are written again without them (portal 0006), the stored summaries for parents are
removed, to be typeset again by the new rules (documents 0003)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.postgres.search import SearchVector
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client

from opensop.documents.models import Kind, StoredDocument
from opensop.portal.index import forget
from opensop.portal.models import SearchEntry
from tests.web.conftest import Region
from tests.web.personal_data import DIRECTOR, published_with_names

# What a data migration asks of its schema editor: the connection (SQLite refuses a real
# one inside the test's transaction).
EDITOR = SimpleNamespace(connection=connection)


def _migration(app: str, name: str) -> object:
    return importlib.import_module(f"opensop.{app}.migrations.{name}")


def test_the_search_texts_are_written_again_without_names(region: Region) -> None:
    published = published_with_names(region).primary
    entry = SearchEntry.objects.get(profile=published)
    SearchEntry.objects.filter(pk=entry.pk).update(text=f"{entry.text}\n{DIRECTOR}")
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(vector=SearchVector("text", config="dutch"))
    forget()
    assert "De Verscheidenheid" in Client().get("/zoeken/?wat=Zwartkop").content.decode()
    migration = _migration("portal", "0007_search_text_without_personal_data")
    migration.rewrite_texts(apps, EDITOR)  # type: ignore[attr-defined]
    assert DIRECTOR not in SearchEntry.objects.get(pk=entry.pk).text
    forget()
    assert "De Verscheidenheid" not in Client().get("/zoeken/?wat=Zwartkop").content.decode()
    assert "De Verscheidenheid" in Client().get("/zoeken/?wat=Verscheidenheid").content.decode()


def test_the_stored_summaries_are_removed_and_the_full_profile_kept(region: Region) -> None:
    published = published_with_names(region).primary
    for kind in (Kind.FULL, Kind.SUMMARY):
        StoredDocument.objects.create(
            profile=published,
            kind=kind,
            file=ContentFile(b"%PDF-1.7 " + DIRECTOR.encode(), name=f"{kind}.pdf"),
            sha256="0" * 64,
            size=10,
        )
    summary = StoredDocument.objects.get(kind=Kind.SUMMARY)
    migration = _migration("documents", "0003_summaries_without_contact_person")
    migration.remove_summaries(apps, EDITOR)  # type: ignore[attr-defined]
    assert list(StoredDocument.objects.values_list("kind", flat=True)) == [Kind.FULL]
    assert not summary.file.storage.exists(summary.file.name)
