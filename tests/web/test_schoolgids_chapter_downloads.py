"""The chapter for the schoolgids on the profile page: for whoever may read an adopted or
published profile (public once published), never for a profile one may not read, and not
yet for a concept. The SWV's staff keep the steunpunt's contact details it shows."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document

from opensop.organisations.models import Swv
from opensop.profiles.models import Profile, State
from tests.web.conftest import PERSONAS, Region, signed_in

READERS_OF_ADOPTED = {"editor", "mr", "board", "swv_staff", "inspectorate", "admin"}
URLS = ["schoolgids/", "schoolgids.docx", "schoolgids.pdf"]


def _adopt(profile: Profile, state: State) -> Profile:
    Profile.objects.filter(pk=profile.pk).update(
        state=state, adopted_on=datetime.date(2026, 2, 3), advice_date=datetime.date(2026, 1, 20)
    )
    profile.refresh_from_db()
    return profile


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_downloads_the_chapter_of_an_adopted_profile(
    region: Region, concept: Profile, persona: str
) -> None:
    adopted = _adopt(concept, State.ADOPTED)
    client = signed_in(region, persona)
    expected = 200 if persona in READERS_OF_ADOPTED else 404
    for suffix in URLS[:2]:  # the PDF costs a second; the rule is the same (the matrix checks it)
        assert client.get(f"/profielen/{adopted.pk}/{suffix}").status_code == expected
    page = client.get(f"/profielen/{adopted.pk}/")
    if persona in READERS_OF_ADOPTED:
        assert "Hoofdstuk ondersteuning voor de schoolgids" in page.content.decode()


def test_a_published_chapter_is_public_in_every_form(region: Region, concept: Profile) -> None:
    published = _adopt(concept, State.PUBLISHED)
    client = signed_in(region, "anonymous")
    page = client.get(f"/profielen/{published.pk}/schoolgids/")
    assert page.status_code == 200
    assert "<h1>Ondersteuning voor leerlingen op De Verscheidenheid</h1>" in page.content.decode()
    word = client.get(f"/profielen/{published.pk}/schoolgids.docx")
    assert word["Content-Disposition"].startswith("attachment;")
    assert word["Content-Disposition"].endswith('schoolgids-ondersteuning-2025-2026.docx"')
    headings = [
        p.text for p in Document(io.BytesIO(word.content)).paragraphs if p.style.name == "Heading 2"
    ]
    assert headings[-1] == "Hulp en advies voor ouders"
    pdf = client.get(f"/profielen/{published.pk}/schoolgids.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_concept_has_no_chapter_yet(region: Region, concept: Profile) -> None:
    editor = signed_in(region, "editor")
    assert editor.get(f"/profielen/{concept.pk}/schoolgids/").status_code == 403
    assert (
        signed_in(region, "anonymous").get(f"/profielen/{concept.pk}/schoolgids/").status_code
        == 404
    )
    page = editor.get(f"/profielen/{concept.pk}/").content.decode()
    assert "Het hoofdstuk voor de schoolgids komt er zodra het bestuur" in page


def test_swv_staff_keep_the_steunpunt_that_every_chapter_names(
    region: Region, concept: Profile
) -> None:
    staff = signed_in(region, "swv_staff")
    url = f"/swv/{region.school.swv_id}/steunpunt/"
    assert staff.get(url).status_code == 200
    details = {
        "parent_help_name": "Ouder- en jeugdsteunpunt Heerlen",
        "parent_help_phone": "045 000 11 22",
        "parent_help_email": "steunpunt@example.nl",
        "parent_help_website": "steunpunt.example.nl",
        "parent_help_text": "Onafhankelijk advies over passend onderwijs.",
    }
    assert staff.post(url, details).status_code == 302
    swv = Swv.objects.get(pk=region.school.swv_id)
    assert swv.parent_help_website == "https://steunpunt.example.nl"
    adopted = _adopt(concept, State.ADOPTED)
    chapter = signed_in(region, "mr").get(f"/profielen/{adopted.pk}/schoolgids/").content.decode()
    for value in ("Ouder- en jeugdsteunpunt Heerlen", "045 000 11 22", "steunpunt@example.nl"):
        assert value in chapter


def test_a_bad_e_mail_address_is_refused_and_nothing_is_saved(region: Region) -> None:
    staff = signed_in(region, "swv_staff")
    response = staff.post(
        f"/swv/{region.school.swv_id}/steunpunt/",
        {"parent_help_name": "Steunpunt", "parent_help_email": "geen-adres"},
    )
    assert response.status_code == 400
    assert "E-mail steunpunt" in response.content.decode()
    assert Swv.objects.get(pk=region.school.swv_id).parent_help_name == ""
