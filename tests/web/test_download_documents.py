"""Downloads from the profile page: a concept fresh each time, an adopted profile as signed."""

from __future__ import annotations

import base64
import hashlib
import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from opensop.documents.models import StoredDocument
from opensop.profiles.models import Profile
from tests.web.conftest import Region, signed_in
from tests.web.test_workflow_steps import bring_to

# The smallest valid PNG: one transparent pixel.
PNG_PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def test_the_profile_page_offers_both_documents_in_both_forms(
    region: Region, concept: Profile
) -> None:
    page = signed_in(region, "editor").get(f"/profielen/{concept.pk}/").content.decode()
    for link in ("document/profiel.pdf", "document/profiel/", "document/samenvatting.pdf"):
        assert f"/profielen/{concept.pk}/{link}" in page
    assert "de documenten dragen op elke pagina het merkteken CONCEPT" in page


def test_a_published_document_is_stored_once_and_served_byte_for_byte(
    region: Region, concept: Profile
) -> None:
    published = bring_to("published", concept, region)
    url = f"/profielen/{published.pk}/document/profiel.pdf"
    first = Client().get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert (
        'filename="99XA00-de-verscheidenheid-schoolondersteuningsprofiel-2025-2026.pdf"'
        in (first["Content-Disposition"])
    )
    stored = StoredDocument.objects.get(profile=published, kind="full")
    assert stored.sha256 == hashlib.sha256(first.content).hexdigest()
    region.school.name = "Nieuwe naam"  # later changes never reach a signed document
    region.school.save()
    second = Client().get(url)
    assert second.content == first.content
    assert StoredDocument.objects.count() == 1


def test_a_concept_is_rendered_fresh_and_never_stored(region: Region, concept: Profile) -> None:
    client = signed_in(region, "editor")
    response = client.get(f"/profielen/{concept.pk}/document/samenvatting.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert StoredDocument.objects.count() == 0


def test_the_web_page_is_the_same_document(region: Region, concept: Profile) -> None:
    html = signed_in(region, "editor").get(f"/profielen/{concept.pk}/document/profiel/")
    text = html.content.decode()
    assert '<html lang="nl-NL">' in text
    assert "CONCEPT — nog niet vastgesteld" in text
    assert "3.3 Ankerpunt: Specifieke ondersteuning" in text
    assert Client().get(f"/profielen/{concept.pk}/document/profiel/").status_code == 404


def test_an_unknown_document_kind_is_not_found(region: Region, concept: Profile) -> None:
    client = signed_in(region, "editor")
    assert client.get(f"/profielen/{concept.pk}/document/brochure.pdf").status_code == 404


def test_the_swv_logo_heads_every_document(region: Region, concept: Profile) -> None:
    swv = region.school.swv
    swv.logo.save("logo.png", ContentFile(PNG_PIXEL), save=True)
    html = signed_in(region, "editor").get(f"/profielen/{concept.pk}/document/samenvatting/")
    text = html.content.decode()
    encoded = base64.b64encode(PNG_PIXEL).decode()
    assert (
        f'<img class="logo" src="data:image/png;base64,{encoded}" alt="Logo van Heerlen e.o.">'
        in (text)
    )
    pdf = signed_in(region, "editor").get(f"/profielen/{concept.pk}/document/samenvatting.pdf")
    with pikepdf.open(io.BytesIO(pdf.content)) as document:
        figures = [
            element
            for element in document.objects
            if isinstance(element, pikepdf.Dictionary) and element.get("/S") == "/Figure"
        ]
    assert [str(figure.Alt) for figure in figures] == ["Logo van Heerlen e.o."]


def test_a_logo_must_be_small_png_or_jpeg(region: Region) -> None:
    swv = region.school.swv
    swv.logo = SimpleUploadedFile("logo.svg", b"<svg/>")
    with pytest.raises(ValidationError) as refused:
        swv.full_clean()
    assert "logo" in refused.value.message_dict
    swv.logo = SimpleUploadedFile("groot.png", b"0" * 400_000)
    with pytest.raises(ValidationError) as too_big:
        swv.full_clean()
    assert "Het logo is 400 kB; hoogstens 300 kB." in too_big.value.message_dict["logo"]
