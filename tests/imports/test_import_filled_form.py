"""A school editor reads a filled PDF form into a concept: a preview, then one revision."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.storage import default_storage

from opensop.imports import form_services
from opensop.imports.models import ImportedForm
from opensop.profiles.models import Profile
from opensop.workflow import services as workflow
from tests.imports.pdf_maker import filled_form
from tests.imports.test_read_filled_forms import example, seed_form
from tests.web.conftest import PERSONAS, Region, signed_in


def url(profile: Profile, suffix: str = "") -> str:
    return f"/profielen/{profile.pk}/importeren/{suffix}"


def upload(client: Any, profile: Profile, data: bytes, name: str = "sop-2025.pdf") -> Any:
    file = io.BytesIO(data)
    file.name = name
    return client.post(url(profile), {"file": file})


def confirm(client: Any, profile: Profile, page: Any, **extra: Any) -> Any:
    data = {"token": page.context["token"], "revision": page.context["preview"].base_revision}
    return client.post(url(profile, "bevestigen/"), {**data, **extra})


def test_the_seed_form_becomes_one_revision_with_the_file_as_source(
    region: Region, empty_concept: Profile
) -> None:
    client = signed_in(region, "editor")
    pdf = seed_form()
    page = upload(client, empty_concept, pdf)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Er is nog niets opgeslagen" in html
    assert "PO 3106 Heerlen eo" in html
    assert "overgenomen" in html
    assert "niet over te nemen" in html
    assert "vragen blijven leeg" in html
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {}
    response = confirm(client, empty_concept, page)
    assert response.status_code == 302
    empty_concept.refresh_from_db()
    expected = example()
    for key in ("samenwerkingsverband", "onderwijsconcept", "onderwijsconcept_kern", "school_naam"):
        assert empty_concept.answers[key] == expected[key]
    assert empty_concept.revision == 1
    assert empty_concept.revisions.get().author == region.user("editor")
    source = ImportedForm.objects.get()
    assert (source.profile, source.revision, source.original_name) == (
        empty_concept,
        1,
        "sop-2025.pdf",
    )
    with source.file.open("rb") as stored:
        assert stored.read() == pdf
    assert "antwoorden overgenomen (revisie 1)" in client.get(response["Location"]).content.decode()


def test_a_conflict_keeps_the_answer_unless_the_user_chooses_the_form(
    region: Region, empty_concept: Profile
) -> None:
    editor = region.user("editor")
    profile = workflow.save_answers(
        empty_concept, editor, {"school_naam": "Oud", "directeur": "X"}, 0
    )
    client = signed_in(region, "editor")
    pdf = filled_form({"School": "Nieuw", "Directeur": "Y", "Bestuur": "Stichting Z"})
    page = upload(client, profile, pdf)
    html = page.content.decode()
    assert "conflict met bestaand antwoord" in html
    assert 'name="overwrite" value="school_naam"' in html
    confirm(client, profile, page, overwrite=["school_naam"])
    profile.refresh_from_db()
    assert profile.answers == {"school_naam": "Nieuw", "directeur": "X", "bestuur": "Stichting Z"}


def test_a_save_in_between_refuses_the_import(
    region: Region, empty_concept: Profile, colleague: Any
) -> None:
    client = signed_in(region, "editor")
    page = upload(client, empty_concept, filled_form({"School": "Nieuw"}))
    workflow.save_answers(empty_concept, colleague, {"school_naam": "Van collega"}, 0)
    response = confirm(client, empty_concept, page)
    assert response.status_code == 302
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {"school_naam": "Van collega"}
    assert not ImportedForm.objects.exists()
    assert "de voorvertoning klopt niet meer" in client.get(response["Location"]).content.decode()


def test_a_form_of_another_school_year_becomes_a_new_profile(
    region: Region, concept: Profile
) -> None:
    client = signed_in(region, "editor")
    page = upload(
        client, concept, filled_form({"Schooljaar": "2026-2027", "Directeur": "mw. B. Nieuw"})
    )
    assert "Er komt een nieuw profiel voor 2026-2027" in page.content.decode()
    confirm(client, concept, page)
    new = Profile.objects.get(school=concept.school, school_year="2026-2027")
    assert new.answers["directeur"] == "mw. B. Nieuw"
    assert new.answers["school_naam"] == concept.answers["school_naam"]  # carried over
    assert ImportedForm.objects.get().profile == new


def test_an_error_halfway_leaves_no_revision_and_no_file(
    region: Region, empty_concept: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_save(self: Any, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(ImportedForm, "save", broken_save)
    with pytest.raises(RuntimeError):
        form_services.import_form(
            empty_concept, region.user("editor"), seed_form(), "x.pdf", base_revision=0
        )
    empty_concept.refresh_from_db()
    assert empty_concept.answers == {}
    assert not empty_concept.revisions.exists()
    folder = "imports/formulieren"
    assert not default_storage.exists(folder) or all(
        not files
        for _, files in [
            default_storage.listdir(f"{folder}/{year}")
            for year in default_storage.listdir(folder)[0]
        ]
    )


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"editor"}))
def test_only_the_schools_editor_imports(region: Region, concept: Profile, persona: str) -> None:
    response = upload(signed_in(region, persona), concept, seed_form())
    assert response.status_code in (302, 403, 404)
    with pytest.raises(form_services.FormImportRefusedError):
        form_services.preview_form(concept, region.user(persona), seed_form())


def test_the_profile_page_links_to_the_import(region: Region, empty_concept: Profile) -> None:
    html = signed_in(region, "editor").get(f"/profielen/{empty_concept.pk}/").content.decode()
    assert url(empty_concept) in html
