"""A school editor chooses whether the public pages name the school's contact person (off
until they do): the school page, the summary for parents and the schoolgids chapter follow
at once, for profiles published before too; who signed is never on the school page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from opensop.documents import services as documents
from opensop.documents.models import Kind, StoredDocument
from opensop.organisations.models import School
from opensop.organisations.services import SchoolError, choose_public_contact_person
from tests.web.conftest import Region, signed_in
from tests.web.personal_data import (
    BOARD_SIGNATORY,
    COORDINATOR,
    COORDINATOR_EMAIL,
    COORDINATOR_PHONE,
    DIRECTOR,
    IB,
    Published,
    leaked,
    published_with_names,
)


@pytest.fixture
def published(region: Region) -> Published:
    return published_with_names(region)


def _choose(region: Region, published: Published, shown: bool) -> str:
    data = {"tonen": "ja"} if shown else {}
    url = f"/profielen/{published.primary.pk}/contactpersoon/"
    response = signed_in(region, "editor").post(url, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_off_until_the_school_chooses(published: Published) -> None:
    assert School.objects.get(pk=published.primary.school_id).shows_contact_person is False


def test_the_editor_sees_whom_the_choice_would_show(region: Region, published: Published) -> None:
    page = signed_in(region, "editor").get(f"/profielen/{published.primary.pk}/").content.decode()
    assert "Contactpersoon tonen op de openbare pagina" in page
    assert f"Directeur: {DIRECTOR}; Intern begeleider(s): {IB}" in page
    board_page = signed_in(region, "board").get(f"/profielen/{published.primary.pk}/")
    assert "Contactpersoon tonen op de openbare pagina" not in board_page.content.decode()


def test_the_school_page_names_the_contact_person_once_chosen_and_not_after(
    region: Region, published: Published, django_capture_on_commit_callbacks: Any
) -> None:
    url = f"/scholen/{published.primary.school.code}/"
    assert leaked(Client().get(url).content.decode()) == []
    with django_capture_on_commit_callbacks(execute=True):
        answer = _choose(region, published, True)
    assert "noemt nu de contactpersoon" in answer
    page = Client().get(url).content.decode()
    assert DIRECTOR in page
    assert IB in page
    assert BOARD_SIGNATORY not in page  # who signed is not a contact person
    summary = f"/profielen/{published.primary.pk}/document/samenvatting/"
    assert DIRECTOR in Client().get(summary).content.decode()
    assert (
        DIRECTOR in Client().get(f"/profielen/{published.primary.pk}/schoolgids/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        _choose(region, published, False)
    assert leaked(Client().get(url).content.decode()) == []
    assert leaked(Client().get(summary).content.decode()) == []


def test_the_choice_holds_for_the_format_of_the_school(
    region: Region, published: Published
) -> None:
    lyceum = published.secondary.school
    choose_public_contact_person(lyceum, True, region.user("editor"))
    page = Client().get(f"/scholen/{lyceum.code}/").content.decode()
    for value in (COORDINATOR, COORDINATOR_EMAIL, COORDINATOR_PHONE):
        assert value in page


def test_a_stored_summary_is_typeset_again_with_the_choice(
    region: Region,
    published: Published,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def fake_pdf(doc: Any) -> bytes:  # what the PDF would say, without the PDF engine
        return repr(getattr(doc, "contact", "")).encode()

    monkeypatch.setattr(documents, "render_pdf", fake_pdf)
    profile = published.primary
    assert DIRECTOR.encode() not in documents.document_pdf(profile, Kind.SUMMARY)
    documents.document_pdf(profile, Kind.FULL)
    stored = StoredDocument.objects.get(profile=profile, kind=Kind.SUMMARY)
    with django_capture_on_commit_callbacks(execute=True):
        choose_public_contact_person(profile.school, True, region.user("editor"))
    assert not stored.file.storage.exists(stored.file.name)
    # The adopted full profile stays as it was stored; the summary is made again.
    assert list(StoredDocument.objects.filter(profile=profile).values_list("kind", flat=True)) == [
        Kind.FULL
    ]
    profile.school.refresh_from_db()
    assert DIRECTOR.encode() in documents.document_pdf(profile, Kind.SUMMARY)


def test_only_the_schools_own_editors_choose(region: Region, published: Published) -> None:
    for persona in ("board", "mr", "swv_staff", "editor_other_school", "admin"):
        with pytest.raises(SchoolError):
            choose_public_contact_person(published.primary.school, True, region.user(persona))
    assert School.objects.get(pk=published.primary.school_id).shows_contact_person is False
