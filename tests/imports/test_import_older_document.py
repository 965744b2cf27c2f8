"""A school editor reads an older profile document into a concept: a preview per offer,
then one revision with the document kept as its source."""

from __future__ import annotations

import io
from typing import Any

from opensop.imports.models import ImportedForm
from opensop.profiles.models import Profile
from opensop.workflow import services as workflow
from tests.imports.document_maker import scan_pdf, seed_docx, seed_pdf, seed_text
from tests.imports.test_read_older_documents import ALTERED
from tests.web.conftest import Region, signed_in


def url(profile: Profile, suffix: str = "") -> str:
    return f"/profielen/{profile.pk}/document-inlezen/{suffix}"


def upload(client: Any, profile: Profile, data: bytes, name: str = "sop-2014.pdf") -> Any:
    file = io.BytesIO(data)
    file.name = name
    return client.post(url(profile), {"file": file})


def confirm(client: Any, profile: Profile, page: Any, **extra: Any) -> Any:
    data = {"token": page.context["token"], "revision": page.context["preview"].base_revision}
    return client.post(url(profile, "bevestigen/"), {**data, **extra})


def test_the_seed_document_becomes_one_revision_with_every_offer(
    region: Region, secondary_concept: Profile
) -> None:
    client = signed_in(region, "editor")
    page = upload(client, secondary_concept, seed_pdf())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Er is nog niets opgeslagen" in html
    assert "Overgenomen uit de lijst van het samenwerkingsverband: 63" in html
    assert "in ontwikkeling" in html
    assert "deels" in html
    secondary_concept.refresh_from_db()
    assert secondary_concept.answers == {}
    response = confirm(client, secondary_concept, page)
    assert response.status_code == 302
    secondary_concept.refresh_from_db()
    answers = secondary_concept.answers
    assert answers["aanbod_toegankelijkheid"]["offers"] == {
        "rolstoeltoegankelijkheid": "deels",
        "lift": "deels",
    }
    assert answers["aanbod_programmas"]["offers"]["faalangstexamen"] == "in_ontwikkeling"
    assert sum(len(a["offers"]) for a in answers.values() if isinstance(a, dict)) == 63
    assert secondary_concept.revision == 1
    source = ImportedForm.objects.get()
    assert (source.kind, source.original_name, source.answers_taken) == (
        "document",
        "sop-2014.pdf",
        9,
    )
    assert source.file.name.endswith(".pdf")


def test_unsure_offers_are_own_unless_the_editor_accepts_them(
    region: Region, secondary_concept: Profile
) -> None:
    client = signed_in(region, "editor")
    page = upload(client, secondary_concept, ALTERED.encode(), name="veiligheid.txt")
    html = page.content.decode()
    assert "Onzeker: is dit dezelfde voorziening?" in html
    assert "eigen aanbod" in html
    unsure = page.context["unsure"][0]
    confirm(client, secondary_concept, page, accept=[unsure.ref])
    secondary_concept.refresh_from_db()
    answer = secondary_concept.answers["aanbod_veiligheid"]
    assert answer["offers"]["vertrouwenspersoon_medewerkers"] == "deels"
    assert answer["own"] == [
        {"label": "een klimaatteam van leerlingen", "state": "in_ontwikkeling"}
    ]


def test_existing_offers_stay_unless_the_editor_chooses_the_document(
    region: Region, secondary_concept: Profile
) -> None:
    editor = region.user("editor")
    mine = {"aanbod_veiligheid": {"offers": {"cameratoezicht": "niet"}, "own": []}}
    profile = workflow.save_answers(secondary_concept, editor, mine, secondary_concept.revision)
    client = signed_in(region, "editor")
    page = upload(client, profile, seed_text().encode())
    assert "Dit aanbod staat al in het profiel" in page.content.decode()
    confirm(client, profile, page)
    profile.refresh_from_db()
    assert profile.answers["aanbod_veiligheid"] == mine["aanbod_veiligheid"]
    assert profile.answers["aanbod_medisch"]["offers"]  # the other themes came in


def test_a_word_document_imports_like_the_pdf(region: Region, secondary_concept: Profile) -> None:
    client = signed_in(region, "editor")
    page = upload(client, secondary_concept, seed_docx(), name="sop 2014.docx")
    assert page.status_code == 200
    assert "Overgenomen uit de lijst van het samenwerkingsverband: 63" in page.content.decode()
    assert confirm(client, secondary_concept, page).status_code == 302
    secondary_concept.refresh_from_db()
    assert secondary_concept.answers["aanbod_toegankelijkheid"]["offers"] == {
        "rolstoeltoegankelijkheid": "deels",
        "lift": "deels",
    }
    source = ImportedForm.objects.get()
    assert source.file.name.endswith("sop-2014.docx")
    with source.file.open("rb") as stored:
        assert stored.read() == seed_docx()


def test_a_broken_word_document_is_refused_and_nothing_is_stored(
    region: Region, secondary_concept: Profile
) -> None:
    client = signed_in(region, "editor")
    page = upload(client, secondary_concept, seed_docx()[:4000], name="kapot.docx")
    assert page.status_code == 400
    assert "Dit Word-bestand is beschadigd of onvolledig" in page.content.decode()
    secondary_concept.refresh_from_db()
    assert secondary_concept.revision == 0
    assert not ImportedForm.objects.exists()


def test_a_scan_is_refused_plainly_and_nothing_is_stored(
    region: Region, secondary_concept: Profile
) -> None:
    client = signed_in(region, "editor")
    page = upload(client, secondary_concept, scan_pdf())
    assert page.status_code == 400
    assert "Dit is een scan zonder tekstlaag" in page.content.decode()
    secondary_concept.refresh_from_db()
    assert secondary_concept.revision == 0
    assert not ImportedForm.objects.exists()


def test_a_document_of_another_format_is_refused(
    region: Region, secondary_concept: Profile
) -> None:
    client = signed_in(region, "editor")
    page = upload(client, secondary_concept, b"Jaarverslag 2024\nWe hebben veel gedaan.\n")
    assert page.status_code == 400
    assert "geen enkel thema van het formaat" in page.content.decode()


def test_a_stale_preview_saves_nothing(region: Region, secondary_concept: Profile) -> None:
    client = signed_in(region, "editor")
    page = upload(client, secondary_concept, seed_text().encode(), name="sop.txt")
    # Saved in between, e.g. in another tab: the preview no longer holds.
    workflow.save_answers(secondary_concept, region.user("editor"), {"school_naam": "X"}, 0)
    response = confirm(client, secondary_concept, page)
    assert response.status_code == 302
    secondary_concept.refresh_from_db()
    assert secondary_concept.answers == {"school_naam": "X"}
    assert not ImportedForm.objects.exists()
